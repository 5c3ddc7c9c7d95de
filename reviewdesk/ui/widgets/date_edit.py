"""Date fields showing dates as ``record.wording.date_short`` does; one that may be empty.

Every date field of the window is one of these, so each one accepts a typed ISO date
("2027-01-15") as well as its own '15 Jan 2027' sections, opens its calendar with Alt+Down or F4
(as a combo box does), and leaves with Tab.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, QPointF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QValidator
from PySide6.QtWidgets import QApplication, QDateEdit, QStyle, QStyleOptionComboBox, QWidget

NO_DATE = QDate(2000, 1, 1)
DISPLAY_FORMAT = "d MMM yyyy"  # wording.date_short's '30 Sep 2026', in Qt's words
# month names in the words of record.wording, whatever the computer's language
WORDING_LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
ISO_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
ISO_START = re.compile(r"\s*\d{1,4}(-(\d{1,2}(-\d{0,2})?)?)?\s*")  # what typing one passes by


def iso_date(text: str) -> dt.date | None:
    """The date of an ISO text ('2027-01-15', '2027-1-5'), or None."""
    match = ISO_DATE.fullmatch(text)
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class DateEdit(QDateEdit):
    """A date field in the words of ``record.wording`` with a calendar popup."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setLocale(WORDING_LOCALE)
        self.setCalendarPopup(True)
        self.calendarWidget().setLocale(WORDING_LOCALE)
        self.setDisplayFormat(DISPLAY_FORMAT)

    # ---- typed ISO dates -----------------------------------------------------------------

    def validate(self, text: str, pos: int) -> object:
        """A whole ISO date is a date; the start of one may still become one (a one-digit day
        too: "2027-01-1" may be going on to "2027-01-15")."""
        day = iso_date(text)
        if day is not None:
            whole = len(text.strip().rsplit("-", 1)[1]) == 2
            state = QValidator.State.Acceptable if whole else QValidator.State.Intermediate
            return state, text, pos
        state, text_out, pos_out = super().validate(text, pos)  # type: ignore[misc]
        if state == QValidator.State.Invalid and ISO_START.fullmatch(text):
            return QValidator.State.Intermediate, text, pos
        return state, text_out, pos_out

    def _take_typed(self) -> None:
        """On Enter or leaving: a typed ISO date (a one-digit day too) becomes the date."""
        day = iso_date(self.lineEdit().text())
        if day is not None:
            self.setDate(_qdate(day))

    def dateTimeFromText(self, text: str) -> QDateTime:
        day = iso_date(text)
        if day is not None:
            return QDateTime(_qdate(day), self.time())
        return super().dateTimeFromText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Typed text that is no date goes back to the date the field holds."""
        self._take_typed()
        super().focusOutEvent(event)
        if self.lineEdit().text() != self.textFromDateTime(self.dateTime()):
            self.setDate(self.date())
            self.lineEdit().setText(self.textFromDateTime(self.dateTime()))

    # ---- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and (
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if event.key() == Qt.Key.Key_F4 or alt_down:
            self.open_calendar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._take_typed()
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        """Show the calendar, as a click on the field's arrow does."""
        option = QStyleOptionComboBox()
        option.initFrom(self)
        option.editable = True
        option.subControls = QStyle.SubControl.SC_All
        arrow = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, self
        )
        point = QPointF(arrow.center())
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            click = QMouseEvent(
                kind,
                point,
                self.mapToGlobal(point),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton
                if kind == QEvent.Type.MouseButtonPress
                else Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            )
            QApplication.sendEvent(self, click)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the field (arrow keys move between day, month and year)."""
        return QWidget.focusNextPrevChild(self, next)

    def value(self) -> dt.date | None:
        return self.date().toPython()

    def set_value(self, value: dt.date) -> None:
        self.setDate(_qdate(value))


class OptionalDateEdit(DateEdit):
    """A date field whose lowest value means 'no date'; from 'No date', Up and the calendar
    start at ``default_page`` (the meeting's date, say), not the year 2000."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("No date")
        self.setDate(NO_DATE)
        self.default_page = dt.date.today()
        self.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Open the calendar on a useful month when no date is set yet."""
        if event.type() == QEvent.Type.Show and self.date() == NO_DATE:
            page = self.default_page
            self.calendarWidget().setCurrentPage(page.year, page.month)
        return super().eventFilter(watched, event)

    def stepBy(self, steps: int) -> None:
        """Up (or Page Up) from 'No date' gives the default date; Down stays at 'No date'."""
        if self.date() == NO_DATE:
            if steps > 0:
                self.setDate(_qdate(self.default_page))
                self.lineEdit().selectAll()
            return
        super().stepBy(steps)

    def stepEnabled(self) -> QDateEdit.StepEnabledFlag:
        if self.date() == NO_DATE:
            return QDateEdit.StepEnabledFlag.StepUpEnabled
        return super().stepEnabled()

    def value(self) -> dt.date | None:
        d = self.date()
        return None if d == NO_DATE else dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:  # type: ignore[override]
        self.setDate(_qdate(value) if value else NO_DATE)
