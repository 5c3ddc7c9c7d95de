"""The portable locks (reviewdesk.store.locking): the window lock and the writers' temporary files.

Written to pass on Linux, macOS and Windows (the bundle workflow runs them there); the checks of
SQLite's own POSIX locks read /proc/locks and run on Linux only.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reviewdesk.store import locking as locks
from reviewdesk.store.locking import held_temp, lock_path, remove_stale, try_lock_file

ROOT = Path(__file__).resolve().parents[2]


def _child(code: str) -> subprocess.Popen:
    """A Python child running ``code``; it prints one line once it holds what it takes."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdout=subprocess.PIPE,
        stdin=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_the_window_lock_is_refused_to_a_second_holder_in_this_process(tmp_path):
    path = lock_path(tmp_path / "p.sqlite")
    first = try_lock_file(path)
    assert first is not None
    assert try_lock_file(path) is None  # another window of this process: read-only
    first.release()
    again = try_lock_file(path)
    assert again is not None
    again.release()


def test_a_symlink_or_another_spelling_names_the_same_lock(tmp_path):
    db = tmp_path / "p.sqlite"
    db.write_bytes(b"")
    spelled = tmp_path / "sub" / ".." / "p.sqlite"
    (tmp_path / "sub").mkdir()
    assert lock_path(spelled) == lock_path(db) == tmp_path / "p.sqlite.lock"


def test_the_window_lock_is_refused_to_another_process_and_freed_when_it_dies(tmp_path):
    path = tmp_path / "p.sqlite.lock"
    holder = _child(
        f"""
        import sys, time
        from reviewdesk.store.locking import try_lock_file
        held = try_lock_file({str(path)!r})
        print("held" if held else "refused", flush=True)
        sys.stdin.readline()
        """
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert try_lock_file(path) is None
    finally:
        holder.kill()  # SIGKILL / TerminateProcess: no clean-up code runs
        holder.wait(timeout=30)
    after = try_lock_file(path)
    assert after is not None
    after.release()


def test_taking_and_releasing_opens_and_closes_only_the_lock_file(tmp_path, monkeypatch):
    """SQLite drops its POSIX locks on a file when any descriptor on it closes: the library must
    open nothing else (no scratch or probe file; certainly not the portfolio)."""
    import filelock  # noqa: F401 - imported before recording

    path = tmp_path / "p.sqlite.lock"
    opened: dict[int, str] = {}
    closed: list[int] = []
    real_open, real_close = os.open, os.close

    def recording_open(file, flags, mode=0o777, *, dir_fd=None):
        fd = real_open(file, flags, mode, dir_fd=dir_fd)
        opened[fd] = os.fspath(file)
        return fd

    def recording_close(fd):
        closed.append(fd)
        return real_close(fd)

    monkeypatch.setattr(os, "open", recording_open)
    monkeypatch.setattr(os, "close", recording_close)
    held = try_lock_file(path)
    held.release()
    refused_by = try_lock_file(path)
    second = try_lock_file(path)
    if refused_by is not None:
        refused_by.release()
    if second is not None:
        second.release()
    monkeypatch.undo()
    assert opened and set(opened.values()) == {str(path)}, opened
    assert set(closed) <= set(opened), (closed, opened)


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="reads /proc/locks (Linux)")
def test_sqlite_keeps_its_locks_while_the_window_lock_comes_and_goes(tmp_path):
    db = tmp_path / "p.sqlite"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t(x)")
    conn.execute("BEGIN")
    conn.execute("SELECT * FROM t").fetchall()  # a read transaction: a lock on -shm

    def sqlite_holds_shm() -> bool:
        ino = os.stat(f"{db}-shm").st_ino
        me = f" {os.getpid()} "
        return any(
            "POSIX" in line and me in line and f":{ino} " in line
            for line in Path("/proc/locks").read_text().splitlines()
        )

    assert sqlite_holds_shm()
    for _ in range(3):
        held = try_lock_file(lock_path(db))
        assert try_lock_file(lock_path(db)) is None
        held.release()
    assert sqlite_holds_shm()
    # The check can see a loss: closing any other descriptor on -shm drops SQLite's lock.
    os.close(os.open(f"{db}-shm", os.O_RDONLY))
    assert not sqlite_holds_shm()
    conn.close()


def test_a_temporary_file_leaves_nothing_behind(tmp_path):
    target = tmp_path / "minutes.pdf"
    with held_temp(target, ".part") as (fd, temp):
        os.write(fd, b"data")
        assert temp.exists() and Path(f"{temp}.lock").exists()
        assert temp.name.startswith(".minutes.pdf.") and temp.name.endswith(".part")
        os.replace(temp, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]
    with held_temp(target, ".part") as (fd, temp):  # not renamed away: removed on leaving
        os.write(fd, b"half")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]


def test_a_live_writers_temporary_file_survives_a_cleaner_and_a_dead_ones_does_not(tmp_path):
    target = tmp_path / "p.sqlite"
    writer = _child(
        f"""
        import sys
        from pathlib import Path
        from reviewdesk.store.locking import held_temp
        with held_temp(Path({str(target)!r}), ".new") as (fd, temp):
            print(temp, flush=True)
            sys.stdin.readline()
        """
    )
    try:
        temp = Path(writer.stdout.readline().strip())
        assert temp.exists()
        remove_stale(target, ".new")  # another process cleaning up: the writer is alive
        assert temp.exists() and Path(f"{temp}.lock").exists()
    finally:
        writer.kill()  # dies holding it: the files stay behind
        writer.wait(timeout=30)
    assert temp.exists()
    remove_stale(target, ".new")
    assert list(tmp_path.iterdir()) == []


def test_a_temporary_file_from_before_lock_files_is_stale(tmp_path):
    target = tmp_path / "p.sqlite"
    old = tmp_path / ".p.sqlite.abc123.new"  # what the fcntl version left after a kill
    old.write_bytes(b"half a database")
    Path(f"{old}-wal").write_bytes(b"")
    unrelated = tmp_path / ".other.sqlite.abc123.new"
    unrelated.write_bytes(b"")
    remove_stale(target, ".new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [unrelated.name]


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permissions")
def test_no_lock_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert try_lock_file(folder / "p.sqlite.lock") is None
    finally:
        folder.chmod(0o755)


def test_importing_the_module_does_not_import_filelock():
    code = (
        "import sys, reviewdesk.store.locking, reviewdesk.store.files, reviewdesk.store.opening; "
        "print('filelock' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr
    assert locks.LOCK_SUFFIX == ".lock"


def test_a_missing_folder_is_an_error_not_created(tmp_path):
    """filelock creates a lock file's missing parent folders; an export to a folder that does not
    exist must fail instead (and the window lock's folder always exists)."""
    missing = tmp_path / "no" / "such"
    with pytest.raises(FileNotFoundError), held_temp(missing / "m.pdf", ".part"):
        pass
    assert try_lock_file(missing / "p.sqlite.lock") is None
    assert not (tmp_path / "no").exists()
