"""A service level's trend: ``record.chart.measure_spec`` drawn by the trend chart, and as a
word-sized sparkline (a table cell) with its target as a dashed line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewdesk.record import chart
from reviewdesk.record.analytics import ReviewRef
from reviewdesk.record.scorecard_wording import measure_value
from reviewdesk.ui.widgets.trend_chart import (
    SPARK_H,
    SPARK_W,
    TrendChart,
    _draw_line,
    _font_scale,
    _marker,
    target_pen,
)

Points = Sequence[tuple[ReviewRef, float | None]]


def describe_measure(spec: chart.TrendSpec) -> str:
    """'Values 92%, 95.5%, 97%; target 95%' — the values in words."""
    values = spec.lines[0].values if spec.lines else ()
    shown = ", ".join(measure_value(v, spec.unit) for v in values) or "none"
    target = f"; target {measure_value(spec.target, spec.unit)}" if spec.target is not None else ""
    return f"Values {shown}{target}"


class MeasureChart(TrendChart):
    """One measure's values review by review, its target dashed, the current review highlighted."""

    def set_measure(
        self,
        points: Points,
        title: str,
        unit: str = "",
        target: float | None = None,
        current_id: int | None = None,
    ) -> None:
        self.points = []
        self.measure_points = list(points)
        self.spec = chart.measure_spec(self.measure_points, title, unit, target, current_id)
        current = self.spec.current
        self.current_id = self.measure_points[current][0].id if current is not None else None
        self.setAccessibleName(f"Trend chart: {title}" if title else "Trend chart")
        self.setAccessibleDescription(self.description())
        self.update()

    def description(self) -> str:
        spec = getattr(self, "measure_points", None) and self.spec
        if not spec:
            return super().description()
        dates = ", ".join(
            label.full + (" (this review)" if i == spec.current else "")
            for i, label in enumerate(spec.labels)
        )
        return f"{describe_measure(spec)}; reviews {dates}."

    def tooltip_text(self, index: int) -> str:
        ref, value = self.measure_points[index]
        shown = measure_value(value, self.spec.unit)
        return f"{ref.title} · {self.spec.labels[index].full}\n{shown}"


def paint_spark(painter: QPainter, rect: QRectF, spec: chart.TrendSpec, scale: float) -> None:
    """The spec's line in ``rect``, its target dashed across, the latest value marked."""
    count = len(spec.labels)
    if count == 0:
        return
    marker = 5 * scale
    inner = rect.adjusted(marker / 2 + 1, marker / 2 + 1, -marker / 2 - 1, -marker / 2 - 1)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if spec.target is not None:
        painter.setPen(target_pen(1.0 * scale))
        y = inner.bottom() - spec.fraction(spec.target) * inner.height()
        painter.drawLine(QPointF(inner.left(), y), QPointF(inner.right(), y))
    step = inner.width() / max(1, count - 1)
    for line in spec.lines:
        points: list[QPointF | None] = [
            None
            if v is None
            else QPointF(
                inner.center().x() if count == 1 else inner.left() + i * step,
                inner.bottom() - spec.fraction(v) * inner.height(),
            )
            for i, v in enumerate(line.values)
        ]
        _draw_line(painter, line, points, 1.5 * scale, marker, markers=False)
        for run in line.runs():  # an isolated value (not the last) gets a small marker
            if len(run) == 1 and run[0] != len(points) - 1:
                _marker(painter, points[run[0]], line, marker * 0.7)
        last = next((p for p in reversed(points) if p is not None), None)
        if last is not None:
            _marker(painter, last, line, marker)
    painter.restore()


class MeasureSparkline(QWidget):
    """A measure's trend the size of a word."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = chart.measure_spec([], "")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_spec(self, spec: chart.TrendSpec) -> None:
        self.spec = spec
        self.setAccessibleName("Trend")
        self.setAccessibleDescription(describe_measure(spec))
        self.setToolTip(describe_measure(spec))
        self.update()

    def sizeHint(self) -> QSize:
        s = _font_scale(self)
        return QSize(round(SPARK_W * s), round(SPARK_H * s))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_spark(painter, QRectF(self.rect()), self.spec, _font_scale(self))
        painter.end()
