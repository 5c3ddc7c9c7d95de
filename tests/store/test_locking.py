"""The portable locks (reviewdesk.store.locking): the window lock and the writers' temporary files.

Written to pass on Linux, macOS and Windows (the bundle workflow runs them there); the checks of
SQLite's own POSIX locks read /proc/locks and run on Linux only.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reviewdesk.store import locking as locks
from reviewdesk.store.files import write_atomically
from reviewdesk.store.locking import (
    held_temp,
    lock_path,
    remove_stale,
    try_lock,
    try_lock_file,
)
from reviewdesk.store.opening import open_portfolio

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


def test_locks_and_temporary_files_open_nothing_but_their_own_files(tmp_path):
    """SQLite drops its POSIX locks on a file when any descriptor on it closes: taking, refusing
    and releasing locks, and writing through locked temporary files, must open nothing but the
    lock files and the temporary files - no probe file, never the portfolio, its -wal or -shm.
    Every Python-level open is seen (an audit hook in a child: open, os.open, io, pathlib)."""
    db = tmp_path / "p.sqlite"
    out = subprocess.run(
        [sys.executable, "-c", AUDITED_CHILD, str(db)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    # the folder itself is opened too (listing it; syncing a rename): not a file
    opened = [Path(line) for line in out.stdout.splitlines() if Path(line) != tmp_path]
    assert opened, "the child saw no opens: the hook did not run"
    names = {p.name for p in opened}
    assert "p.sqlite.lock" in names
    assert any(n.endswith(".part") for n in names) and any(n.endswith(".new") for n in names)
    for path in opened:
        assert path.parent == tmp_path, path
        name = path.name
        assert name.endswith((".lock", ".part", ".new")), name  # lock files and temporary files
        assert not name.startswith("p.sqlite") or name == "p.sqlite.lock", name


AUDITED_CHILD = """
import sqlite3, sys
from pathlib import Path
db = Path(sys.argv[1])
conn = sqlite3.connect(db, isolation_level=None)  # the portfolio, open in SQLite (WAL)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("CREATE TABLE t(x)")
import filelock  # noqa: F401 - imports open module files: before the hook
from reviewdesk.store import files, locking
opened = []
sys.addaudithook(lambda event, args: event == "open" and isinstance(args[0], (str, bytes))
                 and opened.append(str(args[0])))
held = locking.try_lock(db)
assert held is not None and locking.try_lock(db) is None
held.release()
again = locking.try_lock(db)
files.write_atomically(db.with_name("minutes.pdf"), b"%PDF")
with files.locked_temp(db, ".new", 0o600) as temp:
    temp.close()
locking.remove_stale(db, ".new")
again.release()
conn.close()
folder = str(db.parent)
print("\\n".join(p for p in opened if p.startswith(folder)))
"""


def test_a_temporary_file_is_closed_before_it_is_renamed_or_deleted(tmp_path, monkeypatch):
    """Windows renames or deletes no file a process has open (Python opens files without
    FILE_SHARE_DELETE): here, renaming or deleting a file this process has open fails as there."""
    fd_folder = Path("/proc/self/fd")
    if not fd_folder.is_dir():
        pytest.skip("reads /proc/self/fd (Linux) to see which files are open")

    def open_here(path) -> bool:
        want = os.path.realpath(path)
        for fd in fd_folder.iterdir():
            with contextlib.suppress(OSError):
                if os.readlink(fd) == want:
                    return True
        return False

    def like_windows(real):
        def call(src, *args, **kwargs):
            if open_here(src):
                raise PermissionError(13, "The process cannot access the file", str(src))
            return real(src, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "replace", like_windows(os.replace))
    monkeypatch.setattr(os, "rename", like_windows(os.rename))
    monkeypatch.setattr(os, "unlink", like_windows(os.unlink))
    target = tmp_path / "minutes.pdf"
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    with held_temp(target, ".part") as temp:
        os.write(temp.fd, b"half")
    db = tmp_path / "p.sqlite"
    open_portfolio(db).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf", "p.sqlite"]


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
    with held_temp(target, ".part") as temp:
        os.write(temp.fd, b"data")
        assert temp.path.exists() and Path(f"{temp.path}.lock").exists()
        assert temp.path.name.startswith(".minutes.pdf.") and temp.path.name.endswith(".part")
        temp.close()
        temp.close()  # twice: harmless
        with pytest.raises(ValueError):
            os.write(temp.fd, b"after")
        os.replace(temp.path, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]
    with held_temp(target, ".part") as (fd, _path):  # not renamed away: removed on leaving
        os.write(fd, b"half")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]


def test_a_live_writers_temporary_file_survives_a_cleaner_and_a_dead_ones_does_not(tmp_path):
    target = tmp_path / "p.sqlite"
    writer = _child(
        f"""
        import sys
        from pathlib import Path
        from reviewdesk.store.locking import held_temp
        with held_temp(Path({str(target)!r}), ".new") as temp:
            print(temp.path, flush=True)
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


def test_no_lock_where_no_lock_file_can_be_made(tmp_path, monkeypatch):
    """A read-only folder (refused as the system refuses it: the tests may run as root, whom
    permissions do not stop): no lock, no error - the caller opens the portfolio read-only."""
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(path).parent == tmp_path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert try_lock_file(tmp_path / "p.sqlite.lock") is None
    assert try_lock(tmp_path / "p.sqlite") is None
    with pytest.raises(PermissionError), held_temp(tmp_path / "m.pdf", ".part"):
        pass
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


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
