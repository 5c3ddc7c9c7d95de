"""An unexpected error in the window is one line in a dialog; the traceback goes to a log."""

import sys

from reviewdesk.ui import crash_guard


def test_an_uncaught_error_is_shown_in_one_line_and_logged(tmp_path):
    shown = []
    log = tmp_path / "logs" / "errors.log"
    previous = crash_guard.install(log, shown.append)
    try:
        try:
            raise ValueError("bad value\nsecond line")
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    (message,) = shown
    assert "ValueError: bad value" in message and "\n" not in message
    assert str(log) in message
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "second line" in text


def test_the_guard_survives_an_unwritable_log_and_a_failing_dialog(tmp_path):
    def broken_dialog(message):
        raise RuntimeError("no dialog")

    blocker = tmp_path / "file"
    blocker.write_text("")
    previous = crash_guard.install(blocker / "errors.log", broken_dialog)
    try:
        try:
            raise KeyError("x")
        except KeyError:
            sys.excepthook(*sys.exc_info())  # must not raise
    finally:
        sys.excepthook = previous
