"""Start the window: ``run(db_path)`` shows the window, opens the portfolio, returns the exit code.

The shell is painted first — title, menus, "Opening …" — with light imports only; the
portfolio is opened once that first paint is on screen, on a worker thread (ops.run_op), and
shown when it is open. The page check of the file runs in the background at most once a day
(ui.file_check). A refused file shows its one-line reason in a dialog and the exit code is 2.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

EXIT_AFTER_SHOW_ENV = "REVIEWDESK_EXIT_AFTER_SHOW"  # benchmarks: quit once the home is ready
STARTUP_TRACE_ENV = "REVIEWDESK_STARTUP_TRACE"  # benchmarks: print "shown T" and "ready T"
EXIT_REFUSED = 2
UI_SWITCH_INTERVAL_S = 0.001
OPEN_ANYWAY_MS = 1000  # a window that is never painted (minimised) opens the file after this


def _trace(what: str) -> None:
    if os.environ.get(STARTUP_TRACE_ENV):
        print(f"{what} {time.time():.6f}", file=sys.stderr, flush=True)


def run(db_path: Path) -> int:
    """Open ``db_path`` in the main window; 2 when the file is refused (with a dialog)."""
    from PySide6.QtWidgets import QApplication

    db_path = Path(db_path)
    # Worker threads run Python too (imports, rows); the UI thread gets the GIL back within
    # 1 ms instead of Python's default 5 ms, so a click never waits long behind them.
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    from reviewdesk.ui import settings, style
    from reviewdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    name_application(app)
    style.apply(app, settings.scale())
    window = MainWindow(None, db_path)
    window.show()
    state: dict = {"code": 0, "portfolio": None, "previous_hook": None}

    def shown() -> None:
        _trace("shown")
        _open(app, window, db_path, state)

    after_first_paint(window, shown)
    code = app.exec()
    from reviewdesk.ui import ops

    ops.cancel_reads()  # figures and checks still being read stop here
    window.flush()
    ops.wait_for_work()
    ops.forget_jobs()
    for portfolio in {id(p): p for p in (state["portfolio"], window.portfolio) if p}.values():
        portfolio.close()
    if state["previous_hook"] is not None:
        sys.excepthook = state["previous_hook"]
    from reviewdesk.store import open_guard

    open_guard.stop_enforcing()
    return int(state["code"] or code)


def after_first_paint(window, then) -> None:
    """Call ``then()`` once ``window``'s first paint pass from now is over (or after
    OPEN_ANYWAY_MS: a window never painted, e.g. minimised)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    paint = QEvent.Type.Paint

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__(window)
            self.done = False
            window.installEventFilter(self)
            QTimer.singleShot(OPEN_ANYWAY_MS, self, self.go)

        def eventFilter(self, obj, event) -> bool:
            if not self.done and event.type() == paint:
                # a zero timer started while the window paints runs after the paint pass
                QTimer.singleShot(0, self, self.go)
            return False

        def go(self) -> None:
            if self.done:
                return
            self.done = True
            window.removeEventFilter(self)
            then()

    FirstPaint()


def name_application(app) -> None:
    """Names, version and icon: settings are kept under them, and the desktop finds the app's
    icon (Wayland docks match the window to reviewdesk.desktop by the desktop file name)."""
    from reviewdesk import __version__
    from reviewdesk.ui import settings, style

    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("reviewdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("reviewdesk")
    app.setWindowIcon(style.resource_icon("reviewdesk.svg"))


def _guard_portfolio_files(db_path: Path) -> None:
    """From now on nothing in this process but SQLite opens a portfolio it holds open: a
    Python-level open is refused (PermissionError) and written to the error log."""
    from reviewdesk.store import open_guard
    from reviewdesk.ui import crash_guard

    log_path = db_path.parent / crash_guard.LOG_NAME
    open_guard.enforce(lambda text: crash_guard.note(log_path, text))


def _guard(window, db_path: Path):
    """Unexpected errors in the window: a one-line dialog, the traceback in errors.log."""
    from reviewdesk.ui import crash_guard

    def show(message: str) -> None:
        from reviewdesk.ui import messages  # not before the first paint: it makes Qt's enums

        messages.show_error(window, "reviewdesk", message)

    return crash_guard.install(db_path.parent / crash_guard.LOG_NAME, show)


# Imported on a worker thread once PySide's types exist (ui.warmup), so that the UI thread does
# not stall on them later: the home page, then what the first edit and the first meeting need.
# Python's import lock makes the UI thread wait only for a module half-imported.
HOME_MODULES = ("reviewdesk.ui.home.page", "reviewdesk.ui.file_check")
LATER_MODULES = (  # what opening a meeting needs first; sqlite-utils (~75 ms) for the first edit
    "reviewdesk.ui.meeting.session",
    "reviewdesk.ui.meeting.view",
    "reviewdesk.ui.meeting.pages.attendees",
    "reviewdesk.ui.meeting.pages.section",
    "sqlite_utils",
)


def _open_portfolio(db_path: Path):
    """On a worker thread: check, lock, migrate and open the file (the store has no Qt)."""
    from reviewdesk.store.opening import open_portfolio

    return open_portfolio(db_path, exclusive=True)


def _open(app, window, db_path: Path, state: dict) -> None:
    """Open the portfolio off the UI thread while the UI thread makes PySide's types in idle
    slices; then import the home page off the UI thread and show it. A refused file is a
    dialog and exit code 2."""
    # The guards load logging and traceback (~6 ms): not before the first paint; nothing
    # opens the portfolio before this
    state["previous_hook"] = _guard(window, db_path)
    _guard_portfolio_files(db_path)
    gc.freeze()  # what made the first paint lives as long as the window (see _after_open)
    from PySide6.QtCore import QTimer

    from reviewdesk.ui import ops, warmup

    waiting = {"types": True, "portfolio": True}

    def refused(message: str) -> None:
        from reviewdesk.ui import messages

        messages.show_error(window, "reviewdesk cannot open the portfolio", message)
        state["code"] = EXIT_REFUSED
        window.close()
        app.exit(EXIT_REFUSED)

    def show(_none: object = None) -> None:
        portfolio = state["portfolio"]
        if window.portfolio is None:  # not switched to another file meanwhile
            window.set_portfolio(portfolio, in_slices=True)  # the window answers in between
        _trace("ready")
        QTimer.singleShot(0, window, lambda: _after_open(app, window))  # a turn of its own

    def ready(part: str) -> None:
        waiting[part] = False
        if not any(waiting.values()):
            ops.run_op(
                window,
                lambda: warmup.import_modules(HOME_MODULES),
                show,
                lambda message: show(),  # imported on the UI thread then, when needed
                busy_text=None,
            )

    def opened(portfolio) -> None:
        state["portfolio"] = portfolio
        ready("portfolio")

    state["types"] = warmup.QtTypes(window, lambda: ready("types"))
    ops.run_op(window, lambda: _open_portfolio(db_path), opened, refused, busy_text=None)


def _after_open(app, window) -> None:
    """Once the portfolio is on screen: the daily page check in the background, and the
    modules of the first edit and the first meeting imported off the UI thread."""
    from PySide6.QtCore import Qt, QTimer

    from reviewdesk.ui import file_check, ops, warmup

    file_check.check_daily(window)
    portfolio = window.portfolio

    def warm(_module) -> None:
        if window.portfolio is portfolio and portfolio is not None:
            getattr(portfolio, "db", None)
        # What start-up made (modules, Qt's types, the home page) lives as long as the window:
        # the cyclic collector stops walking it, so a full collection during a page's first
        # visit walks what came since (~70,000 objects: 15–30 ms on the UI thread, any time)
        gc.freeze()

    def import_later_modules() -> None:
        ops.run_op(
            None,
            lambda: warmup.import_modules(LATER_MODULES),
            warm,
            lambda _message: None,
            busy_text=None,
        )

    # Not while the home page builds, nor while its last part is laid out and painted: a
    # worker running Python (an import) makes every Python call the UI thread makes while it
    # builds and paints wait for the GIL (the paint pass after the last part: 100-170 ms)
    home = getattr(window, "home", None)
    if home is not None and home.building:
        home.built.connect(
            lambda: after_first_paint(home, import_later_modules),
            Qt.ConnectionType.SingleShotConnection,
        )
    else:
        import_later_modules()
    if os.environ.get(EXIT_AFTER_SHOW_ENV):
        QTimer.singleShot(0, app.quit)
