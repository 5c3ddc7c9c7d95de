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
