"""Child process: hold a write transaction on a portfolio for a while, then commit.

Usage: python holder_child.py DB SECONDS — prints HOLDING once the lock is taken, DONE at the end.
"""

from __future__ import annotations

import sqlite3
import sys
import time


def main() -> None:
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE partnership SET service = 'held by another program'")
    print("HOLDING", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("COMMIT")
    conn.close()
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
