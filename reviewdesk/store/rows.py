"""Whole rows of a meeting, taken as they are and put back: what undoing an add or removal needs.

Undoing "remove decision" must bring back the same decision — same id, same place in the list —
and redoing "add action" must bring back the same action, because later edits on the undo stack
name it by its id. So the window takes the rows of what it adds or removes, and puts them back
(or drops them) whole, in one committed transaction like every other edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reviewdesk.record.errors import NotFound

if TYPE_CHECKING:
    from reviewdesk.store.portfolio import Portfolio

# parent table -> the child tables that hang off it by "<parent>_id"
_CHILDREN = {"decision": (), "action": ("action_state",), "goal": ("goal_review",)}


@dataclass(frozen=True)
class Rows:
    """Rows of the file, table by table, parents first: ``((table, {column: value}), ...)``."""

    rows: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]


def take(portfolio: Portfolio, table: str, row_id: int) -> Rows:
    """The row ``row_id`` of ``table`` ("decision", "action" or "goal") and its children."""
    if table not in _CHILDREN:
        raise ValueError(f"rows of {table!r} cannot be taken")
    conn = portfolio.conn
    taken: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
    queries = [(table, f"SELECT * FROM {table} WHERE id = ?")]
    queries += [
        (child, f"SELECT * FROM {child} WHERE {table}_id = ? ORDER BY id")
        for child in _CHILDREN[table]
    ]
    for name, sql in queries:
        cursor = conn.execute(sql, (row_id,))
        columns = [d[0] for d in cursor.description]
        taken += [(name, tuple(zip(columns, values, strict=True))) for values in cursor]
    if not taken or taken[0][0] != table:
        raise NotFound(f"{table} {row_id}: no such {table}")
    return Rows(tuple(taken))


def put(portfolio: Portfolio, meeting_id: int, rows: Rows) -> None:
    """Insert ``rows`` again exactly as they were taken (the meeting must be editable)."""
    with portfolio._write(meeting_id):
        for table, row in rows.rows:
            columns = ", ".join(c for c, _ in row)
            marks = ", ".join("?" for _ in row)
            portfolio.conn.execute(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(v for _, v in row)
            )
        portfolio._check_size(meeting_id)  # putting an item back adds it: record.limits hold


def drop(portfolio: Portfolio, meeting_id: int, rows: Rows) -> None:
    """Delete ``rows`` (children first); what is already gone is not an error."""
    with portfolio._write(meeting_id):
        for table, row in reversed(rows.rows):
            portfolio.conn.execute(f"DELETE FROM {table} WHERE id = ?", (dict(row)["id"],))
