"""The Attendees step: who is present, each with side and role (correctable until sign-off);
add someone new; the actions open from last time, reviewed before the agenda starts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.model import SIDES, Participant
from reviewdesk.record.rules import person_key
from reviewdesk.record.wording import side_text
from reviewdesk.ui import messages, style
from reviewdesk.ui.meeting import edits
from reviewdesk.ui.meeting.autosave import TextSaver
from reviewdesk.ui.meeting.pages.carried import CarriedActions
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import card, label
from reviewdesk.ui.widgets.reflow import Reflow
from reviewdesk.ui.widgets.slicing import Slicer

ROWS_FIRST = 2  # attendees' rows made with the page; the others in slices after it shows

GUIDANCE = (
    "Tick who is in the room. Only people marked present can sign off at the end. Until then a "
    "name, side or role can be corrected, and someone listed by mistake removed."
)


@dataclass
class AttendeeRow:
    """The widgets of one attendee's row."""

    present: QCheckBox
    side: QComboBox
    role: QLineEdit
    role_saver: TextSaver
    rename: QPushButton
    remove: QPushButton

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.present, self.side, self.role, self.rename, self.remove)


def _pair(first: QWidget, second: QWidget) -> QHBoxLayout:
    """Two controls on one line, the first taking the room."""
    box = QHBoxLayout()
    box.addWidget(first, 1)
    box.addWidget(second)
    return box


class AttendeesPage(QWidget):
    """Present/absent per participant (saved at once), their side and role, and an
    "Add attendee" row."""

    pending = Signal()  # a role typed waits for its commit
    settled = Signal()

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Attendees")
        outer = QVBoxLayout(self)
        style.scaled(outer, margins=16, spacing=12)
        outer.addWidget(label("Attendees", "title"))
        outer.addWidget(label(GUIDANCE, "guidance", wrap=True))
        self.list_card, list_layout = card()
        self.grid = QVBoxLayout()  # a row per attendee
        style.scaled(self.grid, spacing=8)
        list_layout.addLayout(self.grid)
        outer.addWidget(self.list_card)

        self.add_card, add_layout = card()
        add_layout.addWidget(label("Add attendee", "header"))
        row = Reflow(spacing=8)  # two lines on a narrow screen
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name")
        self.name.setAccessibleName("New attendee name")
        self.side = QComboBox()
        self.side.setAccessibleName("New attendee side")
        for side in SIDES:
            self.side.addItem(side_text(side), side)
        self.role = QLineEdit()
        self.role.setPlaceholderText("Role (optional)")
        self.role.setAccessibleName("New attendee role")
        self.add_button = QPushButton("+ Add attendee")
        self.add_button.setAccessibleName("Add attendee")
        self.add_button.clicked.connect(self.add_attendee)
        self.name.returnPressed.connect(self.add_attendee)
        self.role.returnPressed.connect(self.add_attendee)
        row.add(_pair(self.name, self.side), 1)
        row.add(_pair(self.role, self.add_button), 1)
        add_layout.addWidget(row)
        outer.addWidget(self.add_card)

        self.carried = CarriedActions(session, self)  # a parent first: it shows itself
        outer.addWidget(self.carried)
        outer.addStretch(1)
        self._rows: dict[str, AttendeeRow] = {}
        self._checks: dict[str, QCheckBox] = {}
        self._listed: list[str] | None = None
        self.slicer = Slicer(self)  # rows past the first few come after the page shows
        self._fill()
        session.changed.connect(self._changed)
        session.lock_changed.connect(lambda _locked: self._fill(rebuild=True))

    def _changed(self, change: Change) -> None:
        if change in (Change.ATTENDEES, Change.SIGNOFF):
            self._fill()

    # ---- the list ------------------------------------------------------------------------

    def _fill(self, rebuild: bool = False) -> None:
        """Show the attendees; rows are rebuilt only when who is listed changed, so a role
        being typed keeps its focus while an edit is saved."""
        participants = self.session.meeting.participants
        names = [p.name for p in participants]
        if rebuild or names != self._listed:
            self._build(participants)
        for p in participants:
            if p.name in self._rows:
                self._show(self._rows[p.name], p)
        self.add_card.setVisible(not self.session.readonly)

    @property
    def rows(self) -> dict[str, AttendeeRow]:
        """Each attendee's row by name (every row made first)."""
        self.slicer.finish()
        return self._rows

    @property
    def checks(self) -> dict[str, QCheckBox]:
        self.slicer.finish()
        return self._checks

    def _build(self, participants: list[Participant]) -> None:
        self.slicer.cancel()
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._rows, self._checks = {}, {}
        self._listed = [p.name for p in participants]
        if not participants:
            self.grid.addWidget(label("Nobody is listed yet: add the attendees below.", "muted"))
        for number, p in enumerate(participants):
            if number < ROWS_FIRST:
                self._add_row(p.name)
            else:
                self.slicer.add(lambda name=p.name: self._add_row(name))

    def _add_row(self, name: str) -> None:
        """The row of attendee ``name`` as the record has them now."""
        p = next((p for p in self.session.meeting.participants if p.name == name), None)
        if p is None:
            return
        readonly = self.session.readonly
        row = self._make_row(p)
        for widget in row.widgets():
            widget.setEnabled(not readonly)
        if readonly:  # (showing a widget before it has a parent would make it a window)
            row.rename.hide()
            row.remove.hide()
        line = Reflow(spacing=12)  # name and side, then role and links (two lines if narrow)
        line.add(_pair(row.present, row.side), 1)
        links = QHBoxLayout()
        style.scaled(links, spacing=4)
        links.addWidget(row.role, 1)
        links.addWidget(row.rename)
        links.addWidget(row.remove)
        line.add(links, 1)
        self.grid.addWidget(line)
        if self.isVisible():  # now, not in a later turn as a layout does
            line.show()
        self._rows[p.name] = row
        self._checks[p.name] = row.present
        self._show(row, p)

    def _make_row(self, p: Participant) -> AttendeeRow:
        name = p.name
        present = QCheckBox(name)
        present.setAccessibleName(f"{name} present")
        present.toggled.connect(lambda on: self.set_present(name, on))
        side = QComboBox()
        side.setAccessibleName(f"{name} side")
        for key in SIDES:
            side.addItem(side_text(key), key)
        side.activated.connect(lambda _i: self.set_side(name, side.currentData()))
        role = QLineEdit()
        role.setPlaceholderText("Role")
        role.setAccessibleName(f"{name} role")
        field = edits.attendee_role_field(self.session, name)
        role.setText(self.session.text_to_show(field.key, p.role))
        saver = TextSaver(role, lambda text: self.session.save_text(field, text), self)
        saver.pending.connect(self.pending)
        saver.settled.connect(self.settled)
        rename = QPushButton("Rename…")
        rename.setProperty("role", "link")
        rename.setAccessibleName(f"Rename {name}")
        rename.clicked.connect(lambda: self.rename(name))
        remove = QPushButton("Remove")
        remove.setProperty("role", "link")
        remove.setAccessibleName(f"Remove {name}")
        remove.setToolTip("Take someone listed by mistake off this review (Ctrl+Z puts them back)")
        remove.clicked.connect(lambda: self.remove(name))
        return AttendeeRow(present, side, role, saver, rename, remove)

    def _show(self, row: AttendeeRow, p: Participant) -> None:
        row.present.blockSignals(True)
        row.present.setChecked(p.present)
        row.present.blockSignals(False)
        row.side.setCurrentIndex(max(0, row.side.findData(p.side)))
        style.set_property(row.side, "side", p.side)  # in the side's colours
        row.role_saver.show(
            self.session.text_to_show(edits.attendee_role_field(self.session, p.name).key, p.role)
        )
        row.role.setReadOnly(self.session.readonly)

    # ---- edits ---------------------------------------------------------------------------

    def set_present(self, name: str, present: bool) -> None:
        edits.set_present(self.session, name, present)
        self._fill()  # shows what is stored, also after a refusal

    def set_side(self, name: str, side: str) -> None:
        edits.update_attendee(self.session, name, side=side)
        self._fill()

    def rename(self, name: str) -> None:
        self.flush()
        text = messages.ask_text(self, "Rename attendee", f"New name for {name}:", name)
        if text is None or not text.strip() or text.strip() == name:
            return
        edits.rename_attendee(self.session, name, text)

    def remove(self, name: str) -> None:
        self.flush()
        edits.remove_attendee(self.session, name)

    def add_attendee(self) -> None:
        name = self.name.text().strip()
        if not name:
            messages.show_error(self, "Add attendee", "Type the new attendee's name first.")
            self.name.setFocus()
            return
        s = self.session
        listed = next(
            (p for p in s.meeting.participants if person_key(p.name) == person_key(name)), None
        )
        if listed is not None:
            messages.show_error(
                self,
                "Add attendee",
                f"{listed.name} is already an attendee. To correct their side or role, change "
                "it in the list above; to correct the name, use Rename.",
            )
            return
        new = Participant(name=name, side=self.side.currentData(), role=self.role.text().strip())
        if edits.add_attendee(s, new):
            self.name.clear()
            self.role.clear()
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def flush(self) -> None:
        """Hand over a role being typed (ticks and choices are saved at once)."""
        for row in self._rows.values():
            row.role_saver.flush()

    @property
    def dirty(self) -> bool:
        return any(row.role_saver.dirty for row in self._rows.values())
