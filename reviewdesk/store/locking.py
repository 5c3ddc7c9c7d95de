"""The window lock: one reviewdesk window writes a portfolio; a second one opens it read-only.

The lock is taken on a file of its own beside the portfolio (``NAME.lock``), never on the
portfolio or SQLite's files: closing any other descriptor of the database file would drop the
POSIX locks SQLite holds on it.
"""

from __future__ import annotations

import os
from pathlib import Path


class WindowLock:
    """A held lock; :meth:`release` lets the next window write."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def lock_path(db_path: Path) -> Path:
    """The lock file of the real portfolio (a symlink or another spelling shares it)."""
    real = Path(db_path).resolve()
    return real.with_name(real.name + ".lock")


def try_lock(db_path: Path) -> WindowLock | None:
    """Take the window lock without waiting; None when another window (or restore) holds it."""
    import fcntl

    try:
        fd = os.open(lock_path(db_path), os.O_CREAT | os.O_RDWR, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return WindowLock(fd)
