"""Which of a question's people's ratings count in a side's score: each person once, latest first.

A person may rate a question more than once: in two private rounds on the same section, or in
a round and openly. A side's score is the mean of its *people's* ratings, so each person counts
once. For one question and one side:

- each visible rating is an *entry* with a time and the people it covers: a named rating (in a
  named round, revealed, or given openly) covers its person; an anonymous round's values are
  ONE entry (they cannot be told apart), at the time of its latest value, covering the round's
  raters (the record does not say which of them answered the question, so it may stand for any
  of them; a round with no raters listed stands for everyone);
- going from the latest entry to the earliest, an entry counts only if none of the people it
  covers is already covered by a later counted entry.

So a person's latest rating wins, and a later rating by any rater of an anonymous round drops
that round's whole block (never a double count). Ratings of a round not revealed yet are not
visible: they never count, and an earlier visible rating counts until the reveal. At the same
moment a later round is later, and a rating given openly is later than any round's.

The store computes its scores (``question_score``) with this function too: one rule, one home.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import namedtuple
from collections.abc import Iterable
from typing import Protocol, TypeVar


class Rated(Protocol):
    """What the rule reads of a rating (model.PersonRating; kept apart so model can use it)."""

    side: str
    value: int
    given_at: dt.datetime
    person: str | None
    round: int | None
    hidden: bool
    round_raters: frozenset[str]


R = TypeVar("R", bound=Rated)
_Key = tuple[dt.datetime, float]


def _key(r: Rated) -> _Key:
    """When a rating was given, for ordering: its instant, then its round (open ratings last)."""
    moment = r.given_at if r.given_at.tzinfo is not None else r.given_at.replace(tzinfo=dt.UTC)
    return moment, math.inf if r.round is None else float(r.round)


# (key: _Key, covers: frozenset[str] | None, ratings: tuple[Rated, ...]); covers None: everyone
# (an anonymous round without raters). A namedtuple: the cheapest to make at every start.
_Entry = namedtuple("_Entry", ("key", "covers", "ratings"))


def _entries(ratings: Iterable[Rated], side: str) -> list[_Entry]:
    entries: list[_Entry] = []
    blocks: dict[int | None, list[Rated]] = {}
    for r in ratings:
        if r.hidden or r.side != side:
            continue
        if r.person is None:
            blocks.setdefault(r.round, []).append(r)
        else:
            entries.append(_Entry(_key(r), frozenset({r.person}), (r,)))
    for values in blocks.values():
        raters = values[0].round_raters
        entries.append(_Entry(max(map(_key, values)), raters or None, tuple(values)))
    return entries


def counted_ratings(ratings: Iterable[R], side: str) -> list[R]:
    """The side's visible ratings that count in its score (each person once), in their order."""
    ratings = list(ratings)
    counted: set[int] = set()
    covered: set[str] = set()
    everyone = False
    for entry in sorted(_entries(ratings, side), key=lambda e: e.key, reverse=True):
        if everyone:
            break
        if entry.covers is None:
            if counted:
                continue
            everyone = True
        elif covered & entry.covers:
            continue
        else:
            covered |= entry.covers
        counted.update(id(r) for r in entry.ratings)
    return [r for r in ratings if id(r) in counted]
