"""The sign-off strip: one row per signer (name, role, side, signature pad) and the lock button."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.model import Meeting, Participant, Signature
from reviewdesk.record.rules import signoff_problems
from reviewdesk.record.wording import side_text
from reviewdesk.ui import style
from reviewdesk.ui.widgets.cards import muted
from reviewdesk.ui.widgets.reflow import Reflow
from reviewdesk.ui.widgets.signature_pad import SignaturePad

SIGNER_SIDES = ("client", "provider", "facilitator")


def utc_now() -> dt.datetime:
    """The sign-off time: timezone-aware UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


STARTING_SIDES = ("client", "provider")  # the rows a sign-off starts with, in order


class SignerRow(QWidget):
    """One signer: who (from the attendees or typed), their role and side, and their signature."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, number: int, participants: list[Participant], parent: QWidget | None = None):
        super().__init__(parent)
        self.participants = participants
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # its border
        outer = QVBoxLayout(self)
        style.scaled(outer, margins=(12, 8, 12, 8))
        row = Reflow(spacing=16)  # the pad goes under the name on a narrow screen
        outer.addWidget(row)

        self.name = QComboBox()
        self.name.setEditable(True)
        style.scaled(self.name, min_width=200)
        self.name.lineEdit().setPlaceholderText("Pick an attendee or type a name")
        self.role = QLineEdit()
        self.role.setPlaceholderText("Role")
        self.side = QComboBox()
        for key in SIGNER_SIDES:
            self.side.addItem(side_text(key), key)
        self.pad = SignaturePad()
        self.clear_button = QPushButton("Clear")
        self.type_button = QPushButton("Sign with name")
        self.type_button.setToolTip(
            "Sign with the typed name instead of drawing (or Enter on the pad)"
        )
        self.remove_button = QPushButton("Remove")
        self.set_number(number)
        self.set_people(participants)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        style.scaled(form, vspacing=8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", self.name)
        form.addRow("&Role", self.role)
        form.addRow("Si&de", self.side)
        row.add(form, 2)
        row.add(self.pad, 3)
        buttons = QVBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.type_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row.add(buttons)

        self.name.currentIndexChanged.connect(self._picked)
        self.name.editTextChanged.connect(lambda _t: self.changed.emit())
        self.side.currentIndexChanged.connect(lambda _i: self._side_changed())
        self.pad.changed.connect(self.changed.emit)
        self.clear_button.clicked.connect(self.pad.clear)
        self.type_button.clicked.connect(self._sign_with_name)
        self.pad.type_requested.connect(self._sign_with_name)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self._side_changed()

    def set_number(self, number: int) -> None:
        self.number = number
        self.name.setAccessibleName(f"Signer {number} name")
        self.role.setAccessibleName(f"Signer {number} role")
        self.side.setAccessibleName(f"Signer {number} side")
        self.pad.setAccessibleName(f"Signer {number} signature pad")
        self.clear_button.setAccessibleName(f"Clear signer {number} signature")
        self.type_button.setAccessibleName(f"Sign signer {number} with the typed name")
        self.remove_button.setAccessibleName(f"Remove signer {number}")

    def set_people(self, participants: list[Participant]) -> None:
        """Offer these attendees as names (keeps whatever is chosen or typed)."""
        self.participants = participants
        text = self.name.currentText()
        self.name.blockSignals(True)
        self.name.clear()
        self.name.addItem("", None)
        for p in participants:
            self.name.addItem(p.name, p.name)
        self.name.setCurrentIndex(-1)
        self.name.setEditText(text)
        self.name.blockSignals(False)

    def pick(self, name: str) -> None:
        """Choose an attendee (or type a name) as this row's signer."""
        index = self.name.findData(name)
        if index >= 0:
            self.name.setCurrentIndex(index)
        else:
            self.name.setEditText(name)

    def _picked(self, index: int) -> None:
        name = self.name.itemData(index)
        person = next((p for p in self.participants if p.name == name), None)
        if person is not None:
            self.role.setText(person.role)
            side_index = self.side.findData(person.side)
            if side_index >= 0:
                self.side.setCurrentIndex(side_index)
        self.changed.emit()

    def _sign_with_name(self) -> None:
        """The keyboard's way to sign: the signer's name, set as ink on the pad."""
        if self.signer_name:
            self.pad.sign_with_text(self.signer_name)
        else:
            self.name.setFocus()

    def _side_changed(self) -> None:
        style.set_property(self.side, "side", self.side.currentData())  # in the side's colours
        self.changed.emit()

    @property
    def signer_name(self) -> str:
        return self.name.currentText().strip()

    @property
    def signer_side(self) -> str:
        return self.side.currentData()

    def is_complete(self) -> bool:
        """A name and a signature, drawn or typed."""
        return bool(self.signer_name) and self.pad.has_ink

    def signature(self, at: dt.datetime) -> Signature | None:
        if not self.is_complete():
            return None
        return Signature(
            name=self.signer_name,
            side=self.signer_side,
            signed_at=at,
            role=self.role.text().strip(),
            signature_png=self.pad.to_png(),
        )


class SignOffStrip(QWidget):
    """The signer rows, "Add signer" and "Sign off and lock" (enabled once both sides signed)."""

    sign_requested = Signal(list)  # list[Signature]

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[SignerRow] = []
        self.participants: list[Participant] = []  # the ones who may sign: present
        self.everyone: list[Participant] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        style.scaled(layout, spacing=8)
        self.rows_box = QVBoxLayout()
        style.scaled(self.rows_box, spacing=8)
        layout.addLayout(self.rows_box)
        bar = Reflow(spacing=8)  # the lock button under the hint on a narrow screen
        first = QHBoxLayout()
        self.add_button = QPushButton("+ Add signer")
        self.add_button.setAccessibleName("Add signer")
        self.add_button.clicked.connect(lambda: self.add_row())
        first.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hint = muted("")
        self.hint.setAccessibleName("Sign-off hint")
        first.addWidget(self.hint, 1)
        bar.add(first, 1)
        self.sign_button = QPushButton("Sign off and lock")
        self.sign_button.setAccessibleName("Sign off and lock")
        self.sign_button.setProperty("role", "primary")
        style.scaled(self.sign_button, min_height=36)
        self.sign_button.clicked.connect(self._sign)
        bar.add(self.sign_button)
        layout.addWidget(bar)
        self._update()

    def start(self, meeting: Meeting) -> None:
        """Fresh rows: the first present client and provider attendees, ready to sign."""
        self.clear(meeting)
        for side in STARTING_SIDES:
            self.add_first_of(side)

    def clear(self, meeting: Meeting) -> None:
        """No rows; the meeting's attendees offered (``start`` = this, then a row a side)."""
        for row in list(self.rows):
            self._remove(row)
        self.set_people(meeting.participants)

    def add_first_of(self, side: str) -> None:
        """A row for the side's first present attendee (or the side alone, to pick a name)."""
        person = next((p for p in self.participants if p.side == side), None)
        row = self.add_row()
        if person is not None:
            row.pick(person.name)
        else:
            row.side.setCurrentIndex(row.side.findData(side))
        self._update()

    def set_people(self, participants: list[Participant]) -> None:
        """Offer the attendees marked present (someone absent cannot sign)."""
        self.everyone = list(participants)
        self.participants = [p for p in participants if p.present]
        for row in self.rows:
            row.set_people(self.participants)
        self._update()

    def add_row(self) -> SignerRow:
        row = SignerRow(len(self.rows) + 1, self.participants)
        row.changed.connect(self._update)
        row.remove_requested.connect(self._remove)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        self._update()
        return row

    def _remove(self, row: SignerRow) -> None:
        self.rows.remove(row)
        self.rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        for number, r in enumerate(self.rows, start=1):
            r.set_number(number)
        self._update()

    def problems(self) -> list[str]:
        """Why the complete rows cannot sign off yet (``record.rules.signoff_problems``)."""
        at = utc_now()
        signers = [
            Signature(r.signer_name, r.signer_side, at) for r in self.rows if r.is_complete()
        ]
        return signoff_problems(signers, self.everyone)

    def _update(self) -> None:
        problems = self.problems()
        self.sign_button.setEnabled(not problems)
        if problems:
            self.hint.setText(f"Not ready: {problems[0]}.")
        else:
            unsigned = [r.number for r in self.rows if not r.is_complete()]
            self.hint.setText(
                f"Signer {', '.join(map(str, unsigned))} is not complete and will be left out."
                if unsigned
                else "Ready: signing off locks the meeting."
            )
        for row in self.rows:
            row.remove_button.setEnabled(len(self.rows) > 1)

    def signatures(self, at: dt.datetime) -> list[Signature]:
        return [s for r in self.rows if (s := r.signature(at)) is not None]

    def _sign(self) -> None:
        if not self.sign_button.isEnabled():
            return
        self.sign_requested.emit(self.signatures(utc_now()))

    def set_enabled_inputs(self, enabled: bool) -> None:
        self.add_button.setEnabled(enabled)
        for row in self.rows:
            for w in (row.name, row.side, row.clear_button, row.type_button, row.remove_button):
                w.setEnabled(enabled)
            row.role.setReadOnly(not enabled)
            row.pad.set_readonly(not enabled)
        if enabled:
            self._update()
        else:
            self.sign_button.setEnabled(False)


__all__ = ["SignOffStrip", "SignerRow", "utc_now"]
