"""A side's score counts each person once: their latest visible rating (record/counting.py)."""

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
from reviewdesk.record.reveal import side_view

AT = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
CLIENTS = ["Ana", "Cem"]


def _at(minutes: int) -> dt.datetime:
    return AT + dt.timedelta(minutes=minutes)


def _meeting(rounds: list[RatingRound], ratings: list[PersonRating]) -> tuple[Meeting, Question]:
    q = Question("q1", "Open?", ratings=ratings)
    m = Meeting(Partnership("A", "B"), "Q4", AT.date(), sections=[Section("trust", "Trust")])
    m.sections[0].questions.append(q)
    m.rounds = rounds
    m.mark_ratings()
    return m, q


def _round(start: int, *, anonymous: bool = False, revealed: int | None = None) -> RatingRound:
    rnd = RatingRound("trust", list(CLIENTS), _at(start), anonymous=anonymous)
    if revealed is not None:
        rnd.revealed_at = _at(revealed)
    return rnd


def _named(person: str, value: int, minute: int, rnd: int | None = None) -> PersonRating:
    return PersonRating("client", value, _at(minute), person=person, round=rnd)


def _anonymous(value: int, minute: int, rnd: int) -> PersonRating:
    return PersonRating("client", value, _at(minute), round=rnd)


def _figures(q: Question) -> tuple[float, int, int, int]:
    s = q.score("client")
    assert s is not None
    return s.mean, s.raters, s.low, s.high


def test_two_named_rounds_count_each_person_once_with_the_latest():
    rounds = [_round(0, revealed=5), _round(10, revealed=15)]
    ratings = [_named("Ana", 2, 1, 0), _named("Cem", 4, 2, 0)]
    ratings += [_named("Ana", 4, 11, 1), _named("Cem", 4, 12, 1)]
    _m, q = _meeting(rounds, ratings)
    assert _figures(q) == (4.0, 2, 4, 4)  # not (3.5, 4, 2, 4)
    assert q.split_sides == []  # the second round removed the split view
    view = side_view(q, "client")
    assert view.people == (("Ana", 4), ("Cem", 4)) and not view.split


def test_a_person_who_rated_only_once_keeps_that_rating():
    rounds = [_round(0, revealed=5), _round(10, revealed=15)]
    ratings = [_named("Ana", 2, 1, 0), _named("Cem", 4, 2, 0), _named("Ana", 5, 11, 1)]
    _m, q = _meeting(rounds, ratings)
    assert _figures(q) == (4.5, 2, 4, 5)


def test_an_open_rating_after_a_round_replaces_the_round_rating():
    rounds = [_round(0, revealed=5)]
    ratings = [_named("Ana", 2, 1, 0), _named("Cem", 4, 2, 0), _named("Ana", 4, 20)]
    _m, q = _meeting(rounds, ratings)
    assert _figures(q) == (4.0, 2, 4, 4)


def test_a_round_after_an_open_rating_replaces_it():
    rounds = [_round(10, revealed=15)]
    ratings = [_named("Ana", 5, 1), _named("Ana", 2, 11, 0), _named("Cem", 4, 12, 0)]
    _m, q = _meeting(rounds, ratings)
    assert _figures(q) == (3.0, 2, 2, 4)


def test_a_named_rating_after_an_anonymous_round_drops_the_whole_block():
    rounds = [_round(0, anonymous=True, revealed=5), _round(10, revealed=15)]
    ratings = [_anonymous(1, 1, 0), _anonymous(3, 1, 0), _named("Ana", 5, 11, 1)]
    _m, q = _meeting(rounds, ratings)
    # Ana's 1 or 3 cannot be told from Cem's: the block goes, never a double count
    assert _figures(q) == (5.0, 1, 5, 5)


def test_an_anonymous_round_after_named_ratings_replaces_its_raters_ratings():
    rounds = [_round(0, revealed=5), _round(10, anonymous=True, revealed=15)]
    ratings = [_named("Ana", 5, 1, 0), _named("Cem", 5, 2, 0)]
    ratings += [_anonymous(1, 11, 1), _anonymous(3, 11, 1)]
    _m, q = _meeting(rounds, ratings)
    assert _figures(q) == (2.0, 2, 1, 3)


def test_an_anonymous_round_covers_only_its_own_raters():
    anonymous = _round(10, anonymous=True, revealed=15)
    anonymous.raters = ["Cem"]
    rounds = [_round(0, revealed=5), anonymous]
    ratings = [_named("Ana", 5, 1, 0), _named("Cem", 5, 2, 0), _anonymous(3, 11, 1)]
    _m, q = _meeting(rounds, ratings)
    assert _figures(q) == (4.0, 2, 3, 5)  # Ana's 5 and the anonymous 3 (Cem's)


def test_a_hidden_second_round_leaves_the_first_counting_until_the_reveal():
    rounds = [_round(0, revealed=5), _round(10)]
    ratings = [_named("Ana", 2, 1, 0), _named("Cem", 4, 2, 0)]
    ratings += [_named("Ana", 5, 11, 1), _named("Cem", 5, 12, 1)]
    m, q = _meeting(rounds, ratings)
    assert _figures(q) == (3.0, 2, 2, 4)
    m.rounds[1].revealed_at = _at(15)
    m.mark_ratings()
    assert _figures(q) == (5.0, 2, 5, 5)


def test_at_the_same_moment_the_later_round_wins_and_an_open_rating_wins_over_a_round():
    rounds = [_round(0, revealed=5), _round(0, revealed=5)]
    _m, q = _meeting(rounds, [_named("Ana", 2, 1, 0), _named("Ana", 4, 1, 1)])
    assert _figures(q) == (4.0, 1, 4, 4)
    _m, q = _meeting(rounds[:1], [_named("Ana", 5, 1), _named("Ana", 2, 1, 0)])
    assert _figures(q) == (5.0, 1, 5, 5)


def test_the_whole_side_rating_counts_where_no_person_rated_and_sides_are_apart():
    rounds = [_round(0, revealed=5)]
    ben = PersonRating("provider", 1, _at(30), person="Ben")
    _m, q = _meeting(rounds, [_named("Ana", 2, 1, 0), ben])
    q.client_rating, q.provider_rating = 5, 5
    assert _figures(q) == (2.0, 1, 2, 2)
    assert q.score("provider").mean == 1.0
    _m, q = _meeting([], [])
    q.client_rating = 5
    assert _figures(q) == (5.0, 0, 5, 5)
