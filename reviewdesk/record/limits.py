"""What one meeting may hold, and how big a file given to reviewdesk may be — the one place.

The limits are chosen so that every command and window page stays within the speed targets of
``benchmarks/`` for a meeting at the limit (the benchmarks' "big" meeting — 300 actions, 50 goals,
a 100 KB note — sits inside them). Importing a file beyond them, and every edit that would take a
meeting beyond them, is refused with one line naming the limit. README and
docs/meeting-format.md list them.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewdesk.record.errors import LimitReached

# ---- one meeting ---------------------------------------------------------------------------
MAX_SECTIONS = 20
MAX_QUESTIONS = 20  # per section
MAX_DECISIONS = 200  # in the whole meeting
MAX_GOALS = 100
MAX_ACTIONS = 400
MAX_ATTENDEES = 60
MAX_SIGNERS = 20
MAX_TEXT = 300_000  # characters of text in the whole meeting, every field together

# ---- files given to reviewdesk -------------------------------------------------------------
MiB = 1024 * 1024
MAX_IMPORT_BYTES = 8 * MiB  # a reviewdesk.meeting JSON file
MAX_TEMPLATE_BYTES = 1 * MiB  # an agenda template in templates/
MAX_PDF_BYTES = 64 * MiB  # a PDF given to verify
MAX_SIGNATURE_BYTES = 2 * MiB  # a signature image as given (PNG)
MAX_SIGNATURE_PIXELS = 4_000_000  # its width × height as given
MAX_SIGNATURE_SIDE = 4_000  # its width or height as given, in pixels
SIGNATURE_BOX = (800, 240)  # a stored signature is scaled down to fit in this (aspect kept)


@dataclass(frozen=True)
class MeetingSize:
    """How much a meeting holds, in the units of the limits."""

    sections: int = 0
    questions: int = 0  # in its biggest section
    decisions: int = 0
    goals: int = 0
    actions: int = 0
    attendees: int = 0
    signers: int = 0
    text: int = 0  # characters


# (field of MeetingSize, limit, what it counts) in the order they are checked
LIMITS: tuple[tuple[str, int, str], ...] = (
    ("sections", MAX_SECTIONS, "sections"),
    ("questions", MAX_QUESTIONS, "questions in one section"),
    ("decisions", MAX_DECISIONS, "decisions"),
    ("goals", MAX_GOALS, "goals"),
    ("actions", MAX_ACTIONS, "actions"),
    ("attendees", MAX_ATTENDEES, "attendees"),
    ("signers", MAX_SIGNERS, "signers"),
    ("text", MAX_TEXT, "characters of text"),
)


def over_limit(size: MeetingSize) -> str | None:
    """The first limit ``size`` is beyond, as one line; None when it is within every limit."""
    for name, limit, what in LIMITS:
        value = getattr(size, name)
        if value > limit:
            return f"a meeting may hold at most {limit:,} {what} (this one would have {value:,})"
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
