"""Files that are not healthy portfolios are refused in one line and left byte for byte."""

from __future__ import annotations

import os
import random
import signal
import sqlite3

import pytest
from factories import new_meeting
from faultkit import assert_one_line_error, cli, sha

from reviewdesk.cli import main
from reviewdesk.record.errors import FileRefused
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.schema import APPLICATION_ID, SCHEMA_VERSION


def _portfolio(path, meetings: int = 2):
    with open_portfolio(path) as portfolio:
        for i in range(meetings):
            new_meeting(portfolio, title=f"Q{i}")


def _patch_header(path, offset: int, value: bytes) -> None:
    _portfolio(path)
    data = bytearray(path.read_bytes())
    data[offset : offset + len(value)] = value
    path.write_bytes(bytes(data))


def _sql(path, *statements: str, fresh: bool = True) -> None:
    if fresh:
        _portfolio(path)
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()


def _other_app(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not ours')")
    conn.commit()
    conn.close()


def _symlink(target):
    def make(path):
        os.symlink(target, path)

    return make


def _fifo(path):
    os.mkfifo(path)


HOSTILE = {
    "empty": (lambda p: p.write_bytes(b""), "empty"),
    "random bytes": (lambda p: p.write_bytes(random.Random(1).randbytes(20000)), "not an SQLite"),
    "sqlite magic then noise": (
        lambda p: p.write_bytes(b"SQLite format 3\x00" + random.Random(2).randbytes(9000)),
        "corrupt|another application",
    ),
    "another application": (_other_app, "another application's SQLite file"),
    "newer user_version": (
        lambda p: _sql(p, f"PRAGMA user_version = {SCHEMA_VERSION + 7}"),
        "newer reviewdesk",
    ),
    "wrong application_id": (
        lambda p: _sql(p, f"PRAGMA application_id = {APPLICATION_ID + 1}"),
        "another application's SQLite file",
    ),
    "extra trigger": (
        lambda p: _sql(p, "CREATE TRIGGER t AFTER UPDATE ON section BEGIN DELETE FROM action; END"),
        "trigger 't'",
    ),
    "extra view": (lambda p: _sql(p, "CREATE VIEW sneaky AS SELECT 1"), "view 'sneaky'"),
    "trigger before insert": (
        lambda p: _sql(p, "CREATE TRIGGER x BEFORE INSERT ON meeting BEGIN SELECT 1; END"),
        "trigger 'x'",
    ),
    "extra table": (lambda p: _sql(p, "CREATE TABLE stash (x)"), "table 'stash'"),
    "extra index": (lambda p: _sql(p, "CREATE INDEX peek ON meeting (title)"), "index 'peek'"),
    "dropped index": (lambda p: _sql(p, "DROP INDEX meeting_partnership"), "missing"),
    "changed table": (
        lambda p: _sql(
            p,
            "PRAGMA writable_schema = ON",
            "UPDATE sqlite_master SET sql = replace(sql, 'BETWEEN 1 AND 5', 'BETWEEN 0 AND 9') "
            "WHERE name = 'question'",
        ),
        "table 'question'",
    ),
    "huge page count": (
        lambda p: _patch_header(p, 28, (0x7FFFFFFF).to_bytes(4, "big")),
        "corrupt",
    ),
    "page count of one": (lambda p: _patch_header(p, 28, (1).to_bytes(4, "big")), "corrupt"),
    "bad page size": (lambda p: _patch_header(p, 16, (3).to_bytes(2, "big")), "corrupt"),
    "a folder": (lambda p: p.mkdir(), "folder"),
    "symlink to /dev/zero": (_symlink("/dev/zero"), "not a regular file"),
    "symlink to /dev/null": (_symlink("/dev/null"), "not a regular file"),
    "a named pipe": (_fifo, "not a regular file"),
    "dangling symlink": (_symlink("/nonexistent/reviewdesk/nowhere.sqlite"), "missing file"),
}


def fingerprint_of(path):
    """What must not change: the bytes of a file, or that a folder/link/pipe is still one."""
    if path.is_symlink():
        return ("link", os.readlink(path))
    if path.is_dir():
        return ("dir", sorted(os.listdir(path)))
    if path.is_file():
        return ("file", sha(path))
    return ("special", path.stat().st_mode)


def _hung(signum, frame):
    raise TimeoutError("opening the file hung")


@pytest.fixture(params=list(HOSTILE))
def hostile(request, tmp_path):
    """The hostile file, with an alarm so a regression that blocks fails instead of hanging."""
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(60)
    request.addfinalizer(lambda: (signal.alarm(0), signal.signal(signal.SIGALRM, previous)))
    make, message = HOSTILE[request.param]
    path = tmp_path / "hostile.sqlite"
    make(path)
    for extra in ("-wal", "-shm"):
        (tmp_path / f"hostile.sqlite{extra}").unlink(missing_ok=True)
    return path, message


def test_portfolio_open_refuses_in_one_line_and_leaves_the_file(hostile):
    path, message = hostile
    before = fingerprint_of(path)
    listing = sorted(os.listdir(path.parent))
    for kwargs in ({}, {"exclusive": True}, {"readonly": True}, {"create": False}):
        with pytest.raises(FileRefused, match=message) as info:
            open_portfolio(path, **kwargs)
        text = str(info.value)
        assert "\n" not in text and str(path) in text
        assert fingerprint_of(path) == before
    # No lock, backup or temporary file is left; SQLite itself may leave an empty -wal and its
    # -shm index beside a WAL-mode file it read (deleting them could break another reader).
    new = set(os.listdir(path.parent)) - set(listing)
    assert new <= {f"{path.name}-wal", f"{path.name}-shm"}, new
    if new:
        assert (path.parent / f"{path.name}-wal").stat().st_size == 0


@pytest.mark.parametrize("command", [["list"], ["check"], ["dump", "1"], ["demo"], ["backups"]])
def test_cli_refuses_with_exit_2_and_one_line(hostile, command, capsys):
    path, _message = hostile
    before = fingerprint_of(path)
    code = main([*command, "--db", str(path)])
    out, err = capsys.readouterr()
    if command == ["backups"]:  # lists the backups folder; never opens the file
        assert code == 0 and fingerprint_of(path) == before
        return
    assert code == 2, (out, err)
    assert len(err.strip().splitlines()) == 1 and str(path) in err
    assert out == ""
    assert fingerprint_of(path) == before


@pytest.mark.parametrize("kind", ["symlink to /dev/zero", "a named pipe", "huge page count"])
def test_cli_process_does_not_hang_on_special_files(tmp_path, kind):
    make, _ = HOSTILE[kind]
    path = tmp_path / "special.sqlite"
    make(path)
    result = cli("list", "--db", str(path), timeout=60)
    line = assert_one_line_error(result)
    assert str(path) in line


def test_truncated_at_many_offsets_is_refused_untouched(tmp_path):
    good = tmp_path / "good.sqlite"
    _portfolio(good, meetings=3)
    data = good.read_bytes()
    rng = random.Random(7)
    offsets = sorted(
        {*range(0, 120, 3), *(rng.randrange(120, len(data)) for _ in range(60)), len(data) - 1}
    )
    target = tmp_path / "cut.sqlite"
    for offset in offsets:
        target.write_bytes(data[:offset])
        before = sha(target)
        with pytest.raises(FileRefused) as info:
            open_portfolio(target)
        assert "\n" not in str(info.value), offset
        assert sha(target) == before, offset
        for extra in ("-wal", "-shm"):
            (tmp_path / f"cut.sqlite{extra}").unlink(missing_ok=True)
    assert not (tmp_path / "backups").exists()


def test_the_cli_refuses_a_truncated_file(tmp_path):
    good = tmp_path / "t.sqlite"
    _portfolio(good)
    good.write_bytes(good.read_bytes()[:5000])
    before = sha(good)
    line = assert_one_line_error(cli("check", "--db", str(good)))
    assert "corrupt" in line and sha(good) == before


def test_a_healthy_file_beside_them_still_opens(tmp_path):
    path = tmp_path / "fine.sqlite"
    _portfolio(path)
    with open_portfolio(path) as portfolio:
        assert len(portfolio.meetings()) == 2
