"""Read-only files: opened read-only with a notice (or refused clearly), never modified."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factories import doc, new_meeting, new_portfolio
from faultkit import assert_one_line_error, child_env, on_read_only_mount, sha

from reviewdesk.record.errors import FileRefused, ReadOnlyPortfolio
from reviewdesk.record.exchange.meeting_format import parse_meeting
from reviewdesk.record.model import Action, Goal, Participant, Person, Signature
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.templates import default_agenda

V1 = Path(__file__).parent.parent / "data" / "portfolio-v1.sqlite"
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def db(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    with new_portfolio(folder) as portfolio:
        mid = new_meeting(portfolio)
        portfolio.add_action(mid, Action(text="Existing", owner="Pat"))
        portfolio.add_goal(mid, Goal(title="Existing goal"))
    return folder / "p.sqlite"


def every_edit(portfolio: Portfolio):
    """One call of every method that writes, each as (name, thunk)."""
    mid = portfolio.meetings()[0].id
    meeting = portfolio.meeting(mid)
    aid, gid = meeting.actions[0].id, meeting.goals[0].id
    pid = meeting.partnership.id
    signers = [Signature("Cleo", "client", NOW), Signature("Pat", "provider", NOW)]
    return [
        ("set_notes", lambda: portfolio.set_notes(mid, "trust", "x")),
        ("set_rating", lambda: portfolio.set_rating(mid, "trust", "transparency", "client", 3)),
        ("set_comment", lambda: portfolio.set_comment(mid, "trust", "transparency", "x")),
        ("add_decision", lambda: portfolio.add_decision(mid, "trust", "x")),
        ("add_action", lambda: portfolio.add_action(mid, Action(text="x"))),
        ("update_action", lambda: portfolio.update_action(mid, aid, text="y")),
        ("remove_action", lambda: portfolio.remove_action(mid, aid)),
        ("add_goal", lambda: portfolio.add_goal(mid, Goal(title="New"))),
        ("update_goal", lambda: portfolio.update_goal(mid, gid, title="y")),
        ("set_participants", lambda: portfolio.set_participants(mid, [])),
        ("set_present", lambda: portfolio.set_present(mid, "Cleo", False)),
        ("add_partnership", lambda: portfolio.add_partnership("New", "Pair")),
        ("update_partnership", lambda: portfolio.update_partnership(pid, service="y")),
        ("add_person", lambda: portfolio.add_person(pid, Person("Zed", "client"))),
        (
            "create_meeting",
            lambda: portfolio.create_meeting(
                pid,
                title="Q2",
                date=dt.date(2026, 6, 30),
                agenda=default_agenda(),
                participants=[Participant("Cleo", "client")],
            ),
        ),
        ("import_meeting", lambda: portfolio.import_meeting(parse_meeting(doc()))),
        ("sign_off", lambda: portfolio.sign_off(mid, signers)),
        ("record_export", lambda: portfolio.record_export(mid, "0" * 64, "f" * 64)),
    ]


def test_read_only_mode_refuses_every_edit_and_never_touches_the_file(db):
    before = sha(db)
    with open_portfolio(db, readonly=True) as portfolio:
        assert portfolio.readonly
        listed = portfolio.meetings()
        for name, edit in every_edit(portfolio):
            with pytest.raises(ReadOnlyPortfolio) as info:
                edit()
            assert "read-only" in str(info.value) and "\n" not in str(info.value), name
        assert portfolio.meetings() == listed
        assert portfolio.meeting(listed[0].id).actions[0].text == "Existing"
    assert sha(db) == before
    assert not (db.parent / "backups").exists()  # not even a sign-off backup


def test_a_file_the_system_says_is_not_writable_opens_read_only_with_a_notice(db, monkeypatch):
    # Tests run as root, where permission bits are ignored: ask os.access the way a user would.
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if mode & os.W_OK else real_access(p, mode)
    )
    before = sha(db)
    with open_portfolio(db, exclusive=True) as portfolio:
        assert portfolio.readonly and "read-only" in portfolio.notice
        with pytest.raises(ReadOnlyPortfolio, match="read-only"):
            portfolio.set_notes(portfolio.meetings()[0].id, "trust", "x")
    assert sha(db) == before


def test_an_old_file_that_needs_upgrading_is_refused_when_read_only(tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copyfile(V1, old)
    before = sha(old)
    with pytest.raises(FileRefused, match=r"needs upgrading.*read-only"):
        open_portfolio(old, readonly=True)
    assert sha(old) == before


def test_read_only_mode_does_not_create_a_missing_file(tmp_path):
    with pytest.raises(FileRefused, match="no such portfolio"):
        open_portfolio(tmp_path / "missing.sqlite", readonly=True)
    assert not (tmp_path / "missing.sqlite").exists()


# ---- a real read-only disk: a read-only bind mount in a private mount namespace ------------


def reviewdesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "reviewdesk", *args]


def test_on_a_read_only_disk_reading_works_and_writing_says_read_only(db, tmp_path):
    source = tmp_path / "m.json"
    source.write_text(json.dumps(doc()), encoding="utf-8")
    folder = db.parent
    before = sha(db)
    listed = on_read_only_mount(folder, *reviewdesk("list", "--db", str(db)))
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 1
    checked = on_read_only_mount(folder, *reviewdesk("check", "--db", str(db)))
    assert checked.returncode == 0 and checked.stdout.strip().endswith(": ok"), checked.stderr
    imported = on_read_only_mount(folder, *reviewdesk("import", str(source), "--db", str(db)))
    assert "read-only" in assert_one_line_error(imported, 2)
    exported = on_read_only_mount(
        folder, *reviewdesk("export", "1", "-o", str(folder / "m.pdf"), "--db", str(db))
    )
    assert "read-only" in assert_one_line_error(exported, 2).lower()
    window = on_read_only_mount(
        folder,
        sys.executable,
        "-c",
        "import sys; from reviewdesk.store.opening import open_portfolio\n"
        "p = open_portfolio(sys.argv[1], exclusive=True)\n"
        "print(p.readonly, p.notice)",
        str(db),
    )
    assert window.stdout.strip() == "True the file or its folder is read-only", window.stderr
    assert sha(db) == before
    assert sorted(os.listdir(folder)) == ["p.sqlite"]


def test_creating_a_portfolio_in_a_read_only_folder_is_one_line(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    result = on_read_only_mount(folder, *reviewdesk("demo", "--db", str(folder / "new.sqlite")))
    assert_one_line_error(result, 2)


CRASH_WITH_CHANGES_IN_WAL = """
import os, sys
from reviewdesk.store.opening import open_portfolio
p = open_portfolio(sys.argv[1])
p.conn.execute("PRAGMA wal_autocheckpoint=0")
p.set_notes(p.meetings()[0].id, "trust", "only in the wal")
os._exit(0)
"""


def test_a_read_only_disk_after_a_crash_reads_the_wal_or_says_why_not(db):
    crash = subprocess.run(
        [sys.executable, "-c", CRASH_WITH_CHANGES_IN_WAL, str(db)],
        capture_output=True,
        text=True,
        env=child_env(),
    )
    assert crash.returncode == 0, crash.stderr
    wal = db.with_name(db.name + "-wal")
    assert wal.stat().st_size > 0
    before = sha(db)
    dumped = on_read_only_mount(db.parent, *reviewdesk("dump", "1", "--db", str(db)))
    assert dumped.returncode == 0, dumped.stderr
    assert json.loads(dumped.stdout)["sections"][0]["notes"] == "only in the wal"
    db.with_name(db.name + "-shm").unlink()  # without its index the WAL cannot be read there
    listed = on_read_only_mount(db.parent, *reviewdesk("list", "--db", str(db)))
    line = assert_one_line_error(listed, 2)
    assert "read-only" in line and "-wal" in line
    assert sha(db) == before and wal.stat().st_size > 0
