"""The backups folder: only reviewdesk's own copies count; anything else there is ignored."""

from __future__ import annotations

import os
import shutil

import pytest
from factories import new_meeting
from faultkit import assert_one_line_error, cli, sha

from reviewdesk.store.backups import KEEP, list_backups, prune
from reviewdesk.store.opening import open_portfolio

GOOD_STAMP = "20260101T101010000000Z"


@pytest.fixture
def portfolio_with_oddities(tmp_path):
    """A portfolio with one real backup, and a backups folder full of things that are not."""
    db = tmp_path / "p.sqlite"
    with open_portfolio(db) as portfolio:
        new_meeting(portfolio)
        real = portfolio.take_backup("before-signoff-m1")
    folder = real.parent
    elsewhere = tmp_path / "elsewhere.sqlite"
    shutil.copyfile(real, elsewhere)
    odd = {
        "impossible time": folder / "p-20261399T996099000000Z-before-signoff-m1.sqlite",
        "a folder": folder / f"p-{GOOD_STAMP}-before-restore.sqlite",
        "a link to a copy": folder / "p-20260102T101010000000Z-before-signoff-m2.sqlite",
        "a link to a device": folder / "p-20260103T101010000000Z-before-signoff-m3.sqlite",
        "a dangling link": folder / "p-20260104T101010000000Z-before-signoff-m4.sqlite",
        "a pipe": folder / "p-20260105T101010000000Z-before-signoff-m5.sqlite",
        "a linked partial": folder / "p-20200101T101010000000Z-x.partial",
        "a partial folder": folder / "p-20200101T101011000000Z-x.partial",
        "another file": folder / "notes.txt",
    }
    odd["impossible time"].write_bytes(real.read_bytes())
    odd["a folder"].mkdir()
    (odd["a folder"] / "inside").write_bytes(b"keep")
    odd["a link to a copy"].symlink_to(elsewhere)
    odd["a link to a device"].symlink_to("/dev/zero")
    odd["a dangling link"].symlink_to(tmp_path / "nowhere.sqlite")
    os.mkfifo(odd["a pipe"])
    odd["a linked partial"].symlink_to(elsewhere)
    odd["a partial folder"].mkdir()
    odd["another file"].write_text("mine")
    old = 1_000_000_000
    for path in (odd["a linked partial"], odd["a partial folder"]):
        os.utime(path, (old, old), follow_symlinks=False)
    return db, real, elsewhere, odd


def state(odd, elsewhere):
    return (
        {k: (p.is_symlink(), os.path.lexists(p)) for k, p in odd.items()},
        sha(elsewhere),
        (odd["a folder"] / "inside").read_bytes(),
    )


def test_only_real_copies_are_listed_and_nothing_else_is_touched(portfolio_with_oddities):
    db, real, elsewhere, odd = portfolio_with_oddities
    before = state(odd, elsewhere)
    assert [b.path for b in list_backups(db)] == [real]
    prune(db, keep=0)
    assert not real.exists()  # a real copy beyond the number kept goes
    assert state(odd, elsewhere) == before


def test_backups_signoff_and_restore_never_trace_back(portfolio_with_oddities):
    db, real, elsewhere, odd = portfolio_with_oddities
    before = state(odd, elsewhere)
    listed = cli("backups", "--db", str(db))
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
    assert listed.stdout.splitlines() == [listed.stdout.splitlines()[0]]
    assert listed.stdout.startswith(str(real))
    for _ in range(KEEP + 1):  # sign-offs take copies and prune the oldest
        result = cli("reopen", "1", "--reason", "again", "--db", str(db))
        result = cli("signoff", "1", "--client", "Cleo", "--provider", "Pat", "--db", str(db))
        assert result.returncode == 0, result.stderr
    assert len(list_backups(db)) == KEEP
    restored = cli("restore", str(list_backups(db)[-1].path), "--db", str(db))
    assert restored.returncode == 0, restored.stderr
    assert state(odd, elsewhere) == before


@pytest.mark.parametrize("kind", ["a folder", "a link to a device", "a pipe", "a dangling link"])
def test_restoring_from_something_that_is_not_a_backup_is_one_line(portfolio_with_oddities, kind):
    db, _real, _elsewhere, odd = portfolio_with_oddities
    before = sha(db)
    line = assert_one_line_error(cli("restore", str(odd[kind]), "--db", str(db), timeout=60))
    assert str(odd[kind]) in line
    assert sha(db) == before
