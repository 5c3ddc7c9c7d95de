"""Full-text search over what people typed: notes, comments, decisions, actions (and their
owners' names), goals and the register."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

from reviewdesk.record.errors import DamagedRecord
from reviewdesk.record.model import SearchHit
from reviewdesk.store import rowcheck
from reviewdesk.store.rowcheck import reads
from reviewdesk.store.schema import OWNER_INDEX

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


def _snippet(fts: str) -> str:
    return f"snippet({fts}, -1, '', '', '…', 16)"


def _source_sql(
    order: int, kind: str, table: str, join: str, meeting: str, key: str, snippet: bool = True
) -> str:
    """(kind order, kind, row id, meeting id, section key, snippet, title, date, partnership) of
    every match in one index, the index read first (CROSS JOIN keeps it the outer loop);
    without ``snippet``, NULL in its place (:func:`_add_snippets` fills it in)."""
    fts = f"{table}_fts"
    return (
        f"SELECT {order}, '{kind}', {fts}.rowid, {meeting}, COALESCE({key}, ''), "
        f"{_snippet(fts) if snippet else 'NULL'}, m.title, m.date, p.client, p.provider, "
        f"'{table}', m.partnership_id, p.id "
        f"FROM {fts} CROSS {join} LEFT JOIN meeting m ON m.id = {meeting} "
        f"LEFT JOIN partnership p ON p.id = m.partnership_id WHERE {fts} MATCH :query"
    )


def _words(text: str) -> list[str]:
    """The words of a search, as the user typed them."""
    # control characters (NUL included) are not words and would end the FTS5 string early
    text = "".join(" " if ch < " " or ch == "\x7f" else ch for ch in text)
    return [w for w in text.split() if w.strip('"')]


def fts_query(text: str) -> str | None:
    """Each word as a quoted prefix term, all required: safe for any user text."""
    words = _words(text)
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def _plain(word: str) -> bool:
    """A word of ASCII letters and digits: one token of the indexes' tokenizer (unicode61,
    remove_diacritics 2), itself lower-cased, so it can name the term it begins exactly."""
    return word.isascii() and word.isalnum()


def _terms_beginning(conn: sqlite3.Connection, index: str, token: str) -> list[str] | None:
    """The first two terms of the index that begin with ``token`` (an ASCII token), or None
    when the index's term list cannot be read on this connection.

    Each is one seek in the index's term list (``fts5vocab``, made in the connection's
    ``temp`` schema: the file is not touched), never a read of a term's rows."""
    vocabulary = f"{index}_terms"
    try:
        conn.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{vocabulary} "
            f"USING fts5vocab(main, '{index}', 'instance')"
        )
    except sqlite3.OperationalError:
        return None  # a query-only reader: the prefix query finds the same rows
    beyond = token[:-1] + chr(ord(token[-1]) + 1)  # after every term that begins with token
    sql = f"SELECT term FROM temp.{vocabulary} WHERE term >= :start AND term < :beyond LIMIT 1"
    terms: list[str] = []
    start = token
    while len(terms) < 2:
        row = _rows(conn, sql, {"start": start, "beyond": beyond}).fetchone()
        if row is None:
            break
        terms.append(row[0])
        start = row[0] + "\x01"  # the next term: no term holds a control character
    return terms


def index_query(conn: sqlite3.Connection, index: str, text: str) -> str | None:
    """``fts_query(text)`` for one index: a plain word that begins exactly one of the index's
    terms is that term. The same matches and the same snippets (one phrase matching the same
    tokens), but FTS5 reads a named term's rows lazily, newest first, stopping at the limit,
    where a prefix query first merges every matching term's rows in whole (tens of ms on a
    large portfolio). None when a word begins no term of the index: nothing in it matches.
    (Naming several terms with OR would find the same rows but score snippets differently.)"""
    parts = []
    for word in _words(text):
        if _plain(word):
            terms = _terms_beginning(conn, index, word.lower())
            if terms == []:
                return None
            if terms is not None and len(terms) == 1:
                parts.append('"' + terms[0].replace('"', '""') + '"')
                continue
        parts.append('"' + word.replace('"', '""') + '"*')
    return " ".join(parts) or None


SNIPPET_CHARS = 120  # of an action's text, shown with its owner's name
_ACTION_ORDER = [s[0] for s in _SEARCH_SOURCES].index("action")


def _like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _owner_sql(text: str, indexed: bool = True) -> tuple[str, dict[str, str], str]:
    """The same columns as ``_source_sql`` for every action whose owner's name has each word as
    the start of one of its words (any case, for ASCII letters); an action its text already
    finds is left to the text index, so it is listed once. Also the column to order by.

    The owners' full-text index (schema.OWNER_INDEX) finds the candidates, newest first: every
    owner the ``LIKE`` below accepts holds each word's tokens as a phrase (the word's letters
    follow a space in the name, and the index splits both the same way), so the index finds at
    least those; the ``LIKE`` keeps the matches exactly what they were. Only words without a
    letter or digit give the index nothing to look for: then every owner is read, as before
    (``indexed=False`` always reads them all: what the tests compare the index with).
    """
    words = [w.lower() for w in _words(text)]
    params = {f"owner{i}": "% " + _like(w) + "%" for i, w in enumerate(words)}
    matches = " AND ".join(f"(' ' || lower(r.owner)) LIKE :{k} ESCAPE '\\'" for k in params)
    shown = (
        f"CASE WHEN length(r.text) > {SNIPPET_CHARS} THEN substr(r.text, 1, {SNIPPET_CHARS}) "
        "|| '…' ELSE r.text END || ' · ' || r.owner"
    )
    if indexed and any(ch.isalnum() for w in words for ch in w):
        params["owners"] = fts_query(" ".join(words)) or ""
        source = f"{OWNER_INDEX} CROSS JOIN action_state r ON r.id = {OWNER_INDEX}.rowid"
        found, order = f"{OWNER_INDEX} MATCH :owners AND ", f"{OWNER_INDEX}.rowid"
    else:
        source, found, order = "action_state r", "", "r.id"
    sql = (
        f"SELECT {_ACTION_ORDER}, 'action', r.id, r.meeting_id, COALESCE(r.section, ''), "
        f"{shown}, m.title, m.date, p.client, p.provider, 'action_state', m.partnership_id, p.id "
        f"FROM {source} LEFT JOIN meeting m ON m.id = r.meeting_id "
        "LEFT JOIN partnership p ON p.id = m.partnership_id "
        f"WHERE {found}r.owner != '' AND {matches} AND r.id NOT IN "
        "(SELECT rowid FROM action_state_fts WHERE action_state_fts MATCH :query)"
    )
    return sql, params, order


def _hit(row: tuple) -> SearchHit:
    """One match, every value checked (a row whose meeting or partnership is gone is damage)."""
    _order, kind, rowid, mid, key, snippet, title, date, client, provider, table, pid, p = row
    if date is None:
        raise DamagedRecord(f"{table} {rowid}: its meeting {mid} does not exist")
    if p is None:
        raise DamagedRecord(f"meeting {mid}: its partnership {pid} does not exist")
    client = rowcheck.text("partnership", pid, "client", client, nonblank=True)
    provider = rowcheck.text("partnership", pid, "provider", provider, nonblank=True)
    return SearchHit(
        meeting_id=mid,
        meeting_title=rowcheck.text("meeting", mid, "title", title),
        meeting_date=rowcheck.date("meeting", mid, "date", date),
        partnership=f"{client} ↔ {provider}",
        kind=kind,
        section_key=rowcheck.text(table, rowid, "section", key),
        snippet=rowcheck.text(table, rowid, "indexed text", snippet),
    )


def _rows(conn: sqlite3.Connection, sql: str, params: dict) -> sqlite3.Cursor:
    """Run a search query; a damaged index is one line (the meetings still open and export)."""
    try:
        return conn.execute(sql, params)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "decode" in str(exc):
            raise  # text that is not UTF-8: @reads names its row
        raise DamagedRecord(
            f"the search index is damaged ({exc}); the meetings themselves still open and export"
        ) from None


@reads
def search(conn: sqlite3.Connection, text: str, limit: int | None = 200) -> list[SearchHit]:
    """The ``limit`` most recently written matches, ordered by meeting date (newest first).

    Each index is read newest row first, at most ``limit`` rows of each (and where its terms
    are named exactly, only the rows kept get a snippet), so a word that is everywhere costs
    little more than a rare one. ``limit=None`` returns them all (:func:`iter_search` gives
    them one at a time).
    """
    if limit is None:
        return list(iter_search(conn, text))
    query = fts_query(text)
    if query is None:
        return []
    rows: list[tuple[tuple, str | None]] = []  # (row, the index its snippet is still to come from)
    named: dict[str, str | None] = {}  # each index's query (None: nothing in it can match)
    for order, source in enumerate(_SEARCH_SOURCES):
        index = f"{source[1]}_fts"
        named[index] = index_query(conn, index, text)
        if named[index] is None:
            continue
        # terms named exactly are cheap to read again: snippets later, for the rows kept only
        later = "*" not in named[index]
        sql = _source_sql(order, *source, snippet=not later)
        sql += f" ORDER BY {index}.rowid DESC LIMIT :limit"
        found = _rows(conn, sql, {"query": named[index], "limit": limit}).fetchall()
        rows += [(r, index if later else None) for r in found]
    owner_sql, owners, order = _owner_sql(text)
    if "owners" in owners:  # the owners' index finds the candidates (the index folds case)
        owners["owners"] = index_query(conn, OWNER_INDEX, text) or ""
    if owners.get("owners") != "":
        sql = owner_sql + f" ORDER BY {order} DESC LIMIT :limit"
        actions = named["action_state_fts"] or query  # None: the text matches no action anyway
        found = _rows(conn, sql, {"query": actions, "limit": limit, **owners}).fetchall()
        rows += [(r, None) for r in found]
    ordinals: dict[object, int] = {}  # a search's rows share few dates
    for row, _index in rows:
        if row[7] not in ordinals:
            ordinals[row[7]] = _ordinal(row)
    rows.sort(key=lambda f: (-ordinals[f[0][7]], -f[0][3], -f[0][2], f[0][0]))
    return [_hit(r) for r in _add_snippets(conn, rows[:limit], named)]


def _add_snippets(
    conn: sqlite3.Connection, rows: list[tuple[tuple, str | None]], named: dict[str, str | None]
) -> list[tuple]:
    """The rows with the snippets still to come read from their indexes: one pass over each
    index's rows from the newest kept to the oldest (no more than the limit), a snippet made
    for the kept rows only. A row no longer there (another program changed the file in
    between) is left out: it no longer matches."""
    snippets: dict[tuple[str, int], object] = {}
    for index in {i for _row, i in rows if i is not None}:
        ids = sorted(row[2] for row, i in rows if i == index)
        chosen = ", ".join(str(int(rowid)) for rowid in ids)
        sql = (
            f"SELECT rowid, CASE WHEN rowid IN ({chosen}) THEN {_snippet(index)} END "
            f"FROM {index} WHERE {index} MATCH :query AND rowid BETWEEN :low AND :high"
        )
        params = {"query": named[index], "low": ids[0], "high": ids[-1]}
        for rowid, snippet in _rows(conn, sql, params):
            snippets[index, rowid] = snippet
    out = []
    for row, index in rows:
        if index is None:
            out.append(row)
        elif (index, row[2]) in snippets:
            out.append((*row[:5], snippets[index, row[2]], *row[6:]))
    return out


def _ordinal(row: tuple) -> int:
    try:
        return dt.date.fromisoformat(row[7]).toordinal()
    except (TypeError, ValueError):
        return 0  # a missing or broken date: _hit names it


def iter_search(conn: sqlite3.Connection, text: str) -> Iterator[SearchHit]:
    """Every match, newest meeting first, one at a time: SQLite sorts them (spilling to its
    temporary files when there are many), so memory stays bounded however many match."""
    query = fts_query(text)
    if query is None:
        return
    owner_sql, owners, _order = _owner_sql(text)
    union = " UNION ALL ".join(
        [_source_sql(order, *source) for order, source in enumerate(_SEARCH_SOURCES)] + [owner_sql]
    )
    sql = f"SELECT * FROM ({union}) ORDER BY 8 DESC, 4 DESC, 3 DESC, 1"
    for row in _rows(conn, sql, {"query": query, **owners}):
        yield _hit(row)
