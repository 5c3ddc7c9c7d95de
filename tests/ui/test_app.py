"""The page check of the open portfolio: off the UI thread, once a day, and on demand.

Opening a portfolio no longer reads every page (only its header and schema); SQLite's page
check runs on a worker thread with a connection of its own, at most once a day per file (the
day remembered in the settings), and from Help → Check file. Damage makes the portfolio
read-only with one dialog.
"""

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest
from qt_helpers import run_qt_child

from reviewdesk.record.errors import ReadOnlyPortfolio
from reviewdesk.store import reading
from reviewdesk.ui import app as app_module
from reviewdesk.ui import file_check, settings

DAMAGE = "Page 7: btreeInitPage() returns 11"


def _done(qtbot, op) -> None:
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=20000)


def test_the_daily_check_runs_off_the_ui_thread_and_remembers_the_day(
    qtbot, window, portfolio, dialog_log, monkeypatch
):
    threads = []
    real = reading.page_check

    def spy(conn, **kwargs):
        from PySide6.QtCore import QThread

        threads.append(threading.get_ident())
        assert conn is not portfolio.conn  # a connection of its own
        priorities.append(QThread.currentThread().priority())
        return real(conn, **kwargs)

    priorities = []

    monkeypatch.setattr(reading, "page_check", spy)
    assert settings.last_checked(portfolio.path) == ""
    _done(qtbot, file_check.check_daily(window))
    assert threads and threads[0] != threading.get_ident()
    from PySide6.QtCore import QThread

    assert priorities == [QThread.Priority.IdlePriority]  # a core only when none is busy
    assert settings.last_checked(portfolio.path) == dt.date.today().isoformat()
    assert dialog_log.calls == [] and not portfolio.readonly
    assert file_check.check_daily(window) is None  # not twice a day
    assert threads == threads[:1]


def test_the_day_is_kept_for_the_real_file_under_any_name(tmp_path):
    real = tmp_path / "p.sqlite"
    real.write_bytes(b"")
    link = tmp_path / "link.sqlite"
    link.symlink_to(real)
    settings.set_last_checked(link, "2026-11-30")
    assert settings.last_checked(real) == "2026-11-30"
    assert settings.last_checked(tmp_path / "other.sqlite") == ""


def test_damage_found_by_the_daily_check_makes_the_portfolio_read_only(
    qtbot, window, portfolio, meeting_id, dialog_log, monkeypatch
):
    monkeypatch.setattr(reading, "page_check", lambda conn, **kwargs: DAMAGE)
    _done(qtbot, file_check.check_daily(window))
    (message,) = dialog_log.errors
    assert "damaged" in message and "read-only" in message and "btreeInitPage" in message
    assert window.notice.isVisibleTo(window) and "damaged" in window.notice.text()
    with pytest.raises(ReadOnlyPortfolio):
        portfolio.set_notes(meeting_id, "trust", "x")
    assert settings.last_checked(portfolio.path) == ""  # checked again next time


def _corrupt_an_index(path: Path) -> None:
    """Change a meeting's date inside its index only: the quick check passes, the full fails."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'meeting_partnership'"
    ).fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    at = bytes(data[start : start + page_size]).index(b"2026-")
    data[start + at : start + at + 4] = b"1999"
    path.write_bytes(bytes(data))


def test_help_check_file_checks_every_page_and_reports_the_damage(
    qtbot, tmp_path, dialog_log, meeting_id, portfolio
):
    from reviewdesk.store.opening import open_portfolio
    from reviewdesk.ui.main_window import MainWindow

    path = portfolio.path
    portfolio.close()
    _corrupt_an_index(path)
    reopened = open_portfolio(path)  # the schema is sound: it opens without reading every page
    try:
        w = MainWindow(reopened, path)
        qtbot.addWidget(w)
        action = next(a for a in w.help_menu.actions() if a.objectName() == "checkFile")
        action.trigger()
        qtbot.waitUntil(lambda: bool(dialog_log.errors), timeout=20000)
        (message,) = dialog_log.errors
        assert "damaged" in message and str(path) in message
        assert reopened.readonly
    finally:
        reopened.close()


def test_help_check_file_says_a_sound_file_is_sound(qtbot, window, portfolio, dialog_log):
    action = next(a for a in window.help_menu.actions() if a.objectName() == "checkFile")
    action.trigger()
    qtbot.waitUntil(lambda: bool(dialog_log.kinds("info")), timeout=20000)
    ((_kind, title, message),) = dialog_log.kinds("info")
    assert title == "Check file" and "sound" in message
    assert settings.last_checked(portfolio.path) == dt.date.today().isoformat()


def test_the_window_refuses_opening_its_portfolio_and_logs_who_tried(tmp_path):
    from reviewdesk.store import open_guard
    from reviewdesk.store.opening import open_portfolio

    db = tmp_path / "p.sqlite"
    portfolio = open_portfolio(db)
    app_module._guard_portfolio_files(db)  # what run() does first
    try:
        with pytest.raises(PermissionError, match="open portfolio"):
            db.read_bytes()
    finally:
        open_guard.stop_enforcing()
        portfolio.close()
    log = (tmp_path / "reviewdesk-errors.log").read_text(encoding="utf-8")
    assert "refused to open" in log and "test_app.py" in log  # the culprit, for a bug report


FIRST_PAINT_CHILD = """
import sys
from pathlib import Path
import PySide6.QtCore as QtCore
from PySide6.QtWidgets import QApplication
from reviewdesk.ui import app

real = app.after_first_paint

def spy(window, then):
    def painted():
        print("QT-NAMESPACE-LOADED", "Qt" in QtCore.__dict__, flush=True)
        QApplication.instance().exit(0)
    real(window, painted)

app.after_first_paint = spy
sys.exit(app.run(Path(sys.argv[1])))
"""


def _window_child(code: str, tmp_path: Path) -> tuple[list[str], str]:
    """Run ``code`` (a window started with ``app.run`` on tmp_path/p.sqlite, offscreen) in a
    process of its own: the lines it printed, and everything it said for a failure message."""
    done = run_qt_child(code, tmp_path, str(tmp_path / "p.sqlite"))
    return done.stdout.splitlines(), done.stdout + done.stderr


def test_the_first_paint_comes_before_qts_namespace_is_loaded(tmp_path):
    # a bare window never loads QtCore.Qt (its enums: ~20 ms); the shell paints without it
    lines, said = _window_child(FIRST_PAINT_CHILD, tmp_path)
    assert "QT-NAMESPACE-LOADED False" in lines, said


LATER_IMPORT_CHILD = """
import sys
import time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from reviewdesk.app.demo import load_demo
from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui import app, warmup

portfolio = open_portfolio(Path(sys.argv[1]))
load_demo(portfolio)
portfolio.close()
real = warmup.import_modules
windows = []

def spy(names):
    names = tuple(names)
    if names == app.LATER_MODULES:
        home = windows[0].home
        print("LATER-IMPORT home building:", home is None or home.building, flush=True)
        # (on the UI thread: this runs on the worker's)
        QTimer.singleShot(0, QApplication.instance(), lambda: report(time.monotonic() + 30))
    return real(names)

def report(deadline):
    import gc
    # once the import is done, what start-up made is out of the cyclic collector's walks
    # (frozen); on a busy machine the import takes longer: asked again until the deadline
    frozen = gc.get_freeze_count() > 50_000
    if not frozen and time.monotonic() < deadline:
        QTimer.singleShot(50, QApplication.instance(), lambda: report(deadline))
        return
    print("FROZEN", frozen, flush=True)
    QApplication.instance().exit(0)

warmup.import_modules = spy
real_paint = app.after_first_paint

def first_paint(window, then):
    windows.append(window)
    if len(windows) > 1:  # after the first paint of the window: the home's, once built
        print("WAITS FOR", type(window).__name__, "building:", window.building, flush=True)
        real_paint(window, lambda: (print("HOME PAINTED", flush=True), then()))
        return
    real_paint(window, then)

app.after_first_paint = first_paint
sys.exit(app.run(Path(sys.argv[1])))
"""


def test_the_meeting_modules_are_imported_once_the_home_page_is_built_and_painted(tmp_path):
    # a worker running Python while the home page builds or paints makes the UI thread wait
    # for the GIL at each Python call
    lines, said = _window_child(LATER_IMPORT_CHILD, tmp_path)
    assert "WAITS FOR HomePage building: False" in lines, said
    assert lines.index("HOME PAINTED") < lines.index("LATER-IMPORT home building: False"), said
    assert "FROZEN True" in lines, said


def test_the_daily_check_holds_up_no_other_work(qtbot, window, portfolio, monkeypatch):
    # reading every page of a large file takes seconds: while it and another long read (the
    # home page's figures) run, the window's other jobs (the warm-up import) still run
    from PySide6.QtCore import QThreadPool

    from reviewdesk.ui import ops

    release = threading.Event()

    def slow(*_args, **_kwargs):
        release.wait(20)
        return "ok"

    monkeypatch.setattr(reading, "page_check", slow)
    shared = QThreadPool.globalInstance()
    threads = shared.maxThreadCount()
    shared.setMaxThreadCount(2)  # as on a 2-core laptop
    done = []
    try:
        check = file_check.check_daily(window)
        ops.run_op(None, slow, done.append, done.append, busy_text=None)
        ops.run_op(None, lambda: "quick", done.append, done.append, busy_text=None)
        qtbot.waitUntil(lambda: done == ["quick"], timeout=10000)
        assert not check.finished
    finally:
        release.set()
        shared.setMaxThreadCount(threads)
    _done(qtbot, check)
    qtbot.waitUntil(lambda: done == ["quick", "ok"], timeout=10000)
