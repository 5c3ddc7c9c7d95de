"""The partnership's scorecard and register, as they stand in one review.

Service levels (measures with a target, an amber threshold and a value per review period) and
a joint register of risks, issues and escalations, each seen from both sides. Like goals and
actions they belong to the partnership and each review keeps its own state of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field

from reviewdesk.record.datatype import datatype

DIRECTIONS = ("higher", "lower")  # which way is better
RAG = ("green", "amber", "red")
MEASURE_SIDES = ("client", "provider", "joint")  # who reports it
MEASURE_FIELDS = (
    "name",
    "unit",
    "direction",
    "target",
    "amber",
    "side",
    "description",
    "section",
    "value",
    "note",
)

REGISTER_KINDS = ("risk", "issue", "escalation")
SEVERITIES = ("low", "medium", "high", "critical")
LIKELIHOODS = ("rare", "unlikely", "possible", "likely", "almost_certain")
REGISTER_STATUSES = ("open", "mitigating", "closed")
OPEN_REGISTER_STATUSES = ("open", "mitigating")
REGISTER_FIELDS = (
    "kind",
    "title",
    "severity",
    "likelihood",
    "client_view",
    "provider_view",
    "cause",
    "next_step",
    "owner_side",
    "status",
    "agreed",
)

TIERS = ("strategic", "important", "routine")
TIER_MONTHS = {"strategic": 1, "important": 3, "routine": 6}  # default review intervals
MAX_INTERVAL_MONTHS = 60


@datatype
class Measure:
    """A service level (KPI / SLA) as one review records it: its definition then, and its value
    for the review period."""

    name: str
    unit: str = ""
    direction: str = "higher"
    target: float | None = None
    amber: float | None = None  # the edge between amber and red; None: no amber band
    side: str | None = None
    description: str = ""
    section: str = ""  # the agenda section whose ratings it informs ('' for none)
    value: float | None = None
    note: str = ""
    id: int | None = None

    @property
    def rag(self) -> str | None:
        """'green', 'amber' or 'red' for this value against target and threshold (None when
        there is no value or no target)."""
        return rag(self.value, self.target, self.amber, self.direction)


def rag(
    value: float | None, target: float | None, amber: float | None, direction: str
) -> str | None:
    """Red/amber/green: green when the target is met, amber when the amber threshold is, else
    red. For a lower-is-better measure the comparisons turn round."""
    if value is None or target is None:
        return None
    better = (lambda a, b: a >= b) if direction == "higher" else (lambda a, b: a <= b)
    if better(value, target):
        return "green"
    if amber is not None and better(value, amber):
        return "amber"
    return "red"


@datatype
class RegisterEntry:
    """A risk, issue or escalation as one review leaves it, with both sides' views."""

    kind: str
    title: str
    severity: str = "medium"
    likelihood: str | None = None  # risks only
    client_view: str = ""
    provider_view: str = ""
    cause: str = ""
    next_step: str = ""
    owner_side: str | None = None
    status: str = "open"
    agreed: str = ""  # an explicit note that both sides agree (lets it close with a view missing)
    actions: list[str] = field(default_factory=list)  # the linked action items' texts
    id: int | None = None
    # Context (not part of the exchange format).
    raised_in: int | None = None
    raised_on: dt.date | None = None
    closed_in: int | None = None
    carried_reviews: int = 0

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REGISTER_STATUSES

    def age_days(self, on: dt.date) -> int | None:
        """Days since it was raised, as of ``on``."""
        return None if self.raised_on is None else max((on - self.raised_on).days, 0)


def interval_months(tier: str | None, months: int | None) -> int | None:
    """The review interval: the partnership's own, else its tier's default, else None."""
    if months:
        return months
    return TIER_MONTHS.get(tier or "")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, on the last day of a shorter month (31 Jan + 1 → 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def next_review_due(last: dt.date | None, tier: str | None, months: int | None) -> dt.date | None:
    """When the next review is due: the last review plus the interval (None without either)."""
    interval = interval_months(tier, months)
    if last is None or interval is None:
        return None
    return add_months(last, interval)
