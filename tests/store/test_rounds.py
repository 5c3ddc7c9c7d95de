"""Private rating rounds in the file: per-person ratings, anonymous ones, the reveal."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from factories import new_portfolio

from reviewdesk.record.errors import InvalidValue, MeetingLocked
from reviewdesk.record.model import Participant, Signature
from reviewdesk.store.templates import default_agenda

PEOPLE = [
    Participant("Ana Reyes", "client", "Operations lead"),
    Participant("Cem Aydın", "client", "Finance lead"),
    Participant("Ben Cruz", "provider", "Account manager"),
    Participant("Dao Minh", "provider", "Data entry supervisor"),
    Participant("Eli Sá", "provider", "Team lead"),
    Participant("Fay Lim", "facilitator"),
]
AT = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def meeting(tmp_path):
    portfolio = new_portfolio(tmp_path)
    p = portfolio.add_partnership("Acme", "Nimbus")
    mid = portfolio.create_meeting(
        p.id, title="Q4", date=dt.date(2026, 11, 27), agenda=default_agenda(), participants=PEOPLE
    )
    yield portfolio, mid
    portfolio.close()


def _rate_all(portfolio, rid, values):
    for person, value in values.items():
        portfolio.give_rating(rid, person, "trust", "transparency", value)
        portfolio.finish_rater(rid, person)


def test_a_named_round_is_hidden_until_the_reveal(meeting):
    portfolio, mid = meeting
    raters = ["Ana Reyes", "Cem Aydın", "Ben Cruz", "Dao Minh", "Eli Sá"]
    rid = portfolio.start_round(mid, "trust", raters, at=AT)
    _rate_all(portfolio, rid, dict(zip(raters, [2, 4, 5, 5, 4], strict=True)))
    q = portfolio.meeting(mid).section("trust").question("transparency")
    assert len(q.ratings) == 5 and all(r.hidden for r in q.ratings)
    assert q.score("client") is None and q.score("provider") is None and q.gap is None
    assert portfolio.meetings(portfolio.partnerships()[0].id)[0].client_average is None
    portfolio.reveal_round(rid, at=AT + dt.timedelta(minutes=5))
    m = portfolio.meeting(mid)
    q = m.section("trust").question("transparency")
    client, provider = q.score("client"), q.score("provider")
    assert (client.mean, client.raters, client.low, client.high) == (3.0, 2, 2, 4)
    assert (round(provider.mean, 3), provider.raters, provider.low, provider.high) == (
        4.667,
        3,
        4,
        5,
    )
    assert q.split_sides == ["client"]  # 2 and 4: two people of one side 2 apart
    assert q.gap == pytest.approx(5 / 3) and not q.has_gap
    summary = portfolio.meetings(m.partnership.id)[0]
    assert summary.client_average == pytest.approx(3.0)
    history = portfolio.history(m.partnership.id)
    row = next(r for r in history.ratings if r.question_key == "transparency")
    assert (row.client, round(row.provider, 3)) == (3.0, 4.667)


def test_an_anonymous_round_never_stores_a_name_with_a_value(meeting):
    portfolio, mid = meeting
    raters = ["Ana Reyes", "Cem Aydın", "Ben Cruz"]
    rid = portfolio.start_round(mid, "trust", raters, anonymous=True, at=AT)
    tokens = {}
    for person, value in zip(raters, [1, 3, 5], strict=True):
        tokens[person] = portfolio.give_rating(rid, person, "trust", "transparency", value)
    # a change of mind during one's own turn replaces the value, still without the name
    portfolio.give_rating(rid, "Cem Aydın", "trust", "transparency", 2, token=tokens["Cem Aydın"])
    conn = sqlite3.connect(portfolio.path)
    names = {p.name for p in PEOPLE}
    for table in ("anonymous_rating",):
        for row in conn.execute(f"SELECT * FROM {table}"):
            assert not any(isinstance(v, str) and v in names for v in row)
    assert sorted(r[0] for r in conn.execute("SELECT value FROM anonymous_rating")) == [1, 2, 5]
    assert conn.execute("SELECT COUNT(*) FROM person_rating").fetchone() == (0,)
    conn.close()
    assert portfolio.answered_in_round(rid, "Cem Aydın") == {("trust", "transparency")}
    portfolio.reveal_round(rid)
    q = portfolio.meeting(mid).section("trust").question("transparency")
    assert all(r.person is None for r in q.ratings)
    assert q.score("client").mean == 1.5 and q.score("client").split is False
    assert q.score("provider").raters == 1


def test_the_round_refuses_what_it_should(meeting):
    portfolio, mid = meeting
    with pytest.raises(InvalidValue, match="Fay Lim"):
        portfolio.start_round(mid, "trust", ["Fay Lim"])  # the facilitator does not rate
    rid = portfolio.start_round(mid, "trust", ["Ana Reyes"])
    with pytest.raises(InvalidValue, match="still open"):
        portfolio.start_round(mid, "", ["Ben Cruz"])
    with pytest.raises(InvalidValue, match="not a rater"):
        portfolio.give_rating(rid, "Ben Cruz", "trust", "transparency", 3)
    with pytest.raises(InvalidValue, match="covers"):
        portfolio.give_rating(rid, "Ana Reyes", "teamwork", "balance", 3)
    with pytest.raises(InvalidValue, match="between 1 and 5"):
        portfolio.give_rating(rid, "Ana Reyes", "trust", "transparency", 6)
    portfolio.reveal_round(rid)
    with pytest.raises(InvalidValue, match="already revealed"):
        portfolio.reveal_round(rid)


def test_a_late_person_rates_a_revealed_round(meeting):
    portfolio, mid = meeting
    rid = portfolio.start_round(mid, "trust", ["Ana Reyes", "Ben Cruz"])
    _rate_all(portfolio, rid, {"Ana Reyes": 4, "Ben Cruz": 2})
    portfolio.reveal_round(rid)
    portfolio.reopen_round_for(rid, "Cem Aydın")
    portfolio.give_rating(rid, "Cem Aydın", "trust", "transparency", 2)
    portfolio.finish_rater(rid, "Cem Aydın")
    q = portfolio.meeting(mid).section("trust").question("transparency")
    assert q.score("client").mean == 3.0 and q.score("client").raters == 2
    with pytest.raises(InvalidValue, match="finished"):
        portfolio.give_rating(rid, "Cem Aydın", "trust", "transparency", 5)


def test_a_whole_side_rating_counts_where_no_person_rated(meeting):
    portfolio, mid = meeting
    portfolio.set_rating(mid, "trust", "transparency", "client", 4)
    portfolio.rate_openly(mid, "trust", "transparency", "Ben Cruz", 1)
    q = portfolio.meeting(mid).section("trust").question("transparency")
    assert q.score("client").raters == 0 and q.score("client").mean == 4
    assert q.score("provider").raters == 1 and q.gap == 3 and q.has_gap


def test_a_signed_off_meeting_takes_no_rating(meeting):
    portfolio, mid = meeting
    rid = portfolio.start_round(mid, "trust", ["Ana Reyes"])
    portfolio.sign_off(
        mid, [Signature("Ana Reyes", "client", AT), Signature("Ben Cruz", "provider", AT)]
    )
    with pytest.raises(MeetingLocked):
        portfolio.give_rating(rid, "Ana Reyes", "trust", "transparency", 3)
