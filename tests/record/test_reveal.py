"""What of people's ratings may be shown: hidden rounds never, small anonymous sides mean only."""

from __future__ import annotations

import datetime as dt

from reviewdesk.record.model import (
    Meeting,
    Partnership,
    PersonRating,
    Question,
    RatingRound,
    Section,
)
from reviewdesk.record.reveal import round_notes, shown_splits, side_view
from reviewdesk.record.wording import (
    rated_privately_text,
    rated_progress_text,
    score_text,
    side_score_text,
    split_text,
)

AT = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


def _meeting(anonymous: bool, values: dict[str, list[int]], revealed: bool = True) -> Meeting:
    rnd = RatingRound("trust", ["a", "b", "c", "d", "e"], AT, anonymous=anonymous)
    if revealed:
        rnd.revealed_at = AT + dt.timedelta(minutes=5)
    q = Question("q1", "Open?")
    for side, vs in values.items():
        for i, v in enumerate(vs):
            person = None if anonymous else f"{side}{i}"
            q.ratings.append(PersonRating(side, v, AT, person=person, round=0))
    m = Meeting(Partnership("A", "B"), "Q4", AT.date(), sections=[Section("trust", "Trust")])
    m.sections[0].questions.append(q)
    m.rounds.append(rnd)
    m.mark_ratings()
    return m


def test_a_named_side_shows_mean_count_spread_people_and_split():
    m = _meeting(False, {"client": [2, 4], "provider": [5, 5, 4]})
    q = m.sections[0].questions[0]
    client, provider = side_view(q, "client"), side_view(q, "provider")
    assert client.text() == "Client 3 (2 people, 2–4)" and client.split
    assert provider.text() == "Provider 4.7 (3 people, 4–5)" and not provider.split
    assert client.people == (("client0", 2), ("client1", 4))
    assert [(s.key, sides) for s, _q, sides in shown_splits(m)] == [("trust", ["client"])]
    (note,) = round_notes(m, "trust", q)
    assert note.people == 5
    assert (
        rated_privately_text(note.people, note.round.anonymous, note.round.revealed_at)
        == "Rated privately by 5 people, revealed at 10:05 UTC"
    )


def test_an_anonymous_side_of_fewer_than_three_shows_its_mean_only():
    m = _meeting(True, {"client": [1, 5], "provider": [2, 4, 5]})
    q = m.sections[0].questions[0]
    client, provider = side_view(q, "client"), side_view(q, "provider")
    assert client.mean_only and client.text() == "Client 3" and not client.split
    assert client.people == ()
    assert provider.text() == "Provider 3.7 (3 people, 2–5)" and provider.split
    assert provider.people == ()  # no names in an anonymous round
    assert [sides for _s, _q, sides in shown_splits(m)] == [["provider"]]


def test_a_hidden_round_shows_nothing_but_that_it_is_hidden():
    m = _meeting(False, {"client": [1, 5], "provider": [3]}, revealed=False)
    q = m.sections[0].questions[0]
    assert side_view(q, "client").score is None and side_view(q, "client").people == ()
    assert shown_splits(m) == []
    (note,) = round_notes(m, "trust", q)
    assert note.people == 0
    assert rated_privately_text(0, False, None) == "Rated privately: hidden until the reveal"


def test_words():
    assert score_text(None) == "–"
    m = _meeting(False, {"client": [4], "provider": []})
    score = m.sections[0].questions[0].score("client")
    assert score_text(score) == "4 (1 person)"
    assert side_score_text("client", score, mean_only=True) == "Client 4"
    assert split_text(["client", "provider"]) == "Split view: Client and Provider"
    assert rated_progress_text(1, 5) == "1 of 5 has rated"
    assert rated_progress_text(2, 5) == "2 of 5 have rated"
