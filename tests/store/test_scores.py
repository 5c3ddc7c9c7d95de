"""The store's side scores (history, summaries, trends: SQL over question_score) equal the
record's (Question.score): each person counted once, with their latest visible rating."""

from __future__ import annotations

import datetime as dt
import sqlite3
from statistics import fmean

import pytest
from factories import new_portfolio

from reviewdesk.record.exchange.meeting_format import meeting_to_doc, parse_meeting
from reviewdesk.record.model import RATED_SIDES, Participant
from reviewdesk.store.templates import default_agenda

PEOPLE = [
    Participant("Ana Reyes", "client"),
    Participant("Cem Aydın", "client"),
    Participant("Ben Cruz", "provider"),
    Participant("Dao Minh", "provider"),
]
CLIENTS = ["Ana Reyes", "Cem Aydın"]
AT = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
Q = ("trust", "transparency")


def _at(minutes: int) -> dt.datetime:
    return AT + dt.timedelta(minutes=minutes)


@pytest.fixture
def meeting(tmp_path):
    portfolio = new_portfolio(tmp_path)
    p = portfolio.add_partnership("Acme", "Nimbus")
    mid = portfolio.create_meeting(
        p.id, title="Q4", date=dt.date(2026, 11, 27), agenda=default_agenda(), participants=PEOPLE
    )
    yield portfolio, mid
    portfolio.close()


def _round(portfolio, mid, minute, values, *, anonymous=False, reveal=True, raters=None):
    """A round on trust started at ``minute``: each person's value, then (maybe) the reveal."""
    rid = portfolio.start_round(
        mid, "trust", raters or list(values), anonymous=anonymous, at=_at(minute)
    )
    for i, (person, value) in enumerate(values.items()):
        portfolio.give_rating(rid, person, *Q, value, at=_at(minute + 1 + i))
        portfolio.finish_rater(rid, person)
    if reveal:
        portfolio.reveal_round(rid, at=_at(minute + 9))
    return rid


def _record_figures(portfolio, mid):
    """(client, provider) of the question as the record scores it: (mean, raters, low, high)."""
    q = portfolio.meeting(mid).section(Q[0]).question(Q[1])
    out = []
    for side in RATED_SIDES:
        s = q.score(side)
        out.append(None if s is None else (s.mean, s.raters, s.low, s.high))
    return tuple(out)


def _agrees(portfolio, mid):
    """Every SQL figure of the meeting equals the record's: per question in the history, and
    the meeting's averages (of one partnership, and in the one pass over every meeting)."""
    m = portfolio.meeting(mid)
    record = {
        (s.key, q.key): (q.side_value("client"), q.side_value("provider"))
        for s in m.sections
        for q in s.questions
    }
    rows = portfolio.history(m.partnership.id).ratings
    assert {(r.section_key, r.question_key): (r.client, r.provider) for r in rows} == record
    for summary in (portfolio.meetings(m.partnership.id)[0], portfolio.meetings()[0]):
        for i, average in enumerate((summary.client_average, summary.provider_average)):
            values = [v[i] for v in record.values() if v[i] is not None]
            assert values or i == 1
            assert average == (pytest.approx(fmean(values)) if values else None)


def test_two_named_rounds_count_each_person_once(meeting):
    portfolio, mid = meeting
    _round(portfolio, mid, 0, {"Ana Reyes": 2, "Cem Aydın": 4})
    _round(portfolio, mid, 10, {"Ana Reyes": 4, "Cem Aydın": 4})
    client, _provider = _record_figures(portfolio, mid)
    assert client == (4.0, 2, 4, 4)  # was (3.0, 4, 2, 4): "4 people" and a split view
    _agrees(portfolio, mid)


def test_an_open_rating_after_a_round_replaces_the_round_rating(meeting):
    portfolio, mid = meeting
    _round(portfolio, mid, 0, {"Ana Reyes": 2, "Cem Aydın": 4})
    portfolio.rate_openly(mid, *Q, "Ana Reyes", 5, at=_at(30))
    assert _record_figures(portfolio, mid)[0] == (4.5, 2, 4, 5)
    _agrees(portfolio, mid)


def test_a_round_after_an_open_rating_replaces_it(meeting):
    portfolio, mid = meeting
    portfolio.rate_openly(mid, *Q, "Ana Reyes", 5, at=_at(0))
    portfolio.rate_openly(mid, *Q, "Ben Cruz", 1, at=_at(0))
    _round(portfolio, mid, 10, {"Ana Reyes": 2, "Cem Aydın": 4})
    assert _record_figures(portfolio, mid) == ((3.0, 2, 2, 4), (1.0, 1, 1, 1))
    _agrees(portfolio, mid)


def test_a_named_round_after_an_anonymous_one_drops_its_block(meeting):
    portfolio, mid = meeting
    _round(portfolio, mid, 0, {"Ana Reyes": 1, "Cem Aydın": 3}, anonymous=True)
    _round(portfolio, mid, 10, {"Ana Reyes": 5})
    assert _record_figures(portfolio, mid)[0] == (5.0, 1, 5, 5)
    _agrees(portfolio, mid)


def test_an_anonymous_round_after_named_ratings_replaces_its_raters(meeting):
    portfolio, mid = meeting
    _round(portfolio, mid, 0, {"Ana Reyes": 5, "Cem Aydın": 5, "Ben Cruz": 2})
    _round(portfolio, mid, 10, {"Cem Aydın": 1, "Dao Minh": 4}, anonymous=True)
    # Ana's and Ben's named ratings stay (no raters of the anonymous round); Cem's 5 gives way
    assert _record_figures(portfolio, mid) == ((3.0, 2, 1, 5), (3.0, 2, 2, 4))
    _agrees(portfolio, mid)


def test_a_hidden_second_round_leaves_the_first_counting_until_the_reveal(meeting):
    portfolio, mid = meeting
    _round(portfolio, mid, 0, {"Ana Reyes": 2, "Cem Aydın": 4})
    rid = _round(portfolio, mid, 10, {"Ana Reyes": 5, "Cem Aydın": 5}, reveal=False)
    assert _record_figures(portfolio, mid)[0] == (3.0, 2, 2, 4)
    _agrees(portfolio, mid)
    portfolio.reveal_round(rid, at=_at(20))
    assert _record_figures(portfolio, mid)[0] == (5.0, 2, 5, 5)
    _agrees(portfolio, mid)


def test_a_late_rater_of_an_anonymous_round_takes_their_earlier_rating_with_them(meeting):
    portfolio, mid = meeting
    portfolio.rate_openly(mid, *Q, "Cem Aydın", 5, at=_at(0))
    rid = _round(portfolio, mid, 10, {"Ana Reyes": 1}, anonymous=True)
    assert _record_figures(portfolio, mid)[0] == (3.0, 2, 1, 5)
    _agrees(portfolio, mid)
    portfolio.reopen_round_for(rid, "Cem Aydın")  # Cem joins: the block may be his now
    assert _record_figures(portfolio, mid)[0] == (1.0, 1, 1, 1)
    _agrees(portfolio, mid)


def test_an_imported_record_scores_as_the_one_it_came_from(meeting, tmp_path):
    portfolio, mid = meeting
    _round(portfolio, mid, 0, {"Ana Reyes": 2, "Cem Aydın": 4, "Ben Cruz": 1})
    _round(portfolio, mid, 10, {"Ana Reyes": 4}, anonymous=True)
    portfolio.rate_openly(mid, *Q, "Ben Cruz", 3, at=_at(30))
    figures = _record_figures(portfolio, mid)
    assert figures == ((4.0, 2, 4, 4), (3.0, 1, 3, 3))  # Cem 4, the block 4; Ben 3
    other = new_portfolio(tmp_path / "other")
    try:
        copy = other.import_meeting(parse_meeting(meeting_to_doc(portfolio.meeting(mid))))
        assert _record_figures(other, copy) == figures
        _agrees(other, copy)
    finally:
        other.close()


def test_the_file_keeps_every_rating(meeting):
    """Counting once is a rule of the score: no rating is dropped from the file or the dump."""
    portfolio, mid = meeting
    _round(portfolio, mid, 0, {"Ana Reyes": 2, "Cem Aydın": 4})
    _round(portfolio, mid, 10, {"Ana Reyes": 4, "Cem Aydın": 4})
    portfolio.rate_openly(mid, *Q, "Ana Reyes", 5, at=_at(30))
    conn = sqlite3.connect(portfolio.path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM person_rating").fetchone() == (5,)
    finally:
        conn.close()
    m = portfolio.meeting(mid)
    q = m.section(Q[0]).question(Q[1])
    assert len(q.ratings) == 5 and len(q.counted_ratings("client")) == 2
    (doc_q,) = [
        d for s in meeting_to_doc(m)["sections"] for d in s["questions"] if d["key"] == Q[1]
    ]
    assert len(doc_q["ratings"]) == 5  # the dump (and the fingerprint over it) keeps them all


def test_a_file_of_format_5_gets_its_scores_counted_again_on_opening(tmp_path):
    """Up to format 5 the kept means counted a person who rated twice twice: the upgrade to
    format 6 counts them again by the record's rule."""
    from reviewdesk.store import schema
    from reviewdesk.store.opening import open_portfolio

    portfolio = new_portfolio(tmp_path)
    p = portfolio.add_partnership("Acme", "Nimbus")
    mid = portfolio.create_meeting(
        p.id, title="Q4", date=dt.date(2026, 11, 27), agenda=default_agenda(), participants=PEOPLE
    )
    _round(portfolio, mid, 0, {"Ana Reyes": 2, "Cem Aydın": 4})
    _round(portfolio, mid, 10, {"Ana Reyes": 4, "Cem Aydın": 4})
    path = portfolio.path
    portfolio.close()
    conn = sqlite3.connect(path)  # as format 5 left it: all four ratings in the mean
    conn.execute("UPDATE question_score SET client = 3.5")
    for trigger in ("ai", "ad", "au"):  # format 8's owners' index and actions' index
        conn.execute(f"DROP TRIGGER action_state_owner_{trigger}")
    conn.execute("DROP TABLE action_state_owner_fts")
    conn.execute("DROP INDEX action_state_meeting_position")
    conn.execute("CREATE INDEX action_state_meeting ON action_state (meeting_id)")
    conn.execute("ALTER TABLE section DROP COLUMN seconds_spent")  # format 7's column
    conn.execute(f"PRAGMA user_version = {schema.SCORES_ONCE_PER_PERSON - 1}")
    conn.commit()
    conn.close()
    with open_portfolio(path) as again:
        assert again.meetings(p.id)[0].client_average == pytest.approx(4.0)
        assert _record_figures(again, mid)[0] == (4.0, 2, 4, 4)
        _agrees(again, mid)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (schema.current_version(),)
    finally:
        conn.close()
