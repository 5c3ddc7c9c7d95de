"""Telling a reviewdesk portfolio from anything else before a single byte is written."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections import namedtuple
from pathlib import Path

from reviewdesk.record.errors import FileRefused
from reviewdesk.store import errors, open_guard
from reviewdesk.store.schema import (
    APPLICATION_ID,
    current_version,
    schema_objects,
    unexpected_objects,
)

SQLITE_MAGIC = b"SQLite format 3\x00"
READ_ONLY = "the file or its folder is read-only"
BUSY_TIMEOUT_MS = 5000


# What inspect_file found: path (Path), exists, user_version (int), writable, readonly_reason
# (why it can only be viewed: a read-only folder, a full disk; "" when writable). namedtuples
# are made at every start: a tenth of a frozen dataclass's cost, half of typing.NamedTuple's.
FileInfo = namedtuple(
    "FileInfo",
    ("path", "exists", "user_version", "writable", "readonly_reason"),
    defaults=(0, True, ""),
)
# What the 100-byte SQLite header says: app_id, user_version, page_size, pages (ints; page_size
# and pages 0: not known, no size check).
_Header = namedtuple("_Header", ("app_id", "user_version", "page_size", "pages"), defaults=(0, 0))


def _uri(path: Path, mode: str) -> str:
    return Path(path).resolve().as_uri() + f"?mode={mode}"


def inspect_file(path: Path, *, quick_check: bool = False) -> FileInfo:
    """Check a portfolio file read-only; raise FileRefused saying what it is if it is not ours.

    The header and the schema are checked (cheap); SQLite's page check reads the whole file
    and runs only when asked (``quick_check=True``: a backup about to be restored).

    Nothing but SQLite opens a file that SQLite already holds open in this process (the
    window's portfolio): closing another descriptor would drop SQLite's locks. So the file is
    looked at with ``stat`` first (a device, pipe or socket is refused unread), and the header
    of a file this process holds (open_guard) is read through an SQLite connection — as is the
    header of a file with a WAL, whose newest header may still be in the WAL.
    """
    path = Path(path)
    if not path.exists():
        if path.is_symlink():
            raise FileRefused(f"{path}: is a link to a missing file, not a reviewdesk portfolio")
        return FileInfo(path, exists=False, writable=os.access(_existing_parent(path), os.W_OK))
    if path.is_dir():
        raise FileRefused(f"{path}: is a folder, not a reviewdesk portfolio")
    try:
        st = os.stat(path)
    except OSError as exc:
        raise FileRefused(f"{path}: cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise FileRefused(
            f"{path}: is not a regular file (a device, pipe or socket), not a reviewdesk portfolio"
        )
    if st.st_size == 0:
        raise FileRefused(f"{path}: the file is empty, not a reviewdesk portfolio")
    if open_guard.is_held(path):
        header = _header_through_sqlite(path)
    else:
        header = _read_header(path)
        if _has_wal(path):  # the WAL may hold a newer header (an upgrade not yet checkpointed)
            header = _header_through_sqlite(path)
    if header.app_id != APPLICATION_ID:
        raise FileRefused(
            f"{path}: another application's SQLite file (application_id {header.app_id:#x}), "
            "not a reviewdesk portfolio"
        )
    if header.user_version > current_version():
        raise FileRefused(
            f"{path}: made by a newer reviewdesk (file format {header.user_version}; this "
            f"version reads up to {current_version()}); update reviewdesk to open it"
        )
    reason = _check_contents(path, header, quick_check)
    if not reason and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        reason = READ_ONLY
    return FileInfo(
        path,
        exists=True,
        user_version=header.user_version,
        writable=not reason,
        readonly_reason=reason,
    )


def _read_header(path: Path) -> _Header:
    """The header of a regular file that SQLite does not hold open in this process."""
    try:
        # O_NONBLOCK: opening a pipe must not wait for a writer that never comes
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileRefused(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileRefused(
                f"{path}: is not a regular file (a device, pipe or socket), "
                "not a reviewdesk portfolio"
            )
        header = os.read(fd, 100)  # a fresh descriptor reads from the start (no pread on Windows)
    except OSError as exc:
        raise FileRefused(f"{path}: cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)
    if not header:
        raise FileRefused(f"{path}: the file is empty, not a reviewdesk portfolio")
    if not header.startswith(SQLITE_MAGIC):
        raise FileRefused(f"{path}: not an SQLite file, so not a reviewdesk portfolio")
    if len(header) < 100:
        raise FileRefused(f"{path}: the SQLite file is corrupt (truncated header)")
    page_size = int.from_bytes(header[16:18], "big")
    return _Header(
        app_id=int.from_bytes(header[68:72], "big"),
        user_version=int.from_bytes(header[60:64], "big"),
        page_size=65536 if page_size == 1 else page_size,
        pages=int.from_bytes(header[28:32], "big"),
    )


def _header_through_sqlite(path: Path) -> _Header:
    """The header fields of a file this process holds open, asked of SQLite (whose own opens
    share the held file's locks) instead of read with a descriptor of our own."""
    try:
        conn = open_readonly(path)
    except sqlite3.Error as exc:
        raise FileRefused(f"{path}: the file is corrupt ({exc})") from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise FileRefused(f"{path}: the file is corrupt ({exc})") from None
    finally:
        conn.close()
    return _Header(app_id=app_id & 0xFFFFFFFF, user_version=user_version & 0xFFFFFFFF)


def _existing_parent(path: Path) -> Path:
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


def _check_contents(path: Path, header: _Header, quick_check: bool) -> str:
    """Integrity and schema checks through a read-only connection; returns why the file can
    only be viewed ("" when nothing stops it being written).

    ``quick_check=True`` adds SQLite's page-by-page check (O(file size): 1.5 s for 400 MB);
    the window runs it in the background once a day, ``reviewdesk check`` on demand.
    """
    page_size, pages = header.page_size, header.pages
    size = path.stat().st_size
    if page_size and pages and size < page_size * pages and not _has_wal(path):
        raise FileRefused(
            f"{path}: the file is corrupt (truncated: {size} of {page_size * pages} bytes)"
        )
    try:
        conn, reason = open_for_reading(path)
    except sqlite3.Error as exc:
        raise FileRefused(f"{path}: {errors.open_problem(exc, path)}") from None
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        verdict = conn.execute("PRAGMA quick_check").fetchall() if quick_check else [("ok",)]
        if verdict != [("ok",)]:
            raise FileRefused(f"{path}: the file is corrupt ({verdict[0][0]})")
        strange, missing = unexpected_objects(schema_objects(conn), header.user_version)
        if strange:
            kind, name, _table, _sql = strange[0]
            raise FileRefused(
                f"{path}: holds {'an' if kind[0] in 'aeiou' else 'a'} {kind} {name!r} that "
                "reviewdesk does not create; refused for safety"
            )
        if missing:
            kind, name, _table, _sql = missing[0]
            raise FileRefused(f"{path}: the file is damaged (its {kind} '{name}' is missing)")
    except sqlite3.DatabaseError as exc:
        raise FileRefused(f"{path}: {errors.open_problem(exc, path)}") from None
    finally:
        conn.close()
    return reason


def _has_wal(path: Path) -> bool:
    wal = Path(str(path) + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection, also for a file in a read-only folder or on a full disk."""
    return open_for_reading(path)[0]


def open_for_reading(path: Path) -> tuple[sqlite3.Connection, str]:
    """A read-only connection, and why the file can only be viewed ("" when nothing stops it
    being written).

    Reading a WAL-mode file needs its ``-shm`` index beside it. Where SQLite cannot make one —
    the folder is not writable, or the disk is full (told apart by SQLite's error codes) — and
    no changes are waiting in a ``-wal`` file, the main file is the whole database and is opened
    immutable, for viewing.
    """
    conn = None
    try:
        conn = sqlite3.connect(_uri(path, "ro"), uri=True, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        return conn, ""
    except sqlite3.OperationalError as exc:
        if conn is not None:
            conn.close()
        if errors.is_full(exc, path):
            reason, why = "the disk is full", "the disk is full"
            advice = "free some space and open it again"
        elif errors.is_read_only(exc) or _name(exc).startswith("SQLITE_CANTOPEN"):
            if os.access(Path(path).resolve().parent, os.W_OK) and not errors.is_read_only(exc):
                raise
            reason, why = READ_ONLY, "its folder is read-only"
            advice = "open it once where the folder is writable"
        else:
            raise
    if _has_wal(path):
        raise FileRefused(
            f"{path}: cannot be read: {why} and its last changes are still in the -wal file "
            f"beside it; {advice}"
        )
    immutable = sqlite3.connect(
        _uri(path, "ro") + "&immutable=1", uri=True, check_same_thread=False
    )
    return immutable, reason


def _name(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


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


SIDE_FILES = ("-wal", "-shm", "-journal", ".lock")


def own_files(db_path: Path) -> set[Path]:
    """The portfolio file and the files SQLite and reviewdesk keep beside it (resolved)."""
    db = Path(db_path).resolve()
    return {db, *(db.with_name(db.name + suffix) for suffix in SIDE_FILES)}
