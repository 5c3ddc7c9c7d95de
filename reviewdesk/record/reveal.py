"""What of a question's people's ratings may be shown, in the window and the minutes alike.

Hidden ratings (of a round not revealed yet) never count and are never listed: the model
leaves them out of every score. A person who rated twice counts (and is listed) once, with
their latest rating (record/counting.py). On top of that, a side whose counted ratings came
from an anonymous round and that has fewer than ``MIN_ANONYMOUS_DETAIL`` raters shows its mean
only — no count, no lowest–highest and no split-view flag, which would give away the values.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewdesk.record.model import (
    RATED_SIDES,
    Meeting,
    Question,
    RatingRound,
    Section,
    SideScore,
)
from reviewdesk.record.wording import side_score_text

MIN_ANONYMOUS_DETAIL = 3


@dataclass(frozen=True)
class SideView:
    """One side's score of a question as it may be shown."""

    side: str
    score: SideScore | None
    mean_only: bool  # anonymous ratings from fewer than MIN_ANONYMOUS_DETAIL people
    people: tuple[tuple[str, int], ...]  # named ratings (name, value) by name; () if mean_only

    @property
    def split(self) -> bool:
        """Two people of the side rated 2 or more apart, and that may be said."""
        s = self.score
        return not self.mean_only and s is not None and s.raters >= 2 and s.split

    @property
    def by_people(self) -> bool:
        """The score is the mean of people's ratings (not a whole-side rating)."""
        return self.score is not None and self.score.raters > 0

    def text(self) -> str:
        """'Client 3 (2 people, 2–4)', or 'Client 3' where only the mean may be shown."""
        return side_score_text(self.side, self.score, mean_only=self.mean_only)


def side_view(question: Question, side: str) -> SideView:
    """The side's score and the people's ratings it is the mean of (each person once)."""
    counted = question.counted_ratings(side)
    anonymous = any(r.person is None for r in counted)
    mean_only = anonymous and len(counted) < MIN_ANONYMOUS_DETAIL
    named = sorted((r.person, r.value) for r in counted if r.person)  # by name: deterministic
    people = () if mean_only else tuple(named)
    return SideView(side, question.score(side), mean_only, people)


def side_views(question: Question) -> list[SideView]:
    """The client's and the provider's view, in that order."""
    return [side_view(question, side) for side in RATED_SIDES]


def split_sides(question: Question) -> list[str]:
    """The sides whose split view may be shown."""
    return [v.side for v in side_views(question) if v.split]


def shown_splits(meeting: Meeting) -> list[tuple[Section, Question, list[str]]]:
    """Every question with a split view that may be shown, with its sides."""
    out = []
    for s in meeting.sections:
        for q in s.questions:
            sides = split_sides(q)
            if sides:
                out.append((s, q, sides))
    return out


def has_people(question: Question) -> bool:
    """Some person's rating of the question may be shown."""
    return bool(question.visible_ratings())


@dataclass(frozen=True)
class RoundNote:
    """A revealed round that rated a question (or the open one that covers it)."""

    round: RatingRound
    people: int  # ratings of the question in the round (one per person); 0 while hidden


def round_notes(meeting: Meeting, section_key: str, question: Question) -> list[RoundNote]:
    """The rounds that rated ``question``: revealed ones with how many rated it, then the
    open round that covers its section (which says only that its ratings are hidden)."""
    counts: dict[int, int] = {}
    for r in question.ratings:
        if r.round is not None and not r.hidden:
            counts[r.round] = counts.get(r.round, 0) + 1
    notes = [RoundNote(meeting.rounds[i], n) for i, n in sorted(counts.items())]
    found = meeting.open_round()
    if found is not None and found[1].covers(section_key):
        notes.append(RoundNote(found[1], 0))
    return notes


def round_raters(meeting: Meeting, rnd: RatingRound) -> int:
    """How many people gave a rating in a revealed round (0 while it is hidden): the named
    raters, or for an anonymous round the most ratings any one question got."""
    index = next((i for i, r in enumerate(meeting.rounds) if r is rnd), None)
    if index is None or not rnd.revealed:
        return 0
    names: set[str] = set()
    most = 0
    for s in meeting.sections:
        for q in s.questions:
            mine = [r for r in q.ratings if r.round == index]
            names.update(r.person for r in mine if r.person)
            most = max(most, len(mine))
    return most if rnd.anonymous else len(names)
