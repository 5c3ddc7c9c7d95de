"""SQLite's errors as one line for the user, told apart by SQLite's own error codes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reviewdesk.record.errors import ReadOnlyPortfolio, StorageError

_BUSY = ("SQLITE_BUSY", "SQLITE_LOCKED")
_CORRUPT = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_FORMAT")
# Below this much free space an I/O error is taken for a full disk: SQLite reports a full disk
# as SQLITE_FULL when a write fails, but as an I/O error (SQLITE_IOERR_SHMSIZE...) when it
# cannot make room for the -shm index it keeps beside the file.
NEARLY_FULL_BYTES = 1024 * 1024


def _name(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def disk_is_full(path: Path | None) -> bool:
    """Whether the disk holding ``path`` (a file or a folder) has next to no room left."""
    if path is None:
        return False
    import shutil  # only when SQLite reported an error

    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def is_full(exc: sqlite3.Error, path: Path | None = None) -> bool:
    name = _name(exc)
    return name == "SQLITE_FULL" or (name.startswith("SQLITE_IOERR") and disk_is_full(path))


def is_read_only(exc: sqlite3.Error) -> bool:
    """SQLite could not write: the file, its folder (for the -wal and -shm files) or the disk
    does not allow it."""
    return _name(exc).startswith("SQLITE_READONLY")


def is_corrupt(exc: sqlite3.Error) -> bool:
    return _name(exc).startswith(_CORRUPT)


def storage_error(exc: sqlite3.Error, path: Path | None = None) -> StorageError | ReadOnlyPortfolio:
    """The one-line error for a failed write; nothing was changed."""
    name = _name(exc)
    if is_full(exc, path):
        return StorageError("the disk is full: the last change was not saved; free space and retry")
    if is_read_only(exc):
        return ReadOnlyPortfolio("the file is read-only: the last change was not saved")
    if name.startswith(_BUSY):
        return StorageError("the file is busy in another program: the last change was not saved")
    return StorageError(f"the file could not be written ({exc}); nothing was changed")


def open_problem(exc: sqlite3.Error, path: Path) -> str:
    """What an error while opening or reading the file means, in a few words.

    Only SQLite's corruption codes make "the file is corrupt": a folder that cannot be written
    or a full disk is said as such.
    """
    name = _name(exc) or type(exc).__name__
    if is_corrupt(exc):
        return f"the file is corrupt ({exc})"
    if is_full(exc, path):
        return "the disk is full: SQLite cannot make its index file beside it; free some space"
    if is_read_only(exc):
        return "its folder is not writable, and SQLite needs to write beside the file to read it"
    if name.startswith(_BUSY):
        return "the file is busy in another program; try again"
    if name.startswith("SQLITE_CANTOPEN"):
        return "cannot be opened (it or its folder cannot be read)"
    if name.startswith("SQLITE_IOERR"):
        return f"cannot be read: a disk error ({name})"
    return f"cannot be read ({exc})"
