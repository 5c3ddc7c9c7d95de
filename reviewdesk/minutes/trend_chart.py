"""Health over time: the overall client and provider averages per review as two marked lines."""

from __future__ import annotations

from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.pdfbase.pdfmetrics import stringWidth

from reviewdesk.minutes import styles
from reviewdesk.minutes.fonts import SANS, SANS_BOLD, register_fonts
from reviewdesk.record.analytics import TrendPoint, date_labels
from reviewdesk.record.model import RATING_MAX, RATING_MIN
from reviewdesk.record.wording import average_text

HEIGHT = 58 * 2.835
COLUMN = 110.0  # points per review at most: two reviews are not stretched over the page
MARKER = 5.5
LEGEND_CLEAR = 320.0  # the legend's right edge at least this far in: clear of the chart title


def _legend(drawing: Drawing, right: float, top: float) -> None:
    """'● Client  ■ Provider' as line-and-marker samples, right-aligned at the top."""
    x = right
    for name, colour, square in (
        ("Provider", styles.PROVIDER, True),
        ("Client", styles.CLIENT, False),
    ):
        x -= 20 + stringWidth(name, SANS, 8) + (12 if x < right else 0)
        drawing.add(Line(x, top, x + 16, top, strokeColor=colour, strokeWidth=1.6))
        half = MARKER / 2
        if square:
            mark = Rect(
                x + 8 - half, top - half, MARKER, MARKER, fillColor=colour, strokeColor=None
            )
        else:
            mark = Circle(x + 8, top, half, fillColor=colour, strokeColor=None)
        drawing.add(mark)
        drawing.add(
            String(x + 20, top - 2.8, name, fontName=SANS, fontSize=8, fillColor=styles.INK)
        )


def trend_chart(points: list[TrendPoint], width: float) -> Drawing:
    """Client (blue circles) and provider (orange squares) per review, dates under the axis."""
    register_fonts()  # the legend measures its names
    drawing = Drawing(width, HEIGHT, initialFontName=SANS)
    chart = HorizontalLineChart()
    chart.x, chart.y = 28, 30
    chart.width = min(width - 40, COLUMN * len(points))
    chart.height = HEIGHT - 56
    chart.data = [[p.client for p in points], [p.provider for p in points]]
    chart.joinedLines = 0  # each line joins its points only when it has two (see below)
    chart.categoryAxis.categoryNames = date_labels([p.review for p in points])
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.strokeColor = styles.BORDER
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = RATING_MIN, RATING_MAX
    chart.valueAxis.valueStep = 1
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = styles.BORDER
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = styles.BORDER
    chart.valueAxis.gridStrokeWidth = 0.4
    for i, (colour, marker) in enumerate(
        ((styles.CLIENT, "FilledCircle"), (styles.PROVIDER, "FilledSquare"))
    ):
        chart.lines[i].strokeColor = colour
        # a line needs two points; a lone average is shown by its marker alone
        if sum(v is not None for v in chart.data[i]) >= 2:
            chart.lines[i].lineStyle = "joinedLine"
        chart.lines[i].strokeWidth = 1.6
        symbol = makeMarker(marker)
        symbol.size = MARKER
        symbol.fillColor = colour
        symbol.strokeColor = None
        chart.lines[i].symbol = symbol
    drawing.add(chart)
    # this review, the last column, gets its date in bold and its two values beside the markers
    if points:
        step = chart.width / len(points)
        x = chart.x + step * (len(points) - 0.5)
        last = points[-1]
        scale = chart.height / (RATING_MAX - RATING_MIN)
        values = ((last.client, styles.CLIENT), (last.provider, styles.PROVIDER))
        shown = sorted(((v, c) for v, c in values if v is not None), key=lambda vc: vc[0])
        drawing.add(
            String(
                x,
                chart.y - 22,
                "this review",
                fontName=SANS,
                fontSize=6.5,
                fillColor=styles.MUTED,
                textAnchor="middle",
            )
        )
        previous_y = None
        for value, colour in shown:
            y = chart.y + (value - RATING_MIN) * scale - 2.5
            if previous_y is not None and y - previous_y < 9:
                y = previous_y + 9
            previous_y = y
            drawing.add(
                String(
                    x + 6, y, average_text(value), fontName=SANS_BOLD, fontSize=7, fillColor=colour
                )
            )
    drawing.add(
        String(
            0,
            HEIGHT - 12,
            "Overall average rating per review (1–5)",
            fontName=SANS_BOLD,
            fontSize=8,
            fillColor=styles.MUTED,
        )
    )
    # the legend ends where the plot ends (or just clear of the title over a narrow plot)
    _legend(drawing, min(width, max(chart.x + chart.width, LEGEND_CLEAR)), HEIGHT - 9)
    return drawing
