"""The window killed with SIGKILL a second after a note was typed: on restart the note is there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from reviewdesk.app.demo import load_demo
from reviewdesk.store.opening import open_portfolio

CHILD = Path(__file__).with_name("window_child.py")


def test_a_note_typed_a_second_before_a_kill_survives(tmp_path):
    db = tmp_path / "p.sqlite"
    with open_portfolio(db) as portfolio:
        load_demo(portfolio)
    text = " — Kill test: Ελληνικά ✓ typed just now"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db), text],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        line = child.stdout.readline().strip()
        assert line == "TYPED", line + child.stderr.read() if line != "TYPED" else line
        time.sleep(1.0)
        assert child.poll() is None, "the window ended by itself"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    with open_portfolio(db) as portfolio:
        notes = portfolio.meeting(4).section("trust").notes
    assert notes.endswith(text)
    assert notes.startswith("Peak season planning")  # what was there before is kept too
