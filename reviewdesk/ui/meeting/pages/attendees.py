"""The Attendees step: who is present, each with side and role; add someone new."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.model import Participant
from reviewdesk.record.wording import side_text
from reviewdesk.ui import messages, style
from reviewdesk.ui.meeting import edits
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import card, label


class AttendeesPage(QWidget):
    """Present/absent per participant (saved at once) and an "Add attendee" row."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Attendees")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(style.px(16), style.px(16), style.px(16), style.px(16))
        outer.setSpacing(style.px(12))
        outer.addWidget(label("Attendees", "title"))
        outer.addWidget(
            label(
                "Tick who is in the room. Only people marked present can sign off at the end.",
                "guidance",
                wrap=True,
            )
        )
        self.list_card, list_layout = card()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(style.px(16))
        self.grid.setVerticalSpacing(style.px(8))
        list_layout.addLayout(self.grid)
        outer.addWidget(self.list_card)

        self.add_card, add_layout = card()
        add_layout.addWidget(label("Add attendee", "header"))
        row = QHBoxLayout()
        row.setSpacing(style.px(8))
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name")
        self.name.setAccessibleName("New attendee name")
        self.side = QComboBox()
        self.side.setAccessibleName("New attendee side")
        for side in ("client", "provider", "facilitator"):
            self.side.addItem(side_text(side), side)
        self.role = QLineEdit()
        self.role.setPlaceholderText("Role (optional)")
        self.role.setAccessibleName("New attendee role")
        self.add_button = QPushButton("+ Add attendee")
        self.add_button.setAccessibleName("Add attendee")
        self.add_button.clicked.connect(self.add_attendee)
        self.name.returnPressed.connect(self.add_attendee)
        row.addWidget(self.name, 2)
        row.addWidget(self.side)
        row.addWidget(self.role, 2)
        row.addWidget(self.add_button)
        add_layout.addLayout(row)
        outer.addWidget(self.add_card)
        outer.addStretch(1)
        self.checks: dict[str, QCheckBox] = {}
        self._fill()
        session.changed.connect(self._changed)
        session.lock_changed.connect(lambda _locked: self._fill())

    def _changed(self, change: Change) -> None:
        if change in (Change.ATTENDEES, Change.SIGNOFF):
            self._fill()

    def _fill(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.checks = {}
        readonly = self.session.readonly
        participants = self.session.meeting.participants
        if not participants:
            self.grid.addWidget(label("Nobody is listed yet: add the attendees below.", "muted"))
        for row, p in enumerate(participants):
            check = QCheckBox(p.name)
            check.setChecked(p.present)
            check.setEnabled(not readonly)
            check.setAccessibleName(f"{p.name} present")
            check.toggled.connect(lambda on, name=p.name: self.set_present(name, on))
            self.checks[p.name] = check
            side = label(side_text(p.side))
            side.setProperty("side", p.side)
            self.grid.addWidget(check, row, 0)
            self.grid.addWidget(side, row, 1)
            self.grid.addWidget(label(p.role, "muted", wrap=True), row, 2)
        self.grid.setColumnStretch(2, 1)
        self.add_card.setVisible(not readonly)

    def set_present(self, name: str, present: bool) -> None:
        s = self.session
        edits.set_present(s, name, present)
        stored = s.meeting.participant(name)
        check = self.checks.get(name)
        if stored is not None and check is not None and check.isChecked() != stored.present:
            check.blockSignals(True)
            check.setChecked(stored.present)
            check.blockSignals(False)

    def add_attendee(self) -> None:
        name = self.name.text().strip()
        if not name:
            messages.show_error(self, "Add attendee", "name: must not be empty")
            return
        s = self.session
        if s.meeting.participant(name) is not None:
            messages.show_error(self, "Add attendee", f"name: {name} is already listed")
            return
        new = Participant(name=name, side=self.side.currentData(), role=self.role.text().strip())
        if edits.add_attendee(s, new):
            self.name.clear()
            self.role.clear()
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def flush(self) -> None:
        """Nothing waits: every tick is saved at once."""
