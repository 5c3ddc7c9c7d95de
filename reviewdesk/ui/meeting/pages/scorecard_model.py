"""The review's measures as a table: value (typed in place), target and amber threshold with
their direction, red/amber/green in words and colour, a small trend, the change since the last
review and who reports it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reviewdesk import look
from reviewdesk.record import chart
from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.numbers import read_number
from reviewdesk.record.scorecard import Measure
from reviewdesk.record.wording import NO_VALUE, side_text
from reviewdesk.ui import style
from reviewdesk.ui.meeting import scorecard_edits
from reviewdesk.ui.meeting.session import MeetingSession
from reviewdesk.ui.widgets.measure_chart import describe_measure, paint_spark
from reviewdesk.ui.widgets.trend_chart import SPARK_H, SPARK_W

COLUMNS = ("Measure", "Value", "Target", "Amber", "Status", "Trend", "Since last review", "By")
NAME, VALUE, TARGET, AMBER, STATUS, TREND, CHANGE, SIDE = range(len(COLUMNS))
SPEC_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class ScorecardModel(QAbstractTableModel):
    """Rows are the review's measures in their stored order; the value column is editable."""

    def __init__(self, session: MeetingSession | None = None, parent: Any = None):
        super().__init__(parent)
        self.session = session
        self.readonly = False
        self.writing = False
        self._measures: list[Measure] = []
        self._specs: dict[int, chart.TrendSpec] = {}
        self._previous: dict[int, float] = {}
        # Qt asks each cell's roles many times a layout (the rows size to their contents):
        # each answer is worked out once per reset
        self._answers: dict[tuple[int, int, int], Any] = {}

    def set_rows(
        self,
        measures: list[Measure],
        specs: dict[int, chart.TrendSpec],
        previous: dict[int, float],
        readonly: bool = False,
    ) -> None:
        self.beginResetModel()
        self._answers.clear()
        self._measures = list(measures)
        self._specs, self._previous = dict(specs), dict(previous)
        self.readonly = readonly
        self.endResetModel()

    def measure_at(self, row: int) -> Measure | None:
        return self._measures[row] if 0 <= row < len(self._measures) else None

    def row_of(self, measure_id: int | None) -> int:
        for row, m in enumerate(self._measures):
            if m.id == measure_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._measures)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                VALUE: "This review's value: double-click or start typing to enter it",
                TARGET: "Green from here",
                AMBER: "Amber from here; beyond it is red",
                SIDE: "The side that reports the measure",
            }.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == VALUE and not self.readonly and self.session is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = (index.row(), index.column(), int(role))
        try:
            return self._answers[key]
        except KeyError:
            answer = self._answers[key] = self._answer(index.row(), index.column(), role)
            return answer

    def _answer(self, row: int, col: int, role: int) -> Any:
        m = self.measure_at(row)
        if m is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == TREND:
                spec = self._specs.get(m.id or 0)
                return (
                    ""
                    if role == Qt.ItemDataRole.DisplayRole or spec is None
                    else (describe_measure(spec))
                )
            return self._text(m, col)
        if role == Qt.ItemDataRole.EditRole:
            return words.measure_number(m.value) if m.value is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == NAME:
                return m.description or m.name
            if col == TREND and (spec := self._specs.get(m.id or 0)) is not None:
                return describe_measure(spec)
            if col == STATUS:
                return self._status_tip(m)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == STATUS:
                return QColor(look.rag_colour(m.rag))
            if col == SIDE and m.side:
                return QColor(look.side_colour(m.side))
            if col == CHANGE and "worse" in self._text(m, col):
                return QColor(look.GAP)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and col == STATUS and m.rag:
            return QColor(look.RAG_TINTS[m.rag])
        if role == Qt.ItemDataRole.FontRole and col in (STATUS, VALUE):
            font = QFont()
            font.setBold(True)
            return font
        if role == SPEC_ROLE:
            return self._specs.get(m.id or 0)
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        return None

    def _text(self, m: Measure, col: int) -> str:
        if col == NAME:
            return m.name
        if col == VALUE:
            return words.measure_value(m.value, m.unit)
        if col == TARGET:
            return words.bound_text(m.target, m.direction, m.unit)
        if col == AMBER:
            return words.bound_text(m.amber, m.direction, m.unit)
        if col == STATUS:
            return words.rag_text(m.rag, has_value=m.value is not None)
        if col == CHANGE:
            previous = self._previous.get(m.id or 0)
            if previous is None:
                return "first value" if m.value is not None else NO_VALUE
            change = words.measure_change(previous, m.value, m.direction)
            was = f"was {words.measure_value(previous, m.unit)}"
            return f"{change} ({was})" if change else was
        if col == SIDE:
            return side_text(m.side)
        return ""

    @staticmethod
    def _status_tip(m: Measure) -> str:
        if m.value is None:
            return "No value entered for this review yet"
        if m.target is None:
            return "Give the measure a target to judge its value"
        return f"{words.rag_text(m.rag)}: {words.direction_text(m.direction).lower()}"

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A value typed in the table: saved through the session, refused in plain words."""
        m = self.measure_at(index.row()) if index.isValid() else None
        if (
            m is None
            or m.id is None
            or role != Qt.ItemDataRole.EditRole
            or index.column() != VALUE
            or self.session is None
            or self.readonly
        ):
            return False
        try:
            number = read_number(str(value or ""))
        except ValueError as exc:
            self.session.refused(f"Value of “{m.name}”: {exc} (not saved)")
            return False
        if number == m.value:
            return True
        self.writing = True
        try:
            ok = scorecard_edits.update_measure(self.session, m.id, value=number)
        finally:
            self.writing = False
        return ok


class TrendDelegate(QStyledItemDelegate):
    """Paints a measure's sparkline (its spec from SPEC_ROLE) in the Trend column."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(style.px(SPARK_W + 16), style.px(SPARK_H + 8))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, QColor(look.CLIENT_TINT))
        spec = index.data(SPEC_ROLE)
        if spec is None:
            return
        pad = style.px(4)
        rect = QRectF(option.rect).adjusted(pad * 2, pad, -pad * 2, -pad)
        paint_spark(painter, rect, spec, style.scale())
