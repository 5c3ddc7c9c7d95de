"""SIGKILL during sign-off (backup, then lock) and reopen: whole states only, backups sound."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys

import pytest
from factories import new_meeting, new_portfolio
from faultkit import HERE, child_env, kill_after

from reviewdesk.store.backups import KEEP, list_backups
from reviewdesk.store.opening import open_portfolio

KILLS = 30


def run_child(db, mid: int, rng: random.Random) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "signoff_child.py"), str(db), str(mid)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    return kill_after(proc, rng, rng.randint(0, 4), 0.02)


@pytest.mark.slow
def test_sigkill_during_sign_off_and_reopen_leaves_whole_states(tmp_path):
    with new_portfolio(tmp_path) as portfolio:
        mid = new_meeting(portfolio)
        portfolio.set_notes(mid, "trust", "signed content")
    db = tmp_path / "p.sqlite"
    rng = random.Random(3)
    reopens = 0
    for _ in range(KILLS):
        lines = run_child(db, mid, rng)
        reported = [lines[i - 1] for i, line in enumerate(lines) if line == "OK"]
        in_flight = lines[-1] if lines[-1].startswith("B ") else None
        reopens += reported.count("B reopen")
        with open_portfolio(db, create=False) as portfolio:
            assert portfolio.integrity_check() == "ok"
            meeting = portfolio.meeting(mid)
            status = portfolio.meeting_status(mid)
            if status == "signed_off":
                assert len(meeting.signoff) == 2  # locked only with every signature
            else:
                assert meeting.signoff == []
            found = len(meeting.reopenings)
            assert found in (reopens, reopens + (in_flight == "B reopen"))
            reopens = found
            assert meeting.section("trust").notes == "signed content"
    found = list_backups(db)
    assert 0 < len(found) <= KEEP
    for backup in found:  # every backup that is listed is a whole, sound portfolio
        conn = sqlite3.connect(backup.path)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
        with open_portfolio(backup.path, readonly=True) as copy:
            assert copy.meeting(mid).section("trust").notes == "signed content"
    assert reopens > 5
