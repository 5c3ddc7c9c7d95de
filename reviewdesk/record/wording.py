"""Every word, date and time the window, the PDF minutes and the command line show, in one place.

Independent of the computer's language: month names are spelled here, never taken from
``strftime`` or a Qt locale, so a meeting reads the same on every machine.

Dates, one format per purpose:

- ``date_long`` '30 September 2026': the minutes' title block and every signing time.
- ``date_short`` '30 Sep 2026': tables, lists, due dates, history lines and headings, in the
  window and the minutes alike (the date fields of the window show this form too).
- ``day_month`` '30 Sep', with the year on a line of its own: a chart's x axis (record/chart.py).
- ISO '2026-09-30' only where a program reads it back: the JSON exchange format, the
  tab-separated ``reviewdesk list``, file names and the PDF's metadata.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reviewdesk.record.numbers import one_decimal

if TYPE_CHECKING:
    from reviewdesk.record.model import Action, Coverage, Goal, Meeting, SideScore, Signature

NO_VALUE = "–"  # a missing rating, average, date or field
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

SIDE_WORDS = {
    "client": "Client",
    "provider": "Provider",
    "joint": "Joint",
    "facilitator": "Facilitator",
}
STATUS_WORDS = {  # goals, then actions; lower case in running text, see status_label
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "done": "done",
    "dropped": "dropped",
    "open": "open",
    "cancelled": "cancelled",
}
MEETING_STATUS_WORDS = {"draft": "Draft", "in_progress": "In progress", "signed_off": "Signed off"}
NOT_RATED = "not rated"
DRAFT_TEXT = "DRAFT — not signed off"


# ---- dates and times --------------------------------------------------------------------------


def date_long(day: dt.date | None) -> str:
    """'30 September 2026', or '–' when there is no date."""
    if day is None:
        return NO_VALUE
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_short(day: dt.date | None) -> str:
    """'30 Sep 2026', or '–' when there is no date."""
    if day is None:
        return NO_VALUE
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def day_month(day: dt.date) -> str:
    """'30 Sep' (a chart label; the year is shown on its own line)."""
    return f"{day.day} {MONTHS[day.month - 1][:3]}"


def zone_text(moment: dt.datetime) -> str:
    """The time's real offset: 'UTC', 'UTC+02:00', 'UTC-05:30'; '' for a time without a zone."""
    offset = moment.utcoffset()
    if offset is None:
        return ""
    if not offset:
        return "UTC"
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def time_text(moment: dt.datetime, *, seconds: bool = False) -> str:
    """'16:40 UTC+02:00' ('16:40:05 UTC+02:00' with ``seconds``): the clock time as recorded,
    in its own zone (never converted)."""
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    if seconds:
        clock += f":{moment.second:02d}"
    return f"{clock} {zone_text(moment)}".rstrip()


def moment_text(moment: dt.datetime, *, seconds: bool = False) -> str:
    """'30 September 2026, 16:40 UTC+02:00': when something was signed, reopened, backed up."""
    return f"{date_long(moment.date())}, {time_text(moment, seconds=seconds)}"


# ---- values -------------------------------------------------------------------------------


def rating_text(value: int | None) -> str:
    return NO_VALUE if value is None else str(value)


def average_text(value: float | None) -> str:
    """'3.3' (halves up), or '–' when nothing was rated."""
    return NO_VALUE if value is None else one_decimal(value)


def spoken_average(value: float | None) -> str:
    """An average as read out or shown in a tooltip: '3.3', or 'not rated'."""
    return NOT_RATED if value is None else one_decimal(value)


def number_text(value: int | float) -> str:
    """A whole number as '3'; a mean as '2.3' (halves up)."""
    if isinstance(value, float) and not value.is_integer():
        return one_decimal(value)
    return str(int(value))


def gap_text(gap: int | float | str) -> str:
    """The gap badge: 'Gap 3', 'Gap 2.3' (the word and the number, never colour alone)."""
    return f"Gap {gap if isinstance(gap, str) else number_text(gap)}"


def last_time_text(client: float | None, provider: float | None) -> str:
    """A question's ratings at the last review: 'Last time: Client 4 · Provider 2'."""
    if client is None and provider is None:
        return "Last time: not rated"
    shown = [
        f"{side_text(side)} {NO_VALUE if v is None else number_text(v)}"
        for side, v in (("client", client), ("provider", provider))
    ]
    return "Last time: " + " · ".join(shown)


def coverage_text(coverage: Coverage) -> str:
    """'3 of 24 questions rated' (by both sides), 'all 24 questions rated', 'no questions'."""
    if not coverage.questions:
        return "no questions"
    if not coverage.partial:
        return f"all {plural(coverage.questions, 'question')} rated"
    return f"{coverage.rated} of {plural(coverage.questions, 'question')} rated"


def partial_note(coverage: Coverage) -> str:
    """'Partial review: 3 of 24 questions rated; the averages cover those only.' ('' when whole)"""
    if not coverage.partial or not coverage.questions:
        return ""
    return f"Partial review: {coverage_text(coverage)}; the averages cover those only."


def side_text(side: str | None) -> str:
    """'Client', 'Provider', 'Joint', 'Facilitator'; '–' for none."""
    return SIDE_WORDS.get(side or "", NO_VALUE)


def status_text(status: str) -> str:
    """A goal's or action's status in running text: 'on track', 'cancelled'."""
    return STATUS_WORDS.get(status, status.replace("_", " "))


def status_label(status: str) -> str:
    """The same word as a label of its own (a table cell, a choice): 'On track', 'Cancelled'."""
    text = status_text(status)
    return text[:1].upper() + text[1:]


def meeting_status_text(status: str) -> str:
    return MEETING_STATUS_WORDS.get(status, status.replace("_", " "))


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 goal', '2 goals', '0 goals' ('1 match', '2 matches' with ``many``)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def listing(items: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


# ---- sentences ----------------------------------------------------------------------------


def goal_change_text(goal: Goal) -> str:
    """What changed since the goal's previous review, as the goals table and the minutes say it:
    'at risk → on track; current 40% → 55%', 'no change' or 'new this review'."""
    before = goal.previous
    if before is None:
        return "new this review"
    parts = []
    if before.status != goal.status:
        parts.append(f"{status_text(before.status)} → {status_text(goal.status)}")
    for word, was, now in (
        ("current", before.current, goal.current),
        ("target", before.target, goal.target),
    ):
        if was.strip() != now.strip():
            parts.append(f"{word} {was.strip() or NO_VALUE} → {now.strip() or NO_VALUE}")
    if before.due != goal.due:
        parts.append(f"due {date_short(before.due)} → {date_short(goal.due)}")
    return "; ".join(parts) or "no change"


def action_details(action: Action, on: dt.date | None = None) -> str:
    """ "owner · Side · due 15 Dec 2026 · overdue" for a list row (overdue judged on ``on``,
    the meeting's date)."""
    parts = [action.owner or "no owner"]
    if action.side:
        parts.append(side_text(action.side))
    parts.append(f"due {date_short(action.due)}" if action.due else "no due date")
    if on is not None and action.is_overdue(on):
        parts.append("overdue")
    if action.status != "open":
        parts.append(status_text(action.status))
    return " · ".join(parts)


def signers_text(signatures: Iterable[Signature]) -> str:
    """'Ana Reyes (Client) and Ben Cruz (Provider)'."""
    return listing([f"{s.name} ({side_text(s.side)})" for s in signatures])


def signed_off_text(meeting: Meeting) -> str:
    """The one sentence that says a meeting is signed off, in the window, the PDF and the
    command line: 'Signed off on 30 September 2026, 16:40 UTC+02:00 by Ana Reyes (Client) and
    Ben Cruz (Provider).' ('' while the meeting is open)."""
    if meeting.status != "signed_off":
        return ""
    if not meeting.signoff:
        return "Signed off."
    when = max(meeting.signoff, key=lambda s: s.signed_at).signed_at
    text = f"Signed off on {moment_text(when)} by {signers_text(meeting.signoff)}."
    if meeting.signoff_imported_at is not None:
        text += f" {imported_text(meeting.signoff_imported_at)}"
    return text


def reopened_status(reason: str, chars: int | None = None) -> str:
    """'Reopened: Becker's signature was missing' (cut to ``chars`` with '…')."""
    text = " ".join(reason.split())
    if chars is not None and len(text) > chars:
        text = text[: chars - 1].rstrip() + "…"
    return f"Reopened: {text}"


def reopened_text(reopened_at: dt.datetime, reason: str) -> str:
    """'Reopened on 30 September 2026, 17:05 UTC: reason'."""
    return f"Reopened on {moment_text(reopened_at)}: {reason}"


# What the minutes' digest covers, said where it is printed.
DIGEST_COVERS = (
    "SHA-256 of everything these minutes show: the record, its amendments, the earlier reviews "
    "and the paper size"
)


def imported_text(imported_at: dt.datetime) -> str:
    """How a sign-off that came with an imported record is marked (window and minutes alike)."""
    return (
        "Signed off elsewhere; imported into this portfolio on "
        f"{date_long(imported_at.date())}, not signed here."
    )


def key_fingerprint_text(fingerprint: str) -> str:
    """A signing key's SHA-256 fingerprint as people compare it: 'AB12 CD34 …' (upper case)."""
    hex_ = fingerprint.upper()
    return " ".join(hex_[i : i + 4] for i in range(0, len(hex_), 4))


def key_owner_text(name: str) -> str:
    """A signing key as the app names it: 'the reviewdesk key of NAME'."""
    return f"the reviewdesk key of {name}"


def signed_by_key_text(name: str) -> str:
    """Said above the fingerprint of the key that signs the minutes (PDF, window, About)."""
    return f"Signed by {key_owner_text(name)}, fingerprint"


# ---- private rounds and people's ratings --------------------------------------------------------

HIDDEN_TEXT = "hidden until the reveal"


def people_text(n: int) -> str:
    """'1 person', '3 people'."""
    return plural(n, "person", "people")


def score_text(score: SideScore | None, *, mean_only: bool = False) -> str:
    """A side's score: '3 (2 people, 2–4)', '4 (1 person)', '4' for a whole-side rating (or
    where only the mean may be shown), '–' when nobody rated."""
    if score is None:
        return NO_VALUE
    mean = number_text(score.mean)
    if mean_only or score.raters == 0:
        return mean
    if score.raters == 1:
        return f"{mean} (1 person)"
    return f"{mean} ({people_text(score.raters)}, {score.low}–{score.high})"


def side_score_text(side: str, score: SideScore | None, *, mean_only: bool = False) -> str:
    """'Client 3 (2 people, 2–4)'."""
    return f"{side_text(side)} {score_text(score, mean_only=mean_only)}"


def split_text(sides: Sequence[str]) -> str:
    """'Split view: Client' — two people of one side rated 2 or more apart."""
    return f"Split view: {listing([side_text(s) for s in sides])}"


def rated_progress_text(done: int, total: int) -> str:
    """'2 of 5 have rated' (people, never values)."""
    return f"{done} of {total} {'has' if done == 1 else 'have'} rated"


def round_scope_text(scope_title: str | None) -> str:
    """What a round covers: a section's title, or 'the whole agenda'."""
    return scope_title or "the whole agenda"


def rated_privately_text(people: int, anonymous: bool, revealed_at: dt.datetime | None) -> str:
    """'Rated privately by 5 people, revealed at 10:05 UTC' ('… and anonymously …');
    before the reveal: 'Rated privately: hidden until the reveal'."""
    how = "privately and anonymously" if anonymous else "privately"
    if revealed_at is None:
        return f"Rated {how}: {HIDDEN_TEXT}"
    return f"Rated {how} by {people_text(people)}, revealed at {time_text(revealed_at)}"


def split_heading(n: int) -> str:
    """'Split views (2): two people of one side rated 2 or more apart'."""
    return f"Split views ({n}): two people of one side rated 2 or more apart"


def duration_text(seconds: int) -> str:
    """Time spent to the nearest minute: "12 min", "1 h 05 min"; "under 1 min" for seconds."""
    minutes = round(seconds / 60)
    if minutes == 0:
        return "under 1 min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def section_time_text(seconds: int, planned_minutes: int | None) -> str:
    """A section's time spent, under its heading in the minutes ("" when none was kept)."""
    if seconds <= 0:
        return ""
    spent = duration_text(seconds)
    return f"Time: {spent} of {planned_minutes} planned" if planned_minutes else f"Time: {spent}"


def meeting_time_text(seconds: int) -> str:
    """The meeting's time spent, all sections together ("" when none was kept)."""
    return f"Meeting time: {duration_text(seconds)}" if seconds > 0 else ""
