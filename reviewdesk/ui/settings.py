"""Window geometry, recent files, text scale and paper size, kept in QSettings."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "reviewdesk"
APPLICATION = "reviewdesk"
SETTINGS_ENV = "REVIEWDESK_SETTINGS"  # a file path: tests and portable installs use an ini file
MAX_RECENT = 8


def store() -> QSettings:
    """The settings store (an ini file when REVIEWDESK_SETTINGS names one)."""
    override = os.environ.get(SETTINGS_ENV)
    if override:
        return QSettings(override, QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def recent_files() -> list[Path]:
    value = store().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [Path(v) for v in (value or []) if v]


_recent_lock = threading.Lock()  # the window writes the list from a worker thread


def add_recent_file(path: Path) -> list[Path]:
    """Put ``path`` first in the recent list (no duplicates, at most MAX_RECENT)."""
    path = Path(path).resolve()
    with _recent_lock:
        items = [path, *(p for p in recent_files() if p != path)][:MAX_RECENT]
        s = store()
        s.setValue("recent_files", [str(p) for p in items])
        s.sync()
    return items


def scale() -> float:
    try:
        return float(store().value("text_scale", 1.0))
    except (TypeError, ValueError):
        return 1.0


def set_scale(value: float) -> None:
    s = store()
    s.setValue("text_scale", round(value, 2))
    s.sync()


def geometry() -> bytes | None:
    value = store().value("window_geometry")
    if isinstance(value, QByteArray):
        return bytes(value.data()) or None
    return None


def set_geometry(data: bytes) -> None:
    s = store()
    s.setValue("window_geometry", QByteArray(data))  # a plain Qt type, readable by any build
    s.sync()


def paper() -> str:
    """The minutes' paper: "a4" (default) or "letter", as reviewdesk.minutes names them."""
    value = str(store().value("paper", "a4")).lower()
    return value if value in ("a4", "letter") else "a4"


def set_paper(value: str) -> None:
    s = store()
    s.setValue("paper", value if value in ("a4", "letter") else "a4")
    s.sync()


def _file_key(path: Path) -> str:
    """A settings key for a file: its real path (any spelling or link shares it), hashed."""
    import hashlib

    real = os.path.realpath(os.fspath(path))
    return "checked/" + hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:24]


def last_checked(path: Path) -> str:
    """The day (ISO) SQLite's page check last found ``path`` sound, or ""."""
    return str(store().value(_file_key(path), "") or "")


def set_last_checked(path: Path, day: str) -> None:
    s = store()
    s.setValue(_file_key(path), day)
    s.sync()


def last_folder(kind: str) -> Path | None:
    """The folder a file dialog of this kind ("export", "import", "portfolio") was last left in."""
    value = store().value(f"last_folder/{kind}")
    return Path(str(value)) if value else None


def set_last_folder(kind: str, folder: Path) -> None:
    s = store()
    s.setValue(f"last_folder/{kind}", str(Path(folder)))
    s.sync()
