"""Write PDF bytes to a file atomically: whole new file or the old one untouched."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

from reviewdesk.record.errors import StorageError

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


def write_pdf(data: bytes, target: Path) -> str:
    """Write ``data`` to ``target`` via a synced temp file and rename; return its SHA-256 hex."""
    target = Path(target)
    digest = hashlib.sha256(data).hexdigest()
    temp: str | None = None
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
        os.replace(temp, target)
        temp = None
        _sync_folder(target.parent)
    except OSError as exc:
        problem = exc.strerror or str(exc) or type(exc).__name__
        raise StorageError(f"cannot write {target}: {problem}") from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return digest


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
