"""Advisory file locks, the same on Linux, macOS and Windows (through ``filelock``).

Two uses:

* the window lock: one reviewdesk window (or restore) writes a portfolio; a second one (in this
  process or another) opens it read-only. It is taken without waiting on two lock files:
  ``NAME.lock`` beside the portfolio's real path (a symlink or another spelling of the path
  shares it; it also works between machines on a shared folder), and one named after the file's
  identity - its device and inode, which every hard link of it shares - in the user's own lock
  folder (``locks/`` in reviewdesk's data folder);
* the temporary files of a writer: each ``.NAME.<random><suffix>`` has a lock file
  ``….lock`` beside it, taken *before* the temporary file exists and held until it is gone, so a
  cleaner tells a live writer's file from one a killed writer left.

Never the portfolio or SQLite's files: closing any other descriptor of the database file would
drop the POSIX locks SQLite holds on it. ``filelock`` opens and closes only the lock file (with
mode 0600 it does not even probe the folder): ``flock`` on Linux and macOS - a lock owned by
that open file, refused to a second holder in the same process too - and ``LockFileEx`` on
Windows, where it deletes the lock file on release. A killed holder's lock goes with its process.

``filelock`` (~90 M instructions, ~40 ms, to import) is imported on the first lock, not with this
module. It creates a lock file's missing parent folders; here a missing folder is an error.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from reviewdesk.paths import data_dir

LOCK_SUFFIX = ".lock"
_MODE = 0o600


class WindowLock:
    """Held locks (one or more lock files); :meth:`release` lets the next holder in."""

    def __init__(self, *locks) -> None:
        self._locks = list(locks)
        self.paths = [Path(lock.lock_file) for lock in locks]

    def release(self, *, remove: bool = False) -> None:
        """Let go; ``remove`` also deletes the lock files (on Windows filelock always does)."""
        while self._locks:
            self._locks.pop().release(force=True)
        if remove:  # at worst this deletes a file a cleaner has just taken over: harmless
            for path in self.paths:
                with contextlib.suppress(OSError):
                    path.unlink()
        self.paths = []

    def joined(self, other: WindowLock) -> WindowLock:
        """One lock holding both this one's lock files and ``other``'s (both are emptied)."""
        both = WindowLock()
        both._locks, both.paths = self._locks + other._locks, self.paths + other.paths
        self._locks, self.paths, other._locks, other.paths = [], [], [], []
        return both


def lock_path(db_path: Path) -> Path:
    """The lock file of the real portfolio (a symlink or another spelling shares it)."""
    real = Path(db_path).resolve()
    return real.with_name(real.name + LOCK_SUFFIX)


def identity_lock_path(db_path: Path) -> Path | None:
    """The lock file named after the portfolio's identity (device and inode), which every hard
    link of the file shares; None when the file does not exist yet."""
    try:
        info = os.stat(db_path)
    except OSError:
        return None
    return _lock_folder() / f"{info.st_dev:x}-{info.st_ino:x}{LOCK_SUFFIX}"


def _lock_folder() -> Path:
    """This user's own folder of identity locks, in reviewdesk's data folder."""
    folder = data_dir() / "locks"
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def try_lock(db_path: Path) -> WindowLock | None:
    """Take the window lock without waiting; None when another window (or restore) holds it,
    through any name of the file, or when no lock file can be made beside the portfolio (a
    read-only folder: the caller opens the file read-only anyway)."""
    beside = try_lock_file(lock_path(db_path))
    if beside is None:
        return None
    identity = identity_lock_path(db_path)
    if identity is None:
        return beside
    try:
        by_identity = _acquire(identity)
    except OSError:
        # No lock folder of the user's own (no writable home): the lock beside the file is
        # still held; only a second hard link of the file would get past it.
        return beside
    if by_identity is None:  # held through another hard link
        beside.release()
        return None
    return beside.joined(by_identity)


def try_lock_file(path: Path | str) -> WindowLock | None:
    """Take the lock on ``path`` (created if missing) without waiting; None when another holder
    has it - another process or another lock in this one - or the file cannot be made."""
    try:
        return _acquire(path)
    except OSError:
        return None


def _acquire(path: Path | str) -> WindowLock | None:
    """As :func:`try_lock_file`, but a lock file that cannot be made raises the OSError."""
    folder = Path(path).parent
    if not folder.is_dir():  # filelock would create it
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(folder))
    from filelock import FileLock, Timeout

    lock = FileLock(os.fspath(path), timeout=0, mode=_MODE, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        return None
    return WindowLock(lock)


# ---- temporary files ---------------------------------------------------------------------


class TempFile:
    """A temporary file held open for writing: ``fd``, ``path``; unpacks as ``(fd, path)``.

    :meth:`close` closes the descriptor before the caller renames or links the file into place:
    Windows refuses to rename or delete a file this process still has open. Closing twice is
    harmless (the descriptor number is never closed again once another file may have it).
    """

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    @property
    def fd(self) -> int:
        if self._fd is None:
            raise ValueError(f"{self.path}: already closed")
        return self._fd

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def __iter__(self) -> Iterator[int | Path]:
        return iter((self.fd, self.path))


@contextlib.contextmanager
def held_temp(target: Path, suffix: str) -> Iterator[TempFile]:
    """A new temporary file ``.NAME.<random>SUFFIX`` beside ``target``, open for writing.

    Its lock file is taken first, then the file is created (O_EXCL), so a cleaner never sees it
    unlocked - not even once it is closed, which the lock outlives. On leaving, the file (and
    SQLite's -wal/-shm/-journal of it) is removed unless the caller renamed it away, then the
    lock file.
    """
    held, handle = new_temp(target, suffix)
    try:
        yield handle
    finally:
        discard_temp(held, handle)


def new_temp(target: Path, suffix: str) -> tuple[WindowLock, TempFile]:
    """:func:`held_temp` without the ``with``: the held lock and the open temporary file, for a
    caller that keeps them past one block; :func:`discard_temp` ends both."""
    import secrets  # not with every command that opens a file

    folder = Path(target).parent
    for _attempt in range(100):
        temp = folder / f".{Path(target).name}.{secrets.token_hex(6)}{suffix}"
        held = _acquire(f"{temp}{LOCK_SUFFIX}")  # an unwritable folder raises here
        if held is None:  # that name is in use: take another
            continue
        try:
            flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(temp, flags | getattr(os, "O_NOINHERIT", 0), 0o600)
        except FileExistsError:
            held.release(remove=True)
            continue
        except BaseException:
            held.release(remove=True)
            raise
        return held, TempFile(fd, temp)
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def discard_temp(held: WindowLock, temp: TempFile) -> None:
    """Close and remove the temporary file (unless it was renamed away), then its lock file."""
    temp.close()
    _unlink_with_sqlite_files(temp.path)
    held.release(remove=True)


def remove_stale(target: Path, suffix: str) -> None:
    """Delete ``.NAME.*SUFFIX`` temporary files beside ``target`` whose writer is gone: those
    whose lock file can be taken (a file from before lock files counts the same)."""
    folder = Path(target).parent
    pattern = f".{_glob_escape(target.name)}.*{suffix}"
    try:
        temps = {p.name for p in folder.glob(pattern)}
        locks = {p.name[: -len(LOCK_SUFFIX)] for p in folder.glob(pattern + LOCK_SUFFIX)}
    except OSError:
        return
    for name in sorted(temps | locks):
        held = try_lock_file(folder / (name + LOCK_SUFFIX))
        if held is None:
            continue  # a live writer holds it (or the folder is read-only)
        try:
            _unlink_with_sqlite_files(folder / name)
        finally:
            held.release(remove=True)


def _unlink_with_sqlite_files(temp: Path) -> None:
    for leftover in (temp, *(Path(f"{temp}{end}") for end in ("-wal", "-shm", "-journal"))):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)
