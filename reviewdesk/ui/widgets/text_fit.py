"""User text made to fit: wrapped text whose long words break only where they must, and two
texts sharing one line. Nothing is ever inserted into the text, so what is copied is what was
stored. (One line cut with '…': ``elided_label.ElidedLabel``.)
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QContextMenuEvent,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QWidget

MIN_CHARS = 12  # a wrapped label may be squeezed to this many average characters
HINT_CHARS = 80  # and asks for a line of at most this many
UNLIMITED = 1_000_000


def show_menu(menu: QMenu, where: QPoint) -> None:
    """Run a context menu (tests replace this)."""
    menu.exec(where)


class WrapLabel(QLabel):
    """Word-wrapped text (plain or rich) that breaks a word only when it alone is wider than
    the label — Qt's WrapAtWordBoundaryOrAnywhere — so a long word, name or path never widens
    the page, and nothing invisible is put into the text to get there.

    ``text()`` is the text as given; "Copy" (context menu, or Ctrl+C when the label has focus)
    puts the text as shown — for rich text its plain words — on the clipboard, exactly as stored.
    The label paints itself; it takes no mouse selection.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._doc: QTextDocument | None = None
        # height for width, per width: a layout asks for the same few widths many times, and
        # each new width lays the whole text out again (QTextDocument.setTextWidth)
        self._heights: dict[int, int] = {}
        self._ideal: float | None = None
        self._unwrapped_height = 0.0  # the height laid out on one line per paragraph
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._copy_action: QAction | None = None  # made when first asked for (pages hold many)
        self.setText(text)

    # ---- text ----------------------------------------------------------------------------

    def setText(self, text: str) -> None:
        self._forget_layout()
        super().setText(text)
        self.updateGeometry()
        self.update()

    def setTextFormat(self, format: Qt.TextFormat) -> None:
        self._forget_layout()
        super().setTextFormat(format)

    def setAlignment(self, alignment: Qt.AlignmentFlag) -> None:
        self._forget_layout()
        super().setAlignment(alignment)

    def _forget_layout(self) -> None:
        self._doc = None
        self._heights = {}
        self._ideal = None

    def is_rich(self) -> bool:
        fmt = self.textFormat()
        if fmt == Qt.TextFormat.AutoText:
            return GuiQt.mightBeRichText(self.text())
        return fmt == Qt.TextFormat.RichText

    def plain_text(self) -> str:
        """The words shown, without markup: what "Copy" puts on the clipboard."""
        return self._document().toPlainText() if self.is_rich() else self.text()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())

    @property
    def copy_action(self) -> QAction:
        """ "Copy": the context menu's one entry, and Ctrl+C while the label has focus."""
        if self._copy_action is None:
            action = QAction("Copy", self)
            action.setShortcut(QKeySequence.StandardKey.Copy)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(self.copy)
            self._copy_action = action
        return self._copy_action

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction(self.copy_action)
        show_menu(menu, event.globalPos())
        menu.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_action.trigger()
            return
        super().keyPressEvent(event)

    # ---- layout --------------------------------------------------------------------------

    def _document(self, width: float | None = None) -> QTextDocument:
        if self._doc is None:
            doc = QTextDocument(self)
            doc.setDocumentMargin(0)
            doc.setDefaultFont(self.font())
            option = QTextOption(self.alignment() & Qt.AlignmentFlag.AlignHorizontal_Mask)
            option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
            doc.setDefaultTextOption(option)
            if self.is_rich():
                doc.setHtml(self.text())
            else:
                doc.setPlainText(self.text())
            self._doc = doc
        if width is not None and self._doc.textWidth() != width:
            self._doc.setTextWidth(max(1.0, width))
        return self._doc

    def _frame(self) -> tuple[int, int]:
        m = self.contentsMargins()
        return m.left() + m.right(), m.top() + m.bottom()

    def _ideal_width(self) -> float:
        if self._ideal is None:
            doc = self._document(UNLIMITED)
            self._ideal = doc.idealWidth()
            self._unwrapped_height = doc.size().height()
        return self._ideal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        known = self._heights.get(width)
        if known is not None:
            return known
        dx, dy = self._frame()
        if not self.text():
            return dy
        room = width - dx
        if room >= math.ceil(self._ideal_width()):
            # nothing wraps at this width: the text is laid out as on an unlimited line (a
            # layout asks for many widths; most are wide enough, and need no new layout)
            laid_out = self._unwrapped_height
        else:
            laid_out = self._document(room).size().height()
        height = int(laid_out + 0.999) + dy
        if len(self._heights) > 64:  # a window dragged through many widths
            self._heights.clear()
        self._heights[width] = height
        return height

    def sizeHint(self) -> QSize:
        dx, _dy = self._frame()
        chars = self.fontMetrics().averageCharWidth()
        width = int(min(self._ideal_width(), chars * HINT_CHARS) + 0.999) + dx
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        dx, _dy = self._frame()
        chars = self.fontMetrics().averageCharWidth()
        width = int(min(self._ideal_width(), chars * MIN_CHARS) + 0.999) + dx
        return QSize(width, self.heightForWidth(UNLIMITED))  # one line: hfw gives the rest

    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # polishing sends both, mostly without changing the font: keep the text's layout
            if self._doc is None or self._doc.defaultFont() != self.font():
                self._forget_layout()
            self._heights = {}
            self.updateGeometry()
        elif kind == QEvent.Type.ContentsRectChange:  # new margins: the text lays out the same
            self._heights = {}
            self.updateGeometry()
        super().changeEvent(event)

    # ---- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.drawFrame(painter)  # the stylesheet's background and border
        room = self.contentsRect()
        doc = self._document(room.width())
        top = room.top()
        spare = room.height() - doc.size().height()
        if self.alignment() & Qt.AlignmentFlag.AlignVCenter:
            top += max(0.0, spare / 2)
        elif self.alignment() & Qt.AlignmentFlag.AlignBottom:
            top += max(0.0, spare)
        painter.translate(room.left(), top)
        context = QAbstractTextDocumentLayout.PaintContext()
        colour = self.palette().color(self.foregroundRole())
        context.palette.setColor(QPalette.ColorRole.Text, colour)
        doc.documentLayout().draw(painter, context)
        painter.end()


def fit_pair(metrics: QFontMetrics, left: str, right: str, room: int) -> tuple[str, str]:
    """Cut two texts to share ``room`` pixels: the shorter keeps its whole width if it can."""
    wl, wr = metrics.horizontalAdvance(left), metrics.horizontalAdvance(right)
    if wl + wr <= room:
        return left, right
    half = room // 2
    if wl <= half:
        give_l, give_r = wl, room - wl
    elif wr <= half:
        give_l, give_r = room - wr, wr
    else:
        give_l, give_r = half, room - half
    elide = Qt.TextElideMode.ElideRight
    return metrics.elidedText(left, elide, give_l), metrics.elidedText(right, elide, give_r)
