"""The review's register as a read-only table: title, kind, severity (and likelihood), status,
owner side and age; the page's editor changes an entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reviewdesk import look
from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.scorecard import RegisterEntry
from reviewdesk.record.wording import side_text
from reviewdesk.ui.widgets.list_model import Index, ListTableModel

TITLE, KIND, SEVERITY, STATUS, OWNER, AGE = range(6)
STATUS_COLOURS = {"open": look.GAP, "mitigating": look.AMBER, "closed": look.MUTED}


def severity_cell(entry: RegisterEntry) -> str:
    """'High', or for a risk 'High · Likely'."""
    text = words.severity_text(entry.severity)
    if entry.kind == "risk" and entry.likelihood:
        text += f" · {words.likelihood_text(entry.likelihood)}"
    return text


class RegisterModel(ListTableModel[RegisterEntry]):
    HEADERS = ("Entry", "Kind", "Severity", "Status", "Owner", "Age")

    def __init__(self, parent: Any = None):
        super().__init__(parent=parent)
        self.on: dt.date | None = None

    def set_entries(self, entries: list[RegisterEntry], on: dt.date) -> None:
        self.on = on
        self._reset(entries)

    def entry_at(self, row: int) -> RegisterEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int | None) -> int:
        for row, e in enumerate(self._rows):
            if e.id == entry_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        e = self._row(index)
        if e is None:
            return None
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                e.title,
                words.kind_text(e.kind),
                severity_cell(e),
                words.register_status_text(e.status),
                side_text(e.owner_side),
                words.entry_age_short(e, self.on) if self.on else "",
            )[col]
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == STATUS:
                return QColor(STATUS_COLOURS.get(e.status, look.TEXT))
            if col == OWNER and e.owner_side:
                return QColor(look.side_colour(e.owner_side))
            if col == TITLE and not e.is_open:
                return QColor(look.MUTED)
            if col == SEVERITY and e.severity in ("high", "critical"):
                return QColor(look.GAP)
        if role == Qt.ItemDataRole.ToolTipRole and col == TITLE:
            return e.title
        if role == Qt.ItemDataRole.ToolTipRole and col == AGE and self.on:
            return words.entry_age_text(e, self.on)
        if role == Qt.ItemDataRole.UserRole:
            return e.id
        return None
