"""Every action of one review as an editable table; each edit is one committed write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from reviewdesk import look
from reviewdesk.record.model import Action, Meeting
from reviewdesk.record.wording import NO_VALUE, date_short, plural, side_text, status_label
from reviewdesk.ui.meeting import edits
from reviewdesk.ui.meeting.session import MeetingSession
from reviewdesk.ui.widgets.date_edit import NO_DATE

COLUMNS = ("Action", "Owner", "Side", "Due", "Status", "Raised in")
TEXT, OWNER, SIDE, DUE, STATUS, RAISED = range(len(COLUMNS))
FIELDS = {TEXT: "text", OWNER: "owner", SIDE: "side", DUE: "due", STATUS: "status"}

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_EDIT = Qt.ItemDataRole.EditRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_USER = Qt.ItemDataRole.UserRole


def raised_text(action: Action, meeting_id: int | None) -> str:
    """'New' for an action raised in this review, else 'Carried · N reviews'."""
    if action.raised_in in (None, meeting_id):
        return "New"
    return f"Carried · {plural(max(action.carried_reviews, 1), 'review')}"


class ActionsModel(QAbstractTableModel):
    """Rows are the review's actions (carried-over and new) in their stored order."""

    def __init__(self, session: MeetingSession | None = None, parent: Any = None):
        super().__init__(parent)
        self.session = session
        self.writing = False  # True while a write started here is in flight
        self.readonly = False
        self._actions: list[Action] = []
        self._overdue: list[bool] = []  # per row, worked out once (not per cell and role)
        self._meeting_id: int | None = None
        self._on: dt.date | None = None
        self._bold: QFont | None = None

    def set_meeting(self, meeting: Meeting, readonly: bool = False) -> None:
        """Show the meeting's actions (replaces every row)."""
        self.beginResetModel()
        self._actions = list(meeting.actions)
        self._meeting_id = meeting.id
        self._on = meeting.date
        self._overdue = [self._is_overdue(a) for a in self._actions]
        self.readonly = readonly
        self.endResetModel()

    def _is_overdue(self, action: Action) -> bool:
        return bool(self._on and action.is_overdue(self._on))

    def texts(self, col: int) -> set[str]:
        """Every text shown in a column (to size it once from the model's own measure)."""
        return {self._text(a, col, o) for a, o in zip(self._actions, self._overdue, strict=True)}

    def action_at(self, row: int) -> Action | None:
        return self._actions[row] if 0 <= row < len(self._actions) else None

    def row_of(self, action_id: int | None) -> int:
        for row, a in enumerate(self._actions):
            if a.id == action_id:
                return row
        return -1

    def is_overdue(self, row: int) -> bool:
        return 0 <= row < len(self._overdue) and self._overdue[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._actions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in FIELDS and not self.readonly and self.session is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Only the role asked is worked out (a view asks about ten roles per cell it paints)."""
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if row >= len(self._actions):
            return None
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._text(self._actions[row], col, self._overdue[row])
        if role == _FOREGROUND:
            return self._foreground(self._actions[row], col, self._overdue[row])
        if role == _BACKGROUND:
            return QColor(look.GAP_TINT) if self._overdue[row] else None
        if role == _FONT:
            return self._bold_font() if col == DUE and self._overdue[row] else None
        if role == _EDIT:
            return self._edit_value(self._actions[row], col)
        if role == _TOOLTIP:
            action = self._actions[row]
            if col == DUE and self._overdue[row]:
                return f"Overdue: was due {date_short(action.due)}, before this review"
            return action.text if col == TEXT else None
        if role == _USER:
            return self._actions[row].id
        return None

    def _foreground(self, action: Action, col: int, overdue: bool) -> QColor | None:
        if col == DUE and overdue:
            return QColor(look.GAP)
        if col == SIDE and action.side:
            return QColor(look.side_colour(action.side))
        if col == STATUS:
            return QColor(look.action_status_colour(action.status))
        if col == RAISED and action.status != "open":
            return QColor(look.MUTED)
        return None

    def _bold_font(self) -> QFont:
        if self._bold is None:
            self._bold = QFont()
            self._bold.setBold(True)
        return self._bold

    def _text(self, action: Action, col: int, overdue: bool = False) -> str:
        if col == TEXT:
            return action.text
        if col == OWNER:
            return action.owner or NO_VALUE
        if col == SIDE:
            return side_text(action.side)
        if col == DUE:
            text = date_short(action.due)
            return f"{text} · overdue" if overdue else text
        if col == STATUS:
            return status_label(action.status)
        return raised_text(action, self._meeting_id)

    def _edit_value(self, action: Action, col: int) -> Any:
        if col == DUE:
            d = action.due
            return QDate(d.year, d.month, d.day) if d else NO_DATE
        if col in FIELDS:
            return getattr(action, FIELDS[col])
        return self._text(action, col, self._is_overdue(action))

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Save one edited cell through the session; False (and nothing shown) when refused."""
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() not in FIELDS
            or self.session is None
            or self.readonly
        ):
            return False
        action = self._actions[index.row()]
        field = FIELDS[index.column()]
        value = _from_editor(field, value)
        if value == getattr(action, field):
            return True
        fields: dict[str, Any] = {field: value}
        if field == "text" and not value:
            self.session.failed.emit("action text: must not be empty")
            return False
        if field == "owner" and not action.side:
            person = self.session.meeting.participant(value)
            if person and person.side in ("client", "provider"):
                fields["side"] = person.side
        return self._write(index.row(), fields)

    def _write(self, row: int, fields: dict[str, Any]) -> bool:
        assert self.session is not None
        s = self.session
        action_id = self._actions[row].id
        assert action_id is not None
        self.writing = True
        try:
            ok = edits.update_action(s, action_id, **fields)
        finally:
            self.writing = False
        if not ok:
            return False
        fresh = {a.id: a for a in s.meeting.actions}
        if action_id in fresh:
            self._actions[row] = fresh[action_id]
            self._overdue[row] = self._is_overdue(fresh[action_id])
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True


def _from_editor(field: str, value: Any) -> Any:
    """The domain value of what an editor produced (QDate, text, choice key)."""
    if field == "due":
        if isinstance(value, QDate):
            return None if value == NO_DATE or not value.isValid() else value.toPython()
        return value or None
    if field in ("text", "owner"):
        return str(value or "").strip()
    return (value or None) if field == "side" else value
