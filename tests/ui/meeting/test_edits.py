"""Undo and redo of every kind of edit of a meeting, each one written to the file at once."""

from __future__ import annotations

import datetime as dt
import sqlite3

from factories import on_disk
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest

from reviewdesk.record.model import Signature
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.meeting.action_dialog import NewActionDialog
from reviewdesk.ui.meeting.pages import actions as actions_page
from reviewdesk.ui.meeting.pages.actions import ActionsPage
from reviewdesk.ui.meeting.pages.actions_model import OWNER
from reviewdesk.ui.meeting.pages.attendees import AttendeesPage
from reviewdesk.ui.meeting.pages.goals import GoalsPage
from reviewdesk.ui.meeting.pages.section import SectionPage
from reviewdesk.ui.meeting.session import Change

FIRST = default_agenda().sections[0]
SKEY = FIRST.key
Q1, Q2 = FIRST.questions[0].key, FIRST.questions[1].key


def shown(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def undo_all(session, n: int) -> None:
    for _ in range(n):
        assert session.undo()


def redo_all(session, n: int) -> None:
    for _ in range(n):
        assert session.redo()


def test_ratings_are_undone_and_redone_in_the_file(qtbot, session, db_path):
    page = shown(qtbot, SectionPage(session, SKEY))
    rows = page.cards[Q1].rows
    QTest.mouseClick(rows["client"].buttons[4], Qt.MouseButton.LeftButton)
    QTest.mouseClick(rows["provider"].buttons[1], Qt.MouseButton.LeftButton)
    assert session.undo_label() == "Undo Provider rating – → 1"
    assert session.undo()
    q = on_disk(db_path, session.meeting_id).section(SKEY).question(Q1)
    assert (q.client_rating, q.provider_rating) == (4, None)
    assert rows["provider"].value is None
    assert session.undo_label() == "Undo Client rating – → 4"
    assert session.redo_label() == "Redo Provider rating – → 1"
    assert session.undo()
    assert on_disk(db_path, session.meeting_id).section(SKEY).question(Q1).client_rating is None
    assert not session.can_undo()
    redo_all(session, 2)
    q = on_disk(db_path, session.meeting_id).section(SKEY).question(Q1)
    assert (q.client_rating, q.provider_rating) == (4, 1)
    assert page.cards[Q1].gap_badge.isVisible()


def test_typing_is_undone_one_settled_text_at_a_time(qtbot, session, db_path):
    page = shown(qtbot, SectionPage(session, SKEY))
    comment = page.cards[Q2].comment
    comment.setPlainText("first")
    page.flush()
    comment.setPlainText("first and more")
    page.flush()
    page.notes.setPlainText("said in the room")
    page.flush()
    assert session.undo_label() == f"Undo typing in notes of {FIRST.title}"
    assert session.undo()
    stored = on_disk(db_path, session.meeting_id).section(SKEY)
    assert stored.notes == "" and page.notes.toPlainText() == ""
    assert stored.question(Q2).comment == "first and more"
    assert session.undo()
    assert on_disk(db_path, session.meeting_id).section(SKEY).question(Q2).comment == "first"
    assert comment.toPlainText() == "first"
    assert session.undo()
    assert comment.toPlainText() == ""
    redo_all(session, 3)
    stored = on_disk(db_path, session.meeting_id).section(SKEY)
    assert (stored.question(Q2).comment, stored.notes) == ("first and more", "said in the room")
    assert page.notes.toPlainText() == "said in the room"


def test_decisions_added_edited_and_removed_come_back(qtbot, session, db_path, dialog_log):
    page = shown(qtbot, SectionPage(session, SKEY))
    page.decision_input.setText("Weekly backlog call")
    QTest.keyClick(page.decision_input, Qt.Key.Key_Return)
    page.decision_input.setText("Share the rota")
    page.add_decision_button.click()
    first, second = session.meeting.section(SKEY).decisions
    dialog_log.text_answer = "Weekly backlog call, Mondays"
    page.edit_decision(first.id, first.text)
    page.remove_decision(first.id)

    def texts():
        return [
            (d.id, d.text) for d in on_disk(db_path, session.meeting_id).section(SKEY).decisions
        ]

    assert texts() == [(second.id, "Share the rota")]
    assert session.undo_label() == "Undo remove decision “Weekly backlog call, Mondays”"
    assert session.undo()  # back with its id, in its place
    assert texts() == [(first.id, "Weekly backlog call, Mondays"), (second.id, "Share the rota")]
    assert session.undo()
    assert texts() == [(first.id, "Weekly backlog call"), (second.id, "Share the rota")]
    undo_all(session, 2)
    assert texts() == []
    assert "No decisions yet." in page.decision_list.itemAt(0).widget().text()
    redo_all(session, 4)
    assert texts() == [(second.id, "Share the rota")]


def test_attendance_and_new_attendees_are_undone(qtbot, session, db_path):
    page = shown(qtbot, AttendeesPage(session))
    page.checks["Ana Reyes"].click()
    page.name.setText("Dee Park")
    page.role.setText("Finance")
    page.add_button.click()

    def people():
        return [(p.name, p.present) for p in on_disk(db_path, session.meeting_id).participants]

    assert people()[-1] == ("Dee Park", True) and people()[0] == ("Ana Reyes", False)
    assert session.undo_label() == "Undo add attendee Dee Park"
    assert session.undo()
    assert [n for n, _ in people()] == ["Ana Reyes", "Ben Cruz", "Fay Lim"]
    assert session.undo_label() == "Undo mark Ana Reyes absent"
    assert session.undo()
    assert people()[0] == ("Ana Reyes", True)
    assert page.checks["Ana Reyes"].isChecked()
    redo_all(session, 2)
    assert people()[0] == ("Ana Reyes", False) and people()[-1] == ("Dee Park", True)


def test_goals_added_typed_and_changed_are_undone(qtbot, session, db_path):
    page = shown(qtbot, GoalsPage(session))
    gid = page.new_goal()
    title = page.editor.fields["title"]
    title.selectAll()
    title.insert("Backlog under 50")
    page.flush()
    status = page.editor.fields["status"]
    status.setCurrentIndex(status.findData("at_risk"))
    due = page.editor.fields["due"]
    due.setDate(QDate(2027, 1, 20))
    due.setDate(QDate(2027, 1, 21))  # one date typed step by step is one edit

    def goals():
        return [
            (g.id, g.title, g.status, g.due) for g in on_disk(db_path, session.meeting_id).goals
        ]

    assert goals() == [(gid, "Backlog under 50", "at_risk", dt.date(2027, 1, 21))]
    assert session.undo_label() == "Undo goal due date – → 21 Jan 2027"
    assert session.undo()
    assert goals() == [(gid, "Backlog under 50", "at_risk", None)]
    assert session.undo_label() == "Undo goal status on track → at risk"
    assert session.undo()
    assert goals() == [(gid, "Backlog under 50", "on_track", None)]
    assert status.currentData() == "on_track"
    assert session.undo()
    assert goals() == [(gid, "New goal", "on_track", None)]
    assert title.text() == "New goal"
    assert session.undo_label() == "Undo add goal “New goal”"
    assert session.undo()
    assert goals() == []
    redo_all(session, 4)
    assert goals() == [(gid, "Backlog under 50", "at_risk", dt.date(2027, 1, 21))]


def test_actions_added_edited_and_removed_are_undone(qtbot, session, db_path, monkeypatch):
    page = shown(qtbot, ActionsPage(session))

    def fake_exec(dialog: NewActionDialog) -> int:
        qtbot.keyClicks(dialog.text, "Send the rota")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(NewActionDialog, "exec", fake_exec)
    monkeypatch.setattr(actions_page, "confirm_remove", lambda parent, text: True)
    aid = page.add_action()
    assert page.model.setData(page.model.index(0, OWNER), "Ana Reyes")
    page.table.selectRow(0)
    assert page.remove_action()

    def actions():
        stored = on_disk(db_path, session.meeting_id).actions
        return [(a.id, a.text, a.owner, a.side) for a in stored]

    assert actions() == []
    assert session.undo_label() == "Undo remove action “Send the rota”"
    assert session.undo()
    assert actions() == [(aid, "Send the rota", "Ana Reyes", "client")]
    assert page.model.rowCount() == 1
    assert session.undo_label() == "Undo action owner – → Ana Reyes"
    assert session.undo()
    assert actions() == [(aid, "Send the rota", "", None)]  # the side it brought goes too
    assert session.undo()
    assert actions() == []
    redo_all(session, 2)
    assert actions() == [(aid, "Send the rota", "Ana Reyes", "client")]


def test_a_signed_off_meeting_has_nothing_to_undo(qtbot, session, portfolio, meeting_id):
    page = shown(qtbot, SectionPage(session, SKEY))
    QTest.mouseClick(page.cards[Q1].rows["client"].buttons[3], Qt.MouseButton.LeftButton)
    assert session.can_undo()
    at = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC)
    signers = [Signature("Ana Reyes", "client", at), Signature("Ben Cruz", "provider", at)]
    session.write(Change.SIGNOFF, portfolio.sign_off, meeting_id, signers)
    assert not session.can_undo() and not session.can_redo()
    assert session.undo_stack.count() == 0
    assert not session.undo()
    session.write(Change.SIGNOFF, portfolio.reopen, meeting_id, "Client asked for a change")
    assert not session.can_undo()  # reopening does not bring back what was signed
    assert portfolio.meeting(meeting_id).section(SKEY).question(Q1).client_rating == 3


def test_an_undo_the_file_refuses_stays_on_the_stack(qtbot, session, portfolio, db_path):
    page = shown(qtbot, SectionPage(session, SKEY))
    QTest.mouseClick(page.cards[Q1].rows["client"].buttons[4], Qt.MouseButton.LeftButton)
    portfolio.conn.execute("PRAGMA busy_timeout=100")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with qtbot.waitSignal(session.failed):
            assert not session.undo()
        assert session.undo_label() == "Undo Client rating – → 4"
        assert page.cards[Q1].rows["client"].value == 4
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert session.undo()
    assert portfolio.meeting(session.meeting_id).section(SKEY).question(Q1).client_rating is None
    assert session.redo()
    assert portfolio.meeting(session.meeting_id).section(SKEY).question(Q1).client_rating == 4
