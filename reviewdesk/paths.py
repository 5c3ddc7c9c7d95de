"""Where reviewdesk keeps its files: the one place that knows the default portfolio path."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "reviewdesk"
DB_FILENAME = "reviewdesk.sqlite"
DATA_ENV = "REVIEWDESK_DATA"  # a folder: the smoke test keeps everything in its scratch folder


def data_dir() -> Path:
    """The per-user data folder, as Qt's AppDataLocation names it on each platform (or the
    folder ``REVIEWDESK_DATA`` names)."""
    if own := os.environ.get(DATA_ENV):
        return Path(own)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_NAME


def cache_dir() -> Path:
    """The per-user cache folder (what may be deleted at any time: parsed fonts), as Qt's
    CacheLocation names it on each platform (under the ``REVIEWDESK_DATA`` folder when set)."""
    if own := os.environ.get(DATA_ENV):
        return Path(own) / "cache"
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / APP_NAME / "cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / APP_NAME
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / APP_NAME


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def resolve_db(db: str | os.PathLike[str] | None) -> Path:
    """The portfolio to use: ``--db`` when given, else the default file."""
    return Path(db).expanduser() if db else default_db_path()


def templates_dir(db_path: Path) -> Path:
    """User agenda templates live in ``templates/`` beside the database."""
    return db_path.parent / "templates"


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"
