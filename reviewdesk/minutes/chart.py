"""The summary chart: client and provider averages per section as grouped bars."""

from __future__ import annotations

import textwrap

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String

from reviewdesk.minutes import styles
from reviewdesk.minutes.fonts import SANS, SANS_BOLD
from reviewdesk.record.model import RATING_MAX
from reviewdesk.record.numbers import one_decimal
from reviewdesk.record.rules import SectionScore
from reviewdesk.record.wording import side_text

LABEL_CHARS = 16
MAX_NAMED = 8


def _label(plain: str) -> str:
    """A section title in at most two short lines under its bars."""
    lines = textwrap.wrap(" ".join(plain.split()), LABEL_CHARS, break_long_words=True) or [""]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: LABEL_CHARS - 1] + "…"]
    return "\n".join(lines)


def section_chart(scores: list[SectionScore], labels: list[str], width: float) -> Drawing:
    """Grouped bars (client blue, provider orange, 0–5) with a legend; missing averages skipped."""
    height = 62 * 2.835
    drawing = Drawing(width, height, initialFontName=SANS)
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 34
    # a few sections get bars of a sensible width, not bars stretched over the page
    chart.width, chart.height = min(width - 40, 36 + 78 * len(scores)), height - 58
    chart.data = [[s.client for s in scores], [s.provider for s in scores]]
    if len(scores) > MAX_NAMED:  # too many to name under the bars: number them as in the text
        chart.categoryAxis.categoryNames = [str(n) for n in range(1, len(scores) + 1)]
    else:
        chart.categoryAxis.categoryNames = [_label(lab) for lab in labels]
    chart.categoryAxis.labels.fontName = SANS
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.strokeColor = styles.BORDER
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, RATING_MAX, 1
    chart.valueAxis.labels.fontName = SANS
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.strokeColor = styles.BORDER
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = styles.BORDER
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.bars[0].fillColor = styles.CLIENT
    chart.bars[1].fillColor = styles.PROVIDER
    chart.bars.strokeColor = None
    chart.barSpacing = 2
    chart.groupSpacing = 14
    chart.barLabelFormat = one_decimal  # halves up, as in the table
    chart.barLabels.fontName = SANS
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 5
    chart.barLabels.fillColor = styles.INK
    drawing.add(chart)

    legend = Legend()
    legend.x, legend.y = 175, height - 4  # beside the chart title
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 70
    legend.fontName = SANS
    legend.fontSize = 8
    legend.dxTextSpace = 4
    legend.boxAnchor = "nw"
    legend.strokeColor = None
    legend.colorNamePairs = [
        (styles.CLIENT, side_text("client")),
        (styles.PROVIDER, side_text("provider")),
    ]
    drawing.add(legend)
    drawing.add(
        String(
            0,
            height - 12,
            "Average rating per section (1–5)",
            fontName=SANS_BOLD,
            fontSize=8,
            fillColor=styles.MUTED,
        )
    )
    return drawing
