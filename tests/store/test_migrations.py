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


# ---- file format 5: what was signed is kept with each sign-off ------------------------------


def _signed(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT meeting_id, fingerprint, imported_at FROM signoff ORDER BY meeting_id"
        ).fetchall()
    finally:
        conn.close()


def _check_upgraded_signoffs(path, tmp_path):
    from reviewdesk.app.export import MinutesRefused, export_minutes
    from reviewdesk.app.verify import NotVerified, verify_pdf
    from reviewdesk.record.fingerprint import fingerprint

    with open_portfolio(path) as portfolio:
        signed = [m.id for m in portfolio.meetings() if m.status == "signed_off"]
        assert signed == [1, 2, 3]
        for meeting_id, kept, imported_at in _signed(path):
            meeting = portfolio.meeting(meeting_id)
            assert kept == meeting.signed_fingerprint == fingerprint(meeting)
            assert imported_at is None  # not known for a sign-off made before format 5
        assert [r[0] for r in _signed(path)] == signed
        pdf = tmp_path / "m2.pdf"
        export_minutes(portfolio, 2, pdf)
        assert verify_pdf(portfolio, pdf).meeting.id == 2
    conn = sqlite3.connect(path)  # a signed record edited around reviewdesk
    conn.execute(
        "UPDATE decision SET text = 'forged' WHERE section_id IN "
        "(SELECT id FROM section WHERE meeting_id = 2)"
    )
    conn.commit()
    conn.close()
    with open_portfolio(path) as portfolio:
        with pytest.raises(NotVerified, match="meeting 2 changed"):
            verify_pdf(portfolio, pdf)
        with pytest.raises(MinutesRefused, match="changed after it was signed off"):
            export_minutes(portfolio, 2, tmp_path / "again.pdf")
    assert not (tmp_path / "again.pdf").exists()


def test_v1_upgrades_keep_what_each_sign_off_signed(v1_copy, tmp_path):
    _check_upgraded_signoffs(v1_copy, tmp_path)
    assert version(v1_copy) == schema.current_version()


@pytest.mark.parametrize("older", [2, 3, 4])
def test_older_formats_upgrade_keeping_what_each_sign_off_signed(
    v1_copy, tmp_path, monkeypatch, older
):
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:older])
    with open_portfolio(v1_copy):  # upgraded to the older format (this build reads only its own)
        pass
    assert version(v1_copy) == older
    monkeypatch.undo()
    _check_upgraded_signoffs(v1_copy, tmp_path)


def test_a_removed_sign_off_record_is_not_made_again_by_a_later_opening(v1_copy, tmp_path):
    from reviewdesk.app.export import MinutesRefused, export_minutes

    with open_portfolio(v1_copy):
        pass
    conn = sqlite3.connect(v1_copy)
    conn.execute("DELETE FROM signoff WHERE meeting_id = 1")
    conn.commit()
    conn.close()
    with open_portfolio(v1_copy) as portfolio:
        assert portfolio.meeting(1).signed_fingerprint is None
        with pytest.raises(MinutesRefused, match="does not record what was signed"):
            export_minutes(portfolio, 1, tmp_path / "m1.pdf")
    assert [r[0] for r in _signed(v1_copy)] == [2, 3]


def test_the_upgraded_schema_is_exactly_the_expected_one(v1_copy):
    with open_portfolio(v1_copy):
        pass
    conn = sqlite3.connect(v1_copy)
    try:
        found = schema.schema_objects(conn)
    finally:
        conn.close()
    assert found == schema.expected_schema(schema.current_version())
    assert ("table", "signoff") in {(t, n) for t, n, _tbl, _sql in found}


def test_v1_ratings_stay_whole_side_ratings_with_the_same_scores(v1_copy):
    """Issue 13: every rating of a version-1 file is its side's rating as a whole after the
    upgrade — no person's rating is made up, and every score, gap and average is unchanged."""
    conn = sqlite3.connect(v1_copy)
    try:
        before = conn.execute(
            "SELECT s.meeting_id, s.key, q.key, q.client_rating, q.provider_rating "
            "FROM question q JOIN section s ON s.id = q.section_id ORDER BY q.id"
        ).fetchall()
    finally:
        conn.close()
    assert sum(row[3] is not None for row in before) > 40  # the fixture is rated
    with open_portfolio(v1_copy) as portfolio:
        after = []
        for meeting_id in sorted({row[0] for row in before}):
            m = portfolio.meeting(meeting_id)
            assert m.rounds == []
            for s in m.sections:
                for q in s.questions:
                    assert q.ratings == []
                    for side in ("client", "provider"):
                        score, whole = q.score(side), q.rating(side)
                        assert (score is None) == (whole is None)
                        assert score is None or (score.mean, score.raters) == (whole, 0)
                    after.append((meeting_id, s.key, q.key, q.client_rating, q.provider_rating))
    assert sorted(after) == sorted(before)
    conn = sqlite3.connect(v1_copy)
    try:
        for table in ("person_rating", "anonymous_rating", "rating_round"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,)
    finally:
        conn.close()


def test_format_7_gives_every_section_of_an_old_file_no_time_spent(v1_copy):
    with open_portfolio(v1_copy) as portfolio:
        assert version(v1_copy) >= schema.TIME_SPENT
        before = [meeting_to_doc(portfolio.meeting(m.id)) for m in portfolio.meetings()]
        meetings = [portfolio.meeting(m.id) for m in portfolio.meetings()]
        assert {s.seconds_spent for m in meetings for s in m.sections} == {0}
        # the signed records keep their fingerprints: no time, nothing new in their form
        for m in meetings:
            if m.signed_fingerprint is not None:
                from reviewdesk.record.fingerprint import fingerprint

                assert fingerprint(m) == m.signed_fingerprint
        portfolio.set_seconds_spent(4, "teamwork", 754)
    with open_portfolio(v1_copy) as portfolio:
        assert portfolio.meeting(4).section("teamwork").seconds_spent == 754
        assert [meeting_to_doc(portfolio.meeting(m.id)) for m in portfolio.meetings()][:3] == (
            before[:3]
        )


def test_format_8_indexes_the_owners_of_an_older_files_actions(v1_copy, monkeypatch):
    from reviewdesk.record.model import Action
    from reviewdesk.store import search

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[: schema.OWNERS_INDEXED - 1])
    with open_portfolio(v1_copy) as portfolio:  # a format-7 file with more actions in it
        portfolio.add_action(4, Action("Check the dock doors", owner="Søren Kierkegård"))
        portfolio.add_action(4, Action("Kierkegård memo", owner="Ana Reyes"))
    assert version(v1_copy) == schema.OWNERS_INDEXED - 1
    monkeypatch.undo()
    with open_portfolio(v1_copy) as portfolio:
        assert version(v1_copy) == schema.OWNERS_INDEXED
        assert "migration" in list_backups(v1_copy)[-1].reason
        conn = portfolio.conn
        conn.execute(
            "INSERT INTO action_state_owner_fts (action_state_owner_fts) VALUES ('integrity-check')"
        )
        indexed = conn.execute(
            "SELECT rowid FROM action_state_owner_fts WHERE action_state_owner_fts MATCH 'holt'"
        ).fetchall()
        assert indexed == [(2,), (5,), (8,)]  # the v1 file's own actions are in the index
        hits = {
            q: [(h.meeting_id, h.snippet) for h in portfolio.search(q)]
            for q in ("maren", "wójcik", "nguyễn văn", "søren", "kierkegård", "dela cruz")
        }
        sla = "Draft an SLA annex with turnaround and accuracy definitions · Maren Holt"
        assert hits["maren"] == [(3, sla), (2, sla), (1, sla)]
        assert len(hits["wójcik"]) == 3 and len(hits["nguyễn văn"]) == 2
        assert hits["søren"] == [(4, "Check the dock doors · Søren Kierkegård")]
        assert len(hits["kierkegård"]) == 2  # one by its owner, one by its text
        assert len(hits["dela cruz"]) == 4
        real = search._owner_sql
        for q in hits:
            found = list(portfolio.search_all(q))
            monkeypatch.setattr(search, "_owner_sql", lambda t: real(t, indexed=False))
            assert list(portfolio.search_all(q)) == found
            monkeypatch.setattr(search, "_owner_sql", real)
