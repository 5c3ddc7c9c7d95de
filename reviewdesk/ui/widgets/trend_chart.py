"""The trend chart of ``record.chart`` drawn with QPainter (no QtCharts), and a sparkline.

The minutes draw the same specification with reportlab (``minutes/trend_chart.py``): the same
labels, line styles, markers, colours and legend; sizes here follow the widget's font.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reviewdesk import look
from reviewdesk.record import chart
from reviewdesk.record.analytics import TrendPoint
from reviewdesk.record.wording import coverage_text, side_text, spoken_average

MIN_W, MIN_H = 260, 160  # at the normal text size (a small screen with large text: 2×)
SPARK_W, SPARK_H = 80, 24
BASE_FONT_PX = 17.0  # line height of the normal body font; the chart grows with the font

Series = Sequence[float | None]


def describe_series(client: Series, provider: Series) -> str:
    """'Client 2.5, 3.1; Provider 3.4, 3.7' — the values in words."""
    return "; ".join(
        f"{side_text(side)} {', '.join(spoken_average(v) for v in values) or 'no reviews'}"
        for side, values in (("client", client), ("provider", provider))
    )


def _font_scale(widget: QWidget) -> float:
    """How much bigger than normal the widget's font is (View → Larger text)."""
    return max(0.8, QFontMetricsF(widget.font()).height() / BASE_FONT_PX)


def _marker(
    painter: QPainter, centre: QPointF, line: chart.Line, size: float, hollow: bool = False
) -> None:
    """Client: a circle; provider: a square (never colour alone); hollow for a partial review."""
    colour = QColor(look.side_colour(line.side))
    if hollow:
        painter.setPen(QPen(colour, max(1.5, size / 6)))
        painter.setBrush(QColor(look.WHITE))
    else:
        painter.setPen(QPen(QColor(look.WHITE), 1.0))
        painter.setBrush(colour)
    if line.marker == "square":
        size *= 0.9  # a square looks bigger than a circle of the same width
    half = size / 2
    rect = QRectF(centre.x() - half, centre.y() - half, size, size)
    if line.marker == "circle":
        painter.drawEllipse(rect)
    else:
        painter.drawRect(rect)


def _line_pen(line: chart.Line, width: float) -> QPen:
    pen = QPen(QColor(look.side_colour(line.side)), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if line.dash:
        pen.setDashPattern(list(line.dash))
    return pen


def _draw_line(
    painter: QPainter,
    line: chart.Line,
    points: list[QPointF | None],
    width: float,
    marker: float,
    *,
    markers: bool = True,
    hollow: Sequence[bool] = (),
) -> None:
    """The line's runs (a missing value breaks it), then its markers (``hollow`` per point)."""
    painter.setPen(_line_pen(line, width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for run in line.runs():
        if len(run) > 1:
            path = QPainterPath(points[run[0]])
            for i in run[1:]:
                path.lineTo(points[i])
            painter.drawPath(path)
    if markers:
        for i, p in enumerate(points):
            if p is not None:
                _marker(painter, p, line, marker, i < len(hollow) and hollow[i])


class TrendChart(QWidget):
    """Client and provider averages review by review (1–5), the current review highlighted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.points: list[TrendPoint] = []
        self.spec = chart.trend_spec([], "")
        self.current_id: int | None = None
        self.current_label = "this review"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # screen readers reach the description
        self.set_points([], "")

    # ---- API -----------------------------------------------------------------------------

    def set_points(
        self,
        points: list[TrendPoint],
        title: str,
        current_id: int | None = None,
        current_label: str = "this review",
    ) -> None:
        """Show ``points`` (oldest first) under ``title``, highlighting ``current_id`` (or last).

        ``current_label`` names the highlighted review for screen readers ("latest" at home).
        """
        self.points = list(points)
        self.spec = chart.trend_spec(self.points, title, current_id)
        self.current_label = current_label
        current = self.spec.current
        self.current_id = self.points[current].review.id if current is not None else None
        name = f"Trend chart: {title}" if title else "Trend chart"
        self.setAccessibleName(name)
        self.setAccessibleDescription(self.description())
        self.update()

    @property
    def title(self) -> str:
        return self.spec.title

    def client_values(self) -> list[float | None]:
        return list(self.spec.line("client").values)

    def provider_values(self) -> list[float | None]:
        return list(self.spec.line("provider").values)

    def description(self) -> str:
        """The values in words, for screen readers (and tests)."""
        if not self.points:
            return f"{self.spec.empty_text}."
        dates = ", ".join(
            label.full + (f" ({self.current_label})" if i == self.spec.current else "")
            for i, label in enumerate(self.spec.labels)
        )
        partial = [label.full for i, label in enumerate(self.spec.labels) if self.spec.hollow(i)]
        note = f" Partial reviews: {', '.join(partial)}." if partial else ""
        return (
            f"{describe_series(self.client_values(), self.provider_values())}; "
            f"reviews {dates}; scale {self.spec.low} to {self.spec.high}.{note}"
        )

    # ---- size ----------------------------------------------------------------------------

    def minimumSizeHint(self) -> QSize:
        s = max(1.0, _font_scale(self))  # never below 320×160; larger with larger text
        return QSize(round(MIN_W * s), round(MIN_H * s))

    def sizeHint(self) -> QSize:
        s = _font_scale(self)
        return QSize(round(440 * s), round(200 * s))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    # ---- geometry ------------------------------------------------------------------------

    def _layout(self) -> tuple[QRectF, float, float, float]:
        """(plot rectangle, line height, legend/title row height, x-label rows height)."""
        fm = QFontMetricsF(self.font())
        line = fm.height()
        pad = 4 * _font_scale(self)
        small = QFontMetricsF(self._small_font())
        widest = max(small.horizontalAdvance(self.spec.tick_text(t)) for t in self.spec.ticks)
        left = pad + widest + 2 * pad
        top = pad + line + pad
        bottom = 2 * line + pad
        if self.spec.note:
            bottom += QFontMetricsF(self._small_font()).height() + pad
        half_label = QFontMetricsF(self._small_font()).height() / 2  # the "5" above the plot
        plot = QRectF(left, top + max(pad, half_label), self.width() - left - 2 * pad, 0)
        plot.setBottom(self.height() - bottom - pad)
        return plot, line, top, bottom

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        return font

    def _x(self, plot: QRectF, index: int) -> float:
        return plot.left() + self.spec.column_centre(index) * plot.width()

    def _y(self, plot: QRectF, value: float) -> float:
        return plot.bottom() - self.spec.fraction(value) * plot.height()

    def _line_points(self, plot: QRectF, line: chart.Line) -> list[QPointF | None]:
        return [
            None if v is None else QPointF(self._x(plot, i), self._y(plot, v))
            for i, v in enumerate(line.values)
        ]

    # ---- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(look.WHITE))
        plot, line, _top, _bottom = self._layout()
        s = _font_scale(self)
        if plot.height() < 10 or plot.width() < 40:
            painter.end()
            return
        self._paint_header(painter, line, s)
        self._paint_grid(painter, plot)
        self._paint_x_labels(painter, plot, line)
        if self.spec.empty_text:
            painter.setPen(QColor(look.MUTED))
            painter.setFont(self.font())
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.spec.empty_text)
        else:
            width, marker = 2.0 * s, self._marker_size()
            self._paint_target(painter, plot, s)
            for series in self.spec.lines:
                points = self._line_points(plot, series)
                _draw_line(painter, series, points, width, marker, hollow=self.spec.partial)
            self._paint_note(painter)
        if self.hasFocus():  # reached with Tab: show where the keyboard is
            painter.setPen(QPen(QColor(look.CLIENT), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
        painter.end()

    def _paint_target(self, painter: QPainter, plot: QRectF, s: float) -> None:
        """A measure's target: a dashed line across the plot (see record.chart)."""
        if self.spec.target is None:
            return
        painter.setPen(target_pen(1.5 * s))
        y = self._y(plot, self.spec.target)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))

    def _paint_note(self, painter: QPainter) -> None:
        """What the hollow markers mean, on the last line (when a review is partial)."""
        if not self.spec.note:
            return
        small = self._small_font()
        fm = QFontMetricsF(small)
        pad = 4 * _font_scale(self)
        painter.setFont(small)
        painter.setPen(QColor(look.MUTED))
        rect = QRectF(pad, self.height() - pad - fm.height(), self.width() - 2 * pad, fm.height())
        text = fm.elidedText(self.spec.note, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def _marker_size(self) -> float:
        return 10.0 * _font_scale(self)

    def _paint_header(self, painter: QPainter, line: float, s: float) -> None:
        """Title on the left, legend (line sample, marker, side and current value) on the right."""
        fm = QFontMetricsF(self.font())
        pad = 4 * s
        legend: list[tuple[chart.Line | None, str]] = list(self.spec.legend())
        if self.spec.target_text():
            legend.append((None, self.spec.target_text()))  # the dashed target line
        swatch = 22 * s
        gap = 12 * s
        legend_w = sum(swatch + 4 * s + fm.horizontalAdvance(t) for _, t in legend) + gap
        x = self.width() - pad - legend_w
        y = pad
        painter.setFont(self.font())
        for series, text in legend:
            mid = QPointF(x + swatch / 2, y + line / 2)
            painter.setPen(_line_pen(series, 2 * s) if series else target_pen(1.5 * s))
            painter.drawLine(QPointF(x, mid.y()), QPointF(x + swatch, mid.y()))
            if series is not None:
                _marker(painter, mid, series, 8 * s)
            x += swatch + 4 * s
            colour = look.side_colour(series.side) if series else look.TARGET
            painter.setPen(QColor(colour))
            painter.drawText(QRectF(x, y, fm.horizontalAdvance(text) + 2, line), text)
            x += fm.horizontalAdvance(text) + gap
        room = self.width() - legend_w - 3 * pad
        if self.title and room > 40:
            bold = QFont(self.font())
            bold.setWeight(QFont.Weight.DemiBold)
            painter.setFont(bold)
            painter.setPen(QColor(look.TEXT))
            title = QFontMetricsF(bold).elidedText(self.title, Qt.TextElideMode.ElideRight, room)
            painter.drawText(QRectF(pad, y, room, line), title)

    def _paint_grid(self, painter: QPainter, plot: QRectF) -> None:
        current = self.spec.current
        if current is not None:
            column = plot.width() / max(1, len(self.spec.labels))
            width = min(column, 96 * _font_scale(self))  # a narrow band when reviews are few
            band = QRectF(
                self._x(plot, current) - width / 2, plot.top() - 6, width, plot.height() + 12
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(look.HIGHLIGHT))
            painter.drawRoundedRect(band, 4, 4)
        small = self._small_font()
        fm = QFontMetricsF(small)
        painter.setFont(small)
        for v in self.spec.ticks:
            y = self._y(plot, v)
            painter.setPen(QPen(QColor(look.BORDER), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(look.MUTED))
            label = QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height())
            painter.drawText(
                label,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.spec.tick_text(v),
            )

    def shown_labels(self, plot: QRectF) -> list[int]:
        """The columns whose label is drawn: every one when they fit, else every n-th counting
        back from the last, always the current one and none too close to it."""
        labels = self.spec.labels
        if not labels:
            return []
        bold = QFont(self._small_font())
        bold.setWeight(QFont.Weight.Bold)
        fm = QFontMetricsF(bold)
        column = plot.width() / len(labels)
        widest = max(fm.horizontalAdvance(label.day) for label in labels) + 6
        step = max(1, math.ceil(widest / column))
        current = self.spec.current
        last = len(labels) - 1
        shown = {i for i in range(len(labels)) if (last - i) % step == 0}
        if current is not None:
            shown = {i for i in shown if abs(i - current) >= step} | {current}
        return sorted(shown)

    def _paint_x_labels(self, painter: QPainter, plot: QRectF, line: float) -> None:
        """Each shown label's day ('31 Mar'), the year under the first and at a change."""
        shown = self.shown_labels(plot)
        if not shown:
            return
        small = self._small_font()
        bold = QFont(small)
        bold.setWeight(QFont.Weight.Bold)
        fm = QFontMetricsF(bold)
        column = plot.width() / len(self.spec.labels)
        step = max(1, min((b - a for a, b in itertools.pairwise(shown)), default=1))
        years = self.spec.years_shown(shown)
        top = plot.bottom() + 8
        for i in shown:
            label = self.spec.labels[i]
            x = self._x(plot, i)
            is_current = i == self.spec.current
            painter.setFont(bold if is_current else small)
            painter.setPen(QColor(look.TEXT if is_current else look.MUTED))
            rect = QRectF(x - column * step / 2, top, column * step, line)
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter, label.day)
            if i in years:
                rect2 = QRectF(rect.left(), top + fm.height() - 2, rect.width(), line)
                painter.drawText(rect2, Qt.AlignmentFlag.AlignHCenter, years[i])

    # ---- tooltips ------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.spec.labels:
            plot = self._layout()[0]
            column = plot.width() / len(self.spec.labels)
            index = int((event.pos().x() - plot.left()) // column)
            if 0 <= index < len(self.spec.labels):
                QToolTip.showText(event.globalPos(), self.tooltip_text(index), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_text(self, index: int) -> str:
        """What the column ``index`` holds, for its tooltip."""
        p = self.points[index]
        return f"{p.review.title} · {self.spec.labels[index].full}\n{describe_point(p)}"


def target_pen(width: float) -> QPen:
    """A measure's target line: dashed, in the target colour."""
    pen = QPen(QColor(look.TARGET), width)
    pen.setDashPattern(list(chart.TARGET_DASH))
    return pen


def describe_point(point: TrendPoint) -> str:
    """'Client 3.5 · Provider not rated' ('… · partial: 3 of 24 questions rated')."""
    text = " · ".join(
        f"{side_text(side)} {spoken_average(value)}"
        for side, value in (("client", point.client), ("provider", point.provider))
    )
    return f"{text} · partial: {coverage_text(point.coverage)}" if point.partial else text


class Sparkline(QWidget):
    """A word-sized trend in the chart's line styles (client solid with circles, provider
    dashed with squares), the latest value of each side marked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.client: list[float | None] = []
        self.provider: list[float | None] = []
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.set_values([], [])

    def set_values(self, client: Series, provider: Series) -> None:
        """Show the two series (oldest first, None where a side did not rate)."""
        self.client = list(client)
        self.provider = list(provider)
        self.setAccessibleName("Trend")
        self.setAccessibleDescription(describe_series(self.client, self.provider))
        self.setToolTip(describe_series(self.client, self.provider))
        self.update()

    def sizeHint(self) -> QSize:
        s = _font_scale(self)
        return QSize(round(SPARK_W * s), round(SPARK_H * s))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        s = _font_scale(self)
        marker = 5 * s
        rect = QRectF(self.rect()).adjusted(
            marker / 2 + 1, marker / 2 + 1, -marker / 2 - 1, -marker / 2 - 1
        )
        count = max(len(self.client), len(self.provider))
        if count == 0:
            painter.end()
            return
        step = rect.width() / max(1, count - 1)
        values = {"client": self.client, "provider": self.provider}
        for side in chart.DRAW_ORDER:
            line = chart.side_line(side, values[side])
            points: list[QPointF | None] = [
                None
                if v is None
                else QPointF(
                    rect.center().x() if count == 1 else rect.left() + i * step,
                    rect.bottom() - (v - chart.LOW) / (chart.HIGH - chart.LOW) * rect.height(),
                )
                for i, v in enumerate(line.values)
            ]
            _draw_line(painter, line, points, 1.5 * s, marker, markers=False)
            for run in line.runs():  # an isolated value (not the last) gets a small marker
                if len(run) == 1 and run[0] != len(points) - 1:
                    _marker(painter, points[run[0]], line, marker * 0.7)
            last = next((p for p in reversed(points) if p is not None), None)
            if last is not None:
                _marker(painter, last, line, marker)
        painter.end()
