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


# Private rating rounds and per-person ratings. A rating of a round that is anonymous is stored
# without a name, under a random key (so the order of rows says nothing of who rated); which
# rater answered which question is kept apart, without the value, so a round can resume.
# question_score holds, for the questions people rated, each side's mean over the ratings that
# may be shown (given openly, or in a revealed round); kept by the store on every rating change,
# so a side's score is COALESCE(people's mean, whole-side rating) in one indexed pass.
_ROUNDS = """
CREATE TABLE rating_round (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    scope TEXT NOT NULL DEFAULT '',
    anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),
    started_at TEXT NOT NULL,
    revealed_at TEXT
);
CREATE INDEX rating_round_meeting ON rating_round (meeting_id);
CREATE TABLE round_rater (
    id INTEGER PRIMARY KEY,
    round_id INTEGER NOT NULL REFERENCES rating_round(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    UNIQUE (round_id, name)
);
CREATE TABLE round_answered (
    round_id INTEGER NOT NULL REFERENCES rating_round(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    question_id INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, name, question_id)
) WITHOUT ROWID;
CREATE TABLE person_rating (
    id INTEGER PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
    round_id INTEGER REFERENCES rating_round(id) ON DELETE CASCADE,
    person TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('client', 'provider')),
    value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
    given_at TEXT NOT NULL,
    position INTEGER
);
CREATE UNIQUE INDEX person_rating_once ON person_rating (question_id, IFNULL(round_id, -1), person);
CREATE TABLE anonymous_rating (
    token TEXT PRIMARY KEY,
    question_id INTEGER NOT NULL REFERENCES question(id) ON DELETE CASCADE,
    round_id INTEGER NOT NULL REFERENCES rating_round(id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('client', 'provider')),
    value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
    given_at TEXT NOT NULL,
    position INTEGER
) WITHOUT ROWID;
CREATE INDEX anonymous_rating_question ON anonymous_rating (question_id);
CREATE TABLE question_score (
    question_id INTEGER PRIMARY KEY REFERENCES question(id) ON DELETE CASCADE,
    client REAL,
    provider REAL
);
"""


def _v3_rounds(conn: sqlite3.Connection) -> None:
    """Existing ratings stay what they were: each side's rating as a whole."""
    for statement in _statements(_ROUNDS):
        conn.execute(statement)


# The partnership's scorecard (service levels), its register of risks, issues and escalations,
# and its review cadence. Measures and entries belong to the partnership; each meeting keeps its
# own state of them (as for goals and actions), so a signed-off review never changes.
_SCORECARD = """
ALTER TABLE partnership ADD COLUMN tier TEXT
    CHECK (tier IN ('strategic', 'important', 'routine'));
ALTER TABLE partnership ADD COLUMN review_interval_months INTEGER
    CHECK (review_interval_months BETWEEN 1 AND 60);
CREATE TABLE measure (
    id INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
    created_in INTEGER REFERENCES meeting(id) ON DELETE SET NULL
);
CREATE TABLE measure_review (
    id INTEGER PRIMARY KEY,
    measure_id INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL CHECK (direction IN ('higher', 'lower')),
    target REAL,
    amber REAL,
    side TEXT CHECK (side IN ('client', 'provider', 'joint')),
    description TEXT NOT NULL DEFAULT '',
    section TEXT NOT NULL DEFAULT '',
    value REAL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (measure_id, meeting_id)
);
CREATE INDEX measure_review_meeting ON measure_review (meeting_id);
CREATE TABLE register_entry (
    id INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnership(id) ON DELETE CASCADE,
    raised_in INTEGER REFERENCES meeting(id) ON DELETE SET NULL
);
CREATE TABLE register_state (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES register_entry(id) ON DELETE CASCADE,
    meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('risk', 'issue', 'escalation')),
    title TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    likelihood TEXT
        CHECK (likelihood IN ('rare', 'unlikely', 'possible', 'likely', 'almost_certain')),
    client_view TEXT NOT NULL DEFAULT '',
    provider_view TEXT NOT NULL DEFAULT '',
    cause TEXT NOT NULL DEFAULT '',
    next_step TEXT NOT NULL DEFAULT '',
    owner_side TEXT CHECK (owner_side IN ('client', 'provider', 'joint')),
    status TEXT NOT NULL CHECK (status IN ('open', 'mitigating', 'closed')),
    agreed TEXT NOT NULL DEFAULT '',
    UNIQUE (entry_id, meeting_id)
);
CREATE INDEX register_state_meeting ON register_state (meeting_id);
CREATE TABLE register_action (
    entry_id INTEGER NOT NULL REFERENCES register_entry(id) ON DELETE CASCADE,
    action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, action_id)
) WITHOUT ROWID
"""
REGISTER_SEARCHABLE = (
    "title",
    "client_view",
    "provider_view",
    "cause",
    "next_step",
    "agreed",
)


def _v4_scorecard(conn: sqlite3.Connection) -> None:
    for statement in _statements(_SCORECARD):
        conn.execute(statement)
    for statement in fts_statements("register_state", REGISTER_SEARCHABLE):
        conn.execute(statement)


# What was signed: one row per signed-off meeting, written in the sign-off's transaction.
_V5 = """
CREATE TABLE signoff (
    meeting_id INTEGER PRIMARY KEY REFERENCES meeting(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL
        CHECK (length(fingerprint) = 64 AND fingerprint NOT GLOB '*[^0-9a-f]*'),
    imported_at TEXT
);
CREATE INDEX export_log_fingerprint ON export_log (fingerprint)
"""


def _v5_signed_records(conn: sqlite3.Connection) -> None:
    """The record's fingerprint as signed, kept with each sign-off; ``imported_at`` is set when
    the sign-off came in an imported record (made elsewhere). Files signed off before this
    version get the fingerprint of their records as they stand at the upgrade (see
    SIGNED_RECORDS and store.signing.keep_signed_records)."""
    for statement in _statements(_V5):
        conn.execute(statement)


def _v6_scores_once_per_person(conn: sqlite3.Connection) -> None:
    """No change of schema. Up to format 5, question_score counted every visible rating, so a
    person who rated a question twice counted twice; from format 6 each person counts once
    (record/counting.py). The scores are recomputed by this build's code after the upgrade
    (SCORES_ONCE_PER_PERSON in store.opening.migrate)."""


def _v7_time_spent(conn: sqlite3.Connection) -> None:
    """The seconds the meeting spent on each section (its timer), kept so a restart does not
    lose them and the minutes can print them; 0 for every section of an older file."""
    conn.execute(
        "ALTER TABLE section ADD COLUMN seconds_spent INTEGER NOT NULL DEFAULT 0"
        " CHECK (seconds_spent >= 0)"
    )


# Actions found by their owner's name through a full-text index of the owners (search read every
# action's owner with a LIKE before: 0.3 s at 40,000 meetings). Its own index, beside the one of
# the text, so the text's index and its snippets stay as they were; the update trigger fires only
# when the owner (or the row id) is written, so editing an action's other fields costs what it did.
# A meeting's actions in list order straight from an index (a meeting's load, the CSV of every
# action) replaces the index on meeting_id alone, of which it is a prefix.
OWNER_INDEX = "action_state_owner_fts"
_V8 = (
    f"CREATE VIRTUAL TABLE {OWNER_INDEX} USING FTS5 (\n    owner,\n"
    "    tokenize='unicode61 remove_diacritics 2',\n"
    "    content='action_state'\n)",
    f"INSERT INTO {OWNER_INDEX} (rowid, owner) SELECT id, owner FROM action_state",
    "CREATE TRIGGER action_state_owner_ai AFTER INSERT ON action_state BEGIN\n"
    f"  INSERT INTO {OWNER_INDEX} (rowid, owner) VALUES (new.id, new.owner);\nEND",
    "CREATE TRIGGER action_state_owner_ad AFTER DELETE ON action_state BEGIN\n"
    f"  INSERT INTO {OWNER_INDEX} ({OWNER_INDEX}, rowid, owner) "
    "VALUES ('delete', old.id, old.owner);\nEND",
    "CREATE TRIGGER action_state_owner_au AFTER UPDATE OF id, owner ON action_state BEGIN\n"
    f"  INSERT INTO {OWNER_INDEX} ({OWNER_INDEX}, rowid, owner) "
    "VALUES ('delete', old.id, old.owner);\n"
    f"  INSERT INTO {OWNER_INDEX} (rowid, owner) VALUES (new.id, new.owner);\nEND",
    "CREATE INDEX action_state_meeting_position ON action_state (meeting_id, position)",
    "DROP INDEX action_state_meeting",
)


def _v8_owners_indexed(conn: sqlite3.Connection) -> None:
    """The owners' full-text index (filled from every action state) and its triggers; the
    index of a meeting's actions in list order."""
    for statement in _V8:
        conn.execute(statement)


Migration = Callable[[sqlite3.Connection], None]

# MIGRATIONS[n] takes a file from user_version n to n + 1. Append only; never edit a shipped one.
MIGRATIONS: list[Migration] = [
    _v1,
    _v2_search,
    _v3_rounds,
    _v4_scorecard,
    _v5_signed_records,
    _v6_scores_once_per_person,
    _v7_time_spent,
    _v8_owners_indexed,
]
# The file format from which people's ratings (and question_score) are kept.
ROUNDS = 3
# The file format from which every sign-off has its signed fingerprint kept.
SIGNED_RECORDS = 5
# The file format from which question_score counts each person once (their latest rating).
SCORES_ONCE_PER_PERSON = 6
# The file format from which each section keeps its time spent.
TIME_SPENT = 7
# The file format from which action owners have their own full-text index.
OWNERS_INDEXED = 8
SCHEMA_VERSION = len(MIGRATIONS)
_SHIPPED = tuple(MIGRATIONS)  # what schema_expected.py was made from (tests may change MIGRATIONS)


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
    FTS5 shadow tables, by name and SQL. For the shipped migrations at the current version,
    on the SQLite it was made with, that result is kept in schema_expected.py (running them
    costs ~15 ms on every open); a test checks it equals what running them gives.
    """
    key = tuple(id(m) for m in MIGRATIONS[:version])
    if key not in _expected_cache:
        _expected_cache[key] = _kept_schema(version) or run_migrations(version)
    return _expected_cache[key]


def run_migrations(version: int) -> frozenset[SchemaObject]:
    """The schema objects of an empty in-memory database taken to ``version``."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA trusted_schema=ON")
        for migration in MIGRATIONS[:version]:
            migration(conn)
        conn.commit()
        return frozenset(schema_objects(conn))
    finally:
        conn.close()


def _kept_schema(version: int) -> frozenset[SchemaObject] | None:
    """schema_expected.py's objects, when they are what running MIGRATIONS[:version] gives:
    the shipped migrations, all of them, and the SQLite that made the kept objects."""
    migrations = MIGRATIONS[:version]
    if len(migrations) != len(_SHIPPED):
        return None
    if any(a is not b for a, b in zip(migrations, _SHIPPED, strict=True)):
        return None
    from reviewdesk.store import schema_expected as kept

    if version != kept.VERSION or sqlite3.sqlite_version != kept.SQLITE_VERSION:
        return None
    return frozenset(kept.OBJECTS)


def expected_module_text() -> str:
    """The text of schema_expected.py: the shipped migrations' objects on this SQLite."""
    version = len(_SHIPPED)
    assert len(MIGRATIONS) == version
    assert all(a is b for a, b in zip(MIGRATIONS, _SHIPPED, strict=True))
    rows = "".join(f"    {row!r},\n" for row in sorted(run_migrations(version)))
    return (
        '"""Generated by ``python -m reviewdesk.store.schema``; do not edit.\n\n'
        "What running every migration of schema.py gives on an empty database, row by row as\n"
        "in sqlite_master (type, name, table, SQL), kept so opening a file need not run them;\n"
        "used only with this SQLite version (tests/store/test_schema.py checks it is current).\n"
        '"""\n\n'
        "# ruff: noqa: E501\n"
        "# fmt: off\n"
        f"VERSION = {version}\n"
        f"SQLITE_VERSION = {sqlite3.sqlite_version!r}\n"
        f"OBJECTS = (\n{rows})\n"
    )


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


if __name__ == "__main__":  # regenerate schema_expected.py after appending a migration
    from pathlib import Path

    Path(__file__).with_name("schema_expected.py").write_text(expected_module_text())
