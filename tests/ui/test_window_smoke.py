"""The smoke test's window steps (ui/smoke.py) and ``reviewdesk --smoke-test`` as CI runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reviewdesk.app import smoke
from reviewdesk.ui import messages, settings
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.smoke import WindowSteps

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_shows_the_review_paints_and_closes(qapp, tmp_path, _private_settings):
    dialogs = dict(vars(messages))
    window = WindowSteps()
    said: list[str] = []
    with window.scoped():
        code = smoke.run_smoke_test(window.steps(), say=said.append, folder=tmp_path)
    assert code == smoke.EXIT_OK, said
    window_steps = [name for name, _ in WindowSteps().steps()]
    assert [line.split(":")[1].strip() for line in said[-1 - len(window_steps) : -1]] == (
        window_steps
    )
    assert window.pages >= 5 + 3  # the agenda's five sections, goals, actions, wrap-up
    assert "Qt platform offscreen" in said[-1]
    # the window's settings went to the scratch folder; the caller's are back, and its dialogs
    assert (tmp_path / "settings.ini").is_file()
    assert os.environ[settings.SETTINGS_ENV] == str(_private_settings)
    assert not _private_settings.exists()
    assert dict(vars(messages)) == dialogs
    assert window.window is None


def test_a_dialog_fails_its_step_instead_of_waiting(qapp, tmp_path, monkeypatch):
    def refuse_to_open(self, meeting_id):
        messages.show_error(self, "Open review", "meeting 1: no such meeting")

    monkeypatch.setattr(MainWindow, "open_meeting", refuse_to_open)
    window = WindowSteps()
    said: list[str] = []
    with window.scoped():
        code = smoke.run_smoke_test(window.steps(), say=said.append, folder=tmp_path)
    assert code == smoke.EXIT_FAILED
    assert said[-1] == (
        "smoke test: FAILED at step 'open the review in the window': SmokeFailed: a dialog "
        "would have opened (show_error): Open review: meeting 1: no such meeting"
    )


def test_an_error_inside_a_qt_call_fails_the_step(qapp, tmp_path, monkeypatch):
    """An exception raised in a slot does not reach the step's caller (Qt calls it): it is
    recorded and fails the step all the same."""
    from PySide6.QtCore import QTimer

    real_open = MainWindow.open_meeting

    def open_then_fail_in_a_slot(self, meeting_id):
        real_open(self, meeting_id)

        def slot():
            raise RuntimeError("a page failed to build")

        QTimer.singleShot(0, slot)

    monkeypatch.setattr(MainWindow, "open_meeting", open_then_fail_in_a_slot)
    window = WindowSteps()
    said: list[str] = []
    with window.scoped():
        code = smoke.run_smoke_test(window.steps(), say=said.append, folder=tmp_path)
    assert code == smoke.EXIT_FAILED
    assert said[-1] == (
        "smoke test: FAILED at step 'show every page': SmokeFailed: "
        "RuntimeError: a page failed to build"
    )


def test_reviewdesk_smoke_test_exits_0_from_the_venv(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    env.pop(settings.SETTINGS_ENV, None)
    env["HOME"] = str(tmp_path / "home")  # nothing may be written there
    result = subprocess.run(
        [sys.executable, "-m", "reviewdesk", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("smoke test: passed in ")
    assert list(tmp_path.iterdir()) == []  # the scratch folder is gone; nothing in HOME


def test_smoke_test_takes_no_command():
    result = subprocess.run(
        [sys.executable, "-m", "reviewdesk", "--smoke-test", "list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 2
    assert "--smoke-test takes no command" in result.stderr
