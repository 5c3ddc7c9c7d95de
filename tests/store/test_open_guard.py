"""The open guard: what SQLite holds open is known under any name, and the window's guard refuses
every other open of it from Python, keeping SQLite's locks (Linux shows them in /proc/locks)."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sqlite3
from pathlib import Path

import lockprobe
import pytest
from factories import new_meeting

from reviewdesk.store import open_guard
from reviewdesk.store.open_guard import PortfolioFileOpen
from reviewdesk.store.opening import open_portfolio

needs_proc_locks = pytest.mark.skipif(
    not lockprobe.available(), reason="the locks are read from Linux's /proc/locks"
)


@pytest.fixture
def enforced():
    """The window's guard, on for this test only (the hook stays installed, idle after)."""
    reports: list[str] = []
    open_guard.enforce(reports.append)
    try:
        yield reports
    finally:
        open_guard.stop_enforcing()


@pytest.fixture
def held(tmp_path: Path):
    portfolio = open_portfolio(tmp_path / "held.sqlite")
    new_meeting(portfolio)
    yield portfolio
    portfolio.close()


def test_an_open_portfolio_is_held_under_any_name(held, tmp_path, monkeypatch):
    db = held.path
    assert open_guard.is_held(db)
    for suffix in ("-wal", "-shm", "-journal"):  # -journal does not even exist
        assert open_guard.is_held(f"{db}{suffix}")
    os.symlink(tmp_path, tmp_path / "alias")
    os.link(db, tmp_path / "hard-link.sqlite")
    os.symlink(db, tmp_path / "sym-link.sqlite")
    (tmp_path / "sub").mkdir()
    assert open_guard.is_held(tmp_path / "alias" / db.name)
    assert open_guard.is_held(tmp_path / "hard-link.sqlite")
    assert open_guard.is_held(tmp_path / "sym-link.sqlite")
    assert open_guard.is_held(str(tmp_path / "sub" / ".." / db.name).encode())
    monkeypatch.chdir(tmp_path)
    assert open_guard.is_held(db.name)
    assert not open_guard.is_held(tmp_path / "other.sqlite")
    assert not open_guard.is_held(tmp_path / "sub" / db.name)


def test_closing_releases_and_two_holders_count(tmp_path):
    db = tmp_path / "p.sqlite"
    first = open_portfolio(db)
    second = open_portfolio(db)  # a second connection in the same process
    first.close()
    assert open_guard.is_held(db)
    second.close()
    assert not open_guard.is_held(db)
    second.close()  # closing twice releases once
    assert not open_guard.is_held(db)


def test_released_under_the_name_it_was_held_by_after_a_change_of_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    portfolio = open_portfolio("p.sqlite")  # a relative name, as `reviewdesk --db p.sqlite`
    monkeypatch.chdir(tmp_path.parent)
    portfolio.close()
    assert not open_guard.is_held(tmp_path / "p.sqlite")


def test_an_unclosed_portfolio_is_released_when_collected(tmp_path):
    db = tmp_path / "p.sqlite"
    portfolio = open_portfolio(db)
    assert open_guard.is_held(db)
    del portfolio
    gc.collect()
    assert not open_guard.is_held(db)


def test_without_the_window_guard_the_process_may_read_the_file(held):
    assert not open_guard.enforcing()
    assert held.path.read_bytes().startswith(b"SQLite format 3")


def test_the_guard_refuses_every_python_open_of_the_portfolio(held, enforced, tmp_path, caplog):
    db = held.path
    os.link(db, tmp_path / "hard-link.sqlite")
    attempts = {
        "open": lambda: open(db, "rb"),  # noqa: SIM115 - refused before it opens
        "os.open": lambda: os.open(db, os.O_RDONLY),
        "read_bytes": lambda: Path(f"{db}-shm").read_bytes(),
        "write -journal": lambda: Path(f"{db}-journal").write_bytes(b""),
        "shutil.copy": lambda: shutil.copyfile(db, tmp_path / "copy.sqlite"),
        "hard link": lambda: Path(tmp_path / "hard-link.sqlite").read_bytes(),
    }
    caplog.set_level(logging.ERROR, logger=open_guard.__name__)
    for name, attempt in attempts.items():
        with pytest.raises(PermissionError, match="open portfolio") as info:
            attempt()
        assert isinstance(info.value, PortfolioFileOpen), name
    assert not (tmp_path / "copy.sqlite").exists() and not Path(f"{db}-journal").exists()
    assert len(enforced) == len(attempts) and "drop SQLite's locks" in enforced[0]
    assert len(caplog.records) == len(attempts)
    assert open_guard.refusals()[-1] == str(tmp_path / "hard-link.sqlite")
    # everything else still opens, and so does SQLite itself
    (tmp_path / "notes.txt").write_text("fine")
    assert (tmp_path / "notes.txt").read_text() == "fine"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM meeting").fetchone()[0] == 1
    conn.close()


def test_the_guard_is_idle_once_the_portfolio_is_closed(tmp_path, enforced):
    db = tmp_path / "p.sqlite"
    open_portfolio(db).close()
    assert db.read_bytes().startswith(b"SQLite format 3")
    assert enforced == []


@needs_proc_locks
def test_a_refused_open_leaves_sqlites_locks(held, enforced):
    assert lockprobe.problems(os.getpid(), held.path, "before") == []
    with pytest.raises(PortfolioFileOpen):
        held.path.read_bytes()
    assert lockprobe.problems(os.getpid(), held.path, "after a refused open") == []


@needs_proc_locks
def test_opening_the_open_portfolio_again_reads_it_only_through_sqlite(held, enforced, tmp_path):
    """A second open of the same file (another window, restore's check) inspects the file
    through SQLite, never with a descriptor of its own: no refusal, and the locks stay."""
    os.link(held.path, tmp_path / "hard-link.sqlite")
    for name in (held.path, tmp_path / "hard-link.sqlite"):
        again = open_portfolio(name, create=False)
        assert len(again.meetings()) == 1
        again.close()
    assert enforced == []
    assert lockprobe.problems(os.getpid(), held.path, "after opening it twice more") == []


@needs_proc_locks
def test_proof_that_the_probe_sees_a_lost_lock(held):
    """Without the guard, one open+close of the file drops SQLite's lock (the hazard itself)."""
    os.close(os.open(held.path, os.O_RDONLY))
    assert lockprobe.problems(os.getpid(), held.path, "after an open+close") != []


def test_a_release_the_collector_runs_inside_a_hold_is_applied_not_waited_for(
    tmp_path, monkeypatch
):
    # a Portfolio's finalizer releases its file; a collection set off inside hold() (by the new
    # tables it allocates) ran it there, and it waited for the lock hold() had: the test run hung
    import threading

    first, second = tmp_path / "first.sqlite", tmp_path / "second.sqlite"
    for path in (first, second):
        sqlite3.connect(path).close()
    first_key = open_guard.hold(first)
    rebuild = open_guard._rebuild
    collected = []

    def rebuild_with_a_collection() -> None:
        if not collected:
            collected.append(True)
            open_guard.release(first_key)  # what the finalizer does when collected here
        rebuild()

    monkeypatch.setattr(open_guard, "_rebuild", rebuild_with_a_collection)
    done = threading.Event()
    keys = []
    worker = threading.Thread(
        target=lambda: (keys.append(open_guard.hold(second)), done.set()), daemon=True
    )
    worker.start()
    assert done.wait(10), "hold() waited for its own lock"
    assert collected == [True]
    assert open_guard.is_held(second) and not open_guard.is_held(first)
    open_guard.release(keys[0])
    assert not open_guard.is_held(second)
