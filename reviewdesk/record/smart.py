"""The SMART check: which letters a goal does not yet meet."""

from __future__ import annotations

from reviewdesk.record.model import Goal

LETTERS = {
    "S": "Specific",
    "M": "Measurable",
    "A": "Achievable",
    "R": "Relevant",
    "T": "Time-bound",
}


def _filled(text: str) -> bool:
    return bool(text and text.strip())


def smart_letters(goal: Goal) -> dict[str, bool]:
    """Each SMART letter mapped to whether the goal meets it."""
    return {
        "S": _filled(goal.specific),
        "M": _filled(goal.measure) and _filled(goal.target),
        "A": _filled(goal.achievable),
        "R": _filled(goal.relevant),
        "T": goal.due is not None,
    }


def missing_letters(goal: Goal) -> list[str]:
    """The letters the goal lacks, in SMART order (e.g. ``["M", "T"]``)."""
    return [letter for letter, met in smart_letters(goal).items() if not met]


def describe_missing(goal: Goal) -> str:
    """Human words for what is missing: 'not Measurable, not Time-bound' or ''."""
    return ", ".join(f"not {LETTERS[letter]}" for letter in missing_letters(goal))
