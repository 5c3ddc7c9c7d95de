"""The words of the scorecard, the register and the review cadence, for the window, the minutes
and the command line alike (the rest of the vocabulary is in ``wording.py``).

Red/amber/green is never said by colour alone: each has a word and a sign ('Green ✓',
'Amber !', 'Red ✗') wherever it is shown.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from reviewdesk.record.scorecard import interval_months
from reviewdesk.record.wording import NO_VALUE, average_text, date_short, listing, plural, side_text

if TYPE_CHECKING:
    from reviewdesk.record.rules import PerceptionFlag
    from reviewdesk.record.scorecard import RegisterEntry

RAG_WORDS = {"green": "Green", "amber": "Amber", "red": "Red"}
RAG_SIGNS = {"green": "✓", "amber": "!", "red": "✗"}
NO_RAG = "No target"  # a value without a target cannot be judged
NO_VALUE_YET = "No value"
DIRECTION_WORDS = {"higher": "Higher is better", "lower": "Lower is better"}
KIND_WORDS = {"risk": "Risk", "issue": "Issue", "escalation": "Escalation"}
SEVERITY_WORDS = {"low": "Low", "medium": "Medium", "high": "High", "critical": "Critical"}
LIKELIHOOD_WORDS = {
    "rare": "Rare",
    "unlikely": "Unlikely",
    "possible": "Possible",
    "likely": "Likely",
    "almost_certain": "Almost certain",
}
REGISTER_STATUS_WORDS = {"open": "Open", "mitigating": "Mitigating", "closed": "Closed"}
TIER_WORDS = {"strategic": "Strategic", "important": "Important", "routine": "Routine"}
OVERDUE = "overdue"
PERCEPTION_TITLE = "Perception versus performance"
_MICRO = Decimal("0.000001")


# ---- measures -----------------------------------------------------------------------------


def measure_number(value: float | None) -> str:
    """A measured value as typed: '97.5', '100', '0.125' (no exponent, at most 6 decimals)."""
    if value is None:
        return NO_VALUE
    exact = Decimal(repr(float(value))).quantize(_MICRO, rounding=ROUND_HALF_UP).normalize()
    text = format(exact, "f")
    return "0" if text in ("-0", "0") else text


def measure_value(value: float | None, unit: str = "") -> str:
    """'97.5%', '4.2 h', '12 tickets'; '–' without a value."""
    if value is None:
        return NO_VALUE
    number = measure_number(value)
    unit = unit.strip()
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def bound_text(value: float | None, direction: str, unit: str = "") -> str:
    """A target or threshold with its direction: '≥ 95%' where higher is better, '≤ 2 h'."""
    if value is None:
        return NO_VALUE
    return f"{'≥' if direction == 'higher' else '≤'} {measure_value(value, unit)}"


def rag_text(rag: str | None, *, has_value: bool = True) -> str:
    """'Green ✓', 'Amber !', 'Red ✗'; 'No value' or 'No target' when it cannot be judged."""
    if rag is None:
        return NO_RAG if has_value else NO_VALUE_YET
    return f"{RAG_WORDS[rag]} {RAG_SIGNS[rag]}"


def direction_text(direction: str) -> str:
    return DIRECTION_WORDS.get(direction, direction)


def reported_by_text(side: str | None) -> str:
    """'Reported by the provider', 'Reported jointly' ('' when nobody is named)."""
    if not side:
        return ""
    return "Reported jointly" if side == "joint" else f"Reported by the {side_text(side).lower()}"


def measure_change(previous: float | None, current: float | None, direction: str) -> str:
    """The change since the last review with its arrow and whether it is better: '▲ better',
    '▼ worse', '= same' ('' without both values)."""
    if previous is None or current is None:
        return ""
    if current == previous:
        return "= same"
    up = current > previous
    better = up == (direction == "higher")
    return f"{'▲' if up else '▼'} {'better' if better else 'worse'}"


def rag_counts_text(counts: dict[str, int]) -> str:
    """'2 Green ✓ · 1 Amber ! · 1 Red ✗ · 1 no value' (only the non-zero ones)."""
    parts = [f"{counts[r]} {rag_text(r)}" for r in RAG_WORDS if counts.get(r)]
    if counts.get("none"):
        parts.append(f"{counts['none']} not judged")
    return " · ".join(parts) or "no measures"


# ---- register -----------------------------------------------------------------------------


def kind_text(kind: str) -> str:
    return KIND_WORDS.get(kind, kind)


def severity_text(severity: str) -> str:
    return SEVERITY_WORDS.get(severity, severity)


def likelihood_text(likelihood: str | None) -> str:
    return LIKELIHOOD_WORDS.get(likelihood or "", NO_VALUE)


def register_status_text(status: str) -> str:
    return REGISTER_STATUS_WORDS.get(status, status)


def entry_age_text(entry: RegisterEntry, on: dt.date) -> str:
    """'raised 45 days ago · carried 2 reviews', or 'new this review'."""
    if not entry.carried_reviews:
        return "new this review"
    days = entry.age_days(on)
    raised = "raised the same day" if not days else f"raised {plural(days, 'day')} ago"
    return f"{raised} · carried {plural(entry.carried_reviews, 'review')}"


def entry_age_short(entry: RegisterEntry, on: dt.date) -> str:
    """A table cell's age: '150 days · 2 reviews', or 'new'."""
    if not entry.carried_reviews:
        return "new"
    days = entry.age_days(on)
    age = "" if days is None else f"{plural(days, 'day')} · "
    return f"{age}{plural(entry.carried_reviews, 'review')}"


def entry_heading(entry: RegisterEntry) -> str:
    """'Risk · High · Likely — Peak-season backlog'."""
    parts = [kind_text(entry.kind), severity_text(entry.severity)]
    if entry.kind == "risk" and entry.likelihood:
        parts.append(likelihood_text(entry.likelihood))
    return f"{' · '.join(parts)} — {entry.title}"


def close_refusal(entry: RegisterEntry) -> str:
    """Why the entry cannot close yet, in plain words ('' when it can)."""
    if entry.agreed.strip():
        return ""
    missing = [
        side_text(side).lower()
        for side, view in (("client", entry.client_view), ("provider", entry.provider_view))
        if not view.strip()
    ]
    if not missing:
        return ""
    return (
        f"To close it, fill in the {listing(missing)} view"
        f"{'s' if len(missing) > 1 else ''}, or write an agreed note."
    )


# ---- cadence ------------------------------------------------------------------------------


def tier_text(tier: str | None) -> str:
    return TIER_WORDS.get(tier or "", NO_VALUE)


def cadence_text(tier: str | None, months: int | None) -> str:
    """'Important · every 3 months', 'every 2 months', or 'No review cadence set'."""
    interval = interval_months(tier, months)
    if interval is None:
        return "No review cadence set"
    every = f"every {plural(interval, 'month')}" if interval != 1 else "every month"
    return f"{tier_text(tier)} · {every}" if tier else every


def next_review_text(due: dt.date | None, today: dt.date) -> str:
    """'15 Mar 2027', '15 Mar 2027 · overdue', or '–' without a cadence or a review."""
    if due is None:
        return NO_VALUE
    return f"{date_short(due)} · {OVERDUE}" if due < today else date_short(due)


# ---- perception versus performance --------------------------------------------------------


def perception_flag_text(flag: PerceptionFlag) -> str:
    """One sentence: who scored what, what the measures say, and that they disagree."""
    who = side_text(flag.side)
    names = listing([f"“{n}”" for n in flag.measures])
    if flag.low_score:
        numbers = (
            f"the linked measure {names} is green"
            if len(flag.measures) == 1
            else f"every linked measure is green ({names})"
        )
        return (
            f"{who} scores {flag.section_title} {average_text(flag.score)} of 5, yet {numbers}: "
            "the numbers and the people disagree."
        )
    red = f"{names} {'is' if len(flag.measures) == 1 else 'are'} red"
    return (
        f"{who} scores {flag.section_title} {average_text(flag.score)} of 5, yet {red}: "
        "the numbers and the people disagree."
    )
