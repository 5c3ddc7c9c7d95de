"""The signature pad: drawing with the mouse, clearing, and the cropped PNG export."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewdesk.ui.signature_pad import EXPORT_SCALE, MARGIN, SignaturePad

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def draw(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """One stroke with real mouse press, moves and release."""
    first = QPoint(*points[0])
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    last = QPoint(*points[-1])
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)


def _pad(qtbot) -> SignaturePad:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def test_pad_is_about_400_by_120(qtbot):
    pad = _pad(qtbot)
    assert pad.width() >= 400 and pad.height() == 120


def test_strokes_make_a_valid_png_cropped_to_the_ink(qtbot):
    pad = _pad(qtbot)
    assert not pad.has_ink and pad.to_png() == b""
    with qtbot.waitSignal(pad.changed):
        draw(pad, [(50, 40), (90, 60), (150, 50), (250, 80)])
    draw(pad, [(60, 90), (200, 95)])
    assert pad.has_ink
    assert len(pad.strokes) == 2
    assert len(pad.strokes[0]) >= 4  # press, the moves and the release all count

    data = pad.to_png()
    assert data.startswith(PNG_MAGIC)
    image = QImage.fromData(data, "PNG")
    assert not image.isNull()
    ink = pad.ink_rect()
    # Cropped to the ink plus the margin, so the aspect ratio is the drawn one.
    assert abs(image.width() - (ink.width() + 2 * MARGIN) * EXPORT_SCALE) <= 1
    assert abs(image.height() - (ink.height() + 2 * MARGIN) * EXPORT_SCALE) <= 1
    assert image.width() < pad.width() * EXPORT_SCALE
    # There is dark ink in it, and white paper at the corner.
    dark = sum(
        image.pixelColor(x, y).lightness() < 128
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    assert dark > 20
    assert image.pixelColor(0, 0).lightness() == 255


def test_clear_removes_the_ink(qtbot):
    pad = _pad(qtbot)
    draw(pad, [(10, 10), (100, 100)])
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert not pad.has_ink
    assert pad.to_png() == b""


def test_readonly_pad_ignores_drawing(qtbot):
    pad = _pad(qtbot)
    pad.set_readonly(True)
    draw(pad, [(10, 10), (100, 100)])
    assert not pad.has_ink


def test_a_single_tap_is_a_dot_of_ink(qtbot):
    pad = _pad(qtbot)
    draw(pad, [(30, 30)])
    assert pad.has_ink
    rect = pad.ink_rect()
    assert rect.contains(QPointF(30, 30))
    assert QImage.fromData(pad.to_png(), "PNG").width() > 2 * MARGIN


def test_a_finger_draws_through_touch_events(qtbot):
    pad = _pad(qtbot)
    finger = QTest.createTouchDevice()
    QTest.touchEvent(pad, finger).press(0, QPoint(20, 20)).commit()
    QTest.touchEvent(pad, finger).move(0, QPoint(120, 60)).commit()
    with qtbot.waitSignal(pad.changed):
        QTest.touchEvent(pad, finger).release(0, QPoint(220, 90)).commit()
    [stroke] = pad.strokes
    assert len(stroke) == 3
    xs = [p.x() for p in stroke]
    assert xs == sorted(xs) and xs[-1] - xs[0] > 150
    assert pad.to_png().startswith(PNG_MAGIC)


def test_a_pen_draws_through_tablet_events(qtbot):
    pad = _pad(qtbot)
    pen = QPointingDevice.primaryPointingDevice()

    def send(kind: QEvent.Type, x: float, y: float) -> None:
        pos = QPointF(x, y)
        event = QTabletEvent(
            kind,
            pen,
            pos,
            pad.mapToGlobal(pos),
            0.6,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )
        QApplication.sendEvent(pad, event)
        assert event.isAccepted()  # no synthesized mouse events on top

    send(QEvent.Type.TabletPress, 10, 10)
    send(QEvent.Type.TabletMove, 60, 40)
    send(QEvent.Type.TabletRelease, 110, 20)
    assert [(p.x(), p.y()) for p in pad.strokes[0]] == [(10, 10), (60, 40), (110, 20)]
