"""The meeting record: plain dataclasses shared by every layer."""

from __future__ import annotations

import datetime as dt
from dataclasses import field, replace

from reviewdesk.record.counting import counted_ratings
from reviewdesk.record.datatype import datatype
from reviewdesk.record.scorecard import Measure, RegisterEntry

SIDES = ("client", "provider", "facilitator")
OWNER_SIDES = ("client", "provider", "joint")
GOAL_STATUSES = ("on_track", "at_risk", "off_track", "done", "dropped")
ACTIVE_GOAL_STATUSES = ("on_track", "at_risk", "off_track")
ACTION_STATUSES = ("open", "done", "cancelled")
MEETING_STATUSES = ("draft", "in_progress", "signed_off")
RATING_MIN, RATING_MAX = 1, 5
GAP_THRESHOLD = 2
# A goal's fields in SMART reading order (the store's columns, the editor's tab order).
GOAL_FIELDS = (
    "title",
    "specific",
    "measure",
    "baseline",
    "target",
    "current",
    "achievable",
    "relevant",
    "due",
    "owner_side",
    "status",
)


@datatype
class Partnership:
    """A client and its provider, with the service and review cadence they agreed."""

    client: str
    provider: str
    service: str = ""
    start_date: dt.date | None = None
    id: int | None = None
    tier: str | None = None  # strategic | important | routine: sets the usual review interval
    review_interval_months: int | None = None  # the partnership's own interval, if set

    @property
    def label(self) -> str:
        return f"{self.client} ↔ {self.provider}"


@datatype
class Person:
    """Someone in a partnership's directory of people."""

    name: str
    side: str
    role: str = ""
    email: str = ""
    id: int | None = None


@datatype
class Participant:
    """A person as listed on one meeting: present or absent."""

    name: str
    side: str
    role: str = ""
    email: str = ""
    present: bool = True


RATED_SIDES = ("client", "provider")


@datatype
class PersonRating:
    """One person's rating of a question: named, or (in an anonymous round) only its side.

    ``round`` is the index of the meeting's rating round it was given in (privately), or None
    for a rating given openly.
    """

    side: str
    value: int
    given_at: dt.datetime
    person: str | None = None
    round: int | None = None
    hidden: bool = False  # of a round not revealed yet: never shown (set from the round)
    given_at_text: str = ""  # the time exactly as written (so a dump repeats its input)
    # Of a round: its raters (set from the round), whom an anonymous rating may stand for.
    round_raters: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @property
    def given_at_iso(self) -> str:
        return self.given_at_text or self.given_at.isoformat()

    @property
    def private(self) -> bool:
        return self.round is not None


@datatype(frozen=True)
class SideScore:
    """A side's score of a question: the mean of its people's ratings (or the whole-side
    rating where no person rated), with how many rated and the lowest and highest."""

    mean: float
    raters: int  # 0 for a whole-side rating
    low: int
    high: int

    @property
    def split(self) -> bool:
        """Two people of the side rated GAP_THRESHOLD or more apart ("split view")."""
        return self.high - self.low >= GAP_THRESHOLD


@datatype(frozen=True)
class Coverage:
    """How much of a review (or a section) is rated: its questions, and how many of them both
    sides rated. Averages over a partial review cover only the questions rated."""

    questions: int
    rated: int  # rated by both sides

    @property
    def partial(self) -> bool:
        return self.rated < self.questions

    @property
    def unrated(self) -> int:
        return self.questions - self.rated


@datatype
class Question:
    """A question of a section, with each side's rating and the room's comment."""

    key: str
    text: str
    client_rating: int | None = None  # the side's rating as a whole (the facilitator's entry)
    provider_rating: int | None = None
    comment: str = ""
    ratings: list[PersonRating] = field(default_factory=list)  # per person, in rounds or openly

    def rating(self, side: str) -> int | None:
        """The side's whole-side rating."""
        return self.client_rating if side == "client" else self.provider_rating

    def visible_ratings(self, side: str | None = None) -> list[PersonRating]:
        """Per-person ratings that may be shown: not of a round still hidden."""
        return [r for r in self.ratings if not r.hidden and (side is None or r.side == side)]

    def counted_ratings(self, side: str) -> list[PersonRating]:
        """The side's people's ratings that count: visible, each person once, latest first
        (the rule is in record/counting.py)."""
        return counted_ratings(self.ratings, side)

    def people_score(self, side: str) -> SideScore | None:
        """The mean of the side's people's ratings that count, or None where no person rated."""
        values = [r.value for r in self.counted_ratings(side)]
        if not values:
            return None
        return SideScore(sum(values) / len(values), len(values), min(values), max(values))

    def score(self, side: str) -> SideScore | None:
        """The side's score: its people's mean, else its whole-side rating, else None."""
        people = self.people_score(side)
        if people is not None:
            return people
        whole = self.rating(side)
        return None if whole is None else SideScore(float(whole), 0, whole, whole)

    def side_value(self, side: str) -> float | None:
        score = self.score(side)
        return None if score is None else score.mean

    @property
    def answered(self) -> int:
        """How many of the two sides have a score (0, 1 or 2)."""
        return sum(self.score(side) is not None for side in RATED_SIDES)

    @property
    def gap(self) -> float | None:
        """Absolute difference of the two sides' scores, once both have one."""
        client, provider = self.side_value("client"), self.side_value("provider")
        if client is None or provider is None:
            return None
        return abs(client - provider)

    @property
    def has_gap(self) -> bool:
        gap = self.gap
        return gap is not None and gap >= GAP_THRESHOLD

    @property
    def split_sides(self) -> list[str]:
        """The sides whose people rated GAP_THRESHOLD or more apart."""
        out = []
        for side in RATED_SIDES:
            score = self.score(side)
            if score is not None and score.raters >= 2 and score.split:
                out.append(side)
        return out


@datatype
class Decision:
    """A decision the meeting took in a section."""

    text: str
    section: str
    id: int | None = None


@datatype
class Section:
    """A section of the review: its guidance, time box, questions, notes and decisions."""

    key: str
    title: str
    guidance: str = ""
    timebox_minutes: int | None = None
    notes: str = ""
    questions: list[Question] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    seconds_spent: int = 0  # time the meeting spent on the section (its timer)

    def question(self, key: str) -> Question:
        for q in self.questions:
            if q.key == key:
                return q
        raise KeyError(key)

    @property
    def answered(self) -> int:
        return sum(q.answered for q in self.questions)

    @property
    def total(self) -> int:
        return 2 * len(self.questions)


@datatype
class Goal:
    """A SMART goal as it stands in one meeting's review."""

    title: str
    specific: str = ""
    measure: str = ""
    baseline: str = ""
    target: str = ""
    current: str = ""
    achievable: str = ""
    relevant: str = ""
    due: dt.date | None = None
    owner_side: str | None = None
    status: str = "on_track"
    id: int | None = None
    # Context (not part of the exchange format): the same goal in the previous review.
    previous: Goal | None = None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_GOAL_STATUSES


def action_overdue(status: str, due: dt.date | None, on: dt.date) -> bool:
    """An action is overdue on ``on`` when it is still open and was due before that day."""
    return status == "open" and due is not None and due < on


@datatype
class Action:
    """An action item as it stands in one meeting."""

    text: str
    owner: str = ""
    side: str | None = None
    due: dt.date | None = None
    status: str = "open"
    section: str = ""
    id: int | None = None
    # Context (not part of the exchange format).
    raised_in: int | None = None
    closed_in: int | None = None
    carried_reviews: int = 0

    def is_overdue(self, on: dt.date) -> bool:
        return action_overdue(self.status, self.due, on)


@datatype
class Signature:
    """A signer's sign-off of the meeting (with the image of the signature, if drawn)."""

    name: str
    side: str
    signed_at: dt.datetime
    role: str = ""
    signature_png: bytes | None = None
    # The time exactly as it was written (kept so a dump repeats its input).
    signed_at_text: str = ""

    @property
    def signed_at_iso(self) -> str:
        return self.signed_at_text or self.signed_at.isoformat()


@datatype
class RatingRound:
    """A private round: chosen people rate one section (or the whole agenda) unseen, one at a
    time on the facilitator's laptop; nobody sees a value until the reveal.

    In an anonymous round no name is ever stored with a value: the ratings carry only their side.
    """

    scope: str  # a section key, or "" for the whole agenda
    raters: list[str]
    started_at: dt.datetime
    anonymous: bool = False
    revealed_at: dt.datetime | None = None
    done: list[str] = field(default_factory=list)  # raters who passed the laptop on
    id: int | None = None
    started_at_text: str = ""  # the times exactly as written
    revealed_at_text: str = ""

    @property
    def revealed(self) -> bool:
        return self.revealed_at is not None

    def covers(self, section_key: str) -> bool:
        return self.scope in ("", section_key)

    @property
    def waiting(self) -> list[str]:
        """Raters who have not finished yet, in the order chosen."""
        return [name for name in self.raters if name not in self.done]


@datatype
class Reopening:
    """A signed-off meeting unlocked again: when, why, and whose signatures it voided."""

    reopened_at: dt.datetime
    reason: str
    voided: list[str] = field(default_factory=list)


@datatype
class Meeting:
    """A partnership review: its people, sections, goals, actions and sign-off."""

    partnership: Partnership
    title: str
    date: dt.date
    location: str = ""
    facilitator: str = ""
    participants: list[Participant] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    signoff: list[Signature] = field(default_factory=list)
    status: str = "draft"
    id: int | None = None
    agenda_name: str = ""
    reopenings: list[Reopening] = field(default_factory=list)
    rounds: list[RatingRound] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    register: list[RegisterEntry] = field(default_factory=list)
    # Context (not part of the exchange format): the record's fingerprint when it was signed off
    # (kept with the sign-off), and when a sign-off that came with an imported record arrived.
    signed_fingerprint: str | None = None
    signoff_imported_at: dt.datetime | None = None

    @property
    def signoff_imported(self) -> bool:
        """Whether the sign-off was made elsewhere and came in with an imported record."""
        return self.signoff_imported_at is not None

    def mark_ratings(self) -> None:
        """Mark each rating from its round (after loading or a reveal): hidden while the round
        is not revealed, and with the round's raters (whom an anonymous rating stands for)."""
        hidden = {i for i, r in enumerate(self.rounds) if not r.revealed}
        raters = [frozenset(r.raters) for r in self.rounds]
        for s in self.sections:
            for q in s.questions:
                for r in q.ratings:
                    r.hidden = r.round in hidden
                    r.round_raters = frozenset() if r.round is None else raters[r.round]

    def without_unrevealed(self) -> Meeting:
        """The meeting as it may leave this laptop (PDF minutes and the record inside them):
        without the ratings of a round not revealed yet. The meeting itself when it has none."""
        hidden = {i for i, r in enumerate(self.rounds) if not r.revealed}
        if not any(
            r.round in hidden for s in self.sections for q in s.questions for r in q.ratings
        ):
            return self
        sections = [
            replace(
                s,
                questions=[
                    replace(q, ratings=[r for r in q.ratings if r.round not in hidden])
                    for q in s.questions
                ],
            )
            for s in self.sections
        ]
        return replace(self, sections=sections)

    def open_round(self) -> tuple[int, RatingRound] | None:
        """The round not yet revealed (at most one at a time), with its index."""
        for i, r in enumerate(self.rounds):
            if not r.revealed:
                return i, r
        return None

    @property
    def locked(self) -> bool:
        return self.status == "signed_off"

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def participant(self, name: str) -> Participant | None:
        for p in self.participants:
            if p.name == name:
                return p
        return None

    @property
    def decisions(self) -> list[Decision]:
        return [d for s in self.sections for d in s.decisions]

    @property
    def new_actions(self) -> list[Action]:
        return [a for a in self.actions if a.raised_in in (None, self.id)]

    @property
    def carried_actions(self) -> list[Action]:
        return [a for a in self.actions if a.raised_in not in (None, self.id)]

    @property
    def closed_actions(self) -> list[Action]:
        return [a for a in self.actions if a.status != "open" and a.closed_in == self.id]


@datatype
class MeetingSummary:
    """One row of the portfolio: enough to list a meeting without loading it."""

    id: int
    partnership_id: int
    client: str
    provider: str
    title: str
    date: dt.date
    status: str
    client_average: float | None = None
    provider_average: float | None = None
    questions: int = 0
    rated: int = 0  # questions both sides rated
    reopened: str = ""  # why it was reopened, while it is open again

    @property
    def coverage(self) -> Coverage:
        return Coverage(self.questions, self.rated)


@datatype(frozen=True)
class SearchHit:
    """A place in a meeting where searched text was found."""

    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    partnership: str
    kind: str  # "comment", "notes", "decision", "action", "goal", "register"
    section_key: str  # the agenda section, or "" for goals and actions without one
    snippet: str

    @property
    def step(self) -> str:
        """Where the window opens the hit: ``section:KEY``, ``goals``, ``actions``, ``register``."""
        if self.kind == "goal":
            return "goals"
        if self.kind == "action":
            return "actions"
        if self.kind == "register":
            return "register"
        return f"section:{self.section_key}"
