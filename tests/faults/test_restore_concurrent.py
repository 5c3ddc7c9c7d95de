"""Restore while another process imports: every import that was acknowledged is in the restored
file or in the safety copy restore takes first — restore holds the write lock from that copy
until the backup is in place."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time

import pytest
from factories import new_meeting
from faultkit import HERE, child_env

from reviewdesk.app.restore import restore
from reviewdesk.store.opening import open_portfolio

RESTORES = 12


def titles(path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT title FROM meeting")}
    finally:
        conn.close()


def wait_for_acks(child: subprocess.Popen, acks: list[str], count: int) -> None:
    """Read the child's lines until it has acknowledged ``count`` more imports."""
    target = len(acks) + count
    while len(acks) < target:
        line = child.stdout.readline()
        if not line:
            raise AssertionError(f"the import loop died: {child.stderr.read()}")
        if line.startswith("ACK "):
            acks.append(f"loop-{line.split()[1]}")


@pytest.mark.slow
def test_every_acknowledged_import_survives_repeated_restores(tmp_path):
    db = tmp_path / "p.sqlite"
    with open_portfolio(db) as portfolio:
        new_meeting(portfolio, title="before")
        backup = portfolio.take_backup("state-before")
    kept = tmp_path / "safety"
    kept.mkdir()
    child = subprocess.Popen(
        [sys.executable, str(HERE / "import_loop_child.py"), str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    acks: list[str] = []
    try:
        wait_for_acks(child, acks, 3)
        for n in range(RESTORES):
            safety = restore(db, backup)
            shutil.copyfile(safety, kept / f"{n}.sqlite")  # before later restores prune it
            wait_for_acks(child, acks, 2)  # imports go on between restores
        time.sleep(0.2)
    finally:
        child.terminate()
        out, err = child.communicate(timeout=60)
    acks += [f"loop-{line.split()[1]}" for line in out.splitlines() if line.startswith("ACK ")]
    assert "Traceback" not in err, err
    found = titles(db)
    for copy in kept.iterdir():
        found |= titles(copy)
    lost = [title for title in acks if title not in found]
    assert lost == [], f"{len(lost)} of {len(acks)} acknowledged imports are nowhere: {lost}"
    assert len(acks) >= 3 + 2 * RESTORES


def test_when_no_safety_copy_can_be_taken_nothing_is_restored(tmp_path, monkeypatch):
    from reviewdesk.record.errors import StorageError
    from reviewdesk.store import backups

    db = tmp_path / "p.sqlite"
    with open_portfolio(db) as portfolio:
        mid = new_meeting(portfolio, title="before")
        backup = portfolio.take_backup("state-before")
        portfolio.set_notes(mid, "trust", "kept: written after the backup")

    def no_room(*args, **kwargs):
        raise StorageError("could not take a backup (No space left on device)")

    monkeypatch.setattr(backups, "take_backup", no_room)
    with pytest.raises(StorageError, match="could not take a backup"):
        restore(db, backup)
    with open_portfolio(db) as portfolio:
        assert portfolio.meeting(mid).section("trust").notes == "kept: written after the backup"
