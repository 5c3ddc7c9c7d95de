"""Service levels across reviews: each measure's values, red/amber/green, as a trend."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewdesk.record.analytics import History, ReviewRef
from reviewdesk.record.scorecard import rag


@dataclass(frozen=True)
class MeasureRow:
    """One review's record of one measure (the history's raw row)."""

    measure_id: int
    meeting_id: int
    name: str
    unit: str
    direction: str
    target: float | None
    amber: float | None
    value: float | None

    @property
    def rag(self) -> str | None:
        return rag(self.value, self.target, self.amber, self.direction)


@dataclass
class MeasureTrend:
    """A measure's values review by review (reviews without a value are left out)."""

    measure_id: int
    name: str
    unit: str
    direction: str
    points: list[tuple[ReviewRef, float, str | None]] = field(default_factory=list)

    @property
    def latest(self) -> tuple[ReviewRef, float, str | None] | None:
        return self.points[-1] if self.points else None


def measure_trends(history: History, rows: list[MeasureRow]) -> list[MeasureTrend]:
    """Every measure's trend over the history's reviews, named as its latest review names it."""
    reviews = {r.id: r for r in history.reviews}
    order = {r.id: i for i, r in enumerate(history.reviews)}
    trends: dict[int, MeasureTrend] = {}
    for row in sorted(
        (r for r in rows if r.meeting_id in reviews), key=lambda r: order[r.meeting_id]
    ):
        trend = trends.setdefault(
            row.measure_id, MeasureTrend(row.measure_id, row.name, row.unit, row.direction)
        )
        trend.name, trend.unit, trend.direction = row.name, row.unit, row.direction
        if row.value is not None:
            trend.points.append((reviews[row.meeting_id], row.value, row.rag))
    return list(trends.values())
