"""A second, read-only connection to an open portfolio, for work off the window's thread.

The window's connection belongs to its UI thread. A worker thread that reads the portfolio
(the home page's figures, a CSV of every action, the page check) opens its own connection
through SQLite — never through Python's ``open`` on the file: closing any other descriptor of
the database drops the POSIX locks SQLite holds on it. In WAL mode the reader sees the last
committed state and neither waits for the window's writes nor holds them up.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reviewdesk.store.fileformat import BUSY_TIMEOUT_MS, open_readonly
from reviewdesk.store.portfolio import Portfolio


def read_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection to a portfolio that has passed ``inspect_file`` (it is open)."""
    conn = open_readonly(Path(path))
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA query_only=ON")
    return conn


def page_check(conn: sqlite3.Connection, *, thorough: bool = False) -> str:
    """SQLite's page check ("ok", or what is wrong in one line); ``thorough`` also compares
    every index with its table (``integrity_check``, slower)."""
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    except sqlite3.OperationalError as exc:
        if str(exc) == "interrupted":  # stopped (the window closed the file): no verdict
            raise
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "; ".join(str(r[0]) for r in rows)


def as_portfolio(path: Path, conn: sqlite3.Connection) -> Portfolio:
    """A read-only Portfolio over a reader's connection (its owner closes the connection), for
    use cases that read through the Portfolio's queries (e.g. app.export's CSV)."""
    return Portfolio(Path(path), conn, readonly=True, notice="read off the window's thread")
