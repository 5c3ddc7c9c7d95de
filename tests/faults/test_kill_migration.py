"""A migration killed half-way leaves the file at its old version, whole, with a backup."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faultkit import HERE, child_env

from reviewdesk.record.exchange.meeting_format import meeting_to_doc
from reviewdesk.store import schema
from reviewdesk.store.backups import list_backups
from reviewdesk.store.opening import open_portfolio

V1 = Path(__file__).parent.parent / "data" / "portfolio-v1.sqlite"


def raw(path: Path, sql: str):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def titles(path: Path) -> list[str]:
    return [r[0] for r in raw(path, "SELECT title FROM meeting ORDER BY id")]


@pytest.mark.slow
def test_kill_during_a_slow_migration_keeps_the_old_version(tmp_path):
    db = tmp_path / "old.sqlite"
    shutil.copyfile(V1, db)
    old_titles = titles(db)
    rng = random.Random(42)
    for attempt in range(6):
        child = subprocess.Popen(
            [sys.executable, str(HERE / "migration_child.py"), str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        try:
            if attempt % 3 == 0:  # anywhere: while backing up or running the real migrations
                time.sleep(rng.uniform(0.05, 0.6))
            else:  # certainly inside the slow migration, after some of its writes
                assert child.stdout.readline().strip() == "MIGRATING", child.stderr.read()
                time.sleep(rng.uniform(0, 0.4))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL
        assert raw(db, "PRAGMA integrity_check") == [("ok",)]
        assert raw(db, "PRAGMA user_version") == [(1,)]
        assert raw(db, "SELECT name FROM sqlite_master WHERE name = 'half_done'") == []
        assert titles(db) == old_titles
    backups = list_backups(db)
    assert backups and all("migration" in b.reason for b in backups)
    assert raw(backups[0].path, "PRAGMA user_version") == [(1,)]
    assert titles(backups[0].path) == old_titles
    # This build's own migrations still run on the file afterwards, and nothing was lost.
    with open_portfolio(db) as portfolio:
        assert sorted(m.title for m in portfolio.meetings()) == sorted(old_titles)
        for m in portfolio.meetings():
            meeting_to_doc(portfolio.meeting(m.id))
    assert raw(db, "PRAGMA user_version") == [(schema.current_version(),)]


def test_a_kill_after_the_migration_committed_still_opens(tmp_path):
    """The upgrade is in the WAL and the file's own header still says the old version: the next
    start reads the version through SQLite (which sees the WAL), not from the stale header."""
    db = tmp_path / "old.sqlite"
    shutil.copyfile(V1, db)
    meetings = len(raw(db, "SELECT id FROM meeting"))
    script = (
        "import os, signal, sys\n"
        "from reviewdesk.store.opening import open_portfolio\n"
        "open_portfolio(sys.argv[1], exclusive=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script, str(db)], capture_output=True, text=True, env=child_env()
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert Path(f"{db}-wal").stat().st_size > 0
    assert int.from_bytes(db.read_bytes()[60:64], "big") == 1  # the header in the file is stale
    with open_portfolio(db) as portfolio:
        assert len(portfolio.meetings()) == meetings
    assert raw(db, "PRAGMA user_version") == [(schema.current_version(),)]
