"""Health over time: the trend chart of ``record.chart`` drawn with reportlab shapes.

The window draws the same specification with QPainter (``ui/widgets/trend_chart.py``): the same
labels, line styles, markers, colours and legend.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from reviewdesk import look
from reviewdesk.minutes import styles
from reviewdesk.minutes.fonts import SANS, SANS_BOLD, register_fonts
from reviewdesk.record import chart
from reviewdesk.record.analytics import TrendPoint

HEIGHT = 58 * 2.835
COLUMN = 110.0  # points per review at most: two reviews are not stretched over the page
BAND = 60.0  # the current review's band at most this wide
LINE_WIDTH = 1.6
MARKER = 5.5
LABEL_SIZE = 7
PLOT_LEFT, PLOT_BOTTOM, PLOT_TOP = 28.0, 30.0, 26.0
NOTE_ROOM = 11.0  # below the x labels, for what hollow markers mean
LEGEND_CLEAR = 320.0  # the legend's right edge at least this far in: clear of the chart title
TITLE = "Overall average rating per review (1–5)"


def _text(
    x: float,
    y: float,
    text: str,
    *,
    font: str = SANS,
    size: float = LABEL_SIZE,
    colour: colors.Color = styles.MUTED,
    anchor: str = "start",
) -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)


def _colour(side: str) -> colors.Color:
    return colors.HexColor(look.side_colour(side))


def _marker(
    line: chart.Line, x: float, y: float, size: float = MARKER, hollow: bool = False
) -> Circle | Rect:
    """Client: a circle; provider: a square a little smaller (it looks bigger otherwise);
    hollow (white, outlined in the side's colour) for a partial review."""
    fill, edge, width = _colour(line.side), colors.HexColor(look.WHITE), 0.6
    if hollow:
        fill, edge, width = edge, fill, 1.1
    if line.marker == "circle":
        return Circle(x, y, size / 2, fillColor=fill, strokeColor=edge, strokeWidth=width)
    size *= 0.9
    return Rect(
        x - size / 2, y - size / 2, size, size, fillColor=fill, strokeColor=edge, strokeWidth=width
    )


def _stroke(line: chart.Line) -> dict:
    dash = [d * LINE_WIDTH for d in line.dash] or None
    return {
        "strokeColor": _colour(line.side),
        "strokeWidth": LINE_WIDTH,
        "strokeDashArray": dash,
        "strokeLineCap": 1,
        "strokeLineJoin": 1,
    }


def _legend(spec: chart.TrendSpec, right: float, top: float) -> Group:
    """'— ● Client 3.4   - - ■ Provider 3.1', right-aligned at the top."""
    group = Group()
    x = right
    for line, text in reversed(spec.legend()):
        x -= 20 + stringWidth(text, SANS, 8) + (12 if x < right else 0)
        group.add(Line(x, top, x + 16, top, **_stroke(line)))
        group.add(_marker(line, x + 8, top))
        group.add(_text(x + 20, top - 2.8, text, size=8, colour=_colour(line.side)))
    return group


def trend_chart(points: list[TrendPoint], width: float, title: str = TITLE) -> Drawing:
    """The overall client and provider averages per review, this review (the last) highlighted."""
    register_fonts()  # the legend and labels are measured
    spec = chart.trend_spec(points, title)
    note = NOTE_ROOM if spec.note else 0.0  # a line under the x labels for the note
    height = HEIGHT + note
    drawing = Drawing(width, height, initialFontName=SANS)
    n = max(1, len(spec.labels))
    left, bottom = PLOT_LEFT, PLOT_BOTTOM + note
    plot_w = min(width - 40, COLUMN * n)
    plot_h = HEIGHT - PLOT_BOTTOM - PLOT_TOP
    column = plot_w / n

    def x_at(i: int) -> float:
        return left + spec.column_centre(i) * plot_w

    def y_at(value: float) -> float:
        return bottom + spec.fraction(value) * plot_h

    if spec.current is not None:
        band = min(column, BAND)
        drawing.add(
            Rect(
                x_at(spec.current) - band / 2,
                bottom - 4,
                band,
                plot_h + 8,
                rx=3,
                ry=3,
                fillColor=styles.HIGHLIGHT,
                strokeColor=None,
            )
        )
    for tick in spec.ticks:
        y = y_at(tick)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=styles.BORDER, strokeWidth=0.4))
        drawing.add(_text(left - 5, y - 2.5, str(tick), anchor="end"))
    years = spec.years_shown(range(len(spec.labels)))
    for i, label in enumerate(spec.labels):
        current = i == spec.current
        font, ink = (SANS_BOLD, styles.INK) if current else (SANS, styles.MUTED)
        for text, dy in ((label.day, 10), (years.get(i, ""), 19)):
            if text:
                drawing.add(
                    _text(x_at(i), bottom - dy, text, font=font, colour=ink, anchor="middle")
                )
    if spec.empty_text:
        middle = (left + plot_w / 2, bottom + plot_h / 2)
        drawing.add(_text(*middle, spec.empty_text, size=8, anchor="middle"))
    for line in spec.lines:
        for run in line.runs():
            if len(run) > 1:
                coords = [c for i in run for c in (x_at(i), y_at(line.values[i]))]  # type: ignore[arg-type]
                drawing.add(PolyLine(coords, **_stroke(line)))
        for i, value in enumerate(line.values):
            if value is not None:
                drawing.add(_marker(line, x_at(i), y_at(value), hollow=spec.hollow(i)))
    if spec.note:
        drawing.add(_text(0, 2, spec.note))
    drawing.add(_text(0, height - 12, spec.title, font=SANS_BOLD, size=8))
    # the legend ends where the plot ends (or just clear of the title over a narrow plot)
    drawing.add(_legend(spec, min(width, max(left + plot_w, LEGEND_CLEAR)), height - 9))
    return drawing
