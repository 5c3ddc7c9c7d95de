"""Restore or creation killed at any moment: the old state or the new one, never half of it."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from factories import new_meeting, new_portfolio
from faultkit import child_env

from reviewdesk.store.opening import open_portfolio


def start_cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "reviewdesk", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=child_env(),
    )


def kill_after(proc: subprocess.Popen, seconds: float) -> bytes:
    time.sleep(seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    err = proc.stderr.read()
    proc.stderr.close()
    return err


def trust_notes(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {r[0][:1] for r in conn.execute("SELECT notes FROM section WHERE key = 'trust'")}
    finally:
        conn.close()


@pytest.mark.slow
def test_restore_killed_at_random_moments_leaves_old_or_restored(tmp_path):
    with new_portfolio(tmp_path) as portfolio:
        ids = [new_meeting(portfolio, title=f"Q{i}") for i in range(12)]
        for mid in ids:
            portfolio.set_notes(mid, "trust", "A" * 190_000)
        backup = portfolio.take_backup("state-a")
        for mid in ids:
            portfolio.set_notes(mid, "trust", "B" * 190_000)
        db = portfolio.path
    rng = random.Random(5)
    seen = set()
    for _ in range(8):
        err = kill_after(start_cli("restore", str(backup), "--db", str(db)), rng.uniform(0.1, 0.9))
        assert b"Traceback" not in err, err
        state = trust_notes(db)
        assert state in ({"A"}, {"B"}), state  # every meeting from the same side of the restore
        seen |= state
        with open_portfolio(db) as reopened:  # and the file still opens as a portfolio
            assert len(reopened.meetings()) == 12
        if state == {"A"}:
            with open_portfolio(db) as p:
                for mid in ids:
                    p.set_notes(mid, "trust", "B" * 190_000)
    print("states seen after kills:", seen)
    assert backup.exists()


@pytest.mark.slow
def test_creating_a_portfolio_killed_at_random_moments_leaves_none_or_a_whole_one(tmp_path):
    rng = random.Random(9)
    for attempt in range(8):
        db = tmp_path / f"new{attempt}.sqlite"
        kill_after(start_cli("list", "--db", str(db)), rng.uniform(0.1, 0.6))
        if db.exists():
            with open_portfolio(db, create=False) as portfolio:
                assert portfolio.integrity_check() == "ok" and portfolio.meetings() == []
        with open_portfolio(db) as portfolio:  # a retry always works
            assert portfolio.meetings() == []


PAUSE_IN_CREATE = """
import sys, time
from reviewdesk.store import opening as module
real = module.migrate
def migrate(conn, version):
    real(conn, version)
    print("PAUSED", flush=True)
    time.sleep(600)
module.migrate = migrate
module.open_portfolio(sys.argv[1])
"""


def test_a_retry_clears_what_a_killed_creation_left(tmp_path):
    db = tmp_path / "fresh.sqlite"
    child = subprocess.Popen(
        [sys.executable, "-c", PAUSE_IN_CREATE, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
    )
    assert child.stdout.readline().strip() == b"PAUSED"
    child.stdout.close()
    kill_after(child, 0)
    assert not db.exists()
    open_portfolio(db).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.sqlite"]
