"""Writing output files whole or not at all, and cleaning up after a writer that was killed."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from reviewdesk.record.errors import StorageError
from reviewdesk.store.locking import TempFile, held_temp, remove_stale

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
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "Is a directory")
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
        raise StorageError(f"cannot write {target}: {problem}") from None


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all (see :func:`atomic_output`)."""
    with atomic_output(target) as out:
        out.write(data)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)
