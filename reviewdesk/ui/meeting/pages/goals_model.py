"""The goals of one review as a read-only table: status, progress, SMART letters, change."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from reviewdesk import look
from reviewdesk.record.model import Goal
from reviewdesk.record.smart import LETTERS, describe_missing, smart_letters
from reviewdesk.record.wording import (
    NO_VALUE,
    date_short,
    goal_change_text,
    side_text,
    status_label,
)

COLUMNS = ("Goal", "Status", "Current / target", "Due", "Owner", "SMART", "Change")
COLUMN_TIPS = {
    5: "Which SMART letters the goal meets (✗ marks a missing one)",
    6: "Change since the previous review",
}
TITLE, STATUS, PROGRESS, DUE, OWNER, SMART, CHANGE = range(len(COLUMNS))

Index = QModelIndex | QPersistentModelIndex


def smart_text(goal: Goal) -> str:
    """'S M A R T' with each missing letter marked by a cross, e.g. 'S ✗M A R ✗T'."""
    return " ".join(letter if met else f"✗{letter}" for letter, met in smart_letters(goal).items())


def progress_text(goal: Goal) -> str:
    """'55% / 80%' (a dash for what is not filled in)."""
    return f"{goal.current.strip() or NO_VALUE} / {goal.target.strip() or NO_VALUE}"


change_text = goal_change_text  # the Change column, worded as in the minutes


class GoalsModel(QAbstractTableModel):
    """Rows are the review's goals in their order; editing happens in the page's editor."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._goals: list[Goal] = []
        self._on: dt.date | None = None

    def set_goals(self, goals: list[Goal], on: dt.date | None = None) -> None:
        """Replace every row (``on`` is the meeting date, for 'past due')."""
        self.beginResetModel()
        self._goals = list(goals)
        self._on = on
        self.endResetModel()

    def texts(self, col: int) -> set[str]:
        """Every text shown in a column (to size it once from the model's own measure)."""
        return {self._text(g, col) for g in self._goals}

    def goal_at(self, row: int) -> Goal | None:
        return self._goals[row] if 0 <= row < len(self._goals) else None

    def row_of(self, goal_id: int | None) -> int:
        for row, g in enumerate(self._goals):
            if g.id == goal_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._goals)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TIPS.get(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _past_due(self, goal: Goal) -> bool:
        return bool(goal.active and goal.due and self._on and goal.due < self._on)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._goals):
            return None
        goal, col = self._goals[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(goal, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(goal, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(goal, col)
        if role == Qt.ItemDataRole.UserRole:
            return goal.id
        return None

    def _text(self, goal: Goal, col: int) -> str:
        if col == TITLE:
            return goal.title
        if col == STATUS:
            return status_label(goal.status)
        if col == PROGRESS:
            return progress_text(goal)
        if col == DUE:
            text = date_short(goal.due)
            return f"{text} · past due" if self._past_due(goal) else text
        if col == OWNER:
            return side_text(goal.owner_side)
        if col == SMART:
            return smart_text(goal)
        return change_text(goal)

    def _tooltip(self, goal: Goal, col: int) -> str | None:
        if col == SMART:
            missing = describe_missing(goal)
            return f"Missing: {missing}" if missing else "Meets every SMART letter"
        if col == PROGRESS and goal.measure:
            return f"Measure: {goal.measure}; baseline {goal.baseline or NO_VALUE}"
        if col == TITLE and goal.specific:
            return goal.specific
        if col == CHANGE:
            return change_text(goal)
        return None

    def _colour(self, goal: Goal, col: int) -> QColor | None:
        if col == STATUS:
            return QColor(look.goal_status_colour(goal.status))
        if col == OWNER and goal.owner_side:
            return QColor(look.side_colour(goal.owner_side))
        if col == SMART:
            return QColor(look.OK_GREEN if all(smart_letters(goal).values()) else look.GAP)
        if col == DUE and self._past_due(goal):
            return QColor(look.GAP)
        if col == CHANGE and goal.previous is None:
            return QColor(look.MUTED)
        return None


__all__ = ["GoalsModel", "LETTERS", "smart_text", "change_text", "progress_text"]
