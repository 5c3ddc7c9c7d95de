"""The Register step: the partnership's risks, issues and escalations as this review has them —
open ones carried over with their age, both sides' views side by side, closing only once both
views are written or an agreed note says both sides agree."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QWidget,
)

from reviewdesk.record import rules
from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.model import Meeting
from reviewdesk.record.scorecard import RegisterEntry
from reviewdesk.record.scorecard_summary import register_groups
from reviewdesk.ui import messages
from reviewdesk.ui.meeting import scorecard_edits
from reviewdesk.ui.meeting.navigator import Step
from reviewdesk.ui.meeting.pages.register_editor import ACTION_ROLE, TEXTS, EntryEditor
from reviewdesk.ui.meeting.pages.register_model import (
    AGE,
    KIND,
    OWNER,
    SEVERITY,
    TITLE,
    RegisterModel,
)
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import (
    Card,
    LockBanner,
    label,
    muted,
    page_body,
    page_title,
    section_heading,
)
from reviewdesk.ui.widgets.page_table import every_row_shown
from reviewdesk.ui.widgets.slicing import BuiltInSlices
from reviewdesk.ui.widgets.table_fit import WrappedRowsFitter
from reviewdesk.ui.widgets.table_sizing import SizeCachingDelegate

TABLE_MIN_PX = 96  # room for the header and a row when there are none
MAX_COLUMN_PX = 320
GUIDANCE = (
    "Risks, issues and escalations of the partnership, each seen from both sides. Open entries "
    "carry over to every later review until they are closed; closing needs both views, or an "
    "agreed note."
)
RELOAD = (Change.REGISTER, Change.ACTIONS, Change.SIGNOFF)


def ask_new_action(parent: QWidget, session: MeetingSession) -> int | None:
    """The meeting's action dialog (imported when first used; tests replace this function)."""
    from reviewdesk.ui.meeting.action_dialog import ask_new_action as ask

    return ask(parent, session, None)


class RegisterPage(BuiltInSlices, QWidget):
    """The review's register in a table and an editor for the chosen entry."""

    pending = Signal()
    settled = Signal()

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.entry_id: int | None = None
        self._loading = False
        layout = page_body(self)

        head = QHBoxLayout()
        head.addWidget(page_title("Register"), 1)
        self.raise_button = QPushButton("+ Raise entry")
        self.raise_button.setAccessibleName("Raise a risk, issue or escalation")
        self.raise_button.clicked.connect(self.raise_entry)
        head.addWidget(self.raise_button)
        layout.addLayout(head)
        layout.addWidget(muted(GUIDANCE))
        self.banner = LockBanner()
        layout.addWidget(self.banner)
        self.summary = label("", "strong", wrap=True)
        self.summary.setAccessibleName("Register summary")
        layout.addWidget(self.summary)

        self.model = RegisterModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Register table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        every_row_shown(self.table, TABLE_MIN_PX)  # the page scrolls, not the table
        self.table.setItemDelegate(SizeCachingDelegate(self.table))  # sized once, not per layout
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        # narrow (or large text): these give way in turn, the editor below still shows them
        self.columns = WrappedRowsFitter(
            self.table, (OWNER, AGE, SEVERITY, KIND), TITLE, MAX_COLUMN_PX
        )
        layout.addWidget(self.table)

        self._card_later(layout)  # the chosen entry's editor, below the table

        session.changed.connect(self._on_changed)
        session.lock_changed.connect(lambda _locked: self.reload())
        self.reload()

    # made by a later slice: reading one of these first finishes the page
    _DEFERRED = frozenset({"card", "editor_title", "empty_hint", "editor"})

    def _built(self) -> bool:
        return "editor" in self.__dict__

    def _build_editor(self) -> None:
        # made hidden inside the page (no styling twice); shown, laid out and painted by
        # the next slice
        self.card = Card(self)
        self.card.hide()
        self.editor_title = section_heading("Entry")
        self.editor_title.setWordWrap(True)
        self.card.body.addWidget(self.editor_title)
        self.empty_hint = muted("No entry yet. Raise one with “Raise entry”.")
        self.card.body.addWidget(self.empty_hint)
        self._editor_in_two_turns(EntryEditor(self))
        # the entry in a turn of its own, and its linked actions (a list of every action of the
        # review, 300 on a big one) a turn later, kept hidden as the card shows: the list shows
        # in a turn of its own after the card's, and is fitted to its items then, at its width
        self.slicer.add(self._load_first_entry)
        self.slicer.add(self._show_actions)
        self.slicer.add(self._show_card, alone=True)
        self.slicer.add(self._reveal_actions, alone=True)

    def _load_first_entry(self) -> None:
        self._load_editor(other=True, actions=False)

    def _show_actions(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.id is not None:
            self._loading = True
            try:
                self._fill_actions(entry.id, reveal=False)
            finally:
                self._loading = False

    def _fill_actions(self, entry_id: int, reveal: bool = True) -> None:
        links = self.session.portfolio.register_links(self.session.meeting_id)
        linked = set(links.get(entry_id, []))
        self.editor.show_actions(self.session.meeting.actions, linked, reveal)

    def _reveal_actions(self) -> None:
        if self.current_entry() is not None:
            self.editor.reveal_actions()

    # ---- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        meeting = self.session.meeting
        self.model.set_entries(meeting.register, meeting.date)
        other = self.entry_id is None or self.model.row_of(self.entry_id) < 0
        if other:
            self.entry_id = meeting.register[0].id if meeting.register else None
        row = self.model.row_of(self.entry_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        if self._built():  # else its slice loads it
            self._load_editor(other)
        self.banner.show_for(meeting)
        self.raise_button.setEnabled(not self.session.readonly)
        groups = register_groups(meeting)
        self.summary.setText(
            f"{len(groups.open)} open ({len(groups.new)} new, {len(groups.carried)} carried "
            f"over) · {len(groups.closed)} closed in this review"
            if meeting.register
            else "Nothing on the register of this partnership."
        )

    def current_entry(self) -> RegisterEntry | None:
        return self.model.entry_at(self.model.row_of(self.entry_id))

    def _load_editor(self, other: bool = False, actions: bool = True) -> None:
        entry = self.current_entry()
        self.editor.setVisible(entry is not None)
        self.empty_hint.setVisible(entry is None)
        if entry is None or entry.id is None:
            self.editor_title.setText("Entry")
            return
        texts = {
            name: self.session.text_to_show(("register", entry.id, name), getattr(entry, name))
            for name in TEXTS
        }
        self._loading = True
        try:
            self.editor.show_entry(entry, texts, other)
            if actions:
                self._fill_actions(entry.id)
        finally:
            self._loading = False
        meeting = self.session.meeting
        self.editor_title.setText(words.entry_heading(entry))
        self.editor.age.setText(words.entry_age_text(entry, meeting.date))
        editable = not self.session.readonly
        self.editor.set_editable(editable, entry.is_open)
        self.editor.fields["likelihood"].setEnabled(
            editable and entry.is_open and entry.kind == "risk"
        )
        self.editor.delete_button.setVisible(entry.raised_in in (None, meeting.id))
        self.editor.delete_button.setEnabled(editable)
        self._show_close(entry)

    def _show_close(self, entry: RegisterEntry) -> None:
        """Close is allowed once both views (as typed) are there, or an agreed note."""
        button = self.editor.close_button
        if not entry.is_open:
            button.setText("Reopen")
            button.setAccessibleName("Reopen the entry")
            button.setEnabled(not self.session.readonly)
            self.editor.close_reason.setText("Closed in this review.")
            return
        refusal = words.close_refusal(self.editor.typed_entry(entry))
        button.setText("Close entry")
        button.setAccessibleName("Close the entry")
        button.setEnabled(not refusal and not self.session.readonly)
        self.editor.close_reason.setText(refusal)

    def _row_changed(self, current: Any, _previous: Any) -> None:
        entry = self.model.entry_at(current.row()) if current.isValid() else None
        if entry is None or entry.id == self.entry_id:
            return
        self.flush()
        self.entry_id = entry.id
        if self._built():
            self._load_editor(other=True)

    def _on_changed(self, change: Change) -> None:
        if change in RELOAD:
            self.reload()

    # ---- saving --------------------------------------------------------------------------

    def typed(self) -> None:
        """A key in a text: Close follows what is typed, before it is saved."""
        entry = self.current_entry()
        if not self._loading and entry is not None:
            self._show_close(entry)

    def save_text(self, name: str, text: str) -> None:
        entry = self.current_entry()
        if entry is None or entry.id is None or self.session.readonly or not entry.is_open:
            return
        if name == "title":
            text = text.strip()
            if not text:
                self.editor.show_error("Title: must not be empty (not saved)")
                return
        self.editor.show_error("")
        field = scorecard_edits.register_text_field(self.session, entry.id, name)
        self.session.save_text(field, text)

    def choice_edited(self, name: str) -> None:
        entry = self.current_entry()
        if self._loading or entry is None or entry.id is None or self.session.readonly:
            return
        combo = self.editor.fields[name]
        assert isinstance(combo, QComboBox)
        fields: dict[str, Any] = {name: combo.currentData()}
        if name == "kind" and fields["kind"] != "risk":
            fields["likelihood"] = None  # only a risk has a likelihood
        self.flush()
        if not scorecard_edits.update_register_entry(self.session, entry.id, **fields):
            self._load_editor()

    def close_or_reopen(self) -> bool:
        """Close the entry (refused in plain words while a view is missing) or reopen it."""
        entry = self.current_entry()
        if entry is None or entry.id is None:
            return False
        self.flush()
        entry = self.current_entry()
        assert entry is not None and entry.id is not None
        if not entry.is_open:
            return scorecard_edits.update_register_entry(self.session, entry.id, status="open")
        refusal = words.close_refusal(entry)
        if refusal:
            self.editor.show_error(refusal)
            return False
        return scorecard_edits.update_register_entry(self.session, entry.id, status="closed")

    def action_toggled(self, item: QListWidgetItem) -> None:
        entry = self.current_entry()
        if self._loading or entry is None or entry.id is None:
            return
        linked = item.checkState() == Qt.CheckState.Checked
        text = item.text().split(" — ")[0]
        if not scorecard_edits.link_action(
            self.session, entry.id, item.data(ACTION_ROLE), text, linked
        ):
            self._load_editor()

    def add_action(self) -> int | None:
        """A new action item of this review (the action dialog), linked to this entry."""
        entry = self.current_entry()
        if entry is None or entry.id is None:
            return None
        self.flush()
        action_id = ask_new_action(self, self.session)
        if action_id is None:
            return None
        text = next((a.text for a in self.session.meeting.actions if a.id == action_id), "")
        scorecard_edits.link_action(self.session, entry.id, action_id, text)
        return action_id

    def flush(self) -> None:
        if self._built():
            self.editor.flush()

    @property
    def dirty(self) -> bool:
        return self._built() and self.editor.dirty

    # ---- commands ------------------------------------------------------------------------

    def raise_entry(self) -> int | None:
        """Raise a new issue titled 'New entry' (numbered if taken) and focus its title."""
        self.flush()
        title = rules.unused_name("New entry", (e.title for e in self.session.meeting.register))
        entry_id = scorecard_edits.add_register_entry(
            self.session, RegisterEntry(kind="issue", title=title)
        )
        if entry_id is None:
            return None
        self.entry_id = entry_id
        self.reload()
        self._load_editor(other=True)
        title_edit = self.editor.fields["title"]
        title_edit.setFocus()
        title_edit.selectAll()  # type: ignore[attr-defined]
        return entry_id

    def delete_entry(self) -> bool:
        entry = self.current_entry()
        if entry is None or not messages.confirm(
            self,
            "Delete entry",
            f"Delete “{entry.title}”, raised in this review? Undo brings it back.",
        ):
            return False
        self.flush()
        return scorecard_edits.remove_register_entry(self.session, entry)

    # ---- events --------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:
        self.banner.update_visibility()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:
        self.flush()
        super().hideEvent(event)


def register_step(meeting: Meeting) -> Step:
    """The navigator's Register step: 'N open', finished when every open entry has both views."""
    groups = register_groups(meeting)
    heard = all(e.client_view.strip() and e.provider_view.strip() for e in groups.open)
    return Step(
        "register",
        "Register",
        f"{len(groups.open)} open",
        finished=bool(meeting.register) and heard,
        finished_when="every open entry has both sides' views",
    )
