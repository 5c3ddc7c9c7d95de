"""What a partnership's next review proposes, from its last one: the date it is due by the
partnership's cadence (never before today), a title no review of it has yet, and the last
review's facilitator and location."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from reviewdesk.record.model import Meeting
from reviewdesk.record.rules import unused_name
from reviewdesk.record.scorecard import next_review_due


@dataclass(frozen=True)
class Proposal:
    """The next review as proposed: its date, title, facilitator and place."""

    date: dt.date
    title: str
    facilitator: str = ""
    location: str = ""


def quarter_title(date: dt.date) -> str:
    """'Q4 2026 review' for a date in October–December 2026."""
    return f"Q{(date.month - 1) // 3 + 1} {date.year} review"


def unused_title(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, or 'wanted (2)', 'wanted (3)'… when a review already has it (any case)."""
    return unused_name(wanted, taken, "{wanted} ({n})")


def propose(today: dt.date, last: Meeting | None, titles: Iterable[str] = ()) -> Proposal:
    """The next review after ``last`` (None for a partnership's first); ``titles`` are those
    its reviews already have."""
    titles = list(titles)
    if last is None:
        return Proposal(today, unused_title(quarter_title(today), titles))
    p = last.partnership
    due = next_review_due(last.date, p.tier, p.review_interval_months)
    date = max(today, due) if due else today
    return Proposal(
        date, unused_title(quarter_title(date), titles), last.facilitator, last.location
    )
