"""A client/provider trend chart and a small sparkline, drawn with QPainter (no QtCharts)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from reviewdesk.record.analytics import TrendPoint
from reviewdesk.record.numbers import one_decimal
from reviewdesk.ui import style

LOW, HIGH = 1, 5  # the rating scale
MIN_W, MIN_H = 320, 160  # at the normal text size
SPARK_W, SPARK_H = 80, 24
BASE_FONT_PX = 17.0  # line height of the normal body font; the chart grows with the font
HIGHLIGHT = "#EEF2F7"
GRID = style.BORDER

Series = Sequence[float | None]


def fmt_value(value: float | None) -> str:
    """A rating average as read out: one decimal, or 'not rated'."""
    return "not rated" if value is None else one_decimal(value)


def describe_series(client: Series, provider: Series) -> str:
    """'Client 2.5, 3.1; Provider 3.4, 3.7' — the values in words."""
    return (
        f"Client {', '.join(fmt_value(v) for v in client) or 'no reviews'}; "
        f"Provider {', '.join(fmt_value(v) for v in provider) or 'no reviews'}"
    )


def _font_scale(widget: QWidget) -> float:
    """How much bigger than normal the widget's font is (View → Larger text)."""
    return max(0.8, QFontMetricsF(widget.font()).height() / BASE_FONT_PX)


def _marker(painter: QPainter, centre: QPointF, side: str, size: float) -> None:
    """Client: a circle; provider: a square (never colour alone)."""
    colour = QColor(style.CLIENT if side == "client" else style.PROVIDER)
    painter.setPen(QPen(QColor("white"), 1.0))
    painter.setBrush(colour)
    if side != "client":
        size *= 0.9  # a square looks bigger than a circle of the same width
    half = size / 2
    rect = QRectF(centre.x() - half, centre.y() - half, size, size)
    if side == "client":
        painter.drawEllipse(rect)
    else:
        painter.drawRect(rect)


def _line_pen(side: str, width: float) -> QPen:
    pen = QPen(QColor(style.CLIENT if side == "client" else style.PROVIDER), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if side == "provider":
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _segments(points: list[QPointF | None]) -> list[list[QPointF]]:
    """Runs of consecutive known points; a missing value breaks the line."""
    runs: list[list[QPointF]] = [[]]
    for p in points:
        if p is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(p)
    return [r for r in runs if r]


def _draw_series(
    painter: QPainter, points: list[QPointF | None], side: str, width: float, marker: float
) -> None:
    painter.setPen(_line_pen(side, width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for run in _segments(points):
        if len(run) > 1:
            path = QPainterPath(run[0])
            for p in run[1:]:
                path.lineTo(p)
            painter.drawPath(path)
    for p in points:
        if p is not None:
            _marker(painter, p, side, marker)


class TrendChart(QWidget):
    """Client and provider averages review by review (1–5), the current review highlighted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.points: list[TrendPoint] = []
        self.title = ""
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
        self.title = title
        self.current_label = current_label
        ids = [p.review.id for p in self.points]
        self.current_id = current_id if current_id in ids else (ids[-1] if ids else None)
        name = f"Trend chart: {title}" if title else "Trend chart"
        self.setAccessibleName(name)
        self.setAccessibleDescription(self.description())
        self.update()

    def client_values(self) -> list[float | None]:
        return [p.client for p in self.points]

    def provider_values(self) -> list[float | None]:
        return [p.provider for p in self.points]

    def description(self) -> str:
        """The values in words, for screen readers (and tests)."""
        if not self.points:
            return "No reviews yet."
        dates = ", ".join(
            p.review.date.isoformat()
            + (f" ({self.current_label})" if p.review.id == self.current_id else "")
            for p in self.points
        )
        return (
            f"{describe_series(self.client_values(), self.provider_values())}; "
            f"reviews {dates}; scale 1 to 5."
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
        left = pad + QFontMetricsF(self._small_font()).horizontalAdvance("5") + 2 * pad
        top = pad + line + pad
        bottom = 2 * line + pad
        half_label = QFontMetricsF(self._small_font()).height() / 2  # the "5" above the plot
        plot = QRectF(left, top + max(pad, half_label), self.width() - left - 2 * pad, 0)
        plot.setBottom(self.height() - bottom - pad)
        return plot, line, top, bottom

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 0.9)
        return font

    def _x(self, plot: QRectF, index: int) -> float:
        column = plot.width() / max(1, len(self.points))
        return plot.left() + (index + 0.5) * column

    def _y(self, plot: QRectF, value: float) -> float:
        return plot.bottom() - (value - LOW) / (HIGH - LOW) * plot.height()

    def _series_points(self, plot: QRectF, side: str) -> list[QPointF | None]:
        values = self.client_values() if side == "client" else self.provider_values()
        return [
            None if v is None else QPointF(self._x(plot, i), self._y(plot, v))
            for i, v in enumerate(values)
        ]

    # ---- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        plot, line, top, _bottom = self._layout()
        s = _font_scale(self)
        if plot.height() < 10 or plot.width() < 40:
            painter.end()
            return
        self._paint_header(painter, line, s)
        self._paint_grid(painter, plot)
        self._paint_x_labels(painter, plot, line)
        known = [v for p in self.points for v in (p.client, p.provider) if v is not None]
        if not known:
            painter.setPen(QColor(style.MUTED))
            painter.setFont(self.font())
            text = "No ratings yet" if self.points else "No reviews yet"
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, text)
        else:
            width, marker = 2.0 * s, self._marker_size()
            _draw_series(painter, self._series_points(plot, "provider"), "provider", width, marker)
            _draw_series(painter, self._series_points(plot, "client"), "client", width, marker)
        if self.hasFocus():  # reached with Tab: show where the keyboard is
            painter.setPen(QPen(QColor(style.CLIENT), 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
        painter.end()

    def _marker_size(self) -> float:
        return 10.0 * _font_scale(self)

    def _current_index(self) -> int | None:
        for i, p in enumerate(self.points):
            if p.review.id == self.current_id:
                return i
        return None

    def _paint_header(self, painter: QPainter, line: float, s: float) -> None:
        """Title on the left, legend (marker, word, current value) on the right."""
        fm = QFontMetricsF(self.font())
        pad = 4 * s
        current = self._current_index()
        legend = []
        for side, word in (("client", "Client"), ("provider", "Provider")):
            value = None
            if current is not None:
                point = self.points[current]
                value = point.client if side == "client" else point.provider
            legend.append((side, f"{word} {'–' if value is None else one_decimal(value)}"))
        swatch = 22 * s
        gap = 12 * s
        legend_w = sum(swatch + 4 * s + fm.horizontalAdvance(t) for _, t in legend) + gap
        x = self.width() - pad - legend_w
        y = pad
        painter.setFont(self.font())
        for side, text in legend:
            mid = QPointF(x + swatch / 2, y + line / 2)
            painter.setPen(_line_pen(side, 2 * s))
            painter.drawLine(QPointF(x, mid.y()), QPointF(x + swatch, mid.y()))
            _marker(painter, mid, side, 8 * s)
            x += swatch + 4 * s
            painter.setPen(QColor(style.CLIENT if side == "client" else style.PROVIDER))
            painter.drawText(QRectF(x, y, fm.horizontalAdvance(text) + 2, line), text)
            x += fm.horizontalAdvance(text) + gap
        room = self.width() - legend_w - 3 * pad
        if self.title and room > 40:
            bold = QFont(self.font())
            bold.setWeight(QFont.Weight.DemiBold)
            painter.setFont(bold)
            painter.setPen(QColor(style.TEXT))
            title = QFontMetricsF(bold).elidedText(self.title, Qt.TextElideMode.ElideRight, room)
            painter.drawText(QRectF(pad, y, room, line), title)

    def _paint_grid(self, painter: QPainter, plot: QRectF) -> None:
        current = self._current_index()
        if current is not None:
            column = plot.width() / max(1, len(self.points))
            width = min(column, 96 * _font_scale(self))  # a narrow band when reviews are few
            band = QRectF(
                self._x(plot, current) - width / 2, plot.top() - 6, width, plot.height() + 12
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(HIGHLIGHT))
            painter.drawRoundedRect(band, 4, 4)
        small = self._small_font()
        fm = QFontMetricsF(small)
        painter.setFont(small)
        for v in range(LOW, HIGH + 1):
            y = self._y(plot, v)
            painter.setPen(QPen(QColor(GRID), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(style.MUTED))
            label = QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height())
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(v)
            )

    def _paint_x_labels(self, painter: QPainter, plot: QRectF, line: float) -> None:
        """Dates under the columns ('31 Mar', the year under the first and at a change)."""
        if not self.points:
            return
        small = self._small_font()
        bold = QFont(small)
        bold.setWeight(QFont.Weight.Bold)
        fm = QFontMetricsF(bold)
        column = plot.width() / len(self.points)
        widest = max(fm.horizontalAdvance(_day(p.review.date)) for p in self.points) + 6
        step = max(1, math.ceil(widest / column))
        current = self._current_index()
        last = len(self.points) - 1
        shown = {i for i in range(len(self.points)) if (last - i) % step == 0}
        if current is not None:
            shown = {i for i in shown if abs(i - current) >= step} | {current}
        year = None
        top = plot.bottom() + 8
        for i, p in enumerate(self.points):
            if i not in shown:
                continue
            x = self._x(plot, i)
            is_current = i == current
            painter.setFont(bold if is_current else small)
            painter.setPen(QColor(style.TEXT if is_current else style.MUTED))
            rect = QRectF(x - column * step / 2, top, column * step, line)
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter, _day(p.review.date))
            if p.review.date.year != year:
                year = p.review.date.year
                rect2 = QRectF(rect.left(), top + fm.height() - 2, rect.width(), line)
                painter.drawText(rect2, Qt.AlignmentFlag.AlignHCenter, str(year))

    # ---- tooltips ------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.points:
            plot = self._layout()[0]
            column = plot.width() / len(self.points)
            index = int((event.pos().x() - plot.left()) // column)
            if 0 <= index < len(self.points):
                p = self.points[index]
                QToolTip.showText(
                    event.globalPos(),
                    f"{p.review.title} · {p.review.date.isoformat()}\n"
                    f"Client {fmt_value(p.client)} · Provider {fmt_value(p.provider)}",
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b}"


class Sparkline(QWidget):
    """A word-sized two-line trend (client solid with circles, provider dashed with squares)."""

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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002 - Qt's signature
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

        def place(values: list[float | None]) -> list[QPointF | None]:
            out: list[QPointF | None] = []
            for i, v in enumerate(values):
                x = rect.center().x() if count == 1 else rect.left() + i * step
                y = rect.bottom() - (v - LOW) / (HIGH - LOW) * rect.height() if v is not None else 0
                out.append(None if v is None else QPointF(x, y))
            return out

        for side, values in (("provider", self.provider), ("client", self.client)):
            points = place(values)
            painter.setPen(_line_pen(side, 1.5 * s))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for run in _segments(points):
                if len(run) > 1:
                    path = QPainterPath(run[0])
                    for p in run[1:]:
                        path.lineTo(p)
                    painter.drawPath(path)
                elif run[0] is not points[-1]:
                    _marker(painter, run[0], side, marker * 0.7)  # an isolated value
            last = next((p for p in reversed(points) if p is not None), None)
            if last is not None:
                _marker(painter, last, side, marker)
        painter.end()
