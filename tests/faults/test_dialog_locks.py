"""Issue 9 §1: edits shown as "Saved" survive file dialogs, CLI commands beside the window, and
kill -9.

A child runs the real window (reviewdesk.ui.app.run) on a portfolio, opens a meeting and walks
every file dialog of the app on the portfolio's own folder (dialogs_child.py). After each dialog
this test reads /proc/locks: the window must still hold SQLite's SHARED lock on the database
*and* the lock on byte 128 of its -shm (lockprobe), and have no deleted -wal/-shm open. Then the
real `reviewdesk` commands read and write the file as separate processes while the window keeps
typing; the window is killed with SIGKILL, and every edit it acknowledged must be in the file.

Before the fix, Qt's file dialog sniffed the files it listed (QMimeDatabase through the icon
provider): the locks were gone after the first dialog, the next command's close deleted the
WAL, and the edits typed after it were lost.
"""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import lockprobe
import pytest
from faultkit import child_env, cli

from reviewdesk.app.demo import load_demo
from reviewdesk.store.opening import open_portfolio

CHILD = Path(__file__).with_name("dialogs_child.py")
WAIT = 300  # seconds for any one line of the child (a loaded 2-core CI machine)
MEETING = 4  # the demo's review in progress

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not lockprobe.available(), reason="reads the locks from /proc/locks"),
]


class Child:
    """The window process and the lines it prints (read by a thread into a queue)."""

    def __init__(self, db: Path, settings: Path) -> None:
        env = child_env()
        env["REVIEWDESK_SETTINGS"] = str(settings)
        # DIALOG_LOCKS_QPA=xcb (with DISPLAY, QT_QPA_PLATFORMTHEME=gtk3 …) repeats it on a display
        env["QT_QPA_PLATFORM"] = os.environ.get("DIALOG_LOCKS_QPA", "offscreen")
        self.stderr = open(db.parent.parent / "child-stderr.txt", "w+")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), str(db), str(MEETING)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            env=env,
            cwd=db.parent,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.acknowledged: list[int] = []
        self.problems: list[str] = []  # what the window itself saw go wrong
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("<eof>")

    def _why(self) -> str:
        self.stderr.flush()
        self.stderr.seek(0)
        return self.stderr.read()[-3000:]

    def expect(self, prefix: str) -> str:
        """The next line starting with ``prefix``; acknowledgements on the way are recorded."""
        while True:
            try:
                line = self.lines.get(timeout=WAIT)
            except queue.Empty:
                raise AssertionError(f"the window said nothing for {WAIT}s ({prefix!r})") from None
            if line.startswith("acknowledged "):
                self.acknowledged.append(int(line.split()[1]))
                if prefix == "acknowledged":
                    return line
                continue
            if line.startswith("problem "):
                self.problems.append(line.removeprefix("problem "))
                continue
            if line == "<eof>" or line.startswith("error "):
                code = self.proc.wait(timeout=WAIT) if line == "<eof>" else "running"
                raise AssertionError(f"waiting for {prefix!r}: {line} (exit {code})\n{self._why()}")
            if line.startswith(prefix):
                return line

    def send(self, word: str) -> None:
        self.proc.stdin.write(word + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=WAIT)
        self.stderr.close()


def _portfolio_folder(tmp_path: Path) -> Path:
    """A portfolio with the demo's reviews, among files a facilitator keeps beside it."""
    folder = tmp_path / "portfolio"
    db = folder / "reviewdesk.sqlite"
    with open_portfolio(db) as portfolio:
        load_demo(portfolio)
        portfolio.take_backup("before-test")  # a backups/ folder, as after a sign-off
    os.link(db, folder / "alias.sqlite")  # the same file under a second name
    (folder / "acme-2026-11-27.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "acme-2026-11-27.json").write_text('{"format": "reviewdesk.meeting/1"}\n')
    (folder / "acme-actions-2026-11-27.csv").write_text("action_id,text\n")
    (folder / "notes").write_text("no extension: Qt would sniff its content\n")
    (folder / "templates").mkdir()
    return db


def _cli_beside_the_window(db: Path, tmp_path: Path) -> list[str]:
    """The real commands, each its own process, reading and writing the open file."""
    problems = []
    dumped = tmp_path / "meeting-1.json"
    steps = [
        ("list",),
        ("dump", "1"),
        ("search", "freight"),
        ("check",),
        ("export", "1", "-o", str(tmp_path / "m1.pdf")),
        ("verify", str(tmp_path / "m1.pdf")),
        ("import", str(dumped)),
        ("list",),
    ]
    for args in steps:
        result = cli(*args, "--db", str(db), timeout=WAIT)
        if result.returncode != 0:
            problems.append(
                f"reviewdesk {' '.join(args)}: exit {result.returncode} {result.stderr}"
            )
        if args[0] == "dump":
            dumped.write_text(result.stdout, encoding="utf-8")
    return problems


def _walk(child: Child, db: Path, tmp_path: Path, problems: list[str]) -> None:
    """Dialogs (locks checked after each), the commands beside the window, more typing."""
    child.expect("restored")  # a restore closed and reopened the portfolio first
    pid = int(child.expect("ready ").split()[1])
    child.expect("acknowledged")
    problems += lockprobe.problems(pid, db, "before any dialog")
    while (line := child.expect("")) != "dialogs done":
        if line.startswith("closed "):
            problems += lockprobe.problems(pid, db, f"after the {line.split()[1]} dialog closed")
            child.send("next")
    problems += _cli_beside_the_window(db, tmp_path)
    problems += lockprobe.problems(pid, db, "after the commands beside the window")
    child.send("write")
    idle = child.expect("idle ")
    problems += lockprobe.problems(pid, db, "after typing again")
    if not idle.startswith("idle refusals=0 "):
        problems.append(f"the open guard refused opens of the portfolio (or is missing): {idle}")


def test_saved_edits_survive_every_file_dialog_the_cli_and_kill_9(tmp_path):
    db = _portfolio_folder(tmp_path)
    child = Child(db, tmp_path / "settings.ini")
    problems: list[str] = []
    try:
        _walk(child, db, tmp_path, problems)
    except AssertionError as exc:  # the window died or stalled: still look at what was kept
        problems.append(str(exc))
    finally:
        child.kill()
    acknowledged = list(child.acknowledged)
    problems += child.problems

    conn = sqlite3.connect(db)
    try:
        notes = conn.execute(
            "SELECT s.notes FROM section s WHERE s.meeting_id = ? AND s.key = 'trust'", (MEETING,)
        ).fetchone()[0]
        meetings = conn.execute("SELECT count(*) FROM meeting").fetchone()[0]
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    lost = [n for n in acknowledged if f" edit-{n}" not in notes]
    if lost:
        problems.append(f"acknowledged edits lost after kill -9: {lost} of {acknowledged}")
    if meetings != 5:
        problems.append(f"{meetings} meetings: the one imported beside the window is missing")
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    if len(acknowledged) != 14:  # 1, one after each of 7 dialogs and open recent, 5 after
        problems.append(f"the window acknowledged {len(acknowledged)} edits, not 14")
    assert not problems, "\n".join(problems)
