"""Small shared widgets: cards, labelled headings, growing text, the locked banner."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
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
from reviewdesk.record.wording import imported_text
from reviewdesk.ui import style
from reviewdesk.ui.widgets.text_fit import breakable


def fit_to_screen(window: QWidget, width: int, height: int, margin: int = 48) -> None:
    """Resize a dialog to ``width``×``height``, but never past the screen it opens on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width = min(width, room.width() - margin)
        height = min(height, room.height() - margin)
    window.resize(width, height)


def label(text: str, role: str = "", wrap: bool = False) -> QLabel:
    """A label; a wrapping one may also wrap inside very long words (user text)."""
    widget = QLabel(breakable(text) if wrap else text)
    if role:
        widget.setProperty("role", role)
    if wrap:
        widget.setWordWrap(True)
        widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def card() -> tuple[QFrame, QVBoxLayout]:
    """A white card with a 1 px border and 6 px radius; returns the frame and its layout."""
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(style.px(16), style.px(12), style.px(16), style.px(12))
    layout.setSpacing(style.px(8))
    return frame, layout


def scrolled(page: QWidget) -> QScrollArea:
    """Wrap a page so it never clips on a small screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setObjectName("pageScroll")
    area.setWidget(page)
    page.setAutoFillBackground(False)  # the viewport paints the page colour behind every page
    return area


class GrowingTextEdit(QPlainTextEdit):
    """Plain text that grows with its content instead of scrolling inside itself."""

    def __init__(self, min_lines: int = 3, parent: QWidget | None = None):
        super().__init__(parent)
        self.min_lines = min_lines
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self._fit)
        self._fit()

    def _fit(self) -> None:
        lines = 0
        block = self.document().begin()
        while block.isValid():
            layout = block.layout()
            lines += max(1, layout.lineCount() if layout else 1)
            block = block.next()
        lines = max(self.min_lines, lines)
        margins = self.contentsMargins()
        height = (
            lines * self.fontMetrics().lineSpacing()
            + 2 * self.document().documentMargin()
            + margins.top()
            + margins.bottom()
            + style.px(12)
        )
        self.setFixedHeight(int(height))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()


def signed_off_text(meeting: Meeting) -> str:
    """ "Signed off on DATE by A (Client), B (Provider)"."""
    if not meeting.signoff:
        return "Signed off — read-only"
    when = max(s.signed_at for s in meeting.signoff).date().isoformat()
    names = ", ".join(
        f"{s.name} ({style.SIDE_LABELS.get(s.side, s.side)})" for s in meeting.signoff
    )
    text = f"Signed off on {when} by {names} — read-only"
    if meeting.signoff_imported_at is not None:
        text += f". {imported_text(meeting.signoff_imported_at)}"
    return text
