"""Small shared widgets of the goals, actions and wrap-up pages: cards, titles, banner, dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDateEdit, QFrame, QLabel, QVBoxLayout, QWidget

from reviewdesk.record.model import Meeting
from reviewdesk.record.wording import imported_text
from reviewdesk.ui import style

CLIENT = style.CLIENT
CLIENT_TINT = style.CLIENT_TINT
PROVIDER = style.PROVIDER
PROVIDER_TINT = style.PROVIDER_TINT
JOINT = style.JOINT
JOINT_TINT = "#E2E8F0"
FACILITATOR = style.JOINT
GAP_RED = style.GAP
GAP_TINT = "#FEE2E2"
MUTED = style.MUTED
CARD_BORDER = style.BORDER
OK_GREEN = style.OK_GREEN
TEXT = style.TEXT

SIDE_COLOURS = {"client": CLIENT, "provider": PROVIDER, "joint": JOINT, "facilitator": FACILITATOR}
SIDE_TINTS = {
    "client": CLIENT_TINT,
    "provider": PROVIDER_TINT,
    "joint": JOINT_TINT,
    "facilitator": JOINT_TINT,
}
SIDE_LABELS = style.SIDE_LABELS

NO_DATE = QDate(2000, 1, 1)


def side_label(side: str | None) -> str:
    """The side's display word ('' for none)."""
    return SIDE_LABELS.get(side or "", side or "")


def page_title(text: str) -> QLabel:
    """A 16 pt semi-bold page title."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(16)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setProperty("role", "title")  # the app stylesheet scales it with View → Larger text
    label.setAccessibleName(text)
    return label


def muted(text: str) -> QLabel:
    """A guidance line in the muted grey, wrapping."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "guidance")
    label.setStyleSheet(f"color: {MUTED};")
    return label


# A scroll area on a white card: the area, its viewport and the page inside are white; the
# scroll bars keep the style's look (a bare "QScrollArea > QWidget > QWidget" rule hits them too).
WHITE_SCROLL_AREA = (
    "QScrollArea, QScrollArea > QWidget#qt_scrollarea_viewport,"
    " QScrollArea > QWidget#qt_scrollarea_viewport > QWidget { background: white; }"
)


def section_heading(text: str) -> QLabel:
    """A semi-bold heading inside a card (sized by the stylesheet, so it follows the zoom)."""
    label = QLabel(text)
    label.setProperty("role", "heading")
    return label


class Card(QFrame):
    """A white panel with a 1 px light border and 6 px radius."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(
            f"QFrame#card {{ background: white; border: 1px solid {CARD_BORDER};"
            " border-radius: 6px; }"
        )
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(style.px(16), style.px(12), style.px(16), style.px(12))
        self.body.setSpacing(style.px(8))


def signed_off_text(meeting: Meeting) -> str:
    """'Signed off on 30 Sep 2026 by A, B' (or '' when the meeting is open)."""
    if not meeting.locked:
        return ""
    names = ", ".join(s.name for s in meeting.signoff) or "—"
    when = meeting.signoff[0].signed_at.date() if meeting.signoff else meeting.date
    text = f"Signed off on {fmt_date(when)} by {names}"
    if meeting.signoff_imported_at is not None:
        text += f". {imported_text(meeting.signoff_imported_at)}"
    return text


class LockBanner(QLabel):
    """A strip saying the meeting is signed off and read-only.

    When the page sits inside a view that already shows such a banner across every page (the
    meeting view's ``banner``), this one stays hidden so the message is not repeated.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("lockBanner")
        self.setStyleSheet(
            "QLabel#lockBanner { background: #FEF2F2; color: #7F1D1D;"
            " border: 1px solid #FECACA; border-radius: 6px; padding: 8px 16px;"
            " font-weight: 600; }"
        )
        self.setAccessibleName("Sign-off status")
        self._locked = False
        self.hide()

    def show_for(self, meeting: Meeting) -> None:
        text = signed_off_text(meeting)
        self._locked = bool(text)
        if text:
            self.setText(f"{text} — read-only")
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


class OptionalDateEdit(QDateEdit):
    """A date field with a calendar popup whose lowest value means 'no date'."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("No date")
        self.setDisplayFormat("d MMM yyyy")
        self.setDate(NO_DATE)
        self.default_page = dt.date.today()
        self.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Open the calendar on a useful month when no date is set yet."""
        if event.type() == QEvent.Type.Show and self.date() == NO_DATE:
            page = self.default_page
            self.calendarWidget().setCurrentPage(page.year, page.month)
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        """Tab leaves the field (arrow keys move between day, month and year)."""
        return QWidget.focusNextPrevChild(self, next)

    def value(self) -> dt.date | None:
        d = self.date()
        return None if d == NO_DATE else dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


def fmt_date(value: dt.date | None) -> str:
    """A short readable date ('' for none)."""
    return f"{value.day} {value:%b %Y}" if value else ""


def set_side_style(label: QLabel, side: str | None) -> None:
    """Colour a label as a small badge of the side."""
    colour = SIDE_COLOURS.get(side or "", MUTED)
    tint = SIDE_TINTS.get(side or "", "#F1F5F9")
    label.setStyleSheet(
        f"color: {colour}; background: {tint}; border-radius: 4px; padding: 2px 8px;"
        " font-weight: 600;"
    )
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
