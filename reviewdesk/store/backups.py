"""Rolling backups of the portfolio with SQLite's online backup API."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reviewdesk.paths import backups_dir

KEEP = 10
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d{6}Z)-(?P<reason>[a-z0-9-]+)\.sqlite$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def take_backup(conn: sqlite3.Connection, db_path: Path, reason: str) -> Path:
    """Copy the open database to ``backups/`` (0600) and keep the newest KEEP copies."""
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "backup"
    target = folder / f"{db_path.stem}-{_stamp(dt.datetime.now(dt.UTC))}-{slug}.sqlite"
    tmp = target.with_suffix(".partial")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    dest = sqlite3.connect(str(tmp))
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()
    os.replace(tmp, target)
    prune(db_path)
    return target


def list_backups(db_path: Path) -> list[Backup]:
    """This portfolio's backups, newest first."""
    folder = backups_dir(db_path)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            m = _NAME.match(path.name)
            if m and m["stem"] == db_path.stem:
                taken = dt.datetime.strptime(m["stamp"], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
                found.append(Backup(path, taken, m["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def prune(db_path: Path, keep: int = KEEP) -> None:
    for old in list_backups(db_path)[keep:]:
        old.path.unlink(missing_ok=True)


def restore_backup(backup: Path, db_path: Path) -> Path:
    """Replace the portfolio's contents with a backup's; the current state is backed up first.

    The backup is checked like any portfolio before anything is written. Returns the path of the
    safety copy of what was there before.
    """
    from reviewdesk.store import fileformat

    info = fileformat.inspect_file(backup)
    if not info.exists:
        raise fileformat.FileRefused(f"{backup}: no such backup")
    source = fileformat.connect(backup, readonly=True)
    try:
        target = fileformat.connect(db_path)
        try:
            safety = take_backup(target, db_path, "before-restore")
            source.backup(target)
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
    finally:
        source.close()
    return safety
