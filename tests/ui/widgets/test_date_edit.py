"""Date fields: typed ISO dates, Up from "No date", the calendar from the keyboard."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from reviewdesk.ui.widgets.date_edit import DateEdit, OptionalDateEdit


def _field(qtbot, cls=OptionalDateEdit):
    box = QWidget()
    layout = QVBoxLayout(box)
    field = cls()
    other = QLineEdit()
    layout.addWidget(field)
    layout.addWidget(other)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.box = box  # keeps the window (and so the field) alive for the test
    return field, other


def _type(qtbot, field, text: str) -> None:
    field.lineEdit().selectAll()
    QTest.keyClicks(field, text)


def test_a_typed_iso_date_is_taken_in_every_date_field(qtbot):
    for cls in (OptionalDateEdit, DateEdit):
        field, other = _field(qtbot, cls)
        _type(qtbot, field, "2027-01-15")
        QTest.keyClick(field, Qt.Key.Key_Return)
        assert field.value() == dt.date(2027, 1, 15)
        assert field.lineEdit().text() == "15 Jan 2027"  # shown in the window's own words
        _type(qtbot, field, "2028-2-3")
        other.setFocus()
        qtbot.waitUntil(lambda f=field: f.lineEdit().text() == "3 Feb 2028")
        assert field.value() == dt.date(2028, 2, 3)


def test_a_typed_text_that_is_no_date_goes_back_to_the_date_held(qtbot):
    field, other = _field(qtbot)
    field.set_value(dt.date(2026, 11, 27))
    _type(qtbot, field, "2028-02-31")
    other.setFocus()
    qtbot.waitUntil(lambda: field.lineEdit().text() == "27 Nov 2026")
    assert field.value() == dt.date(2026, 11, 27)


def test_up_from_no_date_starts_at_the_default_date_not_the_year_2000(qtbot):
    field, _other = _field(qtbot)
    field.default_page = dt.date(2026, 11, 27)
    assert field.value() is None and field.lineEdit().text() == "No date"
    QTest.keyClick(field, Qt.Key.Key_Down)
    assert field.value() is None
    QTest.keyClick(field, Qt.Key.Key_Up)
    assert field.value() == dt.date(2026, 11, 27)


def test_alt_down_and_f4_open_the_calendar_without_changing_the_date(qtbot):
    field, _other = _field(qtbot)
    field.set_value(dt.date(2026, 11, 27))
    calendar = field.calendarWidget()
    for key, modifier in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
    ):
        assert not calendar.isVisible()
        QTest.keyClick(field, key, modifier)
        qtbot.waitUntil(calendar.isVisible)
        assert field.value() == dt.date(2026, 11, 27)
        calendar.window().hide()
