"""Small shared widgets of the goals, actions and wrap-up pages: cards, titles, banner, dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDateEdit, QFrame, QLabel, QVBoxLayout, QWidget

from reviewdesk.record.model import Meeting

CLIENT = "#2563EB"
CLIENT_TINT = "#DBEAFE"
PROVIDER = "#D97706"
PROVIDER_TINT = "#FEF3C7"
JOINT = "#475569"
JOINT_TINT = "#E2E8F0"
FACILITATOR = "#475569"
GAP_RED = "#DC2626"
GAP_TINT = "#FEE2E2"
MUTED = "#64748B"
CARD_BORDER = "#E2E8F0"
OK_GREEN = "#15803D"
TEXT = "#0F172A"

SIDE_COLOURS = {"client": CLIENT, "provider": PROVIDER, "joint": JOINT, "facilitator": FACILITATOR}
SIDE_TINTS = {
    "client": CLIENT_TINT,
    "provider": PROVIDER_TINT,
    "joint": JOINT_TINT,
    "facilitator": JOINT_TINT,
}
SIDE_LABELS = {
    "client": "Client",
    "provider": "Provider",
    "joint": "Joint",
    "facilitator": "Facilitator",
}

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
    label.setAccessibleName(text)
    return label


def muted(text: str) -> QLabel:
    """A guidance line in the muted grey, wrapping."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED};")
    return label


def section_heading(text: str) -> QLabel:
    """A semi-bold heading inside a card."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(max(label.font().pointSizeF(), 10) + 1)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
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
        self.body.setContentsMargins(16, 12, 16, 12)
        self.body.setSpacing(8)


def signed_off_text(meeting: Meeting) -> str:
    """'Signed off on 30 Sep 2026 by A, B' (or '' when the meeting is open)."""
    if not meeting.locked:
        return ""
    names = ", ".join(s.name for s in meeting.signoff) or "—"
    when = meeting.signoff[0].signed_at.date() if meeting.signoff else meeting.date
    return f"Signed off on {fmt_date(when)} by {names}"


class LockBanner(QLabel):
    """A visible strip that says the meeting is signed off and read-only."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("lockBanner")
        self.setStyleSheet(
            f"QLabel#lockBanner {{ background: {JOINT_TINT}; color: {TEXT};"
            f" border: 1px solid {MUTED}; border-radius: 6px; padding: 8px; }}"
        )
        self.setAccessibleName("Sign-off status")
        self.hide()

    def show_for(self, meeting: Meeting) -> None:
        text = signed_off_text(meeting)
        if text:
            self.setText(f"🔒 {text} — read-only")
            self.setAccessibleDescription(text)
        self.setVisible(bool(text))


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
