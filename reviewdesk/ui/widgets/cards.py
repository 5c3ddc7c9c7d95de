"""The building blocks every page is made of: labels, cards, page titles, scrolling, growing text,
the signed-off banner. Their look comes from the application stylesheet (``ui/style.py``) through
their ``role``; their sizes follow View → Larger text.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontMetricsF, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.model import Meeting
from reviewdesk.record.wording import signed_off_text
from reviewdesk.ui import style
from reviewdesk.ui.widgets.text_fit import WrapLabel

READ_ONLY = "The record is read-only."


def fit_to_screen(window: QWidget, width: int, height: int, margin: int = 48) -> None:
    """Resize a dialog to ``width``×``height``, but never past the screen it opens on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - margin)
        height = min(height, room.height() - margin)
    window.resize(width, height)


def label(text: str, role: str = "", wrap: bool = False) -> QLabel:
    """Plain text in the look of ``role``; a wrapping one breaks a long word where it must
    (``WrapLabel``), a one-line one can be selected with the mouse."""
    widget = WrapLabel(text) if wrap else QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)  # user text is never markup
    if role:
        widget.setProperty("role", role)
    if not wrap:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def page_title(text: str) -> QLabel:
    """A page's title (16 pt semi-bold at the normal size), wrapping when the screen is narrow."""
    widget = label(text, "title", wrap=True)
    widget.setAccessibleName(text)
    return widget


def muted(text: str) -> WrapLabel:
    """A line of guidance in the muted grey, wrapping."""
    return label(text, "guidance", wrap=True)  # type: ignore[return-value]


def section_heading(text: str) -> QLabel:
    """A semi-bold heading inside a card (wrapping when the screen is narrow)."""
    return label(text, "heading", wrap=True)


def rich(accessible_name: str, *, focusable: bool = True) -> WrapLabel:
    """An empty wrapping label for markup we write (user text in it escaped), top-aligned;
    reached with Tab so a screen reader can read it when ``focusable``."""
    widget = WrapLabel()
    widget.setTextFormat(Qt.TextFormat.RichText)
    widget.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    widget.setAccessibleName(accessible_name)
    if focusable:
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    return widget


class Card(QFrame):
    """A white panel with a thin border and rounded corners; put its content in ``body``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.body = QVBoxLayout(self)
        style.scaled(self.body, margins=(16, 12, 16, 12), spacing=8)


def card() -> tuple[Card, QVBoxLayout]:
    """A new card and the layout to fill."""
    frame = Card()
    return frame, frame.body


def in_card_scroll(content: QWidget, max_height: int) -> QScrollArea:
    """``content`` scrolling inside a card once it is taller than ``max_height`` (at scale 1),
    so a long list does not push what follows out of view."""
    area = QScrollArea()
    area.setProperty("role", "inCard")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    style.scaled(area, max_height=max_height)
    area.setWidget(content)
    return area


def scrolled(page: QWidget) -> QScrollArea:
    """Wrap a page so it never clips on a small screen."""
    area = page_scroll()
    area.setWidget(page)
    page.setAutoFillBackground(False)  # the viewport paints the page colour behind every page
    return area


class PageScroll(QScrollArea):
    """A scroll area that fits its page once per resize of the page.

    Qt's scroll area resizes its page from inside its handler of the page's resize: a page whose
    size hints answer differently at each size (a table whose scroll bar comes and goes as its
    wrapped rows get taller, and back) made that recursion endless, and the stack overflowed.
    A resize the area itself made while fitting the page is not fitted again: the fitting in
    progress reads the page's size right after it, as it would have."""

    _fitting = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.widget() or event.type() != QEvent.Type.Resize:
            return super().eventFilter(watched, event)
        if self._fitting:
            return False
        self._fitting = True
        try:
            return super().eventFilter(watched, event)
        finally:
            self._fitting = False


def page_scroll() -> QScrollArea:
    """The scroll area a page scrolls in (``scrolled``), empty: a page made as a child of its
    ``viewport()`` and then set in with ``setWidget`` is styled once, not again on moving in."""
    area = PageScroll()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setObjectName("pageScroll")
    return area


def page_body(page: QWidget) -> QVBoxLayout:
    """A page's body: a vertical layout with the page margins and spacing. The meeting view
    scrolls the whole page (``scrolled``); nothing in it scrolls on its own."""
    layout = QVBoxLayout(page)
    style.scaled(layout, margins=16, spacing=12)
    return layout


class GrowingTextEdit(QPlainTextEdit):
    """Plain text that grows with its content instead of scrolling inside itself.

    Tab and Ctrl+Tab leave the field (Shift for the previous one), as in every other field:
    notes are prose, and a tab character in them is never what the keyboard user wanted.
    """

    def __init__(self, min_lines: int = 3, parent: QWidget | None = None):
        super().__init__(parent)
        self.min_lines = min_lines
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self._fit)
        # a block's lines are counted once it is laid out (as it shows, from a paint): the edit
        # learns it has lines below its edge from its (hidden) scroll bar's range, and grows
        self.verticalScrollBar().rangeChanged.connect(self._grow_soon)
        self._growing = False
        self._fit()

    def _grow_soon(self, _minimum: int, maximum: int) -> None:
        if maximum > 0 and not self._growing:
            self._growing = True
            QTimer.singleShot(0, self, self._grow)

    def _grow(self) -> None:
        self._growing = False
        self._fit()

    def _fit(self) -> None:
        # the document's own running total of its blocks' lines (a block not laid out yet
        # counts one): reading it does not walk the blocks (7,000 in a 100 KB note)
        lines = max(self.min_lines, self.document().lineCount())
        margins = self.contentsMargins()
        height = (
            lines * self._line_height()
            + 2 * self.document().documentMargin()
            + margins.top()
            + margins.bottom()
            + style.px(12)
        )
        self.setFixedHeight(int(height))

    def _line_height(self) -> int:
        """A line's height as Qt lays it out: its font's ascent and descent (and leading)
        rounded up to a whole pixel, a little more than the font's line spacing (19.05 → 20
        px: 24 lines short in 480)."""
        metrics = QFontMetricsF(self.font())
        return math.ceil(metrics.height() + max(0.0, metrics.leading()))

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            back = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self.focusNextPrevChild(not back)
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange):
            self._fit()  # View → Larger text


def banner_text(meeting: Meeting) -> str:
    """The signed-off sentence and that the record is read-only ('' while open)."""
    text = signed_off_text(meeting)
    return f"{text} {READ_ONLY}" if text else ""


class LockBanner(WrapLabel):
    """A strip saying the meeting is signed off and read-only.

    When the page sits inside a view that already shows such a banner across every page (the
    meeting view's ``banner``), this one stays hidden so the message is not repeated.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("role", "banner")
        self.setAccessibleName("Sign-off status")
        self._locked = False
        self.hide()

    def show_for(self, meeting: Meeting) -> None:
        text = banner_text(meeting)
        self._locked = bool(text)
        if text:
            self.setText(text)
            self.setAccessibleDescription(text)
        self.update_visibility()

    def hosted(self) -> bool:
        """True when an enclosing view shows its own signed-off banner."""
        w = self.parentWidget()
        while w is not None:
            other = getattr(w, "banner", None)
            if isinstance(other, QLabel) and other is not self:
                return True
            w = w.parentWidget()
        return False

    def update_visibility(self) -> None:
        self.setVisible(self._locked and not self.hosted())
