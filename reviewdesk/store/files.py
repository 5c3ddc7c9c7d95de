"""Writing output files whole or not at all, and cleaning up after a writer that was killed."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from reviewdesk.record.errors import InputRefused, StorageError
from reviewdesk.record.limits import size_text
from reviewdesk.store import open_guard
from reviewdesk.store.locking import (
    TempFile,
    WindowLock,
    discard_temp,
    held_temp,
    new_temp,
    remove_stale,
)

DEFAULT_UMASK = 0o022


def _umask() -> int:
    """The process umask, read without changing it (Linux), else the usual 022."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return DEFAULT_UMASK


@contextlib.contextmanager
def locked_temp(target: Path, suffix: str, mode: int | None = None) -> Iterator[TempFile]:
    """A new temporary file beside ``target``, locked while it is being written.

    Temporary files of the same target that nobody holds locked were left by a writer that died
    (a kill, a power cut); they are removed first. On leaving, the temporary file is removed
    unless the caller renamed it away. It unpacks as ``(fd, path)``; close it (``.close()``)
    before renaming it: Windows renames no open file. (The lock is a lock file beside it, which
    outlives the descriptor: store.locking.)
    """
    remove_stale_temps(target, suffix)
    with held_temp(target, suffix) as temp:
        if mode is not None:
            os.chmod(temp.path, mode)  # os.fchmod is POSIX-only before Python 3.13
        yield temp


def remove_stale_temps(target: Path, suffix: str) -> None:
    """Delete ``.NAME.*SUFFIX`` files beside ``target`` that no live writer holds locked."""
    remove_stale(target, suffix)


class _FdWriter(io.RawIOBase):
    """Raw writes to a temporary file this module owns; none once it is closed (a buffer
    flushed late can never reach another file that has since been given the same number)."""

    def __init__(self, temp: TempFile) -> None:
        self._temp = temp

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # noqa: ANN001 - any bytes-like object
        return os.write(self._temp.fd, data)


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``target`` through: on a clean exit it is synced and renamed into
    place; on any failure no partial file is left and an existing ``target`` is untouched.

    Raises StorageError with one line naming the target and the problem.
    """
    target = Path(target)
    shown = target
    try:
        target = writable_target(target)
        with locked_temp(target, ".part", 0o666 & ~_umask()) as temp:
            out = io.BufferedWriter(_FdWriter(temp), buffer_size=1 << 16)
            yield out
            out.flush()
            os.fsync(temp.fd)
            temp.close()  # before the rename: Windows renames no open file
            os.replace(temp.path, target)
        _sync_folder(target.parent)
    except OSError as exc:
        problem = exc.strerror or str(exc) or type(exc).__name__
        raise StorageError(f"cannot write {shown}: {problem}") from None


def writable_target(target: Path) -> Path:
    """The file writing ``target`` replaces: ``target`` itself, or the file a link there points
    to (so the link stays). Only a new file, or an existing regular file of this user's that is
    not read-only, may be written; anything else — a folder, a device, a pipe, a read-only file,
    another user's file, a link to any of these or to nothing — raises StorageError in one line.
    """
    target = Path(target)
    try:
        info = os.stat(target)  # through links
    except FileNotFoundError:
        if target.is_symlink():
            raise StorageError(f"cannot write {target}: it is a link to a missing file") from None
        return target  # a new file (a missing folder is reported when it is written)
    except OSError as exc:
        raise StorageError(f"cannot write {target}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise StorageError(f"cannot write {target}: Is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise StorageError(
            f"cannot write {target}: it is not a regular file (a device, pipe or socket)"
        )
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        raise StorageError(f"cannot write {target}: it belongs to another user")
    if not info.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise StorageError(f"cannot write {target}: the file is read-only")
    return target.resolve() if target.is_symlink() else target


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all (see :func:`atomic_output`)."""
    with atomic_output(target) as out:
        out.write(data)


class StagedFile:
    """A file written whole and synced beside its target, not yet in place.

    :meth:`land` renames it over the target; :meth:`discard` (or dropping the object, or the
    process ending — the next writer clears what a killed one left) removes it. Between the two
    the caller may do what must happen first, such as logging the export in the portfolio. The
    file is closed once written (Windows renames no open file); its lock file stays held until
    it lands or is discarded, so no cleaner takes it for a dead writer's.
    """

    def __init__(self, shown: Path, target: Path, held: WindowLock, temp: TempFile) -> None:
        self.shown, self.target = shown, target
        self._held, self._temp = held, temp
        self._cleanup = weakref.finalize(self, discard_temp, held, temp)

    def land(self) -> None:
        """Put the file in place (the target is checked again); StorageError if it cannot be."""
        try:
            writable_target(self.target)
            os.replace(self._temp.path, self.target)
        except OSError as exc:
            self.discard()
            problem = exc.strerror or str(exc) or type(exc).__name__
            raise StorageError(f"cannot write {self.shown}: {problem}") from None
        except StorageError:
            self.discard()
            raise
        self._cleanup.detach()
        self._held.release(remove=True)
        _sync_folder(self.target.parent)

    def discard(self) -> None:
        self._cleanup()


def stage_file(target: Path, data: bytes) -> StagedFile:
    """Write ``data`` whole beside ``target`` for :meth:`StagedFile.land` to put in place.

    The target is checked first (:func:`writable_target`); a failure (a full disk) raises
    StorageError in one line and leaves nothing behind.
    """
    shown = Path(target)
    real = writable_target(shown)
    try:
        remove_stale_temps(real, ".part")
        held, temp = new_temp(real, ".part")
    except OSError as exc:
        raise StorageError(f"cannot write {shown}: {exc.strerror or exc}") from None
    staged = StagedFile(shown, real, held, temp)
    try:
        os.chmod(temp.path, 0o666 & ~_umask())  # os.fchmod is POSIX-only before Python 3.13
        view = memoryview(data)
        while view:
            view = view[os.write(temp.fd, view) :]
        os.fsync(temp.fd)
        temp.close()  # before the rename: Windows renames no open file
    except OSError as exc:
        staged.discard()
        raise StorageError(f"cannot write {shown}: {exc.strerror or exc}") from None
    return staged


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)


def read_input(path: Path | str, limit: int, what: str = "file") -> bytes:
    """The bytes of a file given to reviewdesk: a regular file of at most ``limit`` bytes.

    A device (``/dev/zero``), a pipe, a socket or a folder is refused unread — opening does not
    wait for a pipe's writer — and so is a file beyond ``limit``; reading stops there even if the
    file grows meanwhile. Raises InputRefused with one line naming the file and the problem.
    """
    if open_guard.is_held(path):  # reading it outside SQLite would drop SQLite's locks on it
        raise InputRefused(f"{path}: is an open portfolio, not a {what}")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputRefused(f"{path}: cannot read ({exc.strerror or exc})") from None
    too_big = f"{path}: is larger than {size_text(limit)}, the most a {what} may be"
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputRefused(f"{path}: is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(f"{path}: is not a regular file (a device, pipe or socket)")
        if info.st_size > limit:
            raise InputRefused(too_big)
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputRefused(too_big)
        return b"".join(chunks)
    except OSError as exc:
        raise InputRefused(f"{path}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, limit: int, what: str, name: str = "standard input") -> bytes:
    """At most ``limit`` bytes from an open stream (standard input), else InputRefused."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputRefused(f"{name}: is larger than {size_text(limit)}, the most a {what} may be")
    return data
