"""SQLite's errors as one line for the user, told apart by SQLite's own error codes."""

from __future__ import annotations

import sqlite3

from reviewdesk.record.errors import ReadOnlyPortfolio, StorageError

_FULL = {"SQLITE_FULL"}
_READONLY = {"SQLITE_READONLY", "SQLITE_READONLY_DIRECTORY", "SQLITE_READONLY_DBMOVED"}
_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_TIMEOUT"}


def _name(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def storage_error(exc: sqlite3.Error) -> StorageError | ReadOnlyPortfolio:
    """The one-line error for a failed write; nothing was changed."""
    name = _name(exc)
    if name in _FULL or name.startswith("SQLITE_IOERR") and "full" in str(exc):
        return StorageError("the disk is full: the last change was not saved; free space and retry")
    if name in _READONLY or name.startswith("SQLITE_READONLY"):
        return ReadOnlyPortfolio("the file is read-only: the last change was not saved")
    if name in _BUSY or name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError("the file is busy in another program: the last change was not saved")
    return StorageError(f"the file could not be written ({exc}); nothing was changed")
