"""Two windows on one file, and a command-line write racing another program's transaction."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from factories import doc, new_meeting, new_portfolio
from faultkit import HERE, assert_one_line_error, child_env, cli, sha

from reviewdesk.record.errors import ReadOnlyPortfolio
from reviewdesk.store.opening import open_portfolio

# Long enough that a slow start of the command still meets the lock, well inside the 5 s timeout.
BRIEF = 2.5


@pytest.fixture
def db(tmp_path):
    with new_portfolio(tmp_path, "shared.sqlite") as portfolio:
        new_meeting(portfolio)
    return tmp_path / "shared.sqlite"


def spawn(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(HERE / script), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )


def finish(proc: subprocess.Popen, stdin: str = "") -> tuple[str, str]:
    out, err = proc.communicate(stdin, timeout=60)
    assert "Traceback" not in err, err
    return out, err


def test_second_window_in_the_same_process_is_read_only_with_a_notice(db):
    first = open_portfolio(db, exclusive=True)
    second = open_portfolio(db, exclusive=True)
    try:
        assert not first.readonly and first.notice == ""
        assert second.readonly and "another reviewdesk window" in second.notice
        mid = first.meetings()[0].id
        first.set_notes(mid, "trust", "written by the first window")
        assert second.meeting(mid).section("trust").notes == "written by the first window"
        with pytest.raises(ReadOnlyPortfolio, match="another reviewdesk window"):
            second.set_notes(mid, "trust", "from the second")
    finally:
        second.close()
        first.close()
    with open_portfolio(db, exclusive=True) as again:  # the lock went with the first window
        assert not again.readonly


def test_a_symlink_or_another_spelling_shares_the_lock(db, tmp_path):
    link = tmp_path / "elsewhere" / "link.sqlite"
    link.parent.mkdir()
    link.symlink_to(db)
    spelled = tmp_path / "elsewhere" / ".." / db.name
    with open_portfolio(db, exclusive=True) as first:
        assert not first.readonly
        for other in (link, spelled):
            with open_portfolio(other, exclusive=True) as second:
                assert second.readonly and "another reviewdesk window" in second.notice
    assert not (link.parent / "link.sqlite.lock").exists()


def test_second_window_in_another_process_is_read_only_then_takes_over(db):
    child = spawn("window_child.py", str(db))
    try:
        assert child.stdout.readline().split()[:2] == ["OPEN", "0"]
        with open_portfolio(db, exclusive=True) as second:
            assert second.readonly and "another reviewdesk window" in second.notice
            assert len(second.meetings()) == 1
            with pytest.raises(ReadOnlyPortfolio):
                second.update_partnership(second.partnerships()[0].id, service="x")
            child.stdin.write("edit\n")
            child.stdin.flush()
            assert child.stdout.readline().strip() == "EDIT ok"
            assert second.partnerships()[0].service == "edited by the child"
    finally:
        out, _ = finish(child, "quit\n")
    assert out.strip().endswith("CLOSED")
    with open_portfolio(db, exclusive=True) as third:
        assert not third.readonly


def test_the_other_process_is_the_read_only_one_when_we_open_first(db):
    with open_portfolio(db, exclusive=True) as first:
        assert not first.readonly
        child = spawn("window_child.py", str(db))
        first_line = child.stdout.readline().split(maxsplit=2)
        assert first_line[:2] == ["OPEN", "1"] and "another reviewdesk window" in first_line[2]
        child.stdin.write("edit\n")
        child.stdin.flush()
        assert child.stdout.readline().startswith("EDIT refused")
        finish(child, "quit\n")
        first.update_partnership(first.partnerships()[0].id, service="mine")
    with open_portfolio(db) as check:
        assert check.partnerships()[0].service == "mine"


def _import_file(tmp_path):
    source = tmp_path / "m.json"
    source.write_text(json.dumps(doc()), encoding="utf-8")
    return source


def hold(db, seconds: float) -> subprocess.Popen:
    holder = spawn("holder_child.py", str(db), str(seconds))
    assert holder.stdout.readline().strip() == "HOLDING"
    return holder


def test_cli_write_during_a_brief_transaction_waits_or_says_busy(db, tmp_path):
    source = _import_file(tmp_path)
    holder = hold(db, 1.0)
    result = cli("import", str(source), "--db", str(db))
    finish(holder)
    assert "Traceback" not in result.stderr and "database is locked" not in result.stderr
    if result.returncode == 0:
        assert result.stdout.strip().isdigit()
    else:
        line = assert_one_line_error(result, 2)
        assert "busy" in line
    assert cli("check", "--db", str(db)).stdout.strip().endswith(": ok")


def test_cli_reads_while_another_program_writes(db):
    holder = hold(db, 1.0)
    result = cli("list", "--db", str(db))
    finish(holder)
    assert result.returncode == 0 and len(result.stdout.strip().splitlines()) == 1


@pytest.mark.slow
def test_cli_write_blocked_past_the_busy_timeout_exits_2_in_one_line(db, tmp_path):
    source = _import_file(tmp_path)
    listed = cli("list", "--db", str(db)).stdout
    holder = hold(db, 8.0)
    result = cli("import", str(source), "--db", str(db))
    finish(holder)
    line = assert_one_line_error(result, 2)
    assert "busy" in line and "not saved" in line
    assert cli("list", "--db", str(db)).stdout == listed  # nothing of the import was written


def test_an_edit_waits_for_a_brief_transaction_of_another_program(db):
    holder = hold(db, BRIEF)
    try:
        with open_portfolio(db) as portfolio:
            mid = portfolio.meetings()[0].id
            portfolio.set_notes(mid, "trust", "after waiting")
            assert portfolio.meeting(mid).section("trust").notes == "after waiting"
    finally:
        finish(holder)


def test_cli_import_succeeds_after_a_brief_transaction_of_another_program(db, tmp_path):
    source = _import_file(tmp_path)
    holder = hold(db, BRIEF)
    result = cli("import", str(source), "--db", str(db))
    finish(holder)
    assert result.returncode == 0, result.stderr


def test_a_read_only_window_never_changes_the_file(db):
    with open_portfolio(db, exclusive=True):
        before = sha(db)
        with open_portfolio(db, exclusive=True) as second:
            assert second.readonly
            second.meetings()
            second.meeting(second.meetings()[0].id)
        assert sha(db) == before


@pytest.mark.parametrize("window_through", ["the file", "a hard link"])
def test_a_hard_link_in_another_folder_shares_the_lock(db, tmp_path, window_through):
    """Restore and a second window through any name of the same file meet the window's lock."""
    other = tmp_path / "elsewhere"
    other.mkdir()
    hard = other / "same-file.sqlite"
    os.link(db, hard)
    with open_portfolio(db) as portfolio:
        backup = portfolio.take_backup("for-the-test")
        portfolio.set_notes(portfolio.meetings()[0].id, "trust", "written after the backup")
    window, through = (db, hard) if window_through == "the file" else (hard, db)
    child = spawn("window_child.py", str(window))
    try:
        assert child.stdout.readline().split()[:2] == ["OPEN", "0"]
        before = sha(db)
        line = assert_one_line_error(cli("restore", str(backup), "--db", str(through)))
        assert "open in a reviewdesk window" in line
        assert sha(db) == before
        with open_portfolio(through, exclusive=True) as second:
            assert second.readonly and "another reviewdesk window" in second.notice
    finally:
        finish(child, "quit\n")
    restored = cli("restore", str(backup), "--db", str(through))
    assert restored.returncode == 0, restored.stderr
    with open_portfolio(db) as check:
        assert check.meeting(check.meetings()[0].id).section("trust").notes != (
            "written after the backup"
        )


def test_restore_from_a_backup_that_cannot_be_read_is_one_line(db, tmp_path):
    before = sha(db)
    truncated = tmp_path / "cut.sqlite"
    truncated.write_bytes(db.read_bytes()[:3000])
    gone = tmp_path / "gone.sqlite"
    for backup in (truncated, gone, tmp_path, tmp_path / "no" / "such.sqlite"):
        result = cli("restore", str(backup), "--db", str(db))
        line = assert_one_line_error(result)
        assert str(backup) in line
    assert sha(db) == before
