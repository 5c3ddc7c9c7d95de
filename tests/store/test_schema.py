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
