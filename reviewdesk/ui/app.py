"""Start the window: ``run(db_path)`` shows the window, opens the portfolio, returns the exit code.

The window is shown first (light imports only) and the portfolio opens on the first turn of the
event loop, so the user sees the window as fast as a bare Qt window; a refused file then shows
its one-line reason in a dialog and the exit code is 2.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

EXIT_AFTER_SHOW_ENV = "REVIEWDESK_EXIT_AFTER_SHOW"  # benchmarks: quit once the home is ready
STARTUP_TRACE_ENV = "REVIEWDESK_STARTUP_TRACE"  # benchmarks: print "shown T" and "ready T"
EXIT_REFUSED = 2
DEFER_CHECK_ABOVE = 16 * 1024 * 1024  # bytes


def _trace(what: str) -> None:
    if os.environ.get(STARTUP_TRACE_ENV):
        print(f"{what} {time.time():.6f}", file=sys.stderr, flush=True)


def run(db_path: Path) -> int:
    """Open ``db_path`` in the main window; 2 when the file is refused (with a dialog)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reviewdesk import __version__
    from reviewdesk.ui import settings, style
    from reviewdesk.ui.main_window import MainWindow

    db_path = Path(db_path)
    _guard_portfolio_files(db_path)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("reviewdesk")
    app.setApplicationVersion(__version__)
    style.apply(app, settings.scale())
    window = MainWindow(None, db_path)
    window.show()
    previous_hook = _guard(window, db_path)
    QTimer.singleShot(0, lambda: _trace("shown"))
    state = {"code": 0, "portfolio": None}
    QTimer.singleShot(0, lambda: _open(app, window, db_path, state))
    code = app.exec()
    window.flush()
    for portfolio in (state["portfolio"], window.portfolio):  # the window may have switched
        if portfolio is not None:
            portfolio.close()
    sys.excepthook = previous_hook
    from reviewdesk.store import open_guard

    open_guard.stop_enforcing()
    return int(state["code"] or code)


def _guard_portfolio_files(db_path: Path) -> None:
    """From now on nothing in this process but SQLite opens a portfolio it holds open: a
    Python-level open is refused (PermissionError) and written to the error log."""
    from reviewdesk.store import open_guard
    from reviewdesk.ui import crash_guard

    log_path = db_path.parent / crash_guard.LOG_NAME
    open_guard.enforce(lambda text: crash_guard.note(log_path, text))


def _guard(window, db_path: Path):
    """Unexpected errors in the window: a one-line dialog, the traceback in errors.log."""
    from reviewdesk.ui import crash_guard, messages

    return crash_guard.install(
        db_path.parent / crash_guard.LOG_NAME,
        lambda message: messages.show_error(window, "reviewdesk", message),
    )


def _check_pages(window, portfolio) -> None:
    """A portfolio whose pages fail SQLite's check is shown read-only, with the reason."""
    import sqlite3

    from reviewdesk.ui import messages

    try:
        verdict = portfolio.quick_check()
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    if verdict != "ok":
        portfolio.make_read_only(f"the file is damaged ({verdict}); it was not changed")
        window.set_portfolio(portfolio)
        messages.show_error(
            window,
            "The portfolio is damaged",
            f"{portfolio.path}: the file is damaged ({verdict}). It is open read-only and was "
            "not changed; restore a backup (File → Restore from backup…) or run "
            "`reviewdesk check`.",
        )


def _open(app, window, db_path: Path, state: dict) -> None:
    """Open the portfolio into the shown window; a refusal is a dialog and exit code 2."""
    from PySide6.QtCore import QTimer

    from reviewdesk.record.errors import ReviewdeskError
    from reviewdesk.store.opening import open_portfolio
    from reviewdesk.ui import messages

    try:
        # SQLite's page check reads the whole file: for a big portfolio it runs right after
        # the first paint instead (_check_pages), so the portfolio shows sooner.
        big = db_path.is_file() and db_path.stat().st_size > DEFER_CHECK_ABOVE
        portfolio = open_portfolio(db_path, exclusive=True, quick_check=not big)
    except (ReviewdeskError, OSError) as exc:
        messages.show_error(window, "reviewdesk cannot open the portfolio", str(exc))
        state["code"] = EXIT_REFUSED
        window.close()
        app.exit(EXIT_REFUSED)
        return
    state["portfolio"] = portfolio
    window.set_portfolio(portfolio)
    _trace("ready")
    # Right after the first paint: SQLite's page check (deferred so a big portfolio shows
    # sooner), then sqlite-utils (~90 ms to import), which the first edit needs.
    if big:
        QTimer.singleShot(0, lambda: _check_pages(window, portfolio))
    QTimer.singleShot(0, lambda: getattr(portfolio, "db", None))
    if os.environ.get(EXIT_AFTER_SHOW_ENV):
        QTimer.singleShot(0, app.quit)
