"""The frozen migrations: their SQL is what sqlite-utils writes, and it never depends on it."""

import sqlite3
import sys

import sqlite_utils

from reviewdesk.store import schema


def test_frozen_search_index_matches_sqlite_utils_enable_fts():
    ours = sqlite3.connect(":memory:")
    for migration in schema.MIGRATIONS[:2]:  # the table, then the search index
        migration(ours)
    theirs = sqlite3.connect(":memory:")
    schema.MIGRATIONS[0](theirs)
    db = sqlite_utils.Database(theirs)
    for table, columns in schema.SEARCHABLE.items():
        db[table].enable_fts(
            list(columns),
            fts_version="FTS5",
            create_triggers=True,
            tokenize="unicode61 remove_diacritics 2",
        )
    mine, made = schema.schema_objects(ours), schema.schema_objects(theirs)
    assert sorted(mine - made) == sorted(made - mine) == []


def test_expected_schema_needs_no_sqlite_utils(monkeypatch):
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)  # any import of it would fail
    schema._expected_cache.clear()
    found = {(t, n) for t, n, *_ in schema.expected_schema(schema.current_version())}
    assert ("trigger", "question_au") in found and ("table", "question_fts") in found


def test_kept_schema_is_what_running_the_migrations_gives():
    """schema_expected.py is current: regenerate it with `python -m reviewdesk.store.schema`."""
    from reviewdesk.store import schema_expected

    assert schema.current_version() == schema_expected.VERSION
    kept = frozenset(schema_expected.OBJECTS)
    assert len(kept) == len(schema_expected.OBJECTS)
    if sqlite3.sqlite_version != schema_expected.SQLITE_VERSION:
        # another SQLite (a Windows or macOS Python) may spell its own objects differently:
        # there the kept objects are never used, and the migrations run on every open
        assert schema._kept_schema(schema.current_version()) is None
        return
    assert kept == schema.run_migrations(schema.current_version())


def test_expected_schema_uses_the_kept_one_only_for_the_shipped_migrations(monkeypatch):
    from reviewdesk.store import schema_expected

    ran = []
    real = schema.run_migrations
    monkeypatch.setattr(schema, "run_migrations", lambda v: ran.append(v) or real(v))
    monkeypatch.setattr(schema, "_expected_cache", {})
    current = schema.current_version()
    if sqlite3.sqlite_version == schema_expected.SQLITE_VERSION:
        assert schema.expected_schema(current) == frozenset(schema_expected.OBJECTS)
        assert ran == []
    schema.expected_schema(current - 1)  # an older file's: made by running its migrations
    assert ran[-1:] == [current - 1]

    def extra(conn):
        conn.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:-1], extra])
    found = {name for _t, name, *_ in schema.expected_schema(current)}
    assert ran[-1:] == [current] and "extra" in found
    monkeypatch.setattr(schema, "sqlite3", _OtherSqlite(sqlite3))
    monkeypatch.setattr(schema, "MIGRATIONS", list(schema._SHIPPED))
    schema._expected_cache.clear()
    ran.clear()
    schema.expected_schema(current)  # another SQLite may make other shadow tables: run them
    assert ran == [current]


class _OtherSqlite:
    sqlite_version = "0.0.0"

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)
