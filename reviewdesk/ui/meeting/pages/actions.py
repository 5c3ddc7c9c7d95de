"""The Actions page: every action on this review, edited in the table, overdue ones marked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk import look
from reviewdesk.record.model import ACTION_STATUSES, OWNER_SIDES, Action
from reviewdesk.record.wording import NO_VALUE, plural, side_text, status_label
from reviewdesk.ui import messages, style
from reviewdesk.ui.meeting import action_dialog, edits
from reviewdesk.ui.meeting.pages.actions_model import (
    DUE,
    OWNER,
    SIDE,
    STATUS,
    TEXT,
    ActionsModel,
)
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import LockBanner, muted, page_title
from reviewdesk.ui.widgets.date_edit import OptionalDateEdit
from reviewdesk.ui.widgets.table_sizing import one_line_rows, size_columns

Index = QModelIndex | QPersistentModelIndex

MAX_COLUMN_PX = 320


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of fixed (label, value) choices that saves as soon as one is picked."""

    def __init__(self, choices: list[tuple[str, Any]], name: str, parent: Any = None):
        super().__init__(parent)
        self.choices = choices
        self.name = name

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self.name)
        for label, value in self.choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class OwnerDelegate(QStyledItemDelegate):
    """An editable combo of the meeting's attendees (a typed name is kept as typed)."""

    def __init__(self, names: Callable[[], list[str]], parent: Any = None):
        super().__init__(parent)
        self.names = names

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setAccessibleName("Owner")
        combo.addItems(self.names())
        combo.activated.connect(lambda _i: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """A date field with a calendar popup; its lowest value clears the date."""

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        edit = OptionalDateEdit(parent)
        edit.setAccessibleName("Due date")
        return edit

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, OptionalDateEdit)
        editor.setDate(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, OptionalDateEdit)
        model.setData(index, editor.date(), Qt.ItemDataRole.EditRole)


def confirm_remove(parent: QWidget, text: str) -> bool:
    """Ask before deleting an action (tests replace this)."""
    return messages.confirm(parent, "Remove action", f"Remove the action “{text}”?")


class ActionsPage(QWidget):
    """Carried-over and new actions of the review in one editable table."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        style.scaled(layout, margins=16, spacing=12)

        head = QHBoxLayout()
        head.addWidget(page_title("Actions"))
        head.addStretch(1)
        self.add_button = QPushButton("+ Add action")
        self.add_button.setAccessibleName("Add action")
        self.add_button.clicked.connect(self.add_action)
        head.addWidget(self.add_button)
        self.remove_button = QPushButton("Remove action")
        self.remove_button.setAccessibleName("Remove the selected action")
        self.remove_button.setToolTip(
            "Only an action raised in this review can be removed; close a carried one instead"
        )
        self.remove_button.clicked.connect(self.remove_action)
        head.insertWidget(head.count() - 1, self.remove_button)
        layout.addLayout(head)
        layout.addWidget(
            muted(
                "Every action on this review: the ones carried over from earlier reviews and the "
                "new ones. Double-click or press F2 on a cell to change it; changes save at once."
            )
        )
        self.banner = LockBanner()
        layout.addWidget(self.banner)
        self.summary = QLabel()
        self.summary.setAccessibleName("Actions summary")
        layout.addWidget(self.summary)

        self.model = ActionsModel(session, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Actions table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        # Rows of one height and columns sized once from the model's texts: a view that sizes
        # every row and column to its wrapped contents asks each cell of every row for its
        # size hint (300 actions: seconds). A long action shows its first line, elided, and
        # whole in its tooltip and its editor.
        self.table.verticalHeader().hide()
        one_line_rows(self.table, (TEXT,), MAX_COLUMN_PX)
        self.table.setItemDelegateForColumn(OWNER, OwnerDelegate(self._owner_names, self.table))
        sides = [(f"{NO_VALUE} not set", None)] + [(side_text(s), s) for s in OWNER_SIDES]
        self.table.setItemDelegateForColumn(SIDE, ChoiceDelegate(sides, "Side", self.table))
        self.table.setItemDelegateForColumn(DUE, DateDelegate(self.table))
        statuses = [(status_label(s), s) for s in ACTION_STATUSES]
        self.table.setItemDelegateForColumn(STATUS, ChoiceDelegate(statuses, "Status", self.table))
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_remove())
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(
            lambda: self.remove_action() if self.remove_button.isEnabled() else None
        )

        session.changed.connect(self._on_changed)
        session.lock_changed.connect(lambda _locked: self.reload())
        self.reload()

    def _owner_names(self) -> list[str]:
        return [p.name for p in self.session.meeting.participants]

    def showEvent(self, event: Any) -> None:
        self.banner.update_visibility()
        super().showEvent(event)

    def reload(self) -> None:
        """Show the session's actions again (keeps the selected action selected)."""
        current = self.model.action_at(self.table.currentIndex().row())
        meeting = self.session.meeting
        readonly = self.session.readonly
        self.model.set_meeting(meeting, readonly)
        size_columns(self.table, self.model.texts, skip=(TEXT,))
        if current is not None:
            row = self.model.row_of(current.id)
            if row >= 0:
                self.table.selectRow(row)
        self.banner.show_for(meeting)
        self.add_button.setEnabled(not readonly)
        self._update_summary()
        self._update_remove()

    def selected_action(self) -> Action | None:
        return self.model.action_at(self.table.currentIndex().row())

    def _update_remove(self) -> None:
        action = self.selected_action()
        removable = (
            action is not None
            and not self.session.readonly
            and action.raised_in in (None, self.session.meeting_id)
        )
        self.remove_button.setEnabled(removable)

    def _update_summary(self) -> None:
        m = self.session.meeting
        actions = m.actions
        open_count = sum(a.status == "open" for a in actions)
        overdue = sum(a.is_overdue(m.date) for a in actions)
        parts = [
            plural(len(actions), "action"),
            f"{open_count} open",
            f"{len(m.carried_actions)} carried over",
            f"{len(m.new_actions)} new",
        ]
        text = " · ".join(parts)
        if overdue:
            text += f' · <span style="color:{look.GAP}; font-weight:600">{overdue} overdue</span>'
        self.summary.setText(text)

    def _on_changed(self, change: Change) -> None:
        if change not in (Change.ACTIONS, Change.ATTENDEES, Change.SIGNOFF):
            return
        if self.model.writing:  # the model already shows its own edit
            self._update_summary()
            return
        self.reload()

    def remove_action(self) -> bool:
        """Delete the selected action raised in this review, after asking."""
        action = self.selected_action()
        if action is None or action.id is None:
            return False
        if not confirm_remove(self, action.text):
            return False
        return edits.remove_action(self.session, action)

    def add_action(self) -> int | None:
        """Ask for a new action (the dialog saves it) and select it."""
        aid = action_dialog.ask_new_action(self, self.session, None)
        if aid is not None:
            row = self.model.row_of(aid)
            if row >= 0:
                self.table.selectRow(row)
                self.table.setFocus()
        self._update_remove()
        return aid
