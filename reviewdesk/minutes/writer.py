"""Write PDF bytes to a file atomically: whole new file or the old one untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reviewdesk.store.files import write_atomically


def write_pdf(data: bytes, target: Path) -> str:
    """Write ``data`` to ``target`` via a synced temp file and rename; return its SHA-256 hex.

    Raises StorageError (one line naming the target) when it cannot be written.
    """
    write_atomically(Path(target), data)
    return hashlib.sha256(data).hexdigest()
