"""Rolling backups of the portfolio with SQLite's online backup API."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from reviewdesk.paths import backups_dir
from reviewdesk.record.errors import FileRefused, StorageError

KEEP = 10
STALE_PARTIAL_SECONDS = 3600  # a half-written copy this old was left by a crash
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d{6}Z)-(?P<reason>[a-z0-9-]+)\.sqlite$")


@dataclass(frozen=True)
class Backup:
    """A backup copy of the portfolio: where, when, why and how large."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def take_backup(
    conn: sqlite3.Connection, db_path: Path, reason: str, *, keep_also: Path | None = None
) -> Path:
    """Copy the open database to ``backups/`` (0600) and keep the newest KEEP copies.

    ``keep_also`` is never pruned (the backup being restored). A copy that cannot be made (disk
    full, no folder) raises StorageError and leaves no file.
    """
    folder = backups_dir(db_path)
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "backup"
    target = folder / f"{db_path.stem}-{_stamp(dt.datetime.now(dt.UTC))}-{slug}.sqlite"
    tmp = target.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        dest = sqlite3.connect(str(tmp))
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
        # Make room before the new copy appears, so a kill at any moment leaves at most KEEP
        # listed copies; a copy that failed above has pruned nothing.
        prune(db_path, KEEP - 1, keep_also=keep_also)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        problem = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
        raise StorageError(
            f"could not take a backup in {folder} ({problem}); nothing was changed"
        ) from None
    return target


def backup_reason_text(reason: str) -> str:
    """'before-signoff-m5' as a person reads it: 'before meeting 5 was signed off'."""
    if m := re.fullmatch(r"before-signoff-m(\d+)", reason):
        return f"before meeting {m[1]} was signed off"
    if m := re.fullmatch(r"before-migration-v(\d+)", reason):
        return f"before the upgrade to file format {m[1]}"
    if reason == "before-restore":
        return "before a restore from backup"
    return reason.replace("-", " ")


def list_backups(db_path: Path) -> list[Backup]:
    """This portfolio's backups, newest first.

    Only regular files named as reviewdesk names its copies count: anything else in the folder
    (another file, a name with an impossible time, a folder, a link, a pipe) is ignored, and a
    link is never followed.
    """
    found = []
    for entry in _entries(backups_dir(db_path)):
        m = _NAME.match(entry.name)
        if not m or m["stem"] != db_path.stem:
            continue
        try:
            taken = dt.datetime.strptime(m["stamp"], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
            size = _regular_size(entry)
        except (ValueError, OSError):  # an impossible time; gone or changed meanwhile
            continue
        if size is not None:
            found.append(Backup(Path(entry.path), taken, m["reason"], size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError:  # no folder yet, or not a folder
        return []


def _regular_size(entry: os.DirEntry) -> int | None:
    """The size of a regular file, None for a link, folder, pipe or device (never followed)."""
    info = entry.stat(follow_symlinks=False)
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def prune(db_path: Path, keep: int = KEEP, *, keep_also: Path | None = None) -> None:
    """Keep the newest ``keep`` backups; drop half-written copies a crash left long ago."""
    spared = keep_also.resolve() if keep_also else None
    for old in list_backups(db_path)[keep:]:
        if old.path.resolve() != spared:
            with contextlib.suppress(OSError):
                old.path.unlink()
    now = time.time()
    prefix = f"{db_path.stem}-"
    for entry in _entries(backups_dir(db_path)):
        if not (entry.name.startswith(prefix) and entry.name.endswith(".partial")):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_PARTIAL_SECONDS:
                os.unlink(entry.path)


def restore_backup(backup: Path, db_path: Path) -> Path:
    """Replace the portfolio's contents with a backup's; the current state is backed up first.

    The backup is checked like any portfolio, and page by page, before anything is written.
    Returns the path of the safety copy of what was there before. Every failure is one line
    (FileRefused or StorageError), the portfolio left as it was.
    """
    from reviewdesk.store import fileformat
    from reviewdesk.store.locking import try_lock

    info = fileformat.inspect_file(backup, quick_check=True)
    if not info.exists:
        raise FileRefused(f"{backup}: no such backup")
    lock = try_lock(db_path)  # held while restoring, so no window opens it for writing
    if lock is None and os.access(db_path.parent, os.W_OK):
        raise StorageError(
            f"{db_path}: is open in a reviewdesk window; close it before restoring a backup"
        )
    try:
        return _copy_back(fileformat, backup, db_path)
    finally:
        if lock is not None:
            lock.release()


def _copy_back(fileformat, backup: Path, db_path: Path) -> Path:
    """Copy the backup over the portfolio, holding the write lock from the safety copy on.

    SQLite's backup API takes the portfolio's write lock at its first step and keeps it until
    the copy is committed. The safety copy is taken right after that first step, through a
    second connection that still reads the last committed state: so no other program can commit
    between the safety copy and the restored contents — every write it was told had been saved
    is in one or the other.
    """
    safety: list[Path] = []

    def after_step(status: int, remaining: int, total: int) -> None:
        if status == sqlite3.SQLITE_OK and not safety:
            reader = fileformat.connect(db_path, readonly=True)
            try:
                safety.append(take_backup(reader, db_path, "before-restore", keep_also=backup))
            finally:
                reader.close()

    try:
        source = fileformat.connect(backup, readonly=True)
    except sqlite3.Error as exc:
        raise FileRefused(f"{backup}: cannot be read ({exc})") from None
    try:
        target = fileformat.connect(db_path)
        try:
            # Python's backup() retries a busy file forever: wait for it to be free first (the
            # busy timeout, then "database is locked").
            target.execute("BEGIN IMMEDIATE")
            target.execute("ROLLBACK")
            # One page a step: the lock is held from the first step, and the copy is not yet
            # committed when the safety copy is taken.
            source.backup(target, pages=1, progress=after_step)
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise StorageError(
            f"{db_path}: could not be restored ({exc}); the portfolio was left as it was"
        ) from None
    finally:
        source.close()
    if not safety:
        raise StorageError(f"{db_path}: could not be restored; the portfolio was left as it was")
    return safety[0]
