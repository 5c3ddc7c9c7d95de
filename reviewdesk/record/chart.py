"""One trend chart, specified once: what the window (QPainter) and the minutes (reportlab) draw.

Both draw exactly this: the 1–5 scale with a grid line per whole rating, one column per review
with its x label (day and month, the year under the first label and wherever it changes; reviews
held on one date numbered), the current review's column highlighted and its label in bold, and
two lines in the side colours — the client solid with circles, the provider dashed with squares,
so the sides differ without colour too. A missing average breaks its line. The legend names each
side with its value at the current review. A partial review (not every question rated by both
sides) gets hollow markers, and the chart says under its plot what they mean.

A service level's trend (:func:`measure_spec`) is the same chart with one line in the joint
slate on a scale of its own, and its target as a dashed line across the plot.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reviewdesk.record.analytics import ReviewRef, TrendPoint
from reviewdesk.record.model import RATING_MAX, RATING_MIN
from reviewdesk.record.scorecard_wording import measure_number, measure_value
from reviewdesk.record.wording import average_text, date_short, day_month, side_text

LOW, HIGH = RATING_MIN, RATING_MAX
TICKS = tuple(range(LOW, HIGH + 1))
DASH = (4.0, 2.0)  # the provider's dash and gap, in line widths (as Qt counts dash patterns)
MARKERS = {"client": "circle", "provider": "square"}
DASHES = {"client": (), "provider": DASH}
DRAW_ORDER = ("provider", "client")  # the client's line on top
MEASURE = "measure"  # a service level's line: one series on its own scale, with its target
TARGET_DASH = (2.0, 2.0)  # the target's dashed line, in line widths
PARTIAL_NOTE = "Hollow markers: a partial review (not every question rated by both sides)"


@dataclass(frozen=True)
class XLabel:
    """One review's label under its column."""

    day: str  # '15 May', or '15 May (2)' for the second review held that day
    year: str  # '2025'
    full: str  # '15 May 2025 (2)': table heads, tooltips, screen readers


@dataclass(frozen=True)
class Line:
    """One side's averages, review by review, and how its line looks."""

    side: str  # 'client' or 'provider'
    name: str  # 'Client'
    values: tuple[float | None, ...]
    marker: str  # 'circle' or 'square'
    dash: tuple[float, ...]  # () for solid, else on/off lengths in line widths

    def runs(self) -> list[list[int]]:
        """The indexes of consecutive known values: each run is one stroke (2+ points)."""
        out: list[list[int]] = [[]]
        for i, v in enumerate(self.values):
            if v is None:
                if out[-1]:
                    out.append([])
            else:
                out[-1].append(i)
        return [run for run in out if run]


@dataclass(frozen=True)
class TrendSpec:
    """What a trend chart draws: its title, column labels, lines and scale."""

    title: str
    labels: tuple[XLabel, ...]
    lines: tuple[Line, ...]  # in drawing order
    current: int | None  # the highlighted column
    low: float = LOW  # the scale: ratings 1–5, a measure its own (see measure_spec)
    high: float = HIGH
    ticks: tuple[float, ...] = TICKS
    unit: str = ""  # a measure's unit (its legend and tick labels)
    target: float | None = None  # a measure's target: a dashed line across the plot
    partial: tuple[bool, ...] = ()  # per column: a partial review (hollow markers)

    def hollow(self, index: int) -> bool:
        """Whether column ``index``'s markers are drawn hollow (a partial review)."""
        return index < len(self.partial) and self.partial[index]

    @property
    def note(self) -> str:
        """What the hollow markers mean, under the plot ('' when every review is whole)."""
        return PARTIAL_NOTE if self.has_values() and any(self.partial) else ""

    @property
    def is_measure(self) -> bool:
        return any(line.side == MEASURE for line in self.lines)

    def fraction(self, value: float) -> float:
        """Where ``value`` sits on the scale: 0 at the bottom (1), 1 at the top (5)."""
        return (value - self.low) / ((self.high - self.low) or 1)

    def tick_text(self, value: float) -> str:
        """A tick's label: '3' on the rating scale, '97.5' on a measure's."""
        return measure_number(value) if self.is_measure else str(int(value))

    def target_text(self) -> str:
        """'Target 95%' for the legend ('' without a target)."""
        return "" if self.target is None else f"Target {measure_value(self.target, self.unit)}"

    def column_centre(self, index: int) -> float:
        """The middle of column ``index`` as a share of the plot's width."""
        return (index + 0.5) / max(1, len(self.labels))

    def line(self, side: str) -> Line:
        return next(line for line in self.lines if line.side == side)

    def legend(self) -> list[tuple[Line, str]]:
        """'Client 3.4', 'Provider –' (values at the current review), client first; a measure's
        'Value 97.5%' (its target is :meth:`target_text`)."""
        out = []
        for line in sorted(self.lines, key=lambda line: line.side != "client"):
            value = line.values[self.current] if self.current is not None else None
            text = measure_value(value, self.unit) if line.side == MEASURE else average_text(value)
            out.append((line, f"{line.name} {text}"))
        return out

    def has_values(self) -> bool:
        return any(v is not None for line in self.lines for v in line.values)

    @property
    def empty_text(self) -> str:
        """What the plot says instead of lines: 'No reviews yet', 'No ratings yet' (or '')."""
        if not self.labels:
            return "No reviews yet"
        if self.has_values():
            return ""
        return "No values yet" if self.is_measure else "No ratings yet"

    def years_shown(self, shown: Iterable[int]) -> dict[int, str]:
        """Of the labels drawn (``shown``, in order), those that carry the year below their day:
        the first, and each whose year differs from the one drawn before it."""
        out: dict[int, str] = {}
        previous = None
        for i in sorted(shown):
            if self.labels[i].year != previous:
                previous = out[i] = self.labels[i].year
        return out


def x_labels(reviews: Sequence[ReviewRef]) -> tuple[XLabel, ...]:
    """Each review's label; reviews held on one date get '(1)', '(2)'… in that order."""
    counts: dict[object, int] = {}
    for r in reviews:
        counts[r.date] = counts.get(r.date, 0) + 1
    seen: dict[object, int] = {}
    out = []
    for r in reviews:
        seen[r.date] = seen.get(r.date, 0) + 1
        number = f" ({seen[r.date]})" if counts[r.date] > 1 else ""
        out.append(
            XLabel(day_month(r.date) + number, str(r.date.year), date_short(r.date) + number)
        )
    return tuple(out)


def side_line(side: str, values: Sequence[float | None]) -> Line:
    """One side's line in that side's style."""
    return Line(side, side_text(side), tuple(values), MARKERS[side], DASHES[side])


def trend_spec(
    points: Sequence[TrendPoint], title: str, current_id: int | None = None
) -> TrendSpec:
    """The chart of ``points`` (oldest first); review ``current_id`` (else the last) highlighted."""
    ids = [p.review.id for p in points]
    current = ids.index(current_id) if current_id in ids else (len(ids) - 1 if ids else None)
    values = {
        "client": tuple(p.client for p in points),
        "provider": tuple(p.provider for p in points),
    }
    lines = tuple(side_line(side, values[side]) for side in DRAW_ORDER)
    partial = tuple(p.partial for p in points)
    return TrendSpec(title, x_labels([p.review for p in points]), lines, current, partial=partial)


def nice_scale(values: Iterable[float | None]) -> tuple[float, float, tuple[float, ...]]:
    """A measure's scale: (low, high, ticks) on round steps (1, 2, 2.5 or 5 × 10ⁿ) that hold
    every value given, with 3 to 6 ticks."""
    known = [v for v in values if v is not None]
    if not known:
        return 0.0, 1.0, (0.0, 1.0)
    lo, hi = min(known), max(known)
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * 0.999)
    low, high = math.floor(lo / step) * step, math.ceil(hi / step) * step
    count = round((high - low) / step)
    ticks = tuple(round(low + i * step, 10) for i in range(count + 1))
    return round(low, 10), round(high, 10), ticks


def measure_spec(
    points: Sequence[tuple[ReviewRef, float | None]],
    title: str,
    unit: str = "",
    target: float | None = None,
    current_id: int | None = None,
) -> TrendSpec:
    """A measure's values review by review (oldest first; None where it has none) on a scale of
    its own that holds them and the target, drawn as a dashed line; ``current_id`` (else the last
    review) highlighted. Same labels, band and legend as the rating trends."""
    ids = [ref.id for ref, _ in points]
    current = ids.index(current_id) if current_id in ids else (len(ids) - 1 if ids else None)
    values = tuple(v for _, v in points)
    low, high, ticks = nice_scale([*values, target])
    line = Line(MEASURE, "Value", values, MARKERS["client"], ())
    labels = x_labels([ref for ref, _ in points])
    return TrendSpec(title, labels, (line,), current, low, high, ticks, unit, target)
