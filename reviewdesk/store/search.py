"""Full-text search over what people typed: notes, comments, decisions, actions (and their
owners' names), goals and the register."""

from __future__ import annotations

import datetime as dt
import sqlite3

from reviewdesk.record.model import SearchHit

# kind, indexed table, SQL giving (row id, meeting id, section key) for a list of row ids
_SEARCH_SOURCES = (
    (
        "comment",
        "question",
        "SELECT q.id, s.meeting_id, s.key FROM question q JOIN section s ON s.id = q.section_id "
        "WHERE q.id IN ({ids})",
    ),
    ("notes", "section", "SELECT id, meeting_id, key FROM section WHERE id IN ({ids})"),
    (
        "decision",
        "decision",
        "SELECT d.id, s.meeting_id, s.key FROM decision d JOIN section s ON s.id = d.section_id "
        "WHERE d.id IN ({ids})",
    ),
    (
        "action",
        "action_state",
        "SELECT id, meeting_id, section FROM action_state WHERE id IN ({ids})",
    ),
    ("goal", "goal_review", "SELECT id, meeting_id, '' FROM goal_review WHERE id IN ({ids})"),
    (
        "register",
        "register_state",
        "SELECT id, meeting_id, '' FROM register_state WHERE id IN ({ids})",
    ),
)


SNIPPET_WORDS = 16  # as many words as FTS5's snippet() gives


def _words(text: str) -> list[str]:
    # control characters (NUL included) are not words and would end the FTS5 string early
    text = "".join(" " if ch < " " or ch == "\x7f" else ch for ch in text)
    return [w for w in text.split() if w.strip('"')]


def fts_query(text: str) -> str | None:
    """Each word as a quoted prefix term, all required: safe for any user text."""
    words = _words(text)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _owner_matches(conn: sqlite3.Connection, text: str, taken: set[int]) -> list[tuple]:
    """Actions whose owner's name has every word as the start of one of its words (any case),
    as candidates; ``taken`` are actions already found by their text."""
    wanted = [w.strip('"').casefold() for w in _words(text)]
    found = []
    rows = conn.execute(
        "SELECT id, meeting_id, section, text, owner FROM action_state WHERE owner != '' "
        "ORDER BY id DESC"
    )
    for row_id, meeting_id, section, action_text, owner in rows:
        names = owner.casefold().split()
        if row_id in taken or not all(any(n.startswith(w) for n in names) for w in wanted):
            continue
        words = action_text.split()
        shown = " ".join(words[:SNIPPET_WORDS]) + ("…" if len(words) > SNIPPET_WORDS else "")
        found.append(("action", row_id, meeting_id, section or "", f"{shown} · {owner}"))
    return found


def search(conn: sqlite3.Connection, text: str, limit: int | None = 200) -> list:
    """The ``limit`` most recently written matches, ordered by meeting date (newest first).

    Each index is read newest row first and at most ``limit`` rows of each get a snippet, so a
    word that is everywhere costs little more than a rare one. ``limit=None`` returns them all.
    """
    query = fts_query(text)
    if query is None:
        return []
    candidates = []  # (kind, row id, meeting id, section key, snippet)
    for kind, table, locate in _SEARCH_SOURCES:
        found = dict(
            conn.execute(
                f"SELECT rowid, snippet({table}_fts, -1, '', '', '…', 16) FROM {table}_fts "
                f"WHERE {table}_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                (query, -1 if limit is None else limit),
            ).fetchall()
        )
        if found:
            ids = list(found)
            for row_id, meeting_id, section_key in conn.execute(
                locate.format(ids=",".join("?" * len(ids))), ids
            ):
                candidates.append((kind, row_id, meeting_id, section_key or "", found[row_id]))
    taken = {c[1] for c in candidates if c[0] == "action"}
    candidates += _owner_matches(conn, text, taken)
    if not candidates:
        return []
    meeting_ids = sorted({c[2] for c in candidates})
    meetings = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT m.id, m.title, m.date, p.client || ' ↔ ' || p.provider FROM meeting m "
            f"JOIN partnership p ON p.id = m.partnership_id WHERE m.id IN "
            f"({','.join('?' * len(meeting_ids))})",
            meeting_ids,
        )
    }
    candidates.sort(key=lambda c: (meetings[c[2]][1], c[2], c[1]), reverse=True)
    return [
        SearchHit(
            meeting_id=c[2],
            meeting_title=meetings[c[2]][0],
            meeting_date=dt.date.fromisoformat(meetings[c[2]][1]),
            partnership=meetings[c[2]][2],
            kind=c[0],
            section_key=c[3],
            snippet=c[4],
        )
        for c in (candidates if limit is None else candidates[:limit])
    ]
