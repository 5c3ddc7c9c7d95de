"""SQLite's page check of the open portfolio: at most once a day in the background, and on
demand (Help → Check file). Never on the UI thread, never on every open.

Opening a portfolio compares its schema with this build's (cheap; a foreign, newer, empty or
crafted file is still refused before anything is written). Reading every page of the file
(O(file size): 1.5 s for 400 MB) is this module's job: on a worker thread with a read-only
connection of its own (``ops.run_read``). The day of the last sound check is kept in the
settings, keyed by the file's real path — not in the file, which a read-only window could not
write and which a check must not change. Damage found makes the open portfolio read-only and
says so in one dialog; the user can restore a backup.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reviewdesk.ui import messages, ops, settings

if TYPE_CHECKING:
    from reviewdesk.ui.main_window import MainWindow

TITLE = "Check file"


def _today() -> str:
    return dt.date.today().isoformat()


def check_daily(window: MainWindow) -> ops.Op | None:
    """Check the window's portfolio in the background unless it was found sound today."""
    portfolio = window.portfolio
    if portfolio is None or settings.last_checked(portfolio.path) == _today():
        return None
    from reviewdesk.store.reading import page_check

    def done(verdict: str) -> None:
        if verdict == "ok":
            settings.set_last_checked(portfolio.path, _today())
        elif window.portfolio is portfolio:
            damaged(window, verdict)

    # a thread of its own at idle priority: reading every page (seconds for a large file)
    # neither queues the window's other work nor takes a core from it
    return ops.run_read(window, portfolio.path, page_check, done, lambda _message: None, idle=True)


def check_now(window: MainWindow) -> ops.Op | None:
    """Help → Check file: every page and index of the file, with a busy indicator; the
    verdict in a dialog."""
    portfolio = window.portfolio
    if portfolio is None:
        return None
    from reviewdesk.store.reading import page_check

    window.flush()

    def done(verdict: str) -> None:
        if verdict == "ok":
            settings.set_last_checked(portfolio.path, _today())
            messages.show_info(window, TITLE, f"{portfolio.path}: the file is sound.")
        elif window.portfolio is portfolio:
            damaged(window, verdict)

    return ops.run_read(
        window,
        portfolio.path,
        lambda conn: page_check(conn, thorough=True),
        done,
        lambda message: messages.show_error(window, TITLE, message),
        busy_text="Checking every page of the file…",
        title=TITLE,
    )


def damaged(window: MainWindow, verdict: str) -> None:
    """The open portfolio failed the check: read-only from now on, with the reason."""
    portfolio = window.portfolio
    if portfolio is None:
        return
    portfolio.make_read_only(f"the file is damaged ({verdict}); it was not changed")
    window.set_portfolio(portfolio)
    messages.show_error(
        window,
        "The portfolio is damaged",
        f"{portfolio.path}: the file is damaged ({verdict}). It is open read-only and was "
        "not changed; restore a backup (File → Restore from backup…) or run "
        "`reviewdesk check`.",
    )
