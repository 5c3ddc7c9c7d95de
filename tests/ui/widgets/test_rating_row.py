"""Rating rows: keys rate only when reached from the keyboard; text typed after a click never
changes a rating; every change is shown in words for a moment and can be undone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from qt_helpers import first_section

from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.meeting.pages import section

FIRST = default_agenda().sections[0]
Q1 = FIRST.questions[0].key


def section_page(qtbot, window: MainWindow, meeting_id: int):
    window.open_meeting(meeting_id)
    view = window.meeting_view
    first_section(view)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return view, view.current_page()


def stored(portfolio, meeting_id):
    return portfolio.meeting(meeting_id).section(FIRST.key).question(Q1)


def test_text_typed_after_a_click_goes_to_the_comment_not_the_rating(
    qtbot, window, meeting_id, portfolio
):
    _view, page = section_page(qtbot, window, meeting_id)
    card = page.cards[Q1]
    QTest.mouseClick(card.rows["client"].buttons[5], Qt.MouseButton.LeftButton)
    assert stored(portfolio, meeting_id).client_rating == 5
    target = QApplication.focusWidget()
    assert target is card.comment  # typing goes where it is seen, not to the row
    QTest.keyClicks(target, "Agreed: revisit in 2 weeks")
    page.flush()
    q = stored(portfolio, meeting_id)
    assert q.client_rating == 5  # not 2
    assert q.comment == "Agreed: revisit in 2 weeks"
    assert card.gap_badge.isHidden()
    assert card.rows["client"].value == 5


def test_a_rating_row_is_never_focused_by_the_mouse(qtbot, window, meeting_id):
    _view, page = section_page(qtbot, window, meeting_id)
    row = page.cards[Q1].rows["provider"]
    QTest.mouseClick(row.label, Qt.MouseButton.LeftButton)
    QTest.mouseClick(row.buttons[3], Qt.MouseButton.LeftButton)
    assert not row.hasFocus()
    assert not row.focusPolicy() & Qt.FocusPolicy.ClickFocus


def test_tab_reaches_the_row_and_digits_rate_there(qtbot, window, meeting_id, portfolio):
    _view, page = section_page(qtbot, window, meeting_id)
    card = page.cards[Q1]
    card.text.setFocus()  # just before the client's row in the tab chain
    row = card.rows["client"]
    for _ in range(10):
        if row.hasFocus():
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert row.hasFocus()
    QTest.keyClick(row, Qt.Key.Key_4)
    assert stored(portfolio, meeting_id).client_rating == 4
    QTest.keyClick(row, Qt.Key.Key_0)
    assert stored(portfolio, meeting_id).client_rating is None


def test_every_rating_change_is_shown_in_words_and_undone(
    qtbot, window, meeting_id, portfolio, monkeypatch
):
    monkeypatch.setattr(section, "RATING_NOTE_MS", 300)
    _view, page = section_page(qtbot, window, meeting_id)
    card = page.cards[Q1]
    QTest.mouseClick(card.rows["client"].buttons[5], Qt.MouseButton.LeftButton)
    assert card.rating_note.isVisible()
    assert card.rating_note.text() == "Client – → 5"
    card.rows["client"].setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(card.rows["client"], Qt.Key.Key_2)
    assert card.rating_note.text() == "Client 5 → 2"
    assert card.rating_note.accessibleName() == "Rating changed: Client 5 → 2"
    assert window.undo_action.text() == "&Undo Client rating 5 → 2"
    window.undo_action.trigger()
    assert stored(portfolio, meeting_id).client_rating == 5
    assert card.rows["client"].value == 5
    assert card.rating_note.text() == "Client 2 → 5"
    assert window.undo_action.text() == "&Undo Client rating – → 5"
    assert window.redo_action.text() == "&Redo Client rating 5 → 2"
    qtbot.waitUntil(lambda: not card.rating_note.isVisible(), timeout=3000)  # for a moment
