"""Actions: the add dialog, editing in the table, overdue marking, the model contract."""

from __future__ import annotations

import datetime as dt

from factories import MEETING_DATE, on_disk
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDialog

from reviewdesk.look import GAP_TINT
from reviewdesk.record.model import Action
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.meeting import action_dialog
from reviewdesk.ui.meeting.action_dialog import NewActionDialog, ask_new_action
from reviewdesk.ui.meeting.pages import actions as actions_page
from reviewdesk.ui.meeting.pages.actions import ActionsPage
from reviewdesk.ui.meeting.pages.actions_model import DUE, OWNER, RAISED, SIDE, STATUS, ActionsModel
from reviewdesk.ui.meeting.session import Change
from reviewdesk.ui.widgets.date_edit import OptionalDateEdit


def _page(qtbot, session) -> ActionsPage:
    page = ActionsPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def _fill(dialog: NewActionDialog, qtbot, text: str) -> None:
    qtbot.keyClicks(dialog.text, text)
    dialog.owner.setCurrentIndex(dialog.owner.findData("Ben Cruz"))
    dialog.due.setDate(QDate(2026, 12, 15))


def test_dialog_needs_text_and_fills_side_from_owner(qtbot, session):
    dialog = NewActionDialog(None, session.meeting, "trust")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    assert dialog.action() is None
    _fill(dialog, qtbot, "Share the weekly backlog report")
    assert dialog.ok_button.isEnabled()
    assert dialog.side.currentData() == "provider"
    action = dialog.action()
    assert action == Action(
        text="Share the weekly backlog report",
        owner="Ben Cruz",
        side="provider",
        due=dt.date(2026, 12, 15),
        section="trust",
    )
    dialog.owner.setEditText("Someone Else")
    assert dialog.action().owner == "Someone Else"


def test_add_action_through_the_dialog_then_edit_status_in_table(
    qtbot, session, db_path, monkeypatch
):
    page = _page(qtbot, session)

    def fake_exec(dialog: NewActionDialog) -> int:
        _fill(dialog, qtbot, "Agree the escalation path")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(NewActionDialog, "exec", fake_exec)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    stored = on_disk(db_path, session.meeting_id).actions
    assert [(a.text, a.owner, a.side, a.due) for a in stored] == [
        ("Agree the escalation path", "Ben Cruz", "provider", dt.date(2026, 12, 15))
    ]
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, RAISED)) == "New"

    index = page.model.index(0, STATUS)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    combo = next(c for c in page.table.findChildren(QComboBox) if c.isVisible())
    assert combo.accessibleName() == "Status"
    combo.setCurrentIndex(combo.findData("done"))
    combo.activated.emit(combo.currentIndex())
    assert on_disk(db_path, session.meeting_id).actions[0].status == "done"
    assert page.model.data(index) == "Done"
    assert "0 open" in page.summary.text()


def test_owner_and_due_edits_in_the_table_reach_the_file(qtbot, session, db_path):
    session.write(
        Change.ACTIONS, session.portfolio.add_action, session.meeting_id, Action(text="Send rota")
    )
    page = _page(qtbot, session)
    owner_index = page.model.index(0, OWNER)
    page.table.edit(owner_index)
    combo = next(c for c in page.table.findChildren(QComboBox) if c.isVisible())
    combo.setCurrentIndex(combo.findText("Ana Reyes"))
    combo.activated.emit(combo.currentIndex())
    stored = on_disk(db_path, session.meeting_id).actions[0]
    assert (stored.owner, stored.side) == ("Ana Reyes", "client")  # side follows the owner

    due_index = page.model.index(0, DUE)
    page.table.setCurrentIndex(due_index)
    page.table.edit(due_index)
    editor = next(e for e in page.table.findChildren(OptionalDateEdit) if e.isVisible())
    assert editor.calendarPopup()
    editor.setDate(QDate(2026, 11, 1))
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop turn
    qtbot.waitUntil(
        lambda: on_disk(db_path, session.meeting_id).actions[0].due == dt.date(2026, 11, 1)
    )
    # Due before the meeting date and still open: overdue, in colour and in words.
    assert "overdue" in page.model.data(due_index)
    assert page.model.data(due_index, Qt.ItemDataRole.BackgroundRole) == QColor(GAP_TINT)
    assert "1 overdue" in page.summary.text()


def test_overdue_and_carried_rows(qtbot, session):
    p = session.portfolio
    mid = session.meeting_id
    p.add_action(mid, Action(text="Late", due=MEETING_DATE - dt.timedelta(days=3)))
    p.add_action(mid, Action(text="On time", due=MEETING_DATE + dt.timedelta(days=3)))
    p.add_action(mid, Action(text="Late but done", due=dt.date(2026, 1, 1), status="done"))
    p.add_action(mid, Action(text="Kept open"))
    meeting = session.refresh()
    next_mid = p.create_meeting(
        meeting.partnership.id,
        title="Q1 review",
        date=dt.date(2027, 2, 20),
        agenda=default_agenda(),
    )
    model = ActionsModel()
    model.set_meeting(meeting)
    flagged = [model.is_overdue(r) for r in range(model.rowCount())]
    assert flagged == [True, False, False, False]
    assert "overdue" in model.data(model.index(0, DUE))
    assert "overdue" not in model.data(model.index(2, DUE))
    assert model.data(model.index(1, DUE), Qt.ItemDataRole.BackgroundRole) is None

    later = ActionsModel()
    later.set_meeting(p.meeting(next_mid))
    texts = [later.data(later.index(r, 0)) for r in range(later.rowCount())]
    assert texts == ["Late", "On time", "Kept open"]  # the done one is not carried
    assert later.data(later.index(0, RAISED)) == "Carried · 1 review"


def test_locked_model_is_not_editable(qtbot, session):
    session.portfolio.add_action(session.meeting_id, Action(text="x"))
    model = ActionsModel(session)
    model.set_meeting(session.refresh(), readonly=True)
    assert not model.flags(model.index(0, STATUS)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, STATUS), "done")


def test_empty_text_is_refused_with_a_message(qtbot, session, db_path, failures):
    session.portfolio.add_action(session.meeting_id, Action(text="Keep"))
    model = ActionsModel(session)
    model.set_meeting(session.refresh())
    assert not model.setData(model.index(0, 0), "   ")
    assert failures.messages == ["action text: must not be empty"]
    assert on_disk(db_path, session.meeting_id).actions[0].text == "Keep"


def test_actions_model_passes_the_model_tester(qtmodeltester, session):
    p = session.portfolio
    p.add_action(session.meeting_id, Action(text="A", owner="Ana Reyes", side="client"))
    p.add_action(session.meeting_id, Action(text="B", due=dt.date(2026, 1, 2)))
    model = ActionsModel(session)
    model.set_meeting(session.refresh())
    qtmodeltester.check(model)
    assert model.data(model.index(0, SIDE)) == "Client"


def test_cancelled_dialog_adds_nothing(qtbot, session, monkeypatch, db_path):
    monkeypatch.setattr(NewActionDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert ask_new_action(None, session, None) is None
    assert on_disk(db_path, session.meeting_id).actions == []
    assert action_dialog.ask_new_action is ask_new_action


def test_remove_only_an_action_raised_here_after_confirming(qtbot, session, db_path, monkeypatch):
    p = session.portfolio
    p.add_action(session.meeting_id, Action(text="Old one"))
    meeting = session.refresh()
    next_mid = p.create_meeting(
        meeting.partnership.id, title="Next", date=dt.date(2027, 2, 1), agenda=default_agenda()
    )
    p.add_action(next_mid, Action(text="New one"))
    session.meeting_id = next_mid
    session.refresh()
    page = _page(qtbot, session)
    page.table.selectRow(0)  # carried over: cannot be removed, only closed
    assert not page.remove_button.isEnabled()
    page.table.selectRow(1)
    assert page.remove_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(actions_page, "confirm_remove", lambda parent, text: asked.append(text))
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert asked == ["New one"]
    assert len(on_disk(db_path, next_mid).actions) == 2  # said no
    monkeypatch.setattr(actions_page, "confirm_remove", lambda parent, text: True)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # the keyboard way
    assert [a.text for a in on_disk(db_path, next_mid).actions] == ["Old one"]
    assert page.model.rowCount() == 1


def test_empty_due_date_opens_its_calendar_a_month_after_the_meeting(qtbot, session):
    dialog = NewActionDialog(None, session.meeting, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    due = dialog.due
    assert due.value() is None and due.text() == "No date"
    arrow = QPoint(due.width() - 6, due.height() // 2)
    qtbot.mouseClick(due, Qt.MouseButton.LeftButton, pos=arrow)
    calendar = due.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    shown = dt.date(calendar.yearShown(), calendar.monthShown(), 1)
    expected = MEETING_DATE + dt.timedelta(days=30)
    assert (shown.year, shown.month) == (expected.year, expected.month)
    assert due.value() is None  # opening the calendar picks nothing by itself


def test_a_long_list_is_shown_without_asking_every_cell_to_size_itself(qtbot, session, monkeypatch):
    """300 actions: the first show asks the model about the cells in view, not every cell of
    every row for its wrapped size (≈125 data() calls a cell before); rows are one height;
    whether an action is overdue is worked out once per row."""
    p = session.portfolio
    for n in range(300):
        due = MEETING_DATE - dt.timedelta(days=1 + n % 3) if n % 2 else None
        p.add_action(session.meeting_id, Action(text=f"Action {n} " + "long words " * 20, due=due))
    session.refresh()
    calls = {"data": 0, "overdue": 0}
    real_data = ActionsModel.data
    real_overdue = Action.is_overdue

    def counting_data(self, index, role=Qt.ItemDataRole.DisplayRole):
        calls["data"] += 1
        return real_data(self, index, role)

    def counting_overdue(self, on):
        calls["overdue"] += 1
        return real_overdue(self, on)

    monkeypatch.setattr(ActionsModel, "data", counting_data)
    monkeypatch.setattr(Action, "is_overdue", counting_overdue)
    page = _page(qtbot, session)
    qtbot.waitUntil(lambda: page.table.viewport().isVisible())
    model = page.model
    cells = model.rowCount() * model.columnCount()
    assert model.rowCount() == 300
    assert calls["data"] < cells  # before: about 125 × cells
    assert calls["overdue"] <= 2 * model.rowCount()  # once a row (the summary counts too)
    heights = {page.table.rowHeight(r) for r in range(model.rowCount())}
    assert len(heights) == 1 and heights.pop() >= page.table.fontMetrics().height()
    assert not page.table.wordWrap()
    full = model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    assert full == model.action_at(1).text  # the whole text, where the cell shows a line
