"""The signature pad: drawing with the mouse, clearing, and the cropped PNG export."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from qt_helpers import PNG_MAGIC, draw

from reviewdesk.ui.widgets.signature_pad import EXPORT_SCALE, MARGIN, SignaturePad


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


def dark_pixels(image: QImage) -> int:
    return sum(
        image.pixelColor(x, y).lightness() < 128
        for x in range(image.width())
        for y in range(image.height())
    )


def test_enter_or_space_on_the_focused_pad_asks_to_sign_with_the_name(qtbot):
    pad = _pad(qtbot)
    pad.setFocus()
    qtbot.waitUntil(pad.hasFocus)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        with qtbot.waitSignal(pad.type_requested):
            QTest.keyClick(pad, key)
    pad.set_readonly(True)
    with qtbot.assertNotEmitted(pad.type_requested):
        QTest.keyClick(pad, Qt.Key.Key_Return)


def test_a_typed_signature_is_ink_on_the_line_and_exports_like_a_drawn_one(qtbot):
    pad = _pad(qtbot)
    with qtbot.waitSignal(pad.changed):
        pad.sign_with_text("  Nguyễn   Thị Hương ")
    assert pad.has_ink and pad.strokes == []
    ink = pad.ink_rect()
    inside = pad.rect().adjusted(8, 4, -8, -4)
    assert inside.contains(ink.toAlignedRect()), (ink, pad.rect())
    assert ink.width() > pad.width() / 3  # fitted to the pad, not a tiny caption
    image = QImage.fromData(pad.to_png(), "PNG")
    assert not image.isNull() and dark_pixels(image) > 200
    longer = _pad(qtbot)
    longer.sign_with_text("Maximiliane Alexandra von Hohenzollern-Sigmaringen")
    assert inside.contains(longer.ink_rect().toAlignedRect())  # a long name is scaled down
    draw(pad, [(30, 30), (60, 60)])  # drawing on top of the typed name keeps both
    assert pad.ink_rect().contains(ink)
    pad.clear()
    assert not pad.has_ink and pad.to_png() == b""


def test_no_typed_signature_when_read_only_or_without_a_name(qtbot):
    pad = _pad(qtbot)
    with qtbot.assertNotEmitted(pad.changed):
        pad.sign_with_text("   ")
        pad.set_readonly(True)
        pad.sign_with_text("Ada")
    assert not pad.has_ink
