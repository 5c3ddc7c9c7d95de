"""The open portfolio's connection and its one way of writing: a committed transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sqlite3
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewdesk.record import rules
from reviewdesk.record.errors import (
    NotFound,
    ReadOnlyPortfolio,
    StorageError,
)
from reviewdesk.store import open_guard, sizes
from reviewdesk.store.errors import storage_error

if TYPE_CHECKING:
    import sqlite_utils

    from reviewdesk.store.locking import WindowLock

ACTION_FIELDS = ("text", "owner", "side", "due", "status", "section")
MEETING_FIELDS = ("title", "date", "location", "facilitator", "service")


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def utc_now() -> dt.datetime:
    """Now, to the microsecond: a reopen and an export in the same second still have an order."""
    return dt.datetime.now(dt.UTC)


class PortfolioBase:
    """An open portfolio file. Every mutating method commits before it returns."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        readonly: bool,
        notice: str = "",
        lock: WindowLock | None = None,
    ):
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.notice = notice  # why the file is read-only, for the window to show
        self._lock = lock
        # SQLite holds the file open now: nothing else in the process may open it (open_guard);
        # released by close(), or when an unclosed portfolio is collected with its connection.
        self._held = weakref.finalize(self, open_guard.release, open_guard.hold(path))

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the connection, made on first use.

        Importing sqlite-utils costs ~90 ms, so reading a portfolio (start-up, ``list``) does
        not pay for it; the window warms it up once the portfolio is on screen.
        """
        import sqlite_utils

        # no plugins: nothing outside reviewdesk runs on the portfolio (and no entry-point scan)
        return sqlite_utils.Database(self.conn, execute_plugins=False)

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if not self.readonly:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()
        self._held()  # once: later calls do nothing
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> PortfolioBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def waiting_at_most(self, ms: int) -> Iterator[None]:
        """Writes inside wait at most ``ms`` for another program's write lock (retries use it)."""
        (before,) = self.conn.execute("PRAGMA busy_timeout").fetchone()
        self.conn.execute(f"PRAGMA busy_timeout={min(int(ms), before)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout={before}")

    @contextlib.contextmanager
    def batch(self, meeting_id: int | None = None) -> Iterator[None]:
        """Several commands as one transaction: all of them land, or none (e.g. a CSV import)."""
        with self._write(meeting_id):
            yield

    @contextlib.contextmanager
    def _write(self, meeting_id: int | None = None) -> Iterator[None]:
        """One committed transaction; refuses read-only files and locked meetings.

        The transaction starts with BEGIN IMMEDIATE so that, when another program is writing,
        it waits (busy timeout) for the write lock up front instead of failing half-way.
        """
        if self.readonly:
            raise ReadOnlyPortfolio(
                f"{self.path}: opened read-only ({self.notice or 'by request'})"
            )
        try:
            with self._transaction():
                if meeting_id is not None:
                    self._check_editable(meeting_id)
                yield
        except sqlite3.OperationalError as exc:
            raise storage_error(exc, self.path) from None
        except sqlite3.DatabaseError as exc:
            raise StorageError(
                f"the file could not be written ({exc}); nothing was changed"
            ) from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.conn.in_transaction:  # nested: sqlite-utils uses a savepoint
            with self.db.atomic():
                yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _check_editable(self, meeting_id: int) -> None:
        """Refuse a locked meeting; an edited draft becomes in progress (record.rules)."""
        row = self.conn.execute("SELECT status FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no such meeting")
        status = rules.status_after_edit(meeting_id, row[0])
        if status != row[0]:
            self.conn.execute("UPDATE meeting SET status = ? WHERE id = ?", (status, meeting_id))

    def _check_size(self, meeting_id: int) -> None:
        """Inside a write: refuse (LimitReached, so nothing is written) a meeting the change
        would take beyond record.limits."""
        sizes.check_meeting(self.conn, meeting_id)

    def take_backup(self, reason: str) -> Path:
        from reviewdesk.store.backups import take_backup

        return take_backup(self.conn, self.path, reason)

    def _insert(self, table: str, **values: Any) -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values())
        )
        return int(cur.lastrowid)

    def _meeting_partnership(self, meeting_id: int) -> int:
        row = self.conn.execute(
            "SELECT partnership_id FROM meeting WHERE id = ?", (meeting_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no such meeting")
        return row[0]

    def _section_id(self, meeting_id: int, section_key: str) -> int:
        row = self.conn.execute(
            "SELECT id FROM section WHERE meeting_id = ? AND key = ?", (meeting_id, section_key)
        ).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no section {section_key!r}")
        return row[0]

    def _question_id(self, meeting_id: int, section_key: str, question_key: str) -> int:
        row = self.conn.execute(
            "SELECT q.id FROM question q JOIN section s ON s.id = q.section_id "
            "WHERE s.meeting_id = ? AND s.key = ? AND q.key = ?",
            (meeting_id, section_key, question_key),
        ).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no question {section_key}/{question_key}")
        return row[0]

    def _decision_meeting(self, decision_id: int) -> int:
        row = self.conn.execute(
            "SELECT s.meeting_id FROM decision d JOIN section s ON s.id = d.section_id "
            "WHERE d.id = ?",
            (decision_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"decision {decision_id}: no such decision")
        return row[0]
