"""A full disk or a folder that cannot be written is said as such — never "the file is corrupt" —
and the portfolio opens read-only for viewing where it can: list, dump, search, check and export
work; an edit is refused in one line."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest
from factories import doc
from faultkit import HERE, REPO, child_env, sha

from reviewdesk.app.demo import load_demo
from reviewdesk.record.errors import FileRefused, ReadOnlyPortfolio
from reviewdesk.store import errors, fileformat
from reviewdesk.store.opening import open_portfolio

NOBODY = 65534


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with open_portfolio(path) as portfolio:
        load_demo(portfolio)
    return path


def test_a_full_disk_opens_read_only_for_viewing_and_says_so(tmp_path, demo_copy):
    meeting_file = tmp_path / "m.json"
    meeting_file.write_text(json.dumps(doc()), encoding="utf-8")
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    script = 'mount -t tmpfs -o size=4m,mode=0700 tmpfs "$1" && shift && exec "$@"'
    child = HERE / "full_disk_open_child.py"
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
            str(child),
            str(disk),
            str(demo_copy),
            str(meeting_file),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=child_env(),
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    steps = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    for step in steps.values():
        assert "corrupt" not in step, steps
    for step in ("LIST", "DUMP", "SEARCH", "CHECK", "EXPORT"):
        assert steps[step].startswith("0|"), (step, steps[step])
    assert (out / "m.pdf").read_bytes().startswith(b"%PDF-")
    assert steps["IMPORT"].startswith("2|") and "disk is full" in steps["IMPORT"]
    assert steps["WINDOW"] == "True|the disk is full"
    assert steps["ROOM"].startswith("0|")  # with room again it is writable


def _as_nobody(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the command line as an ordinary user (permission bits do not bind root)."""
    if os.geteuid() != 0:
        command = [sys.executable, "-m", "reviewdesk", *args]
    else:
        python = shutil.which("python3", path="/usr/bin:/bin") or sys.executable
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        command += [python, "-m", "reviewdesk", *args]
    packages = sysconfig.get_paths()["purelib"]  # reportlab, for the export
    env = {**child_env(), "PYTHONPATH": f"{REPO}{os.pathsep}{packages}", "HOME": str(folder)}
    env["REVIEWDESK_DATA"] = str(folder.parent / "data")  # the user's own (the signing key)
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, cwd="/")


@pytest.fixture
def unwritable_folder(demo_copy):
    """The demo portfolio, owned by an ordinary user, in a folder of theirs they cannot write."""
    base = Path(tempfile.mkdtemp(prefix="reviewdesk-ro-"))
    base.chmod(0o755)
    folder = base / "share"
    folder.mkdir()
    out = base / "out"
    out.mkdir()
    data = base / "data"  # the user's data folder, where an export makes its signing key
    data.mkdir(mode=0o700)
    db = folder / "p.sqlite"
    shutil.copyfile(demo_copy, db)
    if os.geteuid() == 0:
        for path in (folder, out, data, db):
            os.chown(path, NOBODY, NOBODY)
    folder.chmod(0o555)
    yield db, out
    folder.chmod(0o755)
    shutil.rmtree(base)


def test_a_folder_that_cannot_be_written_opens_read_only_for_viewing(unwritable_folder):
    db, out = unwritable_folder
    before = sha(db)
    for args in (["list"], ["dump", "1"], ["search", "backlog"], ["check"]):
        result = _as_nobody(db.parent, *args, "--db", str(db))
        assert result.returncode == 0, (args, result.stderr)
    exported = _as_nobody(db.parent, "export", "1", "-o", str(out / "m.pdf"), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    refused = _as_nobody(db.parent, "reopen", "1", "--reason", "x", "--db", str(db))
    assert refused.returncode == 2 and "corrupt" not in refused.stderr
    assert "folder" in refused.stderr and "read-only" in refused.stderr
    assert sha(db) == before


def _refusing_connect(code: str):
    """sqlite3.connect as SQLite behaves when it cannot make the -shm file beside a WAL file."""
    real = sqlite3.connect

    def connect(target, *args, **kwargs):
        if "immutable=1" in str(target):
            return real(target, *args, **kwargs)
        error = sqlite3.OperationalError("attempt to write a readonly database")
        if code.startswith("SQLITE_IOERR"):
            error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorname = code
        raise error

    return connect


@pytest.mark.parametrize(
    ("code", "full", "notice"),
    [
        ("SQLITE_READONLY_DIRECTORY", False, "the file or its folder is read-only"),
        ("SQLITE_READONLY_CANTINIT", False, "the file or its folder is read-only"),
        ("SQLITE_IOERR_SHMSIZE", True, "the disk is full"),
        ("SQLITE_FULL", True, "the disk is full"),
    ],
)
def test_sqlites_codes_decide_the_words(tmp_path, demo_copy, monkeypatch, code, full, notice):
    db = tmp_path / "p.sqlite"
    shutil.copyfile(demo_copy, db)
    monkeypatch.setattr(fileformat.sqlite3, "connect", _refusing_connect(code))
    monkeypatch.setattr(errors, "disk_is_full", lambda path: full)
    with open_portfolio(db, exclusive=True) as portfolio:
        assert portfolio.readonly and portfolio.notice == notice
        assert len(portfolio.meetings()) == 4
        with pytest.raises(ReadOnlyPortfolio, match=notice):
            portfolio.reopen(1, "x")
    Path(f"{db}-wal").write_bytes(b"\0" * 100)  # changes waiting: viewing is not possible
    with pytest.raises(FileRefused) as info:
        open_portfolio(db)
    said = "disk is full" if full else "folder is read-only"
    assert said in str(info.value) and "corrupt" not in str(info.value)


def test_an_io_error_on_a_disk_with_room_is_a_disk_error_not_corruption(tmp_path, demo_copy):
    error = sqlite3.OperationalError("disk I/O error")
    error.sqlite_errorname = "SQLITE_IOERR_READ"
    problem = errors.open_problem(error, tmp_path)
    assert "corrupt" not in problem and "SQLITE_IOERR_READ" in problem
    corrupt = sqlite3.DatabaseError("database disk image is malformed")
    corrupt.sqlite_errorname = "SQLITE_CORRUPT"
    assert "corrupt" in errors.open_problem(corrupt, tmp_path)
