"""What one meeting may hold, and how big a file given to reviewdesk may be — the one place.

The limits are chosen so that every command and window page stays within the speed targets of
``benchmarks/`` for a meeting at the limit (the benchmarks' "big" meeting — 300 actions, 50 goals,
a 100 KB note — sits inside them). Importing a file beyond them, and every edit that would take a
meeting beyond them, is refused with one line naming the limit. README and
docs/meeting-format.md list them.
"""

from __future__ import annotations

from collections import namedtuple
from typing import TYPE_CHECKING

from reviewdesk.record.errors import FormatError, LimitReached

if TYPE_CHECKING:
    from reviewdesk.record.model import Meeting

# ---- one meeting ---------------------------------------------------------------------------
MAX_SECTIONS = 12
MAX_QUESTIONS = 12  # per section
MAX_DECISIONS = 120  # in the whole meeting
MAX_GOALS = 60
MAX_ACTIONS = 300
# the actions of a partnership's earlier reviews carried in the minutes' context (a long
# partnership holds more than one meeting may); a PDF given to verify is capped in bytes too
MAX_HISTORY_ACTIONS = 100_000
MAX_ATTENDEES = 40
MAX_SIGNERS = 12
MAX_TIMEBOX = 24 * 60  # minutes of one section's timebox
MAX_SECONDS_SPENT = 7 * 24 * 3600  # time spent on one section (a week: anything more is an error)
MAX_MEASURES = 40  # service levels reviewed
MAX_REGISTER = 60  # risks, issues and escalations
MAX_ROUNDS = 20  # rating rounds
MAX_RATINGS = 10_000  # ratings given person by person, every round and question together
MAX_TEXT = 200_000  # characters of text in the whole meeting, every field together

# ---- files given to reviewdesk -------------------------------------------------------------
MiB = 1024 * 1024
MAX_IMPORT_BYTES = 16 * MiB  # a reviewdesk.meeting JSON file (signature images included)
MAX_TEMPLATE_BYTES = 1 * MiB  # an agenda template in templates/
MAX_KPI_BYTES = 4 * MiB  # a CSV of service-level values (import-kpis)
MAX_PDF_BYTES = 64 * MiB  # a PDF given to verify
MAX_SIGNATURE_BYTES = 2 * MiB  # a signature image as given (PNG)
MAX_SIGNATURE_PIXELS = 4_000_000  # its width × height as given
MAX_SIGNATURE_SIDE = 4_000  # its width or height as given, in pixels
SIGNATURE_BOX = (800, 240)  # a stored signature is scaled down to fit in this (aspect kept)


# How much a meeting holds, in the units of the limits (whole numbers, 0 by default):
# ``questions`` counts those of its biggest section, ``text`` characters. Made at every start: a
# namedtuple costs a tenth of a frozen dataclass, and half of typing.NamedTuple's class syntax
# (which compiles each field's string annotation).
MeetingSize = namedtuple(
    "MeetingSize",
    (
        "sections",
        "questions",
        "decisions",
        "goals",
        "actions",
        "attendees",
        "signers",
        "measures",
        "register",
        "rounds",
        "ratings",
        "text",
    ),
    defaults=(0,) * 12,
)


# (field of MeetingSize, limit, what it counts) in the order they are checked
LIMITS: tuple[tuple[str, int, str], ...] = (
    ("sections", MAX_SECTIONS, "sections"),
    ("questions", MAX_QUESTIONS, "questions in one section"),
    ("decisions", MAX_DECISIONS, "decisions"),
    ("goals", MAX_GOALS, "goals"),
    ("actions", MAX_ACTIONS, "actions"),
    ("attendees", MAX_ATTENDEES, "attendees"),
    ("signers", MAX_SIGNERS, "signers"),
    ("measures", MAX_MEASURES, "service levels"),
    ("register", MAX_REGISTER, "risks, issues and escalations"),
    ("rounds", MAX_ROUNDS, "rating rounds"),
    ("ratings", MAX_RATINGS, "ratings given person by person"),
    ("text", MAX_TEXT, "characters of text"),
)


# The text a meeting's limit counts, field by field (store.sizes counts the same columns).
TEXT_FIELDS = {
    "meeting": ("title", "location", "facilitator"),
    "participant": ("name", "role", "email"),
    "section": ("key", "title", "guidance", "notes"),
    "question": ("key", "text", "comment"),
    "decision": ("text",),
    "goal": (
        "title",
        "specific",
        "measure",
        "baseline",
        "target",
        "current",
        "achievable",
        "relevant",
    ),
    "action": ("text", "owner", "section"),
    "signature": ("name", "role"),
    "measure": ("name", "unit", "description", "section", "note"),
    "register": ("title", "client_view", "provider_view", "cause", "next_step", "agreed"),
}


def _text(item: object, kind: str) -> int:
    return sum(len(getattr(item, name) or "") for name in TEXT_FIELDS[kind])


def meeting_size(meeting: Meeting) -> MeetingSize:
    """How much ``meeting`` holds, in the units of the limits."""
    questions = [q for s in meeting.sections for q in s.questions]
    decisions = [d for s in meeting.sections for d in s.decisions]
    return MeetingSize(
        sections=len(meeting.sections),
        questions=max((len(s.questions) for s in meeting.sections), default=0),
        decisions=len(decisions),
        goals=len(meeting.goals),
        actions=len(meeting.actions),
        attendees=len(meeting.participants),
        signers=len(meeting.signoff),
        measures=len(meeting.measures),
        register=len(meeting.register),
        rounds=len(meeting.rounds),
        ratings=sum(len(q.ratings) for q in questions),
        text=_text(meeting, "meeting")
        + sum(_text(p, "participant") for p in meeting.participants)
        + sum(_text(s, "section") for s in meeting.sections)
        + sum(_text(q, "question") for q in questions)
        + sum(_text(d, "decision") for d in decisions)
        + sum(_text(g, "goal") for g in meeting.goals)
        + sum(_text(a, "action") for a in meeting.actions)
        + sum(_text(s, "signature") for s in meeting.signoff)
        + sum(_text(m, "measure") for m in meeting.measures)
        + sum(_text(r, "register") for r in meeting.register),
    )


def check_count(count: int, limit: int, what: str, where: str) -> None:
    """Refuse a list longer than its limit before looking at its items (FormatError)."""
    if count > limit:
        raise FormatError(
            where, f"a meeting may hold at most {limit:,} {what} (this has {count:,})"
        )


def over_limit(size: MeetingSize) -> str | None:
    """The first limit ``size`` is beyond, as one line; None when it is within every limit."""
    for name, limit, what in LIMITS:
        value = getattr(size, name)
        if value > limit:
            return f"a meeting may hold at most {limit:,} {what} (this one: {value:,})"
    return None


def check_size(size: MeetingSize, where: str = "") -> None:
    """Raise LimitReached naming the first limit ``size`` is beyond."""
    problem = over_limit(size)
    if problem:
        raise LimitReached(f"{where}: {problem}" if where else problem)


def size_text(limit: int) -> str:
    """A byte count as people read it: '8 MB', '512 KB'."""
    if limit >= MiB and limit % MiB == 0:
        return f"{limit // MiB} MB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"{limit // 1024} KB"
    return f"{limit:,} bytes"
