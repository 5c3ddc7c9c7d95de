"""A date field that may be empty, showing dates as ``record.wording.date_short`` does."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QLocale, QObject
from PySide6.QtWidgets import QDateEdit, QWidget

NO_DATE = QDate(2000, 1, 1)
DISPLAY_FORMAT = "d MMM yyyy"  # wording.date_short's '30 Sep 2026', in Qt's words
# month names in the words of record.wording, whatever the computer's language
WORDING_LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class OptionalDateEdit(QDateEdit):
    """A date field with a calendar popup whose lowest value means 'no date'."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setLocale(WORDING_LOCALE)
        self.setCalendarPopup(True)
        self.calendarWidget().setLocale(WORDING_LOCALE)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("No date")
        self.setDisplayFormat(DISPLAY_FORMAT)
        self.setDate(NO_DATE)
        self.default_page = dt.date.today()
        self.calendarWidget().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Open the calendar on a useful month when no date is set yet."""
        if event.type() == QEvent.Type.Show and self.date() == NO_DATE:
            page = self.default_page
            self.calendarWidget().setCurrentPage(page.year, page.month)
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab leaves the field (arrow keys move between day, month and year)."""
        return QWidget.focusNextPrevChild(self, next)

    def value(self) -> dt.date | None:
        d = self.date()
        return None if d == NO_DATE else dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)
