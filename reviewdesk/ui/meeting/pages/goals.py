"""The Goals page: the review's SMART goals in a table and an editor that saves as you type."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record import rules
from reviewdesk.record.model import GOAL_FIELDS, GOAL_STATUSES, OWNER_SIDES, Goal
from reviewdesk.record.smart import LETTERS, smart_letters
from reviewdesk.record.wording import NO_VALUE, side_text, status_label, status_text
from reviewdesk.ui import style
from reviewdesk.ui.meeting import edits
from reviewdesk.ui.meeting.autosave import TextSaver
from reviewdesk.ui.meeting.pages.goals_model import COLUMNS, GoalsModel
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import (
    Card,
    GrowingTextEdit,
    LockBanner,
    label,
    muted,
    page_body,
    page_title,
    section_heading,
)
from reviewdesk.ui.widgets.date_edit import OptionalDateEdit
from reviewdesk.ui.widgets.page_table import every_row_shown
from reviewdesk.ui.widgets.reflow import Reflow
from reviewdesk.ui.widgets.slicing import BuiltInSlices
from reviewdesk.ui.widgets.table_sizing import one_line_rows, size_columns

TABLE_MIN_PX = 96  # room for the header and a row when there are none
WIDE_EDITOR_PX = 900  # below this page width (at scale 1) the editor's columns stack
TEXT_FIELDS = ("title", "measure", "baseline", "target", "current")
LONG_FIELDS = ("specific", "achievable", "relevant")
TAB_ORDER = GOAL_FIELDS  # SMART reading order
FIELD_LABELS = {
    "title": "&Title",
    "specific": "S · Specific: what exactly will be different?",
    "measure": "M · Measure",
    "baseline": "Baseline",
    "target": "Target",
    "current": "Current value (this review)",
    "achievable": "A · Achievable: why both sides believe it can be done",
    "relevant": "R · Relevant: which partnership aim it serves",
    "due": "T · Due date",
    "status": "Status",
    "owner_side": "Owner side",
}

MAX_COLUMN_PX = 320
GUIDANCE = (
    "The partnership's goals as they stand at this review. Pick one to edit it; "
    "every change is saved as you type. A goal meets SMART when each letter is filled."
)
LOCKED_GUIDANCE = (
    "The partnership's goals as they stood at this review. Pick one to read it. "
    "A goal meets SMART when each letter is filled."
)


class SmartIndicators(QWidget):
    """Five chips, one per SMART letter, each saying in words whether it is met."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = Reflow(spacing=8)  # one under another on a narrow screen
        outer.addWidget(row)
        outer.addStretch(1)
        self.chips: dict[str, QLabel] = {}
        for letter in LETTERS:
            chip = label("", "chip")
            chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.chips[letter] = chip
            row.add(chip)
        self.show_goal(Goal(title=""))

    def show_goal(self, goal: Goal) -> None:
        for letter, met in smart_letters(goal).items():
            chip = self.chips[letter]
            word = LETTERS[letter]
            chip.setText(f"{'✓' if met else '✗'} {word}")
            style.set_property(chip, "met", met)  # green when met, red when missing
            chip.setAccessibleName(f"{word}: {'met' if met else 'missing'}")

    def met(self) -> dict[str, bool]:
        return {letter: bool(chip.property("met")) for letter, chip in self.chips.items()}


class GoalEditor(QWidget):
    """The fields of one goal: typed texts save as you type (one TextSaver each), the date and
    the choices save when changed. Made in two parts (``make_rest``): each is a turn's work."""

    def __init__(self, page: GoalsPage):
        super().__init__(page)
        self.page = page
        self.fields: dict[str, QWidget] = {}
        self.savers: dict[str, TextSaver] = {}
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        columns.setContentsMargins(0, 0, 0, 0)
        style.scaled(columns, spacing=24)
        for name in TEXT_FIELDS:
            self.fields[name] = QLineEdit()
        for name in LONG_FIELDS:
            self.fields[name] = GrowingTextEdit(min_lines=3)  # grows: never scrolls inside
        for name in (*TEXT_FIELDS, *LONG_FIELDS):
            editor = self.fields[name]
            assert isinstance(editor, QLineEdit | QPlainTextEdit)
            editor.textChanged.connect(page.typed)
            saver = TextSaver(editor, lambda text, n=name: page.save_text(n, text), self)
            saver.pending.connect(page.pending)
            saver.settled.connect(page.settled)
            self.savers[name] = saver
        due = OptionalDateEdit()
        due.default_page = page.session.meeting.date  # Up from "No date": the meeting's date
        due.dateChanged.connect(lambda _d: page.field_edited("due"))
        self.fields["due"] = due
        status = QComboBox()
        for key in GOAL_STATUSES:
            status.addItem(status_label(key), key)
        status.currentIndexChanged.connect(lambda _i: page.field_edited("status"))
        self.fields["status"] = status
        owner = QComboBox()
        owner.addItem(f"{NO_VALUE} not set", None)
        for key in OWNER_SIDES:
            owner.addItem(side_text(key), key)
        owner.currentIndexChanged.connect(lambda _i: page.field_edited("owner_side"))
        self.fields["owner_side"] = owner
        self.previous = muted("")
        self.title_error = label("", "error", wrap=True)
        self.title_error.hide()
        # laid out by make_rest, a turn later: children now, so a page left between the two
        # turns leaves no widget without a parent (Python's alone until a collection)
        for widget in (*self.fields.values(), self.previous, self.title_error):
            widget.setParent(self)

    def make_rest(self) -> None:
        """The second part: the fields laid out in two columns, the tab order, their names."""
        columns = self.columns
        left, right = QVBoxLayout(), QVBoxLayout()
        for column in (left, right):
            style.scaled(column, spacing=8)
        left.addLayout(self._field("title"))
        left.addWidget(self.title_error)
        left.addLayout(self._field("specific"))
        left.addLayout(self._field("measure"))
        pair = QHBoxLayout()
        style.scaled(pair, spacing=12)
        pair.addLayout(self._field("baseline"))
        pair.addLayout(self._field("target"))
        left.addLayout(pair)
        current = self._field("current")
        current.addWidget(self.previous)
        left.addLayout(current)
        left.addStretch(1)
        right.addLayout(self._field("achievable"))
        right.addLayout(self._field("relevant"))
        choices = Reflow(spacing=12)  # one under another on a narrow screen
        for name in ("due", "owner_side", "status"):
            choices.add(self._field(name), 1)
        right.addWidget(choices)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        order = [self.fields[name] for name in TAB_ORDER]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        for name, widget in self.fields.items():
            widget.setAccessibleName(FIELD_LABELS[name].split(":")[0].replace("&", ""))
            widget.setObjectName(f"goal_{name}")

    def set_wide(self, wide: bool) -> None:
        """Two columns side by side when there is room, else one above the other."""
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def _field(self, name: str) -> QVBoxLayout:
        """A label above its field, the label's mnemonic focusing the field."""
        box = QVBoxLayout()
        style.scaled(box, spacing=4)
        caption = QLabel(FIELD_LABELS[name])  # QLabel draws the mnemonic's underline
        caption.setWordWrap(True)
        caption.setBuddy(self.fields[name])
        box.addWidget(caption)
        box.addWidget(self.fields[name])
        return box

    def value(self, name: str) -> Any:
        widget = self.fields[name]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, OptionalDateEdit):
            return widget.value()
        assert isinstance(widget, QComboBox)
        return widget.currentData()

    def set_value(self, name: str, value: Any, other_goal: bool = False) -> None:
        """Show a stored value, leaving a field alone when it already shows it (keeps the caret).

        A typed text is left alone while it is being typed, unless another goal is shown.
        """
        shown = self.value(name)
        if name in self.savers:
            saver, text = self.savers[name], value or ""
            if other_goal:
                saver.reset(text)
                widget = self.fields[name]
                if isinstance(widget, QLineEdit):
                    widget.setCursorPosition(0)  # show the start of a long value, not its tail
            elif shown.strip() != text.strip():  # not just the space typed after a word
                saver.show(text)
            return
        if shown == value:
            return
        widget = self.fields[name]
        if isinstance(widget, OptionalDateEdit):
            widget.set_value(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))

    def as_goal(self) -> Goal:
        return Goal(**{name: self.value(name) for name in self.fields})

    def set_readonly(self, readonly: bool) -> None:
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(readonly)
            else:
                widget.setEnabled(not readonly)


class GoalsPage(BuiltInSlices, QWidget):
    """The partnership's goals on this review, edited in place and saved within a second."""

    pending = Signal()  # typed text waits for its commit
    settled = Signal()  # nothing typed waits any more

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.goal_id: int | None = None
        self._loading = False

        layout = page_body(self)

        head = QHBoxLayout()
        head.addWidget(page_title("Goals"))
        head.addStretch(1)
        self.new_button = QPushButton("+ New goal")
        self.new_button.setAccessibleName("New goal")
        self.new_button.clicked.connect(self.new_goal)
        head.addWidget(self.new_button)
        layout.addLayout(head)
        self.guidance = muted(GUIDANCE)
        layout.addWidget(self.guidance)
        self.banner = LockBanner()
        layout.addWidget(self.banner)

        self.model = GoalsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Goals table")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrows pick a goal
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # one line a row, columns sized from the model's texts (ui.widgets.table_sizing)
        one_line_rows(self.table, (0, len(COLUMNS) - 1), MAX_COLUMN_PX)
        every_row_shown(self.table, TABLE_MIN_PX)  # the page scrolls, not the table
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        layout.addWidget(self.table)

        self._card_later(layout)  # the chosen goal's editor, below the table

        self.setTabOrder(self.new_button, self.table)
        session.changed.connect(self._on_changed)
        session.lock_changed.connect(lambda _locked: self.reload())
        self.reload()

    # made by a later slice: reading one of these first finishes the page
    _DEFERRED = frozenset({"card", "editor_title", "smart", "empty_hint", "editor"})

    def _built(self) -> bool:
        return "editor" in self.__dict__

    def _build_editor(self) -> None:
        # made hidden inside the page (no styling twice); shown, laid out and painted by
        # the next slice
        self.card = Card(self)
        self.card.hide()
        self.editor_title = section_heading("Goal")
        self.editor_title.setWordWrap(True)
        self.card.body.addWidget(self.editor_title)
        self.smart = SmartIndicators()
        self.card.body.addWidget(self.smart)
        self.empty_hint = muted("No goal selected. Pick one above, or add one with “New goal”.")
        self.card.body.addWidget(self.empty_hint)
        # the editor in two turns, the goal in a turn of its own, still hidden; the card
        # shown in the turn after
        part = GoalEditor(self)
        part.set_wide(self.width() >= style.px(WIDE_EDITOR_PX))
        self._editor_in_two_turns(part)
        self.slicer.add(self._load_first_goal)
        self.slicer.add(self._show_card, alone=True)

    def _load_first_goal(self) -> None:
        self._load_editor(True)
        self.editor.set_readonly(self.session.readonly)

    # ---- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Show the session's record: table, selection, editor (unless edits are pending)."""
        meeting = self.session.meeting
        self.model.set_goals(meeting.goals, meeting.date)
        size_columns(self.table, self.model.texts, skip=(0, len(COLUMNS) - 1))
        other_goal = self.goal_id is None or self.model.row_of(self.goal_id) < 0
        if other_goal:
            self.goal_id = meeting.goals[0].id if meeting.goals else None
        row = self.model.row_of(self.goal_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        if self._built():  # else its slice loads it
            self._load_editor(other_goal)
        readonly = self.session.readonly
        self.guidance.setText(LOCKED_GUIDANCE if readonly else GUIDANCE)
        self.banner.show_for(meeting)
        self.new_button.setEnabled(not readonly)
        if self._built():
            self.editor.set_readonly(readonly)

    def current_goal(self) -> Goal | None:
        row = self.model.row_of(self.goal_id)
        return self.model.goal_at(row)

    def _load_editor(self, other_goal: bool = False) -> None:
        """Show the current goal; ``other_goal`` when it is not the one shown until now."""
        goal = self.current_goal()
        self.editor.setVisible(goal is not None)
        self.smart.setVisible(goal is not None)
        self.empty_hint.setVisible(goal is None)
        if goal is None:
            self.editor_title.setText("Goal")
            return
        self._loading = True
        try:
            for name in self.editor.fields:
                value = getattr(goal, name)
                if name in self.editor.savers and goal.id is not None:
                    value = self.session.text_to_show(("goal", goal.id, name), value)
                self.editor.set_value(name, value, other_goal)
        finally:
            self._loading = False
        self.editor_title.setText(goal.title)
        if other_goal:
            self.editor.title_error.hide()
        prev = goal.previous
        self.editor.previous.setText(
            f"Last review: {prev.current or NO_VALUE} of {prev.target or NO_VALUE} "
            f"({status_text(prev.status)})"
            if prev
            else "First review of this goal"
        )
        self.smart.show_goal(self.editor.as_goal())

    def _row_changed(self, current: Any, _previous: Any) -> None:
        goal = self.model.goal_at(current.row()) if current.isValid() else None
        if goal is None or goal.id == self.goal_id:
            return
        self.flush()  # saves the previous goal's typed text (to its own id)
        self.goal_id = goal.id
        if self._built():
            self._load_editor(other_goal=True)

    # ---- saving --------------------------------------------------------------------------

    def typed(self) -> None:
        """A key in a text field: show its SMART effect now (the saver saves it)."""
        if not self._loading and self.goal_id is not None:
            self.smart.show_goal(self.editor.as_goal())

    def save_text(self, name: str, text: str) -> None:
        """A typed text of the current goal settled: save it (a title must not be empty)."""
        if self.goal_id is None or self.session.readonly:
            return
        if name == "title":
            text = text.strip()
            if not text:
                self.editor.title_error.setText("Title: must not be empty (not saved)")
                self.editor.title_error.show()
                return
            self.editor.title_error.hide()
        field = edits.goal_text_field(self.session, self.goal_id, name)
        self.session.save_text(field, text)

    def field_edited(self, name: str) -> None:
        """The due date, owner side or status changed: save it now, with the typed text."""
        if self._loading or self.goal_id is None or self.session.readonly:
            return
        value = self.editor.value(name)
        self.flush()  # (the reload after it shows the stored value of this field until…)
        if not edits.update_goal(self.session, self.goal_id, **{name: value}):
            self._load_editor()  # show what is really stored

    def flush(self) -> None:
        """Hand every typed text of the current goal over now."""
        if self._built():
            for saver in self.editor.savers.values():
                saver.flush()

    @property
    def dirty(self) -> bool:
        return self._built() and any(saver.dirty for saver in self.editor.savers.values())

    def _on_changed(self, change: Change) -> None:
        if change in (Change.GOALS, Change.SIGNOFF):
            self.reload()

    def resizeEvent(self, event: Any) -> None:
        if self._built():
            self.editor.set_wide(self.width() >= style.px(WIDE_EDITOR_PX))
        super().resizeEvent(event)

    def showEvent(self, event: Any) -> None:
        self.banner.update_visibility()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:
        self.flush()
        super().hideEvent(event)

    def new_goal(self) -> int | None:
        """Add a goal titled 'New goal' (numbered if taken), select it and focus its title."""
        self.flush()
        title = rules.unused_name("New goal", (g.title for g in self.session.meeting.goals))
        gid = edits.add_goal(self.session, Goal(title=title))
        if gid is None:
            return None
        self.goal_id = gid
        self.reload()
        self._load_editor(other_goal=True)
        title_edit = self.editor.fields["title"]
        title_edit.setFocus()
        assert isinstance(title_edit, QLineEdit)
        title_edit.selectAll()
        return gid
