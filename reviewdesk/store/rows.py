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

# parent table -> the child tables that hang off it, each with the column naming the parent
_CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "decision": (),
    "action": (("action_state", "action_id"),),
    "goal": (("goal_review", "goal_id"),),
    "measure": (("measure_review", "measure_id"),),
    "register_entry": (("register_state", "entry_id"), ("register_action", "entry_id")),
}


@dataclass(frozen=True)
class Rows:
    """Rows of the file, table by table, parents first: ``((table, {column: value}), ...)``."""

    rows: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]


def take(portfolio: Portfolio, table: str, row_id: int) -> Rows:
    """The row ``row_id`` of ``table`` ("decision", "action", "goal", "measure" or
    "register_entry") and its children."""
    if table not in _CHILDREN:
        raise ValueError(f"rows of {table!r} cannot be taken")
    conn = portfolio.conn
    taken: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
    queries = [(table, f"SELECT * FROM {table} WHERE id = ?")]
    queries += [
        (child, f"SELECT * FROM {child} WHERE {column} = ? ORDER BY 1, 2")
        for child, column in _CHILDREN[table]
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
            values = dict(row)
            if "id" not in values:  # a link table: the row is all its columns
                where = " AND ".join(f"{c} = ?" for c in values)
                portfolio.conn.execute(f"DELETE FROM {table} WHERE {where}", tuple(values.values()))
                continue
            portfolio.conn.execute(f"DELETE FROM {table} WHERE id = ?", (values["id"],))


def take_state(portfolio: Portfolio, table: str, row_id: int, meeting_id: int) -> Rows:
    """A measure's row and only this meeting's record of it: what removing a measure from one
    review takes away (earlier reviews keep theirs)."""
    child, column = _CHILDREN[table][0]
    conn = portfolio.conn
    taken: list[tuple[str, tuple[tuple[str, Any], ...]]] = []
    for name, sql, args in (
        (table, f"SELECT * FROM {table} WHERE id = ?", (row_id,)),
        (
            child,
            f"SELECT * FROM {child} WHERE {column} = ? AND meeting_id = ?",
            (row_id, meeting_id),
        ),
    ):
        cursor = conn.execute(sql, args)
        columns = [d[0] for d in cursor.description]
        taken += [(name, tuple(zip(columns, values, strict=True))) for values in cursor]
    if len(taken) < 2 or taken[0][0] != table:
        raise NotFound(f"{table} {row_id}: not on meeting {meeting_id}")
    return Rows(tuple(taken))


def restore(portfolio: Portfolio, meeting_id: int, rows: Rows) -> None:
    """Put back what :func:`take_state` took: the parent row only where it is gone."""
    with portfolio._write(meeting_id):
        for i, (table, row) in enumerate(rows.rows):
            columns = ", ".join(c for c, _ in row)
            marks = ", ".join("?" for _ in row)
            verb = "INSERT OR IGNORE" if i == 0 else "INSERT"
            portfolio.conn.execute(
                f"{verb} INTO {table} ({columns}) VALUES ({marks})", tuple(v for _, v in row)
            )
