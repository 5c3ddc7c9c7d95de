"""The portfolio's schema as numbered migrations; ``PRAGMA user_version`` is the count applied."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x52764473  # "RvDs": marks a file as a reviewdesk portfolio

_V1 = """
CREATE TABLE partnership (
    id INTEGER PRIMARY KEY,
    client TEXT NOT NULL,
    provider TEXT NOT NULL,
    service TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    UNIQUE (client, provider)
);
CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('client', 'provider', 'facilitator')),
    role TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    UNIQUE (partnership_id, name)
);
CREATE TABLE meeting (
    id INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    facilitator TEXT NOT NULL DEFAULT '',
    service TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'in_progress', 'signed_off')),
    agenda_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_partnership ON meeting (partnership_id, date);
CREATE TABLE participant (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('client', 'provider', 'facilitator')),
    role TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    present INTEGER NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, name)
);
CREATE TABLE section (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    guidance TEXT NOT NULL DEFAULT '',
    timebox_minutes INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    UNIQUE (meeting_id, key)
);
CREATE TABLE question (
    id INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES section(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    text TEXT NOT NULL,
    client_rating INTEGER CHECK (client_rating BETWEEN 1 AND 5),
    provider_rating INTEGER CHECK (provider_rating BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    UNIQUE (section_id, key)
);
CREATE TABLE decision (
    id INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES section(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX decision_section ON decision (section_id);
CREATE TABLE goal (
    id INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
    created_in INTEGER REFERENCES meeting(id) ON DELETE SET NULL
);
CREATE TABLE goal_review (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    specific TEXT NOT NULL DEFAULT '',
    measure TEXT NOT NULL DEFAULT '',
    baseline TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL DEFAULT '',
    current TEXT NOT NULL DEFAULT '',
    achievable TEXT NOT NULL DEFAULT '',
    relevant TEXT NOT NULL DEFAULT '',
    due TEXT,
    owner_side TEXT CHECK (owner_side IN ('client', 'provider', 'joint')),
    status TEXT NOT NULL
        CHECK (status IN ('on_track', 'at_risk', 'off_track', 'done', 'dropped')),
    UNIQUE (goal_id, meeting_id)
);
CREATE INDEX goal_review_meeting ON goal_review (meeting_id);
CREATE TABLE action (
    id INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
    raised_in INTEGER REFERENCES meeting(id) ON DELETE SET NULL
);
CREATE TABLE action_state (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    side TEXT CHECK (side IN ('client', 'provider', 'joint')),
    due TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
    section TEXT NOT NULL DEFAULT '',
    UNIQUE (action_id, meeting_id)
);
CREATE INDEX action_state_meeting ON action_state (meeting_id);
CREATE TABLE signature (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('client', 'provider', 'facilitator')),
    role TEXT NOT NULL DEFAULT '',
    signed_at TEXT NOT NULL,
    png BLOB
);
CREATE INDEX signature_meeting ON signature (meeting_id);
CREATE TABLE reopening (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    reopened_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    voided TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE export_log (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    pdf_sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    exported_at TEXT NOT NULL
);
CREATE INDEX export_log_sha ON export_log (pdf_sha256);
"""


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _statements(_V1):
        conn.execute(statement)


# Full-text search over what people type, kept in step by sqlite-utils' FTS5 triggers.
SEARCHABLE: dict[str, tuple[str, ...]] = {
    "question": ("comment",),
    "section": ("notes",),
    "decision": ("text",),
    "action_state": ("text",),
    "goal_review": (
        "title",
        "specific",
        "measure",
        "baseline",
        "target",
        "current",
        "achievable",
        "relevant",
    ),
}


def fts_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    """The FTS5 index of ``table`` and the triggers that keep it in step, as frozen SQL.

    The text is what sqlite-utils' ``enable_fts(..., create_triggers=True)`` wrote when this
    migration was made (a test checks they still agree). It is frozen here because a migration
    must never change: files already migrated hold this exact schema, and opening a file compares
    its schema with this one.
    """
    cols = ", ".join(f'"{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    fts = f'"{table}_fts"'
    insert = f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING FTS5 (\n    {cols},\n"
        f"    tokenize='unicode61 remove_diacritics 2',\n"
        f'    content="{table}"\n)',
        f'INSERT INTO {fts} (rowid, {cols}) SELECT rowid, {cols} FROM "{table}"',
        f'CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" BEGIN\n  {insert}\nEND',
        f'CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" BEGIN\n  {delete}\nEND',
        f'CREATE TRIGGER "{table}_au" AFTER UPDATE ON "{table}" BEGIN\n  {delete}\n  {insert}\nEND',
    ]


def _v2_search(conn: sqlite3.Connection) -> None:
    for table, columns in SEARCHABLE.items():
        for statement in fts_statements(table, columns):
            conn.execute(statement)


Migration = Callable[[sqlite3.Connection], None]

# MIGRATIONS[n] takes a file from user_version n to n + 1. Append only; never edit a shipped one.
MIGRATIONS: list[Migration] = [_v1, _v2_search]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version() -> int:
    """The file format this build writes (read at call time so tests can add a migration)."""
    return len(MIGRATIONS)


SchemaObject = tuple[str, str, str, str]  # type, name, table, SQL — as in sqlite_master
_expected_cache: dict[tuple[int, ...], frozenset[SchemaObject]] = {}

# What SQLite itself may add to a genuine file: ANALYZE (by hand, or through PRAGMA optimize)
# keeps its statistics in these tables. They are allowed only with exactly this name and SQL.
SQLITE_STATISTICS: frozenset[SchemaObject] = frozenset(
    {
        ("table", "sqlite_stat1", "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
        (
            "table",
            "sqlite_stat4",
            "sqlite_stat4",
            "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
        ),
    }
)


def expected_schema(version: int) -> frozenset[SchemaObject]:
    """Every object of a genuine file at ``version``, exactly as SQLite lists it.

    Made by running the migrations on an empty in-memory database, so it holds what SQLite
    makes of them too: the automatic indexes of UNIQUE constraints and the search index's
    FTS5 shadow tables, by name and SQL.
    """
    key = tuple(id(m) for m in MIGRATIONS[:version])
    if key not in _expected_cache:
        conn = sqlite3.connect(":memory:")
        try:
            conn.execute("PRAGMA trusted_schema=ON")
            for migration in MIGRATIONS[:version]:
                migration(conn)
            conn.commit()
            _expected_cache[key] = frozenset(schema_objects(conn))
        finally:
            conn.close()
    return _expected_cache[key]


def schema_objects(conn: sqlite3.Connection) -> set[SchemaObject]:
    """Every row of the file's schema — nothing filtered out by name."""
    rows = conn.execute("SELECT type, name, tbl_name, COALESCE(sql, '') FROM sqlite_master")
    return {(t, n, tbl, sql) for t, n, tbl, sql in rows}


def unexpected_objects(
    found: set[SchemaObject], version: int
) -> tuple[list[SchemaObject], list[SchemaObject]]:
    """(objects a genuine file does not hold, objects it holds that are missing), sorted.

    The comparison is exact: a name differing only in case, or the same name with other SQL,
    is a different object.
    """
    expected = expected_schema(version)
    return sorted(found - expected - SQLITE_STATISTICS), sorted(expected - found)
