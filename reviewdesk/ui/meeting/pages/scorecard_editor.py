"""The Scorecard page's editor of one measure: its definition, this review's value and note,
and its trend across reviews. Texts and numbers save as you type (one TextSaver each); the
choices save when picked. The page decides what is saved (see ``scorecard.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.model import Meeting
from reviewdesk.record.scorecard import DIRECTIONS, MEASURE_SIDES, Measure
from reviewdesk.record.wording import NO_VALUE, side_text
from reviewdesk.ui import style
from reviewdesk.ui.meeting.autosave import TextSaver
from reviewdesk.ui.widgets.cards import GrowingTextEdit, label
from reviewdesk.ui.widgets.measure_chart import MeasureChart
from reviewdesk.ui.widgets.reflow import Reflow

if TYPE_CHECKING:
    from reviewdesk.ui.meeting.pages.scorecard import ScorecardPage

TEXTS = ("name", "unit", "note", "description")
NUMBERS = ("target", "amber", "value")
CHOICES = ("direction", "side", "section")
LABELS = {
    "name": "&Name",
    "unit": "&Unit (%, h, days…)",
    "direction": "&Direction",
    "side": "Reported &by",
    "target": "&Target (green from here)",
    "amber": "&Amber threshold (red beyond it)",
    "value": "&Value this review",
    "section": "Informs the &section",
    "note": "N&ote on this value",
    "description": "Descr&iption",
}
GRID = (("name", "unit"), ("direction", "side"), ("target", "amber"), ("value", "section"))
WIDE_PX = 980  # below this page width (at scale 1) the chart goes under the fields


class MeasureEditor(QWidget):
    """The fields of one measure and its trend chart, beside or under them."""

    def __init__(self, page: ScorecardPage):
        super().__init__(page)
        self.page = page
        self.fields: dict[str, QWidget] = {}
        self.savers: dict[str, TextSaver] = {}
        for name in ("name", "unit", "note", *NUMBERS):
            self.fields[name] = QLineEdit()
        self.fields["description"] = GrowingTextEdit(min_lines=2)  # grows: never scrolls inside
        for name in (*TEXTS, *NUMBERS):
            editor = self.fields[name]
            assert isinstance(editor, QLineEdit | QPlainTextEdit)
            saver = TextSaver(editor, lambda text, n=name: page.save_field(n, text), self)
            saver.pending.connect(page.pending)
            saver.settled.connect(page.settled)
            self.savers[name] = saver
        direction = QComboBox()
        for key in DIRECTIONS:
            direction.addItem(words.direction_text(key), key)
        side = QComboBox()
        side.addItem(f"{NO_VALUE} not set", None)
        for key in MEASURE_SIDES:
            side.addItem(side_text(key), key)
        self.fields["direction"], self.fields["side"] = direction, side
        self.fields["section"] = QComboBox()
        for name in CHOICES:
            combo = self.fields[name]
            assert isinstance(combo, QComboBox)
            combo.currentIndexChanged.connect(lambda _i, n=name: page.choice_edited(n))

        left = QVBoxLayout()
        style.scaled(left, spacing=8)
        for pair in GRID:
            row = Reflow(spacing=12)  # the pair one under the other on a narrow page
            for name in pair:
                row.add(self._field(name), 1)
            left.addWidget(row)
        left.addLayout(self._field("note"))
        left.addLayout(self._field("description"))
        self.error = label("", "error", wrap=True)
        self.error.setAccessibleName("Problem")
        self.error.hide()
        left.addWidget(self.error)
        left.addStretch(1)
        self.chart = MeasureChart()
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.columns.setContentsMargins(0, 0, 0, 0)
        style.scaled(self.columns, spacing=24)
        self.left = left
        self.columns.addLayout(left, 3)
        self.columns.addWidget(self.chart, 2)
        for name, widget in self.fields.items():
            widget.setAccessibleName(LABELS[name].replace("&", "").split(" (")[0])
            widget.setObjectName(f"measure_{name}")

    def _field(self, name: str) -> QVBoxLayout:
        box = QVBoxLayout()
        style.scaled(box, spacing=4)
        caption = QLabel(LABELS[name])
        caption.setWordWrap(True)
        caption.setBuddy(self.fields[name])
        box.addWidget(caption)
        box.addWidget(self.fields[name])
        return box

    def minimumSizeHint(self) -> QSize:
        """As narrow as the fields or the chart alone, whichever way they sit: the page's width
        decides that (``set_wide``), so the side-by-side minimum must not hold the page wide
        (a page of its own — no scroll area since nine — could then never get narrower)."""
        widest = max(self.left.minimumSize().width(), self.chart.minimumSizeHint().width())
        return QSize(widest, super().minimumSizeHint().height())

    def set_wide(self, wide: bool) -> None:
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    def set_sections(self, meeting: Meeting) -> None:
        combo = self.fields["section"]
        assert isinstance(combo, QComboBox)
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("No section", "")
        for s in meeting.sections:
            combo.addItem(s.title, s.key)
        combo.blockSignals(False)

    def value(self, name: str) -> Any:
        widget = self.fields[name]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        assert isinstance(widget, QComboBox)
        return widget.currentData()

    def show_measure(self, measure: Measure, texts: dict[str, str], other: bool) -> None:
        """Show a stored measure; a field being typed in is left alone unless ``other``."""
        for name in (*TEXTS, *NUMBERS):
            saver, text = self.savers[name], texts[name]
            if other:
                saver.reset(text)
                widget = self.fields[name]
                if isinstance(widget, QLineEdit):
                    widget.setCursorPosition(0)
            else:
                saver.show(text)
        for name in CHOICES:
            combo = self.fields[name]
            assert isinstance(combo, QComboBox)
            index = max(0, combo.findData(getattr(measure, name)))
            if combo.currentIndex() != index:
                combo.blockSignals(True)
                combo.setCurrentIndex(index)
                combo.blockSignals(False)
        if other:
            self.show_error("")

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def set_readonly(self, readonly: bool) -> None:
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.setReadOnly(readonly)
            else:
                widget.setEnabled(not readonly)

    def flush(self) -> None:
        for saver in self.savers.values():
            saver.flush()

    @property
    def dirty(self) -> bool:
        return any(saver.dirty for saver in self.savers.values())

    def focus_name(self) -> None:
        name = self.fields["name"]
        assert isinstance(name, QLineEdit)
        name.setFocus(Qt.FocusReason.OtherFocusReason)
        name.selectAll()
