"""Pure rules of a review: field values, the meeting's status, sign-off, carry-over, averages."""

from __future__ import annotations

import copy
import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import Any

from reviewdesk.record.datatype import datatype
from reviewdesk.record.errors import InvalidValue, MeetingLocked, SignOffError
from reviewdesk.record.model import (
    ACTION_STATUSES,
    GOAL_STATUSES,
    OWNER_SIDES,
    SIDES,
    Action,
    Coverage,
    Goal,
    Meeting,
    Participant,
    Person,
    Question,
    Section,
    Signature,
)
from reviewdesk.record.scorecard import (
    DIRECTIONS,
    LIKELIHOODS,
    MEASURE_SIDES,
    REGISTER_KINDS,
    REGISTER_STATUSES,
    SEVERITIES,
    Measure,
    RegisterEntry,
)
from reviewdesk.record.wording import plural


def check_choice(field: str, value: Any, allowed: tuple[str, ...], nullable: bool = False) -> None:
    """Refuse a value that is not one of ``allowed`` (None too, unless ``nullable``)."""
    if value is None and nullable:
        return
    if value not in allowed:
        raise InvalidValue(f"{field}: {value!r} is not one of {', '.join(allowed)}")


def check_nonblank(field: str, value: str) -> None:
    if not value.strip():
        raise InvalidValue(f"{field}: must not be empty")


def check_goal(goal: Goal) -> None:
    """A goal the store may write: a title, a known status and owner side."""
    check_nonblank("goal title", goal.title)
    check_choice("goal status", goal.status, GOAL_STATUSES)
    check_choice("goal owner side", goal.owner_side, OWNER_SIDES, nullable=True)


def check_action(action: Action) -> None:
    """An action the store may write: a text, a known status and side."""
    check_nonblank("action text", action.text)
    check_choice("action status", action.status, ACTION_STATUSES)
    check_choice("action side", action.side, OWNER_SIDES, nullable=True)


def check_person(person: Person | Participant, what: str = "name") -> None:
    check_choice("side", person.side, SIDES)
    check_nonblank(what, person.name)


def check_rating(side: str, value: int | None) -> None:
    if side not in ("client", "provider"):
        raise InvalidValue(f"side: {side!r} is not client or provider")
    if value is not None and (isinstance(value, bool) or value not in range(1, 6)):
        raise InvalidValue(f"{side} rating: {value!r} is not between 1 and 5")


def status_after_edit(meeting_id: int, status: str) -> str:
    """The meeting's status once it is edited: a draft is in progress; signed off refuses."""
    if status == "signed_off":
        raise MeetingLocked(
            f"meeting {meeting_id} is signed off and locked; reopen it (with a reason) to edit"
        )
    return "in_progress"


def person_key(name: str) -> str:
    """A name as compared for "the same person": case, spacing and Unicode form ignored."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def repeated_signers(names: Iterable[str]) -> list[str]:
    """Names given more than once (ignoring case, spacing and Unicode form), as first written."""
    seen: dict[str, str] = {}
    repeated = []
    for name in names:
        key = person_key(name)
        if key in seen and seen[key] not in repeated:
            repeated.append(seen[key])
        seen.setdefault(key, name.strip())
    return repeated


def absent_signers(signers: Iterable[Signature], participants: Iterable[Participant]) -> list[str]:
    """Signers who are on the attendee list marked absent (as the attendee list names them)."""
    absent = {person_key(p.name): p.name for p in participants if not p.present}
    return [absent[key] for s in signers if (key := person_key(s.name)) in absent]


def signoff_problems(
    signers: list[Signature],
    participants: Iterable[Participant] | None = None,
    *,
    new: bool = True,
) -> list[str]:
    """Why these signers cannot sign off, in words for the window and the command line ([] when
    they can). A sign-off made here and now (``new``) also needs each person once and nobody
    marked absent among ``participants``; an imported record keeps the signatures it carries."""
    problems = []
    if any(not s.name.strip() for s in signers):
        problems.append("every signer needs a name")
    sides = {s.side for s in signers}
    missing = [side for side in ("client", "provider") if side not in sides]
    if missing:
        problems.append(
            "needs at least one client and one provider signer "
            f"(no {' or '.join(missing)} signer yet)"
        )
    if new:
        problems += [
            f"{name} is named twice; each person signs once"
            for name in repeated_signers(s.name for s in signers)
        ]
        problems += [
            f"{name} is marked absent; only people present can sign"
            for name in absent_signers(signers, participants or [])
        ]
    return problems


def check_signoff(signers: list[Signature]) -> None:
    """Refuse a sign-off without at least one client and one provider signer."""
    problems = signoff_problems(signers, new=False)
    if problems:
        raise SignOffError(f"sign-off: {problems[0]}")


# The first moment of a calendar day anywhere on earth: the day starts in UTC+14 first.
_EARLIEST_ZONE = dt.timezone(dt.timedelta(hours=14))


def signed_before(day: dt.date, moment: dt.datetime) -> bool:
    """Whether ``moment`` comes before ``day`` began in every time zone: a sign-off that
    happened before its meeting (impossible, so an imported record saying so is refused)."""
    return moment < dt.datetime.combine(day, dt.time(), tzinfo=_EARLIEST_ZONE)


def check_new_signoff(
    signers: list[Signature], participants: Iterable[Participant] | None = None
) -> None:
    """The sign-off rule for signing here and now: also, each person signs once, and nobody
    marked absent signs.

    An imported record keeps the signatures it carries (only :func:`check_signoff` applies).
    """
    problems = signoff_problems(signers, participants)
    if problems:
        raise SignOffError(f"sign-off: {problems[0]}")


def _signed(meeting: Meeting, name: str) -> bool:
    return any(person_key(s.name) == person_key(name) for s in meeting.signoff)


def _rates_in_a_round(meeting: Meeting, name: str) -> bool:
    return any(person_key(r) == person_key(name) for rnd in meeting.rounds for r in rnd.raters)


def removal_refusal(meeting: Meeting, name: str) -> str | None:
    """Why an attendee cannot be taken off this review's list, or None when they can."""
    if _signed(meeting, name):
        return f"{name} has signed this review; reopen it first."
    if _rates_in_a_round(meeting, name):
        return f"{name} rates in a private round of this review; their ratings keep the name."
    owned = [a for a in meeting.actions if person_key(a.owner) == person_key(name)]
    if owned:
        return (
            f"{name} owns {plural(len(owned), 'action')} on this review; "
            "give them another owner first."
        )
    return None


def rename_refusal(meeting: Meeting, name: str) -> str | None:
    """Why an attendee cannot be renamed, or None (the actions they own follow the new name)."""
    if _signed(meeting, name):
        return f"{name} has signed this review; reopen it first."
    if _rates_in_a_round(meeting, name):
        return f"{name} rates in a private round of this review; their ratings keep the name."
    return None


def carry_over_actions(previous: Iterable[Action]) -> list[Action]:
    """The still-open actions of earlier meetings, as they start the next one."""
    carried = []
    for action in previous:
        if action.status == "open":
            a = copy.copy(action)
            a.carried_reviews = action.carried_reviews + 1
            carried.append(a)
    return carried


def carry_over_goals(previous: Iterable[Goal]) -> list[Goal]:
    """The active goals (not done, not dropped) that the next meeting reviews."""
    return [copy.copy(g) for g in previous if g.active]


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _side_mean(questions: Iterable[Question], side: str) -> float | None:
    """The mean of a side's scores over the questions it scored (hidden ratings left out)."""
    return _mean([v for q in questions if (v := q.side_value(side)) is not None])


@datatype(frozen=True)
class SectionScore:
    """A section's average rating per side."""

    key: str
    title: str
    client: float | None
    provider: float | None

    @property
    def gap(self) -> float | None:
        if self.client is None or self.provider is None:
            return None
        return abs(self.client - self.provider)


def section_score(section: Section) -> SectionScore:
    return SectionScore(
        section.key,
        section.title,
        _side_mean(section.questions, "client"),
        _side_mean(section.questions, "provider"),
    )


def overall_scores(sections: Iterable[Section]) -> tuple[float | None, float | None]:
    """The client's and provider's averages over every rated question."""
    qs = [q for s in sections for q in s.questions]
    return (
        _side_mean(qs, "client"),
        _side_mean(qs, "provider"),
    )


def coverage(sections: Iterable[Section]) -> Coverage:
    qs = [q for s in sections for q in s.questions]
    return Coverage(len(qs), sum(q.answered == 2 for q in qs))


def perception_gaps(meeting: Meeting) -> list[tuple[Section, Question]]:
    """Questions whose two ratings differ by the gap threshold or more."""
    return [(s, q) for s in meeting.sections for q in s.questions if q.has_gap]


def split_views(meeting: Meeting) -> list[tuple[Section, Question, str]]:
    """Questions where two people of one side rated the gap threshold or more apart."""
    return [(s, q, side) for s in meeting.sections for q in s.questions for side in q.split_sides]


def goals_by_status(goals: Iterable[Goal]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for g in goals:
        counts[g.status] = counts.get(g.status, 0) + 1
    return counts


# ---- scorecard and register ---------------------------------------------------------------


def check_measure(measure: Measure) -> None:
    """A measure the store may write: a name, a known direction and side, numbers that are
    numbers, and an amber threshold on the worse side of the target."""
    check_nonblank("measure name", measure.name)
    check_choice("measure direction", measure.direction, DIRECTIONS)
    check_choice("measure side", measure.side, MEASURE_SIDES, nullable=True)
    for name in ("target", "amber", "value"):
        number = getattr(measure, name)
        if number is not None and (
            isinstance(number, bool) or not isinstance(number, int | float) or number != number
        ):
            raise InvalidValue(f"measure {name}: {number!r} is not a number")
    if measure.target is not None and measure.amber is not None:
        worse = (
            measure.amber <= measure.target
            if measure.direction == "higher"
            else (measure.amber >= measure.target)
        )
        if not worse:
            better = "below" if measure.direction == "higher" else "above"
            raise InvalidValue(
                f"measure amber: {measure.amber:g} must be {better} the target "
                f"{measure.target:g} (where {measure.direction} is better)"
            )


def check_register_entry(entry: RegisterEntry) -> None:
    """A register entry the store may write; closing it needs both views or an agreed note."""
    check_choice("register kind", entry.kind, REGISTER_KINDS)
    check_nonblank("register title", entry.title)
    check_choice("register severity", entry.severity, SEVERITIES)
    check_choice("register likelihood", entry.likelihood, LIKELIHOODS, nullable=True)
    if entry.likelihood is not None and entry.kind != "risk":
        raise InvalidValue("register likelihood: only a risk has a likelihood")
    check_choice("register owner side", entry.owner_side, OWNER_SIDES, nullable=True)
    check_choice("register status", entry.status, REGISTER_STATUSES)
    if entry.status == "closed" and not entry.agreed.strip():
        missing = [
            side
            for side, view in (("client", entry.client_view), ("provider", entry.provider_view))
            if not view.strip()
        ]
        if missing:
            raise InvalidValue(
                f"register status: {entry.title!r} cannot close without the "
                f"{' and '.join(missing)} view (or a note that both sides agree)"
            )


def carry_over_measures(previous: Iterable[Measure]) -> list[Measure]:
    """The partnership's measures as the next review starts them: same definition, no value."""
    carried = []
    for m in previous:
        c = copy.copy(m)
        c.value, c.note = None, ""
        carried.append(c)
    return carried


def carry_over_register(previous: Iterable[RegisterEntry]) -> list[RegisterEntry]:
    """The open and mitigating entries: every later review sees them until they close."""
    carried = []
    for e in previous:
        if e.is_open:
            c = copy.copy(e)
            c.carried_reviews = e.carried_reviews + 1
            carried.append(c)
    return carried


@datatype(frozen=True)
class PerceptionFlag:
    """A section where the people and the numbers disagree."""

    section_key: str
    section_title: str
    side: str
    score: float
    measures: tuple[str, ...]
    numbers: str  # "green" (all linked measures green) or "red" (one of them red)

    @property
    def low_score(self) -> bool:
        return self.numbers == "green"


PERCEPTION_LOW, PERCEPTION_HIGH = 2.0, 4.0


def perception_vs_performance(meeting: Meeting) -> list[PerceptionFlag]:
    """Sections a side scores 2 or lower while every measure linked to the section is green,
    or 4 or higher while one of them is red."""
    flags = []
    for section in meeting.sections:
        linked = [m for m in meeting.measures if m.section == section.key and m.rag is not None]
        if not linked:
            continue
        colours = {m.rag for m in linked}
        score = section_score(section)
        for side, value in (("client", score.client), ("provider", score.provider)):
            if value is None:
                continue
            if value <= PERCEPTION_LOW and colours == {"green"}:
                numbers = "green"
            elif value >= PERCEPTION_HIGH and "red" in colours:
                numbers = "red"
            else:
                continue
            names = tuple(m.name for m in linked if numbers == "green" or m.rag == "red")
            flags.append(PerceptionFlag(section.key, section.title, side, value, names, numbers))
    return flags


def unused_name(wanted: str, taken: Iterable[str], form: str = "{wanted} {n}") -> str:
    """``wanted``, or the first of ``form`` numbered 2, 3… that nothing in ``taken`` is already
    called (ignoring case and surrounding spaces): 'New goal 2', 'Q4 2026 review (2)'."""
    used = {t.strip().casefold() for t in taken}
    name, n = wanted, 1
    while name.casefold() in used:
        n += 1
        name = form.format(wanted=wanted, n=n)
    return name
