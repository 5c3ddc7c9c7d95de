"""A pad to sign on with mouse, pen or finger (or by typed name); exports the ink as a PNG."""

from __future__ import annotations

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from reviewdesk import look

INK = QColor(look.TEXT)
PEN_WIDTH = 2.2
PAD_SIZE = QSize(400, 120)
PAD_MIN_WIDTH = 280  # a small screen with large text: narrower, never sideways scrolling
MARGIN = 8  # px of white kept around the ink in the exported PNG
EXPORT_SCALE = 2  # the PNG is drawn at twice the screen size so it prints crisply
SLANT = 0.25  # the shear of a typed signature's letters
TYPED_HEIGHT = 0.45  # a typed signature's tallest letter, as a share of the room above the line
SIGN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class SignaturePad(QWidget):
    """Collects strokes; ``changed`` fires when a stroke ends or the pad is cleared.

    From the keyboard, Enter or Space on the focused pad emits ``type_requested``: the owner
    answers with :meth:`sign_with_text` and the signer's name, set in slanted letters as ink.
    """

    changed = Signal()
    type_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.strokes: list[list[QPointF]] = []
        self.typed = QPainterPath()  # a typed signature's letters, in widget coordinates
        self._drawing = False
        self._readonly = False
        self.setMinimumSize(PAD_MIN_WIDTH, PAD_SIZE.height())
        self.setMaximumWidth(PAD_SIZE.width() * 3 // 2)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName("Signature pad")
        self.setAccessibleDescription(
            "Draw a signature with the mouse, a pen or a finger,"
            " or press Enter to sign with the typed name"
        )

    def sizeHint(self) -> QSize:
        return PAD_SIZE

    # ---- state ---------------------------------------------------------------------------

    @property
    def has_ink(self) -> bool:
        return any(self.strokes) or not self.typed.isEmpty()

    def clear(self) -> None:
        self.strokes = []
        self.typed = QPainterPath()
        self._drawing = False
        self.update()
        self.changed.emit()

    def set_readonly(self, readonly: bool) -> None:
        self._readonly = readonly
        self.setCursor(Qt.CursorShape.ArrowCursor if readonly else Qt.CursorShape.CrossCursor)
        self.update()

    def sign_with_text(self, text: str) -> None:
        """Replace the ink with ``text`` in slanted letters, fitted on the signing line."""
        text = " ".join(text.split())
        if self._readonly or not text:
            return
        font = QFont(self.font())
        font.setPointSize(40)
        path = QPainterPath()
        path.addText(0, 0, font, text)  # y = 0 is the text's baseline
        path = QTransform().shear(-SLANT, 0).map(path)  # slanted like handwriting, in any font
        box = path.boundingRect()
        if box.isEmpty():
            return
        baseline = self.height() * 0.75
        width = self.width() - 32
        scale = min(width / box.width(), TYPED_HEIGHT * (baseline - 8) / max(-box.top(), 1.0))
        place = QTransform().translate(16, baseline).scale(scale, scale).translate(-box.left(), 0)
        self.typed = place.map(path)
        self.strokes = []
        self._drawing = False
        self.update()
        self.changed.emit()

    # ---- input ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in SIGN_KEYS and not self._readonly:
            self.type_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def _begin(self, pos: QPointF) -> None:
        if self._readonly:
            return
        self._drawing = True
        self.strokes.append([QPointF(pos)])
        self.update()

    def _extend(self, pos: QPointF) -> None:
        if self._drawing and self.strokes:
            self.strokes[-1].append(QPointF(pos))
            self.update()

    def _end(self, pos: QPointF | None = None) -> None:
        if not self._drawing:
            return
        if pos is not None:
            self._extend(pos)
        self._drawing = False
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()  # no synthesized mouse events on top

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:
                pos = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(pos)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(pos)
                else:
                    self._end(pos)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._end()
            event.accept()
            return True
        return super().event(event)

    # ---- drawing -------------------------------------------------------------------------

    def _draw_ink(self, painter: QPainter) -> None:
        pen = QPen(INK, PEN_WIDTH, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if not self.typed.isEmpty():
            painter.fillPath(self.typed, INK)
        for stroke in self.strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0])
            else:
                painter.drawPolyline(stroke)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        background = QColor(look.PAGE_BG if self._readonly or not self.isEnabled() else look.WHITE)
        painter.setBrush(background)
        border = QColor(look.CLIENT if self.hasFocus() else look.BORDER)
        painter.setPen(QPen(border, 1))
        painter.drawRoundedRect(rect, 6, 6)
        baseline = rect.bottom() - rect.height() * 0.25
        painter.setPen(QPen(QColor(look.BORDER), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(16, baseline), QPointF(rect.right() - 16, baseline))
        if not self.has_ink and not self._readonly:
            painter.setPen(QColor(look.MUTED))
            line = self.fontMetrics().height()  # follows View → Larger text
            painter.drawText(
                QRectF(16, baseline - line - 4, rect.width() - 32, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                "Sign here, or press Enter to sign with the name"
                if self.hasFocus()
                else "Sign here",
            )
        self._draw_ink(painter)
        painter.end()

    # ---- export --------------------------------------------------------------------------

    def ink_rect(self) -> QRectF:
        """The bounding box of every stroke, widened by the pen (empty without ink)."""
        points = [p for stroke in self.strokes for p in stroke]
        typed = self.typed.boundingRect()
        if not points:
            return typed
        xs = [p.x() for p in points]
        ys = [p.y() for p in points]
        half = PEN_WIDTH / 2
        drawn = QRectF(
            min(xs) - half,
            min(ys) - half,
            max(xs) - min(xs) + PEN_WIDTH,
            max(ys) - min(ys) + PEN_WIDTH,
        )
        return drawn.united(typed) if not typed.isEmpty() else drawn

    def to_image(self) -> QImage:
        """The ink alone on white, cropped with a small margin, at the export scale."""
        box = self.ink_rect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        size = QSize(
            max(1, round(box.width() * EXPORT_SCALE)), max(1, round(box.height() * EXPORT_SCALE))
        )
        image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(EXPORT_SCALE, EXPORT_SCALE)
        painter.translate(-box.topLeft())
        self._draw_ink(painter)
        painter.end()
        return image

    def to_png(self) -> bytes:
        """The drawing as PNG bytes (b'' when nothing is drawn)."""
        if not self.has_ink:
            return b""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.to_image().save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())
