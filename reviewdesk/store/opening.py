"""Opening a portfolio: check, create, lock, migrate — then hand out a Portfolio."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reviewdesk.record.errors import (
    FileRefused,
)
from reviewdesk.store import fileformat, schema
from reviewdesk.store.errors import is_full, is_read_only, open_problem
from reviewdesk.store.portfolio import Portfolio

T = TypeVar("T")


def open_portfolio(
    path: Path | str,
    *,
    create: bool = True,
    readonly: bool = False,
    exclusive: bool = False,
    quick_check: bool = False,
) -> Portfolio:
    """Open (or create) a portfolio. A file that is not ours raises FileRefused, untouched.

    ``exclusive`` takes an advisory lock so a second window opens the file read-only.
    The header and schema are always checked; SQLite's page check, which reads the whole file,
    only with ``quick_check=True`` (``reviewdesk check`` and the window's daily check run it).
    """
    path = Path(path)
    info = fileformat.inspect_file(path, quick_check=quick_check)
    if not info.exists:
        if not create:
            raise FileRefused(f"{path}: no such portfolio")
        if readonly:
            raise FileRefused(f"{path}: no such portfolio (and opened read-only)")
        _create_new(path)
        info = fileformat.inspect_file(path)
    notice = ""
    lock = None
    if not readonly and not info.writable:
        readonly, notice = True, info.readonly_reason or "the file or its folder is read-only"
    if not readonly and exclusive:
        from reviewdesk.store.locking import try_lock

        lock = try_lock(path)
        if lock is None:
            readonly, notice = True, "the file is open in another reviewdesk window"
    target = schema.current_version()
    if info.user_version < target and readonly:
        why = f" ({notice})" if notice else ""
        raise FileRefused(f"{path}: needs upgrading to file format {target} but is read-only{why}")
    try:
        conn = fileformat.connect(path, readonly=readonly)
    except sqlite3.Error as exc:
        if readonly or info.user_version < target or not (is_full(exc, path) or is_read_only(exc)):
            raise FileRefused(f"{path}: {open_problem(exc, path)}") from None
        # The disk filled or the folder turned read-only since the check: view it instead.
        if lock is not None:
            lock.release()
            lock = None
        readonly, notice = True, open_problem(exc, path)
        try:
            conn = fileformat.connect(path, readonly=True)
        except sqlite3.Error as again:
            raise FileRefused(f"{path}: {open_problem(again, path)}") from None
    try:
        if info.user_version < target:
            from reviewdesk.store.backups import take_backup

            backup = take_backup(conn, path, f"before-migration-v{target}")
            try:
                migrate(conn, info.user_version)
            except sqlite3.Error as exc:
                raise FileRefused(
                    f"{path}: upgrading to file format {target} failed ({exc}); the file "
                    f"is unchanged and a backup is at {backup}"
                ) from None
    except BaseException:
        conn.close()
        raise
    return Portfolio(path, conn, readonly=readonly, notice=notice, lock=lock)


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Apply every pending migration in one transaction; on failure the file is unchanged."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if from_version == 0:
            conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        target = schema.current_version()
        for version in range(from_version, target):
            schema.MIGRATIONS[version](conn)
        if 0 < from_version < schema.SIGNED_RECORDS <= target:
            # data, not schema: run by this build's code on the upgraded file, once
            from reviewdesk.store.signing import keep_signed_records

            keep_signed_records(conn)
        if schema.ROUNDS <= from_version < schema.SCORES_ONCE_PER_PERSON <= target:
            # files that may hold people's ratings get their scores counted again, once
            from reviewdesk.store.scores import refresh_rated_scores

            refresh_rated_scores(conn)
        conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def create_portfolio(path: Path | str, fill: Callable[[Portfolio], T]) -> T:
    """Create a new portfolio holding what ``fill`` writes into it — or nothing at all.

    The file is built beside its target and appears only when ``fill`` has succeeded; on any
    failure no file, no -wal or -shm, and no folder this call made is left. Returns what
    ``fill`` returned. A file already at ``path`` is refused (FileRefused).
    """
    path = Path(path)
    if os.path.lexists(path):
        raise FileRefused(f"{path}: already exists")
    result: list[T] = []

    def filled(tmp: Path) -> None:
        portfolio = Portfolio(tmp, fileformat.connect(tmp), readonly=False)
        try:
            result.append(fill(portfolio))
        finally:
            portfolio.close()

    _create_new(path, filled)
    return result[0]


def _create_new(path: Path, fill: Callable[[Path], None] | None = None) -> None:
    """Build a new portfolio beside the target (``fill`` writes into it), then move it into
    place whole; on failure nothing is left, not even the folders made for it.

    What a killed creation left behind (a locked-by-nobody temporary file) is cleared first.
    """
    from reviewdesk.store.files import locked_temp

    made = _missing_folders(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked_temp(path, ".new", 0o600) as (_fd, tmp):
            conn = sqlite3.connect(tmp)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                migrate(conn, 0)
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            if fill is not None:
                fill(tmp)  # its portfolio checkpoints the -wal into the file when it closes
            try:
                os.link(tmp, path)  # never replaces a file that appeared meanwhile
            except FileExistsError:
                raise FileRefused(
                    f"{path}: appeared while it was being created; try again"
                ) from None
    except BaseException as exc:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty
        if isinstance(exc, OSError):
            problem = exc.strerror or exc
            raise FileRefused(f"{path}: cannot create the portfolio ({problem})") from None
        if isinstance(exc, sqlite3.Error):
            raise FileRefused(f"{path}: cannot create the portfolio ({exc})") from None
        raise


def _missing_folders(folder: Path) -> list[Path]:
    """The folders up to ``folder`` that do not exist yet, outermost first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return list(reversed(missing))
