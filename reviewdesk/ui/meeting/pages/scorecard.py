"""The Scorecard step: the partnership's service levels as this review records them — values
typed in the table or the editor, red/amber/green in words, a trend per measure across reviews,
and values imported from the provider's CSV file."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableView,
    QWidget,
)

from reviewdesk.record import chart, rules
from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.analytics import History
from reviewdesk.record.errors import InvalidValue
from reviewdesk.record.model import Meeting
from reviewdesk.record.numbers import read_number
from reviewdesk.record.rules import check_measure
from reviewdesk.record.scorecard import Measure
from reviewdesk.record.scorecard_summary import (
    Points,
    entered,
    measure_points,
    previous_value,
    rag_counts,
)
from reviewdesk.record.wording import plural
from reviewdesk.ui import messages, style
from reviewdesk.ui.meeting import scorecard_edits
from reviewdesk.ui.meeting.navigator import Step
from reviewdesk.ui.meeting.pages.scorecard_editor import NUMBERS, WIDE_PX, MeasureEditor
from reviewdesk.ui.meeting.pages.scorecard_model import (
    AMBER,
    CHANGE,
    NAME,
    SIDE,
    TREND,
    ScorecardModel,
    TrendDelegate,
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
from reviewdesk.ui.widgets.reflow import Reflow
from reviewdesk.ui.widgets.slicing import BuiltInSlices
from reviewdesk.ui.widgets.table_fit import WrappedRowsFitter
from reviewdesk.ui.widgets.table_sizing import SizeCachingDelegate

TABLE_MIN_PX = 96  # room for the header and a row when there are none
MAX_COLUMN_PX = 260
GUIDANCE = (
    "The partnership's service levels for this review. Type each value in the Value column (or "
    "below); green, amber or red follows from the target and the amber threshold."
)
CSV_FILTER = "CSV files (*.csv);;All files (*)"
IMPORT_TITLE = "Import values from CSV"


def remove_question(name: str) -> str:
    return (
        f"Stop tracking “{name}” from this review on? Earlier reviews keep their values; "
        "Undo brings it back."
    )


class ScorecardPage(BuiltInSlices, QWidget):
    """The review's measures in a table and an editor for the chosen one."""

    pending = Signal()
    settled = Signal()

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.measure_id: int | None = None
        self._loading = False
        layout = page_body(self)

        head = Reflow(spacing=8)  # the buttons under the title on a narrow page
        head.add(page_title("Scorecard"), 1)
        self.import_button = QPushButton("Import values from CSV…")
        self.import_button.setAccessibleName("Import values from CSV")
        self.import_button.clicked.connect(self.import_csv)
        self.add_button = QPushButton("+ Add measure")
        self.add_button.setAccessibleName("Add measure")
        self.add_button.clicked.connect(self.add_measure)
        for button in (self.import_button, self.add_button):
            head.add(button)
        layout.addWidget(head)
        self.guidance = muted(GUIDANCE)
        layout.addWidget(self.guidance)
        self.banner = LockBanner()
        layout.addWidget(self.banner)
        self.summary = label("", "strong", wrap=True)
        self.summary.setAccessibleName("Scorecard summary")
        layout.addWidget(self.summary)

        self.model = ScorecardModel(session, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Measures table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        every_row_shown(self.table, TABLE_MIN_PX)  # the page scrolls, not the table
        self.table.setItemDelegate(SizeCachingDelegate(self.table))  # sized once, not per layout
        self.table.setItemDelegateForColumn(TREND, TrendDelegate(self.table))
        # narrow (or large text): these give way in turn, the editor below still shows them
        self.columns = WrappedRowsFitter(
            self.table, (SIDE, CHANGE, AMBER, TREND), NAME, MAX_COLUMN_PX
        )
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        # made hidden: sized to its contents (every cell asked) as it shows, in the first slice
        self.table.hide()
        layout.addWidget(self.table)

        self._card_later(layout)  # the chosen measure's editor, below the table
        self.slicer.add_next(self._show_table, alone=True)

        session.changed.connect(self._on_changed)
        session.lock_changed.connect(lambda _locked: self.reload())
        self.reload()

    # made by a later slice: reading one of these first finishes the page
    _DEFERRED = frozenset({"card", "editor_title", "remove_button", "empty_hint", "editor"})

    def _built(self) -> bool:
        return "editor" in self.__dict__

    def _build_editor(self) -> None:
        # made hidden inside the page (no styling twice); shown, laid out and painted by the
        # next slice
        self.card = Card(self)
        self.card.hide()
        card_head = Reflow(spacing=8)  # the button under the title on a narrow page
        self.editor_title = section_heading("Measure")
        self.editor_title.setWordWrap(True)
        card_head.add(self.editor_title, 1)
        self.remove_button = QPushButton("Remove from this review")
        self.remove_button.setAccessibleName("Remove the measure from this review")
        self.remove_button.clicked.connect(self.remove_measure)
        card_head.add(self.remove_button)
        self.card.body.addWidget(card_head)
        self.empty_hint = muted("No measure yet. Add one with “Add measure”, or import a CSV file.")
        self.card.body.addWidget(self.empty_hint)
        self.editor = MeasureEditor(self)
        self.editor.set_wide(self.width() >= style.px(WIDE_PX))
        self.card.body.addWidget(self.editor)
        self._fill_editor(True)
        self.slicer.add(self._show_card, alone=True)

    def _fill_editor(self, other: bool) -> None:
        self.editor.set_sections(self.session.meeting)
        self._load_editor(other)
        self.editor.set_readonly(self.session.readonly)

    # ---- reading -------------------------------------------------------------------------

    def history(self) -> History:
        """Earlier reviews do not change while this one is open: read once, by the session."""
        return self.session.partnership_history()

    def trend_points(self) -> dict[int, Points]:
        """Each measure's values review by review, this review as the session has it now."""
        return measure_points(self.history(), self.session.meeting)

    def reload(self) -> None:
        meeting = self.session.meeting
        readonly = self.session.readonly
        points = self.trend_points()
        specs = {
            m.id or 0: chart.measure_spec(points[m.id or 0], m.name, m.unit, m.target, meeting.id)
            for m in meeting.measures
        }
        previous = {i: value for i, p in points.items() if (value := previous_value(p)) is not None}
        self.model.set_rows(meeting.measures, specs, previous, readonly)
        other = self.measure_id is None or self.model.row_of(self.measure_id) < 0
        if other:
            self.measure_id = meeting.measures[0].id if meeting.measures else None
        if not self.table.isHidden():  # else its slice chooses the row as it shows the table
            self._choose_row()
        if self._built():  # else its slice fills it
            self._fill_editor(other)
        self.banner.show_for(meeting)
        self.add_button.setEnabled(not readonly)
        self.import_button.setEnabled(not readonly)
        self._show_summary()

    def _show_table(self) -> None:
        """A slice: the table shown (sized as it shows), the current measure's row chosen."""
        self.table.show()
        self._choose_row()

    def _choose_row(self) -> None:
        row = self.model.row_of(self.measure_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _show_summary(self) -> None:
        measures = self.session.meeting.measures
        if not measures:
            self.summary.setText("No measures on this review yet.")
            return
        counts = rag_counts(measures)
        self.summary.setText(
            f"{plural(len(measures), 'measure')} · {entered(measures)} with a value · "
            f"{words.rag_counts_text(counts)}"
        )

    def current_measure(self) -> Measure | None:
        return self.model.measure_at(self.model.row_of(self.measure_id))

    def _texts(self, measure: Measure) -> dict[str, str]:
        texts = {}
        for name in ("name", "unit", "note", "description"):
            key = ("measure", measure.id, name)
            texts[name] = self.session.text_to_show(key, getattr(measure, name))
        for name in NUMBERS:
            value = getattr(measure, name)
            texts[name] = words.measure_number(value) if value is not None else ""
        return texts

    def _load_editor(self, other: bool = False) -> None:
        measure = self.current_measure()
        self.editor.setVisible(measure is not None)
        self.empty_hint.setVisible(measure is None)
        self.remove_button.setVisible(measure is not None)
        self.remove_button.setEnabled(not self.session.readonly)
        if measure is None:
            self.editor_title.setText("Measure")
            return
        self._loading = True
        try:
            self.editor.show_measure(measure, self._texts(measure), other)
        finally:
            self._loading = False
        rag = words.rag_text(measure.rag, has_value=measure.value is not None)
        self.editor_title.setText(f"{measure.name} · {rag}")
        spec_points = self.trend_points().get(measure.id or 0, [])
        self.editor.chart.set_measure(
            spec_points, measure.name, measure.unit, measure.target, self.session.meeting_id
        )

    def _row_changed(self, current: Any, _previous: Any) -> None:
        measure = self.model.measure_at(current.row()) if current.isValid() else None
        if measure is None or measure.id == self.measure_id:
            return
        self.flush()
        self.measure_id = measure.id
        if self._built():
            self._load_editor(other=True)

    def _on_changed(self, change: Change) -> None:
        if change not in (Change.MEASURES, Change.SIGNOFF):
            return
        current = self.table.currentIndex()
        self.reload()
        if current.isValid():  # keep the cell being worked on
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))

    # ---- saving --------------------------------------------------------------------------

    def save_field(self, name: str, text: str) -> None:
        """A typed text or number of the current measure settled: check it, then save it."""
        measure = self.current_measure()
        if measure is None or measure.id is None or self.session.readonly:
            return None
        if name in NUMBERS:
            self._save_number(measure, name, text)
            return None
        if name == "name":
            text = text.strip()
            taken = {m.name for m in self.session.meeting.measures if m.id != measure.id}
            if not text:
                return self.editor.show_error("Name: must not be empty (not saved)")
            if text in taken:
                return self.editor.show_error(
                    f"Name: “{text}” is already a measure of this review (not saved)"
                )
        self.editor.show_error("")
        field = scorecard_edits.measure_text_field(self.session, measure.id, name)
        self.session.save_text(field, text)
        return None

    def _save_number(self, measure: Measure, name: str, text: str) -> None:
        caption = {"target": "Target", "amber": "Amber threshold", "value": "Value"}[name]
        try:
            value = read_number(text)
        except ValueError as exc:
            return self.editor.show_error(f"{caption}: {exc} (not saved)")
        if not self._fits(measure, name, value):
            return None
        if scorecard_edits.update_measure(self.session, measure.id, **{name: value}):
            self.editor.show_error("")
        return None

    def _fits(self, measure: Measure, name: str, value: Any) -> bool:
        """Whether the measure with ``name`` changed to ``value`` meets the rules (else say why)."""
        changed = copy.copy(measure)
        setattr(changed, name, value)
        try:
            check_measure(changed)
        except InvalidValue as exc:
            self.editor.show_error(f"{str(exc)[:1].upper()}{str(exc)[1:]} (not saved)")
            return False
        return True

    def choice_edited(self, name: str) -> None:
        measure = self.current_measure()
        if self._loading or measure is None or measure.id is None or self.session.readonly:
            return
        value = self.editor.value(name)
        self.flush()
        if not self._fits(measure, name, value) or not scorecard_edits.update_measure(
            self.session, measure.id, **{name: value}
        ):
            self._load_editor()  # show what is stored
            return
        self.editor.show_error("")

    def flush(self) -> None:
        if self._built():
            self.editor.flush()

    @property
    def dirty(self) -> bool:
        return self._built() and self.editor.dirty

    # ---- commands ------------------------------------------------------------------------

    def add_measure(self) -> int | None:
        """Add 'New measure' (numbered if taken), select it and focus its name."""
        self.flush()
        name = rules.unused_name("New measure", (m.name for m in self.session.meeting.measures))
        measure_id = scorecard_edits.add_measure(self.session, Measure(name=name))
        if measure_id is None:
            return None
        self.measure_id = measure_id
        self.reload()
        self.editor.focus_name()
        return measure_id

    def remove_measure(self) -> bool:
        measure = self.current_measure()
        if measure is None or not messages.confirm(
            self, "Remove measure", remove_question(measure.name)
        ):
            return False
        self.flush()
        return scorecard_edits.remove_measure(self.session, measure)

    def import_csv(self) -> int:
        """Values from a CSV file into this review (one undoable step); how many were read."""
        path = messages.ask_open_file(self, IMPORT_TITLE, CSV_FILTER)
        if path is None:
            return 0
        self.flush()
        count, problem = scorecard_edits.import_values(self.session, path)
        if problem:
            messages.show_error(self, IMPORT_TITLE, problem)
            return 0
        self.summary.setText(
            f"{self.summary.text()} · imported {plural(count, 'value')} from {path.name}"
        )
        return count

    # ---- events --------------------------------------------------------------------------

    def resizeEvent(self, event: Any) -> None:
        if self._built():
            self.editor.set_wide(self.width() >= style.px(WIDE_PX))
        super().resizeEvent(event)

    def showEvent(self, event: Any) -> None:
        self.banner.update_visibility()
        super().showEvent(event)

    def hideEvent(self, event: Any) -> None:
        self.flush()
        super().hideEvent(event)


def scorecard_step(meeting: Meeting) -> Step:
    """The navigator's Scorecard step: 'N/M entered', finished when every measure has a value."""
    count = len(meeting.measures)
    done = entered(meeting.measures)
    return Step(
        "scorecard",
        "Scorecard",
        f"{done}/{count} entered" if count else "no measures",
        finished=count > 0 and done == count,
        finished_when="every service level has a value for this review",
    )
