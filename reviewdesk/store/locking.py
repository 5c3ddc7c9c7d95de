"""The window lock: one reviewdesk window (or restore) writes a portfolio; another opens it
read-only.

The lock is taken on files of their own, never on the portfolio or SQLite's files: closing any
other descriptor of the database file would drop the POSIX locks SQLite holds on it. Two are
taken: ``NAME.lock`` beside the portfolio's real path (a symlink or another spelling of the path
shares it; it also works between machines on a shared folder), and one named after the file's
identity — its device and inode, which every hard link of it shares — in the user's own lock
folder (in reviewdesk's data folder). Each platform's own lock is used: ``flock`` on POSIX,
``msvcrt.locking`` on Windows; both are dropped by the system when the process ends, however
it ends.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from reviewdesk.paths import data_dir

# Windows locks byte ranges and its locks are mandatory: lock one byte far past anything
# written, and past SQLite's own lock bytes (1 GiB + 512), so reading and writing go on.
_WINDOWS_LOCK_OFFSET = 0x7FFF0000


def lock_nowait(fd: int) -> bool:
    """Take an exclusive lock on an open file without waiting; False when another holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            position = os.lseek(fd, 0, os.SEEK_CUR)
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            finally:
                os.lseek(fd, position, os.SEEK_SET)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class WindowLock:
    """A held lock; :meth:`release` lets the next window write."""

    def __init__(self, *fds: int) -> None:
        self._fds: list[int] = list(fds)

    def release(self) -> None:
        while self._fds:
            with contextlib.suppress(OSError):
                os.close(self._fds.pop())


def lock_path(db_path: Path) -> Path:
    """The lock file beside the real portfolio (a symlink or another spelling shares it)."""
    real = Path(db_path).resolve()
    return real.with_name(real.name + ".lock")


def identity_lock_path(db_path: Path) -> Path | None:
    """The lock file named after the portfolio's identity (device and inode), which every hard
    link of the file shares; None when the file does not exist yet."""
    try:
        info = os.stat(db_path)
    except OSError:
        return None
    return _lock_folder() / f"{info.st_dev:x}-{info.st_ino:x}.lock"


def _lock_folder() -> Path:
    """This user's own folder of identity locks, in reviewdesk's data folder."""
    folder = data_dir() / "locks"
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


class _Held(Exception):
    """Another process holds the lock."""


def _take(path: Path) -> int | None:
    """A descriptor holding the lock on ``path``; None when no lock file can be made there.

    Raises _Held when another process holds it.
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        return None
    if lock_nowait(fd):
        return fd
    os.close(fd)
    raise _Held


def try_lock(db_path: Path) -> WindowLock | None:
    """Take the window lock without waiting; None when another window (or restore) holds it,
    or when no lock file can be made beside the portfolio (a read-only folder: the caller opens
    the file read-only anyway)."""
    held = WindowLock()
    try:
        beside = _take(lock_path(db_path))
        if beside is None:
            return None
        held = WindowLock(beside)
        identity = identity_lock_path(db_path)
        fd = _take(identity) if identity is not None else None
    except _Held:
        held.release()
        return None
    # Without a lock folder of the user's own (no writable home), the lock beside the file is
    # still held: only a second hard link of the file would get past it.
    return WindowLock(beside, fd) if fd is not None else held
