import hashlib
import os
import sqlite3
import stat

import pytest
from factories import new_meeting, new_portfolio

from reviewdesk.record.errors import FileRefused
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_a_proper_application_file(tmp_path):
    portfolio = new_portfolio(tmp_path)
    new_meeting(portfolio)
    portfolio.close()
    path = tmp_path / "p.sqlite"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_connection_pragmas(tmp_path):
    portfolio = new_portfolio(tmp_path)
    q = portfolio.conn.execute
    assert q("PRAGMA foreign_keys").fetchone()[0] == 1
    assert q("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert q("PRAGMA busy_timeout").fetchone()[0] >= 1000


def _other_app(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()


def _newer(path):
    open_portfolio(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _truncated(path):
    portfolio = open_portfolio(path)
    new_meeting(portfolio)
    portfolio.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _with_trigger(path):
    open_portfolio(path).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER evil AFTER INSERT ON meeting BEGIN DELETE FROM partnership; END")
    conn.commit()
    conn.close()


def _with_view(path):
    open_portfolio(path).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIEW v AS SELECT * FROM meeting")
    conn.commit()
    conn.close()


def _garbage_pages(path):
    portfolio = open_portfolio(path)
    new_meeting(portfolio)
    portfolio.close()
    data = bytearray(path.read_bytes())
    for i in range(4096 + 100, len(data), 7):
        data[i] = (data[i] * 31 + 7) % 256
    path.write_bytes(bytes(data))


def _extra_table(path):
    open_portfolio(path).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE stash (x)")
    conn.commit()
    conn.close()


def _dropped_index(path):
    open_portfolio(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX meeting_partnership")
    conn.commit()
    conn.close()


HOSTILE = {
    "extra table": (_extra_table, "table 'stash' that reviewdesk does not create"),
    "missing index": (_dropped_index, "damaged"),
    "empty": (lambda p: p.write_bytes(b""), "empty"),
    "random bytes": (lambda p: p.write_bytes(os.urandom(8192)), "not an SQLite file"),
    "text": (lambda p: p.write_text("hello"), "not an SQLite file"),
    "other app": (_other_app, "another application's SQLite file"),
    "newer": (_newer, "made by a newer reviewdesk"),
    "truncated": (_truncated, "corrupt"),
    "trigger": (_with_trigger, "trigger 'evil'"),
    "view": (_with_view, "view 'v'"),
    "garbage pages": (_garbage_pages, "corrupt"),
}


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_refused_files_are_left_byte_for_byte(tmp_path, kind):
    make, message = HOSTILE[kind]
    path = tmp_path / "x.sqlite"
    make(path)
    for extra in ("-wal", "-shm"):
        (tmp_path / f"x.sqlite{extra}").unlink(missing_ok=True)
    before = sha(path)
    with pytest.raises(FileRefused, match=message):
        open_portfolio(path)
    assert sha(path) == before
    assert not (tmp_path / "backups").exists()


def test_refusal_is_one_line_naming_the_file(tmp_path):
    path = tmp_path / "y.sqlite"
    path.write_bytes(b"")
    with pytest.raises(FileRefused) as info:
        open_portfolio(path)
    assert "\n" not in str(info.value)
    assert str(path) in str(info.value)


# ---- the schema is compared exactly ---------------------------------------------------------

_CRAFTED = {
    "trigger sqliteX_evil": (
        "CREATE TRIGGER sqliteX_evil AFTER UPDATE ON meeting BEGIN "
        "UPDATE question SET client_rating = 5; END"
    ),
    "trigger sqlite1evil": "CREATE TRIGGER sqlite1evil AFTER INSERT ON action BEGIN SELECT 1; END",
    "view sqlite1view": "CREATE VIEW sqlite1view AS SELECT 1",
    "index sqlite-like": "CREATE INDEX sqlitex_title ON meeting (title)",
    "table named like a shadow": "CREATE TABLE evil_fts_data (x)",
    "index named like a shadow": "CREATE INDEX question_fts_idx_evil ON question (comment)",
    "trigger named like a shadow": (
        "CREATE TRIGGER question_fts_config AFTER INSERT ON question BEGIN SELECT 1; END"
    ),
}


def _trigger(name: str, table: str, body: str) -> tuple[str, str, str, str]:
    return (
        "trigger",
        name,
        table,
        f"CREATE TRIGGER {name} AFTER UPDATE ON {table} BEGIN {body}; END",
    )


# Names SQLite keeps for itself (sqlite_*, in any case) cannot be made with CREATE: these are
# written straight into the schema table, as an attacker with a hex editor could.
_WRITTEN = {
    "trigger sqlite_evil": _trigger("sqlite_evil", "meeting", "DELETE FROM reopening"),
    "trigger SQLITE_evil": _trigger("SQLITE_evil", "meeting", "DELETE FROM reopening"),
    "trigger Sqlite_Stat1": _trigger("Sqlite_Stat1", "action", "SELECT 1"),
    "trigger sqlite_autoindex_x": _trigger("sqlite_autoindex_x", "decision", "SELECT 1"),
    "trigger sqlite_sequence": _trigger("sqlite_sequence", "question", "SELECT 1"),
    "view sqlite_stat4": (
        "view",
        "sqlite_stat4",
        "sqlite_stat4",
        "CREATE VIEW sqlite_stat4 AS SELECT 1",
    ),
    "statistics table with other SQL": (
        "table",
        "sqlite_stat1",
        "sqlite_stat1",
        "CREATE TABLE sqlite_stat1(tbl,idx,stat,extra)",
    ),
    "statistics table in capitals": (
        "table",
        "SQLITE_STAT1",
        "SQLITE_STAT1",
        "CREATE TABLE sqlite_stat1(tbl,idx,stat)",
    ),
    "sequence table": (
        "table",
        "sqlite_sequence",
        "sqlite_sequence",
        "CREATE TABLE sqlite_sequence(name,seq)",
    ),
    "changed shadow table": (
        "table",
        "question_fts_config",
        "question_fts_config",
        "CREATE TABLE 'question_fts_config'(k PRIMARY KEY, v, w) WITHOUT ROWID",
    ),
}


def _crafted(path, sql=None, row=None):
    with open_portfolio(path) as portfolio:
        new_meeting(portfolio)
    conn = sqlite3.connect(path)
    if sql:
        conn.execute(sql)
    if row:
        conn.execute("PRAGMA writable_schema = ON")
        if row[1] in ("sqlite_stat1", "question_fts_config"):
            conn.execute("DELETE FROM sqlite_master WHERE name = ?", (row[1],))
        conn.execute(
            "INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) "
            "VALUES (?, ?, ?, 0, ?)",
            row,
        )
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


@pytest.mark.parametrize("case", [*_CRAFTED, *_WRITTEN])
def test_any_object_reviewdesk_does_not_create_is_refused_untouched(tmp_path, case):
    path = tmp_path / "crafted.sqlite"
    _crafted(path, sql=_CRAFTED.get(case), row=_WRITTEN.get(case))
    before = sha(path)
    for kwargs in ({}, {"exclusive": True}, {"readonly": True}):
        with pytest.raises(FileRefused, match="does not create|damaged|corrupt") as info:
            open_portfolio(path, **kwargs)
        assert "\n" not in str(info.value)
    assert sha(path) == before


def test_sqlites_own_statistics_are_allowed(tmp_path):
    path = tmp_path / "analysed.sqlite"
    with open_portfolio(path) as portfolio:
        new_meeting(portfolio)
    conn = sqlite3.connect(path)
    conn.execute("ANALYZE")
    conn.commit()
    assert conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
    ).fetchone() == (1,)
    conn.close()
    with open_portfolio(path) as portfolio:
        assert len(portfolio.meetings()) == 1
