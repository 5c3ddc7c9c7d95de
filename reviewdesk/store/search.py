"""Full-text search over what people typed: notes, comments, decisions, actions, goals and the
register."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

from reviewdesk.record.model import SearchHit

# kind, indexed table, how a row of it finds its meeting and section key. Each index is joined to
# its rows (never a list of ids in an IN (...), which SQLite caps at 250,000 variables).
_SEARCH_SOURCES = (
    (
        "comment",
        "question",
        "JOIN question r ON r.id = question_fts.rowid JOIN section s ON s.id = r.section_id",
        "s.meeting_id",
        "s.key",
    ),
    ("notes", "section", "JOIN section r ON r.id = section_fts.rowid", "r.meeting_id", "r.key"),
    (
        "decision",
        "decision",
        "JOIN decision r ON r.id = decision_fts.rowid JOIN section s ON s.id = r.section_id",
        "s.meeting_id",
        "s.key",
    ),
    (
        "action",
        "action_state",
        "JOIN action_state r ON r.id = action_state_fts.rowid",
        "r.meeting_id",
        "r.section",
    ),
    (
        "goal",
        "goal_review",
        "JOIN goal_review r ON r.id = goal_review_fts.rowid",
        "r.meeting_id",
        "''",
    ),
    (
        "register",
        "register_state",
        "JOIN register_state r ON r.id = register_state_fts.rowid",
        "r.meeting_id",
        "''",
    ),
)


def _source_sql(order: int, kind: str, table: str, join: str, meeting: str, key: str) -> str:
    """(kind order, kind, row id, meeting id, section key, snippet, title, date, partnership) of
    every match in one index, the index read first (CROSS JOIN keeps it the outer loop)."""
    fts = f"{table}_fts"
    return (
        f"SELECT {order}, '{kind}', {fts}.rowid, {meeting}, COALESCE({key}, ''), "
        f"snippet({fts}, -1, '', '', '…', 16), m.title, m.date, "
        f"p.client || ' ↔ ' || p.provider "
        f"FROM {fts} CROSS {join} JOIN meeting m ON m.id = {meeting} "
        f"JOIN partnership p ON p.id = m.partnership_id WHERE {fts} MATCH :query"
    )


def fts_query(text: str) -> str | None:
    """Each word as a quoted prefix term, all required: safe for any user text."""
    # control characters (NUL included) are not words and would end the FTS5 string early
    text = "".join(" " if ch < " " or ch == "\x7f" else ch for ch in text)
    words = [w for w in text.split() if w.strip('"')]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _hit(row: tuple) -> SearchHit:
    _order, kind, _rowid, meeting_id, section_key, snippet, title, date, partnership = row
    return SearchHit(
        meeting_id=meeting_id,
        meeting_title=title,
        meeting_date=dt.date.fromisoformat(date),
        partnership=partnership,
        kind=kind,
        section_key=section_key,
        snippet=snippet,
    )


def search(conn: sqlite3.Connection, text: str, limit: int | None = 200) -> list[SearchHit]:
    """The ``limit`` most recently written matches, ordered by meeting date (newest first).

    Each index is read newest row first and at most ``limit`` rows of each get a snippet, so a
    word that is everywhere costs little more than a rare one. ``limit=None`` returns them all
    (:func:`iter_search` gives them one at a time).
    """
    if limit is None:
        return list(iter_search(conn, text))
    query = fts_query(text)
    if query is None:
        return []
    rows = []
    for order, source in enumerate(_SEARCH_SOURCES):
        table = source[1]
        sql = _source_sql(order, *source) + f" ORDER BY {table}_fts.rowid DESC LIMIT :limit"
        rows += conn.execute(sql, {"query": query, "limit": limit}).fetchall()
    rows.sort(key=lambda r: (-_ordinal(r[7]), -r[3], -r[2], r[0]))
    return [_hit(r) for r in rows[:limit]]


def _ordinal(date: str) -> int:
    return dt.date.fromisoformat(date).toordinal()


def iter_search(conn: sqlite3.Connection, text: str) -> Iterator[SearchHit]:
    """Every match, newest meeting first, one at a time: SQLite sorts them (spilling to its
    temporary files when there are many), so memory stays bounded however many match."""
    query = fts_query(text)
    if query is None:
        return
    union = " UNION ALL ".join(
        _source_sql(order, *source) for order, source in enumerate(_SEARCH_SOURCES)
    )
    sql = f"SELECT * FROM ({union}) ORDER BY 8 DESC, 4 DESC, 3 DESC, 1"
    for row in conn.execute(sql, {"query": query}):
        yield _hit(row)
