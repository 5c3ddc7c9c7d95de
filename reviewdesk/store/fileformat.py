"""Telling a reviewdesk portfolio from anything else before a single byte is written."""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from reviewdesk.record.errors import FileRefused
from reviewdesk.store.schema import (
    APPLICATION_ID,
    current_version,
    expected_schema,
    schema_objects,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class FileInfo:
    path: Path
    exists: bool
    user_version: int = 0
    writable: bool = True


def _uri(path: Path, mode: str) -> str:
    return Path(path).resolve().as_uri() + f"?mode={mode}"


def inspect_file(path: Path, *, quick_check: bool = False) -> FileInfo:
    """Check a portfolio file read-only; raise FileRefused saying what it is if it is not ours.

    The header and the schema are checked (cheap); SQLite's page check reads the whole file
    and runs only when asked (``quick_check=True``: a backup about to be restored).
    """
    path = Path(path)
    if not path.exists():
        if path.is_symlink():
            raise FileRefused(f"{path}: is a link to a missing file, not a reviewdesk portfolio")
        return FileInfo(path, exists=False, writable=os.access(_existing_parent(path), os.W_OK))
    if path.is_dir():
        raise FileRefused(f"{path}: is a folder, not a reviewdesk portfolio")
    header = _read_header(path)
    if not header:
        raise FileRefused(f"{path}: the file is empty, not a reviewdesk portfolio")
    if not header.startswith(SQLITE_MAGIC):
        raise FileRefused(f"{path}: not an SQLite file, so not a reviewdesk portfolio")
    if len(header) < 100:
        raise FileRefused(f"{path}: the SQLite file is corrupt (truncated header)")
    app_id = int.from_bytes(header[68:72], "big")
    user_version = int.from_bytes(header[60:64], "big")
    if app_id != APPLICATION_ID:
        raise FileRefused(
            f"{path}: another application's SQLite file (application_id {app_id:#x}), "
            "not a reviewdesk portfolio"
        )
    if user_version > current_version():
        raise FileRefused(
            f"{path}: made by a newer reviewdesk (file format {user_version}; this version "
            f"reads up to {current_version()}); update reviewdesk to open it"
        )
    _check_contents(path, header, user_version, quick_check)
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return FileInfo(path, exists=True, user_version=user_version, writable=writable)


def _read_header(path: Path) -> bytes:
    """The first 100 bytes of a regular file; a device, pipe or socket is refused unread."""
    try:
        # O_NONBLOCK: opening a pipe must not wait for a writer that never comes
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise FileRefused(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileRefused(
                f"{path}: is not a regular file (a device, pipe or socket), "
                "not a reviewdesk portfolio"
            )
        return os.pread(fd, 100, 0)
    except OSError as exc:
        raise FileRefused(f"{path}: cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)


def _existing_parent(path: Path) -> Path:
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


def _check_contents(path: Path, header: bytes, user_version: int, quick_check: bool) -> None:
    """Integrity and schema checks through a read-only connection.

    ``quick_check=True`` adds SQLite's page-by-page check (O(file size): 1.5 s for 400 MB);
    the window runs it in the background once a day, ``reviewdesk check`` on demand.
    """
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    size = path.stat().st_size
    if page_size and pages and size < page_size * pages and not _has_wal(path):
        raise FileRefused(
            f"{path}: the file is corrupt (truncated: {size} of {page_size * pages} bytes)"
        )
    try:
        conn = open_readonly(path)
    except sqlite3.Error as exc:
        raise FileRefused(f"{path}: the file is corrupt ({exc})") from None
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        verdict = conn.execute("PRAGMA quick_check").fetchall() if quick_check else [("ok",)]
        if verdict != [("ok",)]:
            raise FileRefused(f"{path}: the file is corrupt ({verdict[0][0]})")
        found = schema_objects(conn)
        expected = expected_schema(user_version)
        strange = sorted(found - expected)
        if strange:
            kind, name, _ = strange[0]
            raise FileRefused(
                f"{path}: holds {'an' if kind[0] in 'aeiou' else 'a'} {kind} '{name}' that "
                "reviewdesk does not create; "
                "refused for safety"
            )
        missing = sorted(expected - found)
        if missing:
            kind, name, _ = missing[0]
            raise FileRefused(f"{path}: the file is damaged (its {kind} '{name}' is missing)")
    except sqlite3.DatabaseError as exc:
        raise FileRefused(f"{path}: the file is corrupt ({exc})") from None
    finally:
        conn.close()


def _has_wal(path: Path) -> bool:
    wal = Path(str(path) + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection, also for a file on a read-only disk or in a read-only folder.

    Reading a WAL-mode file needs its ``-shm`` index beside it; where the folder cannot hold one
    and no ``-wal`` file exists, the main file is the whole database and is opened immutable.
    """
    conn = sqlite3.connect(_uri(path, "ro"), uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        folder_writable = os.access(Path(path).resolve().parent, os.W_OK)
        if folder_writable or "unable to open" not in str(exc):
            raise
    if Path(str(path) + "-wal").exists():
        raise FileRefused(
            f"{path}: cannot be read: its folder is read-only and its last changes are still "
            "in the -wal file beside it; open it once where the folder is writable"
        )
    return sqlite3.connect(_uri(path, "ro") + "&immutable=1", uri=True, check_same_thread=False)


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the portfolio's pragmas; the file must have passed inspect_file."""
    conn = open_readonly(path) if readonly else sqlite3.connect(str(path), check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # inspect_file() checked with trusted_schema OFF that the schema is exactly the one this
    # build creates; the search index's own FTS5 triggers need it ON to run.
    conn.execute("PRAGMA trusted_schema=ON")
    conn.execute("PRAGMA foreign_keys=ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
    return conn


def create_empty(path: Path) -> None:
    """Create the file readable by its owner only (0600) before SQLite writes to it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


SIDE_FILES = ("-wal", "-shm", "-journal", ".lock")


def own_files(db_path: Path) -> set[Path]:
    """The portfolio file and the files SQLite and reviewdesk keep beside it (resolved)."""
    db = Path(db_path).resolve()
    return {db, *(db.with_name(db.name + suffix) for suffix in SIDE_FILES)}
