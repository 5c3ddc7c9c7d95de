"""The "Add action" dialog: text, owner, side, due date and section of a new action item."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.model import OWNER_SIDES, Action, Meeting
from reviewdesk.record.wording import NO_VALUE, side_text
from reviewdesk.ui.meeting import edits
from reviewdesk.ui.meeting.session import MeetingSession
from reviewdesk.ui.widgets.cards import muted
from reviewdesk.ui.widgets.date_edit import OptionalDateEdit

DEFAULT_DUE_DAYS = 30


class NewActionDialog(QDialog):
    """Asks for one action; :meth:`action` gives it once the text is filled in."""

    def __init__(self, parent: QWidget | None, meeting: Meeting, section_key: str | None = None):
        super().__init__(parent)
        self.meeting = meeting
        self.setWindowTitle("Add action")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        self.text = QLineEdit()
        self.text.setPlaceholderText("What will be done, by whom, so that…")
        self.text.setAccessibleName("Action text")
        form.addRow("&Action", self.text)

        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.setAccessibleName("Owner")
        self.owner.addItem("")
        for p in meeting.participants:
            label = f"{p.name} ({side_text(p.side)})"
            self.owner.addItem(label, p.name)
        self.owner.lineEdit().setPlaceholderText("Pick an attendee or type a name")
        self.owner.currentIndexChanged.connect(self._owner_picked)
        form.addRow("&Owner", self.owner)

        self.side = QComboBox()
        self.side.setAccessibleName("Owner side")
        self.side.addItem(f"{NO_VALUE} not set", None)
        for key in OWNER_SIDES:
            self.side.addItem(side_text(key), key)
        form.addRow("&Side", self.side)

        self.due = OptionalDateEdit()
        self.due.setAccessibleName("Due date")
        self.due.default_page = meeting.date + dt.timedelta(days=DEFAULT_DUE_DAYS)
        form.addRow("&Due", self.due)

        self.section = QComboBox()
        self.section.setAccessibleName("Raised in section")
        self.section.addItem("General", "")
        for s in meeting.sections:
            self.section.addItem(s.title, s.key)
        if section_key:
            self.section.setCurrentIndex(max(0, self.section.findData(section_key)))
        form.addRow("Se&ction", self.section)
        layout.addLayout(form)

        self.hint = muted("An action needs its text; owner and due date are optional.")
        layout.addWidget(self.hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Add action")
        self.ok_button.setAccessibleName("Add action")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._update_ok)
        self._update_ok()

    def _owner_picked(self, index: int) -> None:
        name = self.owner.itemData(index)
        person = self.meeting.participant(name) if name else None
        if person and person.side in OWNER_SIDES:
            self.side.setCurrentIndex(self.side.findData(person.side))

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.text.text().strip()))

    def owner_name(self) -> str:
        """The picked attendee's name, or the typed text."""
        index = self.owner.currentIndex()
        typed = self.owner.currentText().strip()
        data = self.owner.itemData(index) if index >= 0 else None
        if data and typed == self.owner.itemText(index):
            return data
        return typed

    def action(self) -> Action | None:
        """The action as entered (None while the text is empty)."""
        text = self.text.text().strip()
        if not text:
            return None
        return Action(
            text=text,
            owner=self.owner_name(),
            side=self.side.currentData(),
            due=self.due.value(),
            section=self.section.currentData() or "",
        )


def ask_new_action(parent: QWidget, session: MeetingSession, section_key: str | None) -> int | None:
    """Ask for a new action and save it; the new action's id, or None (cancelled or refused)."""
    dialog = NewActionDialog(parent, session.meeting, section_key)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        action = dialog.action()
    finally:
        dialog.deleteLater()
    if action is None:
        return None
    return edits.add_action(session, action)
