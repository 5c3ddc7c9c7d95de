"""An export killed half-way or aimed at a read-only folder leaves no partial PDF behind."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from faultkit import HERE, assert_one_line_error, child_env, cli, on_read_only_mount, sha

from reviewdesk.app.demo import load_demo
from reviewdesk.store.opening import open_portfolio


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "demo.sqlite"
    with open_portfolio(path) as portfolio:
        ids = load_demo(portfolio)
    return path, ids[0]


def exports_logged(db) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM export_log").fetchone()[0]
    finally:
        conn.close()


def spawn(db, mid, out, *mode) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(HERE / "export_child.py"), str(db), str(mid), str(out), *mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )


def kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    child.stderr.close()


def pdfs(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.lower().endswith(".pdf"))


def is_whole_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("mode", ["mid-write", "before-rename"])
@pytest.mark.parametrize("existing", [False, True])
def test_killed_export_leaves_no_partial_pdf(demo_db, tmp_path, mode, existing):
    db, mid = demo_db
    out = tmp_path / "minutes.pdf"
    if existing:
        out.write_bytes(b"%PDF-1.4 the minutes exported last week %%EOF")
        before = sha(out)
    logged = exports_logged(db)
    child = spawn(db, mid, out, mode)
    try:
        assert child.stdout.readline().strip() == "PAUSED", child.stderr.read()
    finally:
        kill(child)
    if existing:
        assert sha(out) == before
        assert pdfs(tmp_path) == ["minutes.pdf"]
    else:
        assert pdfs(tmp_path) == []
    # The log is written before the PDF is put in place, so no PDF is ever without its entry;
    # a kill between the two leaves an entry of bytes no file holds, which verifies nothing.
    assert exports_logged(db) == logged + (mode == "before-rename")


@pytest.mark.slow
def test_export_killed_at_random_moments_is_old_or_whole(demo_db, tmp_path):
    db, mid = demo_db
    out = tmp_path / "minutes.pdf"
    old = b"%PDF-1.4 old minutes %%EOF"
    out.write_bytes(old)
    rng = random.Random(11)
    for _ in range(6):
        child = spawn(db, mid, out)
        time.sleep(rng.uniform(0.2, 2.5))
        kill(child)
        data = out.read_bytes()
        assert data == old or is_whole_pdf(data)
        assert pdfs(tmp_path) == ["minutes.pdf"]
        if data != old:
            out.write_bytes(old)
    assert cli("check", "--db", str(db)).returncode == 0


def test_export_to_a_read_only_folder_is_one_line_and_touches_nothing(demo_db, tmp_path):
    db, mid = demo_db
    folder = tmp_path / "readonly"
    folder.mkdir()
    existing = folder / "minutes.pdf"
    existing.write_bytes(b"%PDF-1.4 earlier minutes %%EOF")
    before = sha(existing)
    logged = exports_logged(db)
    for target in (existing, folder / "new.pdf"):
        result = on_read_only_mount(
            folder,
            sys.executable,
            "-m",
            "reviewdesk",
            "export",
            str(mid),
            "-o",
            str(target),
            "--db",
            str(db),
        )
        line = assert_one_line_error(result, 2)
        assert "read-only" in line.lower() and str(target) in line
    assert sha(existing) == before
    assert sorted(p.name for p in folder.iterdir()) == ["minutes.pdf"]
    assert exports_logged(db) == logged


def test_export_to_a_missing_folder_or_onto_a_folder_is_one_line(demo_db, tmp_path):
    db, mid = demo_db
    (tmp_path / "a-folder.pdf").mkdir()
    for target in (tmp_path / "no" / "such" / "m.pdf", tmp_path / "a-folder.pdf"):
        result = cli("export", str(mid), "-o", str(target), "--db", str(db))
        line = assert_one_line_error(result, 2)
        assert str(target) in line
    assert pdfs(tmp_path) == ["a-folder.pdf"] and (tmp_path / "a-folder.pdf").is_dir()


def test_a_later_export_clears_the_half_file_a_killed_one_left(demo_db, tmp_path):
    db, mid = demo_db
    out = tmp_path / "minutes.pdf"
    child = spawn(db, mid, out, "mid-write")
    try:
        assert child.stdout.readline().strip() == "PAUSED"
    finally:
        kill(child)
    assert cli("export", str(mid), "-o", str(out), "--db", str(db)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minutes.pdf"]


def test_a_full_disk_leaves_neither_the_pdf_nor_its_log_entry(demo_db, tmp_path):
    """The log entry cannot be written (the portfolio's disk is full): no PDF lands either, the
    one already there stays, and the command line and the window say the same."""
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    old = b"%PDF-1.4 last week's minutes %%EOF"
    (out / "old.pdf").write_bytes(old)
    db, _mid = demo_db
    script = 'mount -t tmpfs -o size=4m,mode=0700 tmpfs "$1" && shift && exec "$@"'
    child = HERE / "export_full_disk_child.py"
    result = subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, "sh", str(disk), sys.executable, str(child)]
        + [str(disk), str(db), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=child_env(),
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    steps = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    for name in ("new.pdf", "old.pdf"):
        code, line = steps[f"CLI-{name}"].split(" ", 1)
        assert code == "2" and "\\n" not in line, line
        assert "not written" in line and "disk is full" in line, line
        assert steps[f"LOGGED-{name}"] == "0"
    said_by_cli = steps["CLI-new.pdf"].split(f"{out / 'new.pdf'}: ", 1)[1]
    assert steps["WINDOW"] == f"refused {out / 'window.pdf'}: {said_by_cli}"
    assert steps["LOGGED"] == "0"
    assert steps["OUT"] == "old.pdf"  # no new PDF, no temporary file
    assert (out / "old.pdf").read_bytes() == old
    assert steps["ROOM"] == "True 1"
