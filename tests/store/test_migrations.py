"""Every migration is tested on a version-1 file made by the first build (tests/data)."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from reviewdesk.record.errors import FileRefused
from reviewdesk.record.exchange.meeting_format import meeting_to_doc
from reviewdesk.store import schema
from reviewdesk.store.backups import list_backups
from reviewdesk.store.opening import open_portfolio

V1 = Path(__file__).parent.parent / "data" / "portfolio-v1.sqlite"


@pytest.fixture
def v1_copy(tmp_path):
    target = tmp_path / "old.sqlite"
    shutil.copyfile(V1, target)
    return target


def version(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_the_v1_fixture_opens_with_every_meeting(v1_copy):
    assert version(v1_copy) == 1
    with open_portfolio(v1_copy) as portfolio:
        assert [h.meeting_id for h in portfolio.search("漢字")] == [4]  # v2 indexed old text
        summaries = portfolio.meetings()
        assert [m.status for m in summaries] == ["signed_off"] * 3 + ["in_progress"]
        notes = portfolio.meeting(4).section("teamwork").notes
        assert "漢字" in notes and "<b>markup</b>" in notes
        for m in summaries:
            meeting_to_doc(portfolio.meeting(m.id))  # every meeting still loads and dumps


def test_a_new_migration_runs_on_v1_after_a_backup(v1_copy, monkeypatch):
    def v2(conn):
        conn.execute("ALTER TABLE meeting ADD COLUMN extra TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, v2])
    with open_portfolio(v1_copy) as portfolio:
        assert len(portfolio.meetings()) == 4
        assert portfolio.meeting(1).title.startswith("Q1")
    assert version(v1_copy) == len(schema.MIGRATIONS)
    backups = list_backups(v1_copy)
    assert len(backups) == 1 and "migration" in backups[0].reason
    assert version(backups[0].path) == 1


def test_a_migration_failing_half_way_leaves_the_old_version(v1_copy, monkeypatch):
    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("simulated failure in the middle of a migration")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    target = len(schema.MIGRATIONS)
    with pytest.raises(FileRefused, match=f"upgrading to file format {target} failed.*unchanged"):
        open_portfolio(v1_copy)
    assert version(v1_copy) == 1
    conn = sqlite3.connect(v1_copy)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "half_done" not in tables
    assert len(list_backups(v1_copy)) == 1
    monkeypatch.undo()
    with open_portfolio(v1_copy) as portfolio:
        assert len(portfolio.meetings()) == 4


def test_a_file_newer_than_this_build_is_refused_untouched(v1_copy, monkeypatch):
    monkeypatch.setattr(schema, "MIGRATIONS", [])
    before = hashlib.sha256(v1_copy.read_bytes()).hexdigest()
    with pytest.raises(Exception, match="newer reviewdesk"):
        open_portfolio(v1_copy)
    assert hashlib.sha256(v1_copy.read_bytes()).hexdigest() == before
