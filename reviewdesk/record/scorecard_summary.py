"""What a review's scorecard and register come to, as the wrap-up and the minutes both say it:
red/amber/green counts, the reds, the register's new, carried and closed entries, and each
measure's value at the review before."""

from __future__ import annotations

from dataclasses import dataclass

from reviewdesk.record.analytics import History, ReviewRef
from reviewdesk.record.model import Meeting
from reviewdesk.record.scorecard import Measure, RegisterEntry


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


Points = list[tuple[ReviewRef, float | None]]


def measure_points(history: History | None, meeting: Meeting) -> dict[int, Points]:
    """Each measure of the meeting, review by review (oldest first, None where a review has no
    value): earlier reviews from ``history``, this one as ``meeting`` has it now."""
    here = ReviewRef(meeting.id or 0, meeting.date, meeting.title)
    points: dict[int, Points] = {}
    if history is not None:
        refs = {r.id: r for r in history.reviews}
        here = refs.get(meeting.id or 0, here)
        for row in history.measures:
            if row.meeting_id != meeting.id and row.meeting_id in refs:
                points.setdefault(row.measure_id, []).append((refs[row.meeting_id], row.value))
    out = {}
    for m in meeting.measures:
        out[m.id or 0] = [*points.get(m.id or 0, []), (here, m.value)]
    return out


def previous_value(points: Points) -> float | None:
    """The last value before the review (the last point) that had one."""
    return next((v for _, v in reversed(points[:-1]) if v is not None), None)
