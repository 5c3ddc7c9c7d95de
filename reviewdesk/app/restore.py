"""Putting a backup back: the current state is backed up first; refused while a window writes."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.record.errors import FileRefused


def restore(db_path: Path, backup: Path) -> Path:
    """Replace the portfolio with ``backup``; returns the safety copy of what was there."""
    from reviewdesk.store.backups import restore_backup
    from reviewdesk.store.opening import open_portfolio

    db_path = Path(db_path)
    if not db_path.exists():
        raise FileRefused(f"{db_path}: no such portfolio")
    open_portfolio(db_path, create=False).close()  # the current file must itself be a portfolio
    return restore_backup(Path(backup), db_path)
