"""The trend chart and sparkline: values in words, size with the font, lines, gaps, markers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QToolTip
from reportlab.graphics.shapes import PolyLine, String

from reviewdesk import look
from reviewdesk.minutes.trend_chart import trend_chart as minutes_trend_chart
from reviewdesk.record import chart as chart_spec
from reviewdesk.record.analytics import ReviewRef, TrendPoint
from reviewdesk.ui import style
from reviewdesk.ui.widgets.trend_chart import MIN_H, MIN_W, Sparkline, TrendChart

REVIEWS = [
    ReviewRef(11, dt.date(2025, 12, 15), "Q4 2025"),
    ReviewRef(12, dt.date(2026, 3, 31), "Q1 2026"),
    ReviewRef(13, dt.date(2026, 6, 30), "Q2 2026"),
    ReviewRef(14, dt.date(2026, 9, 30), "Q3 2026"),
]


def _points(client, provider) -> list[TrendPoint]:
    return [TrendPoint(r, c, p) for r, c, p in zip(REVIEWS, client, provider, strict=True)]


def _chart(qtbot, points, title="Overall", current_id=None) -> TrendChart:
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(480, 240)
    chart.set_points(points, title, current_id=current_id)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def _image(chart: TrendChart, tmp_path: Path) -> QImage:
    path = tmp_path / "chart.png"
    assert chart.grab().save(str(path))
    image = QImage(str(path))
    assert not image.isNull()
    return image.convertToFormat(QImage.Format.Format_RGB32)


def _close(image: QImage, x: float, y: float, colour: str, radius: int = 1) -> bool:
    """Whether a pixel within ``radius`` of (x, y) is near ``colour``."""
    want = QColor(colour)
    ratio = image.width() / 480  # device pixel ratio of the grab
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            got = QColor(image.pixel(round(x * ratio) + dx, round(y * ratio) + dy))
            if (
                abs(got.red() - want.red()) + abs(got.green() - want.green())
                < 60 + abs(got.blue() - want.blue()) // 4
                and abs(got.blue() - want.blue()) < 60
            ):
                return True
    return False


def test_description_reads_the_values_and_the_current_review(qtbot):
    chart = _chart(qtbot, _points([2.5, 3.25, None, 3.5], [3.4, 3.7, 4.2, None]))
    text = chart.accessibleDescription()
    assert text.startswith("Client 2.5, 3.3, not rated, 3.5; Provider 3.4, 3.7, 4.2, not rated")
    assert "30 Sep 2026 (this review)" in text
    assert chart.accessibleName() == "Trend chart: Overall"
    chart.set_points(_points([1, 2, 3, 4], [5, 4, 3, 2]), "Trust", current_id=12)
    assert chart.accessibleName() == "Trend chart: Trust"
    assert chart.accessibleDescription().startswith("Client 1.0, 2.0, 3.0, 4.0; Provider 5.0")
    assert "31 Mar 2026 (this review)" in chart.accessibleDescription()
    chart.set_points([], "Overall")
    assert chart.accessibleDescription() == "No reviews yet."


def test_minimum_size_grows_with_the_text(qtbot, qapp):
    chart = _chart(qtbot, _points([2, 3, 4, 5], [3, 3, 3, 3]))
    normal = chart.minimumSizeHint()
    assert normal.width() >= MIN_W and normal.height() >= MIN_H
    style.apply(qapp, 1.6)  # View → Larger text
    qtbot.waitUntil(lambda: chart.minimumSizeHint().width() > normal.width() * 1.3)
    assert chart.minimumSizeHint().height() > normal.height() * 1.3
    spark = Sparkline()
    qtbot.addWidget(spark)
    assert spark.sizeHint().width() > 80 * 1.3


def test_lines_markers_gaps_and_highlight_in_the_rendering(qtbot, tmp_path):
    # Client flat at 2 with a hole at the third review; provider flat at 5.
    chart = _chart(qtbot, _points([2, 2, None, 2], [5, 5, 5, 5]), current_id=14)
    image = _image(chart, tmp_path)
    plot = chart._layout()[0]
    x = [chart._x(plot, i) for i in range(4)]
    y2, y5, y35 = chart._y(plot, 2), chart._y(plot, 5), chart._y(plot, 3.5)
    # The client line joins reviews 1 and 2 but breaks around the unrated third review.
    assert _close(image, (x[0] + x[1]) / 2, y2, look.CLIENT)
    assert not _close(image, (x[1] + x[2]) / 2, y2, look.CLIENT, radius=2)
    assert not _close(image, (x[2] + x[3]) / 2, y2, look.CLIENT, radius=2)
    assert _close(image, (x[0] + x[1]) / 2, y5, look.PROVIDER)
    # The current (last) review's column is highlighted, the others are not.
    assert _close(image, x[3], y35, look.HIGHLIGHT, radius=0)
    assert _close(image, x[1], y35, "#FFFFFF", radius=0)


def _fill_ratio(image: QImage, chart: TrendChart, x: float, y: float, colour: str) -> float:
    """How much of its bounding box the marker around (x, y) fills (circle ~0.79, square 1)."""
    half = round(chart._marker_size() / 2) + 2
    hits = [
        (dx, dy)
        for dx in range(-half, half + 1)
        for dy in range(-half, half + 1)
        if _close(image, x + dx, y + dy, colour, radius=0)
    ]
    assert len(hits) > 12
    width = max(d[0] for d in hits) - min(d[0] for d in hits) + 1
    height = max(d[1] for d in hits) - min(d[1] for d in hits) + 1
    return len(hits) / (width * height)


def test_markers_are_a_circle_and_a_square(qtbot, tmp_path):
    """Never colour alone: the client's marker is round, the provider's square."""
    chart = _chart(qtbot, _points([3, None, None, None], [None, None, None, 3]))
    image = _image(chart, tmp_path)
    plot = chart._layout()[0]
    y = chart._y(plot, 3)
    circle = _fill_ratio(image, chart, chart._x(plot, 0), y, look.CLIENT)
    square = _fill_ratio(image, chart, chart._x(plot, 3), y, look.PROVIDER)
    assert circle < 0.85 < 0.9 < square


def test_sparkline_values_and_size(qtbot, tmp_path):
    spark = Sparkline()
    qtbot.addWidget(spark)
    spark.set_values([2.5, None, 3.5], [4.0, 4.5, 4.5])
    assert spark.accessibleDescription() == "Client 2.5, not rated, 3.5; Provider 4.0, 4.5, 4.5"
    hint = spark.sizeHint()
    assert 60 <= hint.width() <= 120 and 18 <= hint.height() <= 40
    spark.resize(hint)
    spark.show()
    qtbot.waitExposed(spark)
    path = tmp_path / "spark.png"
    assert spark.grab().save(str(path))
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    colours = {
        QColor(image.pixel(x, y)).name()
        for x in range(image.width())
        for y in range(image.height())
    }
    assert look.CLIENT.lower() in colours and look.PROVIDER.lower() in colours


def test_tooltip_names_the_review_under_the_pointer(qtbot):
    chart = _chart(qtbot, _points([2.5, 3.0, None, 3.5], [3.0, 3.5, 4.0, 4.5]))
    plot = chart._layout()[0]
    pos = QPoint(round(chart._x(plot, 2)), round(plot.center().y()))
    event = QHelpEvent(QEvent.Type.ToolTip, pos, chart.mapToGlobal(pos))
    QApplication.sendEvent(chart, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "Q2 2026 · 30 Jun 2026\nClient not rated · Provider 4.0"


# ---- the window draws what the minutes draw ------------------------------------------------

SAME_DAY = [
    ReviewRef(21, dt.date(2026, 5, 15), "Kick-off"),
    ReviewRef(22, dt.date(2026, 5, 15), "Kick-off, part 2"),
    ReviewRef(23, dt.date(2026, 6, 30), "Q2 2026"),
]
SAME_DAY_POINTS = [TrendPoint(r, 3.0 + i / 2, 4.0) for i, r in enumerate(SAME_DAY)]


class PaintLog:
    """What the window's chart paints: the texts and the pens (QPainter's calls, recorded)."""

    def __init__(self, monkeypatch):
        self.texts: list[str] = []
        self.pens: list[QPen] = []
        real_text, real_pen = QPainter.drawText, QPainter.setPen

        def draw_text(painter, *args):
            self.texts += [a for a in args if isinstance(a, str)]
            return real_text(painter, *args)

        def set_pen(painter, pen):
            if isinstance(pen, QPen):
                self.pens.append(QPen(pen))
            return real_pen(painter, pen)

        monkeypatch.setattr(QPainter, "drawText", draw_text)
        monkeypatch.setattr(QPainter, "setPen", set_pen)

    def paint(self, chart: TrendChart) -> None:
        image = QImage(chart.size(), QImage.Format.Format_RGB32)
        chart.render(image)


def _pdf_shapes(points):
    drawing = minutes_trend_chart(points, 480)
    return [s for sub in drawing.contents for s in getattr(sub, "contents", [sub])]


def test_reviews_held_on_one_date_get_the_same_numbered_labels_in_window_and_minutes(
    qtbot, monkeypatch
):
    log = PaintLog(monkeypatch)
    chart = _chart(qtbot, SAME_DAY_POINTS)
    log.paint(chart)
    window = [t for t in log.texts if t[:1].isdigit() and " " in t]  # '15 May (1)'…
    pdf = [s.text for s in _pdf_shapes(SAME_DAY_POINTS) if isinstance(s, String)]
    assert window == ["15 May (1)", "15 May (2)", "30 Jun"]
    assert [t for t in pdf if t in window] == window
    assert log.texts.count("2026") == 1 and pdf.count("2026") == 1  # the year, once
    legend = ["Client 4.0", "Provider 4.0"]  # the current (last) review's values
    assert all(text in log.texts for text in legend) and all(text in pdf for text in legend)


def test_the_provider_line_is_dashed_and_the_client_solid_in_window_and_minutes(qtbot, monkeypatch):
    log = PaintLog(monkeypatch)
    chart = _chart(qtbot, SAME_DAY_POINTS)
    log.paint(chart)
    shapes = _pdf_shapes(SAME_DAY_POINTS)
    for side, colour in (("client", look.CLIENT), ("provider", look.PROVIDER)):
        pens = [p for p in log.pens if p.color().name().lower() == colour.lower()]
        lines = [
            s
            for s in shapes
            if isinstance(s, PolyLine) and s.strokeColor.hexval()[2:] in colour.lower()
        ]
        assert pens and lines, side
        solid = Qt.PenStyle.SolidLine
        drawn_dash = {() if p.style() == solid else tuple(p.dashPattern()) for p in pens}
        printed_dash = {tuple(d / s.strokeWidth for d in s.strokeDashArray or ()) for s in lines}
        assert drawn_dash == printed_dash == {chart_spec.DASHES[side]}, side
    assert chart_spec.DASHES == {"client": (), "provider": (4.0, 2.0)}


def test_a_partial_review_has_hollow_markers_and_a_note_in_window_and_minutes(qtbot, tmp_path):
    from reportlab.graphics.shapes import Circle

    from reviewdesk.record.model import Coverage

    whole, partial = Coverage(24, 24), Coverage(24, 3)
    points = [
        TrendPoint(REVIEWS[0], 3.0, 3.0, whole),
        TrendPoint(REVIEWS[1], 3.0, 3.0, whole),
        TrendPoint(REVIEWS[2], 3.0, 3.0, whole),
        TrendPoint(REVIEWS[3], 4.0, 4.0, partial),
    ]
    chart = _chart(qtbot, points, current_id=13)
    image = _image(chart, tmp_path)
    plot = chart._layout()[0]
    # The whole review's client circle is filled; the partial one's is white inside.
    assert _close(image, chart._x(plot, 0), chart._y(plot, 3), look.CLIENT, radius=0)
    assert _close(image, chart._x(plot, 3), chart._y(plot, 4), "#FFFFFF", radius=0)
    assert _close(
        image,
        chart._x(plot, 3) + chart._marker_size() / 2 - 1,
        chart._y(plot, 4),
        look.CLIENT,
        radius=1,
    )
    assert chart.accessibleDescription().endswith("Partial reviews: 30 Sep 2026.")
    assert chart.spec.note == chart_spec.PARTIAL_NOTE
    circles = [s for s in _pdf_shapes(points) if isinstance(s, Circle)]
    fills = [c.fillColor.hexval()[2:].upper() for c in circles]  # the four reviews, the legend
    client = look.CLIENT[1:].upper()
    assert fills == [client, client, client, "FFFFFF", client]
    texts = [s.text for s in _pdf_shapes(points) if isinstance(s, String)]
    assert chart_spec.PARTIAL_NOTE in texts
    # Only whole reviews: no note anywhere.
    whole_points = [TrendPoint(p.review, p.client, p.provider, whole) for p in points]
    chart.set_points(whole_points, "Overall")
    assert chart.spec.note == "" and "Partial" not in chart.accessibleDescription()
    assert chart_spec.PARTIAL_NOTE not in [
        s.text for s in _pdf_shapes(whole_points) if isinstance(s, String)
    ]
