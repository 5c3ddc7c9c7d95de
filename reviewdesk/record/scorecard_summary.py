"""What a review's scorecard and register come to, as the wrap-up and the minutes both say it:
red/amber/green counts, the reds, the register's new, carried and closed entries, and each
measure's value at the review before."""

from __future__ import annotations

from dataclasses import dataclass

from reviewdesk.record.model import Meeting
from reviewdesk.record.scorecard import Measure, RegisterEntry
from reviewdesk.record.service_levels import MeasureTrend


def rag_counts(measures: list[Measure]) -> dict[str, int]:
    """{'green': n, 'amber': n, 'red': n, 'none': n} ('none': no value or no target)."""
    counts = {"green": 0, "amber": 0, "red": 0, "none": 0}
    for m in measures:
        counts[m.rag or "none"] += 1
    return counts


def reds(measures: list[Measure]) -> list[Measure]:
    return [m for m in measures if m.rag == "red"]


def entered(measures: list[Measure]) -> int:
    """How many measures have a value for this review."""
    return sum(m.value is not None for m in measures)


@dataclass(frozen=True)
class RegisterGroups:
    """The review's register, each entry in one group."""

    new: list[RegisterEntry]  # raised in this review and still open
    carried: list[RegisterEntry]  # raised earlier, still open
    closed: list[RegisterEntry]  # closed in this review

    @property
    def open(self) -> list[RegisterEntry]:
        return self.new + self.carried


def register_groups(meeting: Meeting) -> RegisterGroups:
    new, carried, closed = [], [], []
    for e in meeting.register:
        if not e.is_open:
            closed.append(e)
        elif e.raised_in in (None, meeting.id):
            new.append(e)
        else:
            carried.append(e)
    return RegisterGroups(new, carried, closed)


def previous_values(trends: list[MeasureTrend], meeting_id: int | None) -> dict[int, float]:
    """Each measure's last value before this review (measure id -> value)."""
    out = {}
    for t in trends:
        earlier = [value for ref, value, _rag in t.points if ref.id != meeting_id]
        if earlier:
            out[t.measure_id] = earlier[-1]
    return out
