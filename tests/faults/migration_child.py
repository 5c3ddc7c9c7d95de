"""Child process: open an old portfolio while a slow extra migration runs, until killed.

Usage: python migration_child.py DB — prints MIGRATING once the extra migration has begun.
"""

from __future__ import annotations

import sys
import time

from reviewdesk.store import schema
from reviewdesk.store.opening import open_portfolio


def slow_migration(conn) -> None:
    """Rewrite data bit by bit, never finishing on its own."""
    conn.execute("CREATE TABLE half_done (n INTEGER, filler TEXT)")
    conn.execute("UPDATE meeting SET title = title || ' (migrated)'")
    print("MIGRATING", flush=True)
    n = 0
    while True:
        conn.executemany(
            "INSERT INTO half_done VALUES (?, ?)", [(n + i, "x" * 200) for i in range(200)]
        )
        n += 200
        time.sleep(0.001)


def main() -> None:
    schema.MIGRATIONS = [*schema.MIGRATIONS, slow_migration]
    open_portfolio(sys.argv[1])
    print("FINISHED", flush=True)  # never reached: the migration runs until the kill


if __name__ == "__main__":
    main()
