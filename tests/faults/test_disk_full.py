"""A full disk refuses the edit in one line, keeps what was there, and recovers with room."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from factories import doc, new_meeting, new_portfolio, noisy_png
from faultkit import HERE, child_env

from reviewdesk.record.errors import StorageError
from reviewdesk.record.exchange.meeting_format import meeting_to_doc, parse_meeting
from reviewdesk.record.model import Action, Goal, Signature


def fill_disk(portfolio) -> None:
    """Let the file grow no further than it is now."""
    (pages,) = portfolio.conn.execute("PRAGMA page_count").fetchone()
    portfolio.conn.execute(f"PRAGMA max_page_count = {pages}")


def make_room(portfolio) -> None:
    portfolio.conn.execute("PRAGMA max_page_count = 1073741823")


BIG = "a long note that will not fit " * 6_000  # 180,000 characters: within a meeting's limit


def test_full_disk_refuses_each_edit_and_keeps_earlier_data(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    portfolio.set_notes(mid, "trust", "saved before the disk filled")
    before = meeting_to_doc(portfolio.meeting(mid))
    listed = portfolio.meetings()
    fill_disk(portfolio)
    edits = [
        lambda: portfolio.set_notes(mid, "trust", BIG),
        lambda: portfolio.add_decision(mid, "trust", BIG),
        lambda: portfolio.add_action(mid, Action(text=BIG, owner="Pat")),
        lambda: portfolio.add_goal(mid, Goal(title="Big goal", specific=BIG)),
        lambda: portfolio.set_comment(mid, "trust", "transparency", BIG),
        lambda: portfolio.import_meeting(
            parse_meeting(doc(meeting={**doc()["meeting"], "title": BIG}))
        ),
    ]
    for edit in edits:
        with pytest.raises(StorageError, match="disk is full") as info:
            edit()
        assert "\n" not in str(info.value)
        assert meeting_to_doc(portfolio.meeting(mid)) == before
        assert portfolio.meetings() == listed
    assert portfolio.integrity_check() == "ok"
    make_room(portfolio)
    portfolio.set_notes(mid, "trust", BIG)
    portfolio.add_action(mid, Action(text="after the disk had room", owner="Pat"))
    assert portfolio.meeting(mid).section("trust").notes == BIG
    assert [a.text for a in portfolio.meeting(mid).actions][-1] == "after the disk had room"
    portfolio.close()


def test_full_disk_during_sign_off_leaves_the_meeting_open(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    portfolio.set_notes(mid, "trust", "x" * 5000)
    now = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
    signers = [
        Signature("Cleo", "client", now, role="COO", signature_png=noisy_png(260, 260)),
        Signature("Pat", "provider", now, role="Lead"),
    ]
    fill_disk(portfolio)
    with pytest.raises(StorageError, match="disk is full"):
        portfolio.sign_off(mid, signers)
    assert portfolio.meeting_status(mid) != "signed_off"
    assert portfolio.meeting(mid).signoff == []
    make_room(portfolio)
    portfolio.sign_off(mid, signers)
    assert portfolio.meeting_status(mid) == "signed_off"
    portfolio.close()


def test_the_file_reopens_whole_after_a_full_disk(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    portfolio.set_notes(mid, "trust", "kept")
    fill_disk(portfolio)
    with pytest.raises(StorageError):
        portfolio.set_notes(mid, "trust", BIG)
    portfolio.close()
    reopened = new_portfolio(tmp_path)
    assert reopened.integrity_check() == "ok"
    assert reopened.meeting(mid).section("trust").notes == "kept"
    reopened.set_notes(mid, "trust", BIG)  # a fresh connection has no page limit
    reopened.close()


def test_a_really_full_disk_refuses_in_one_line_and_recovers(tmp_path):
    """On a 2 MB tmpfs filled to the last byte: edits, sign-off and import all say so clearly."""
    source = tmp_path / "m.json"
    source.write_text(json.dumps(doc()), encoding="utf-8")
    disk = tmp_path / "disk"
    disk.mkdir()
    script = 'mount -t tmpfs -o size=2m,mode=0700 tmpfs "$1" && shift && exec "$@"'
    result = subprocess.run(
        [
            "unshare",
            "--mount",
            "sh",
            "-c",
            script,
            "sh",
            str(disk),
            sys.executable,
            str(HERE / "full_disk_child.py"),
            str(disk),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_env(),
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    steps = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert steps["EDIT"].startswith("refused StorageError") and "disk is full" in steps["EDIT"]
    assert "disk is full" in steps["NOTES"]
    assert steps["SIGNOFF"].startswith("refused StorageError") and "backup" in steps["SIGNOFF"]
    code, line = steps["CLI"].split(" ", 1)
    assert code == "2" and "full" in line and "\\n" not in line
    assert steps["KEPT"] == "saved before the disk filled | ok"
    assert steps["STATUS"] != "signed_off"
    assert steps["ROOM"] == "ok" and steps["SIGNED"] == "ok"
    assert steps["FILES"] == "backups p.sqlite"  # no stray partial copies or temp files
    assert steps["BACKUPS"] == "1"


def test_an_import_into_a_new_portfolio_on_a_full_disk_leaves_nothing(tmp_path):
    """A new --db whose import does not fit: one line, and no empty portfolio, -wal, -shm or
    folder left on the disk."""
    source = tmp_path / "m.json"
    big = doc()
    big["sections"][0]["notes"] = "\U0001d11e" * 150_000  # 600 KB of UTF-8
    source.write_text(json.dumps(big), encoding="utf-8")
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (
        'mount -t tmpfs -o size=512k,mode=0700 tmpfs "$1" && '
        '"$2" -m reviewdesk import "$3" --db "$1/new/p.sqlite"; '
        'echo "CODE $?"; echo "LEFT $(ls -A "$1")"'
    )
    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, "sh", str(disk), sys.executable, str(source)],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_env(),
    )
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-2:] == ["CODE 2", "LEFT "], (result.stdout, result.stderr)
    error = result.stderr.strip().splitlines()
    assert len(error) == 1 and "full" in error[0], result.stderr
