"""Writing output files whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from reviewdesk.record.errors import StorageError


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file beside ``target``, fsync, then rename it into place.

    A failure leaves no partial file and never touches an existing ``target``.
    """
    target = Path(target)
    if target.is_dir():
        raise StorageError(f"cannot write {target}: it is a folder")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise StorageError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StorageError(f"cannot write {target}: {exc.strerror or exc}") from None
