"""Rolling backups, listing, restoring with a safety copy, and the integrity check command."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from factories import new_meeting, new_portfolio
from faultkit import assert_one_line_error, cli, sha

from reviewdesk.cli import main
from reviewdesk.record.errors import FileRefused, StorageError
from reviewdesk.record.model import Signature
from reviewdesk.store.backups import KEEP, list_backups, restore_backup, take_backup
from reviewdesk.store.opening import open_portfolio

V1 = Path(__file__).parent.parent / "data" / "portfolio-v1.sqlite"
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def portfolio(tmp_path):
    p = new_portfolio(tmp_path)
    yield p
    p.close()


def notes(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT notes FROM section WHERE key = 'trust'")]
    finally:
        conn.close()


def test_at_most_ten_are_kept_and_the_newest_survive(portfolio):
    mid = new_meeting(portfolio)
    taken = []
    for i in range(KEEP + 4):
        portfolio.set_notes(mid, "trust", f"state {i}")
        taken.append(portfolio.take_backup(f"manual {i}"))
    kept = list_backups(portfolio.path)
    assert len(kept) == KEEP
    assert [b.path for b in kept] == list(reversed(taken))[:KEEP]  # newest first
    assert all(not p.exists() for p in taken[:4])
    assert notes(kept[0].path) == [f"state {KEEP + 3}"]
    assert kept[0].reason == f"manual-{KEEP + 3}"
    for b in kept:
        assert os.stat(b.path).st_mode & 0o077 == 0  # owner only, like the portfolio


def test_a_kill_at_any_step_of_a_backup_leaves_at_most_ten(portfolio, monkeypatch):
    """Counted at every file operation of a backup, as a SIGKILL there would leave it."""
    from reviewdesk.store import backups

    for i in range(KEEP):
        portfolio.take_backup(f"fill {i}")
    seen = []
    real_replace, real_unlink = os.replace, Path.unlink

    def counted(real):
        def step(*args, **kwargs):
            seen.append(len(list_backups(portfolio.path)))
            result = real(*args, **kwargs)
            seen.append(len(list_backups(portfolio.path)))
            return result

        return step

    monkeypatch.setattr(backups.os, "replace", counted(real_replace))
    monkeypatch.setattr(Path, "unlink", counted(real_unlink))
    portfolio.take_backup("one more")
    assert seen and max(seen) <= KEEP
    assert len(list_backups(portfolio.path)) == KEEP


def test_a_backup_is_taken_before_every_sign_off(portfolio):
    mid = new_meeting(portfolio)
    portfolio.set_notes(mid, "trust", "before signing")
    portfolio.sign_off(mid, [Signature("Cleo", "client", NOW), Signature("Pat", "provider", NOW)])
    (b,) = list_backups(portfolio.path)
    assert "signoff" in b.reason and notes(b.path) == ["before signing"]
    conn = sqlite3.connect(b.path)
    assert conn.execute("SELECT status FROM meeting").fetchone()[0] != "signed_off"
    conn.close()


def test_the_backups_command_lists_them_newest_first(portfolio, capsys):
    new_meeting(portfolio)
    first = portfolio.take_backup("first")
    second = portfolio.take_backup("second")
    assert main(["backups", "--db", str(portfolio.path)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == [str(second), str(first)]
    assert lines[0].split("\t")[2] == "second"
    assert lines[0].endswith(f"{second.stat().st_size} bytes")


def test_the_backups_command_says_when_there_are_none(tmp_path, capsys):
    assert main(["backups", "--db", str(tmp_path / "none.sqlite")]) == 0
    assert "no backups" in capsys.readouterr().out


def test_restore_brings_back_the_backup_and_keeps_a_safety_copy(portfolio, capsys):
    mid = new_meeting(portfolio)
    portfolio.set_notes(mid, "trust", "good state")
    good = portfolio.take_backup("good")
    portfolio.set_notes(mid, "trust", "mistake")
    db = portfolio.path
    portfolio.close()
    assert main(["restore", str(good), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert notes(db) == ["good state"]
    safety = next(b for b in list_backups(db) if b.reason == "before-restore")
    assert str(safety.path) in out
    assert notes(safety.path) == ["mistake"]
    assert good.exists()
    with open_portfolio(db) as reopened:
        assert reopened.integrity_check() == "ok"
        assert reopened.meeting(mid).section("trust").notes == "good state"


def test_restoring_the_oldest_of_ten_keeps_that_backup(portfolio):
    new_meeting(portfolio)
    taken = [portfolio.take_backup(f"b{i}") for i in range(KEEP)]
    portfolio.close()
    restore_backup(taken[0], portfolio.path)
    assert taken[0].exists()  # the safety copy must not prune the very backup restored


def test_restore_refuses_a_hostile_backup_and_leaves_the_portfolio(portfolio, tmp_path):
    mid = new_meeting(portfolio)
    portfolio.set_notes(mid, "trust", "current")
    portfolio.close()
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(os.urandom(5000))
    before = sha(portfolio.path)
    line = assert_one_line_error(cli("restore", str(bad), "--db", str(portfolio.path)))
    assert "not an SQLite file" in line
    assert sha(portfolio.path) == before
    with pytest.raises(FileRefused):
        restore_backup(tmp_path / "missing.sqlite", portfolio.path)
    assert sha(portfolio.path) == before


def test_check_prints_ok(portfolio):
    new_meeting(portfolio)
    portfolio.close()
    result = cli("check", "--db", str(portfolio.path))
    assert result.returncode == 0 and result.stdout.strip() == f"{portfolio.path}: ok"


def _corrupt_an_index(path: Path) -> None:
    """Change a meeting's date inside the index only: quick_check passes, integrity fails."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'meeting_partnership'"
    ).fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    page = bytes(data[start : start + page_size])
    at = page.index(b"2026-03-31")
    data[start + at : start + at + 10] = b"2026-03-30"
    path.write_bytes(bytes(data))


def test_check_exits_1_on_a_file_whose_damage_only_the_full_check_sees(portfolio):
    new_meeting(portfolio)
    portfolio.close()
    _corrupt_an_index(portfolio.path)
    result = cli("check", "--db", str(portfolio.path))
    line = assert_one_line_error(result, 1)
    assert "integrity check failed" in line and str(portfolio.path) in line


def test_check_exits_2_with_the_reason_when_the_file_is_refused(tmp_path):
    path = tmp_path / "cut.sqlite"
    with open_portfolio(path) as p:
        new_meeting(p)
    path.write_bytes(path.read_bytes()[:3000])
    line = assert_one_line_error(cli("check", "--db", str(path)), 2)
    assert "corrupt" in line


def test_a_backup_that_cannot_be_taken_stops_the_sign_off_in_one_line(portfolio):
    mid = new_meeting(portfolio)
    (portfolio.path.parent / "backups").write_text("a file where the folder should be")
    signers = [Signature("Cleo", "client", NOW), Signature("Pat", "provider", NOW)]
    with pytest.raises(StorageError, match="could not take a backup") as info:
        portfolio.sign_off(mid, signers)
    assert "\n" not in str(info.value)
    assert portfolio.meeting_status(mid) != "signed_off"


def test_a_backup_that_cannot_be_taken_stops_a_migration_untouched(tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copyfile(V1, old)
    (tmp_path / "backups").write_text("not a folder")
    before = sha(old)
    line = assert_one_line_error(cli("list", "--db", str(old)), 2)
    assert "could not take a backup" in line
    assert sha(old) == before


def test_a_failed_backup_leaves_no_partial_file(portfolio):
    new_meeting(portfolio)
    with pytest.raises(StorageError, match="disk is full") as info:
        take_backup(_FullDisk(), portfolio.path, "doomed")
    assert "\n" not in str(info.value)
    assert list((portfolio.path.parent / "backups").iterdir()) == []


def test_stale_half_written_copies_are_cleared_and_fresh_ones_left(portfolio):
    new_meeting(portfolio)
    folder = portfolio.path.parent / "backups"
    folder.mkdir()
    stale = folder / "p-20250101T000000000000Z-crashed.partial"
    fresh = folder / "p-20261127T000000000000Z-in-progress.partial"
    other = folder / "q-20250101T000000000000Z-crashed.partial"
    for f in (stale, fresh, other):
        f.write_bytes(b"half")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    portfolio.take_backup("now")
    assert not stale.exists()
    assert fresh.exists() and other.exists()  # maybe still being written; another portfolio's


class _FullDisk:
    """Stands in for the portfolio connection: its backup stops half-way on a full disk."""

    def backup(self, target, **kwargs):
        target.execute("CREATE TABLE half (x)")
        target.commit()
        raise sqlite3.OperationalError("database or disk is full")


def test_restore_refuses_while_a_window_has_the_file_open(portfolio, capsys):
    mid = new_meeting(portfolio)
    portfolio.set_notes(mid, "trust", "old")
    good = portfolio.take_backup("good")
    portfolio.set_notes(mid, "trust", "in the window")
    db = portfolio.path
    portfolio.close()
    window = open_portfolio(db, exclusive=True)
    try:
        before = sha(db)
        assert main(["restore", str(good), "--db", str(db)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "open in a reviewdesk window" in err
        assert sha(db) == before
        assert window.meeting(mid).section("trust").notes == "in the window"
    finally:
        window.close()
    assert main(["restore", str(good), "--db", str(db)]) == 0
    assert notes(db) == ["old"]
