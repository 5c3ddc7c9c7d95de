"""Restore from backup: choose one of the portfolio's backups, confirm, and put it back with
the window's own lock released and taken again (the use case is reviewdesk.app.restore)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.wording import moment_text

if TYPE_CHECKING:
    from pathlib import Path

    from reviewdesk.store.portfolio import Portfolio


class RestoringWindow(Protocol):
    """What restore needs of the main window (which it may not import: dialogs stand alone)."""

    portfolio: Portfolio | None
    db_path: Path

    def may_leave_meeting(self) -> bool: ...
    def close_meeting(self) -> None: ...
    def close(self) -> bool: ...
    def show_portfolio(self) -> None: ...


def restore_backup(window: RestoringWindow) -> None:
    """Replace the portfolio with one of its backups; what is there now is saved first."""
    from reviewdesk.app.restore import restore
    from reviewdesk.store.backups import backup_reason_text, list_backups
    from reviewdesk.store.opening import open_portfolio
    from reviewdesk.ui import messages

    if window.portfolio is None or window.portfolio.readonly:
        messages.show_error(window, "Restore from backup", "The portfolio is open read-only.")
        return
    found = list_backups(window.db_path)
    if not found:
        messages.show_info(
            window,
            "Restore from backup",
            "No backups yet: one is taken before every sign-off and every upgrade.",
        )
        return
    labels = [
        f"{moment_text(b.taken_at.astimezone(), seconds=True)} — {backup_reason_text(b.reason)}"
        for b in found
    ]
    index = messages.ask_choice(window, "Restore from backup", "Backup to restore:", labels)
    if index is None or not messages.confirm(
        window,
        "Restore from backup",
        f"Replace the whole portfolio with the backup of {labels[index]}?\n"
        "What is in it now is kept as another backup first.",
    ):
        return
    if not window.may_leave_meeting():
        return
    window.close_meeting()
    window.portfolio.close()  # releases the window's lock so the restore may write
    window.portfolio = None
    message = None
    try:
        safety = restore(window.db_path, found[index].path)
    except ReviewdeskError as exc:
        message = str(exc)
    try:
        window.portfolio = open_portfolio(window.db_path, exclusive=True)
    except ReviewdeskError as exc:
        messages.show_error(window, "Restore from backup", str(exc))
        window.close()
        return
    window.show_portfolio()
    if message:
        messages.show_error(window, "Restore from backup", message)
    else:
        messages.show_info(
            window,
            "Restore from backup",
            f"Restored the backup of {labels[index]}. The previous state is in {safety}.",
        )
