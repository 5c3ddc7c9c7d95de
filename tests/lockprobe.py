"""Which SQLite locks a process holds on a portfolio, read from Linux's /proc (tests only).

An idle WAL connection holds two POSIX locks: a read lock on the database's SHARED range
(bytes 1073741826-1073742335) and the "DMS" read lock on byte 128 of ``-shm``. Losing the
first lets another process's close checkpoint and *delete* the WAL the window still writes
into; losing the second lets another process re-initialise the ``-shm`` under the window's
mapping. ``/work/shared/tools/lockcheck`` checked the ``-shm`` lock only; :func:`problems`
checks both, and that no deleted ``-wal``/``-shm`` is still open.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC_LOCKS = Path("/proc/locks")
SHARED_FIRST = 1073741826  # SQLite's PENDING_BYTE + 2: where the SHARED range starts
DMS_BYTE = 128  # WALINDEX_LOCK_OFFSET + SQLITE_SHM_NLOCK: the -shm "a connection is live" byte


def available() -> bool:
    return PROC_LOCKS.exists()


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return None


def posix_locks(pid: int, db: Path) -> dict[str, list[tuple[str, int, str]]]:
    """{"db": [(kind, start, end)…], "shm": […]}: the POSIX locks ``pid`` holds on them."""
    wanted = {}
    for tag, path in (("db", Path(db)), ("shm", Path(f"{db}-shm"))):
        inode = _inode(path)
        if inode is not None:
            wanted[inode] = tag
    found: dict[str, list[tuple[str, int, str]]] = {"db": [], "shm": []}
    for line in PROC_LOCKS.read_text().splitlines():
        # "1: POSIX  ADVISORY  READ 1234 08:01:5678 128 128" (a waiter has "->" after "1:")
        fields = line.split()
        if len(fields) < 8 or fields[1] != "POSIX" or fields[4] != str(pid):
            continue
        inode = int(fields[5].rsplit(":", 1)[1])
        if inode in wanted:
            found[wanted[inode]].append((fields[3], int(fields[6]), fields[7]))
    return found


def deleted_sqlite_files(pid: int) -> list[str]:
    """Files ``pid`` still has open whose names were deleted (a -wal/-shm that was unlinked)."""
    out = []
    fd_dir = Path(f"/proc/{pid}/fd")
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(fd_dir / fd)
        except OSError:
            continue
        if target.endswith("(deleted)") and any(s in target for s in ("-wal", "-shm", "sqlite")):
            out.append(target)
    return out


def problems(pid: int, db: Path, when: str) -> list[str]:
    """What is wrong with ``pid``'s hold on ``db`` (an idle WAL connection), as sentences."""
    db = Path(db)
    locks = posix_locks(pid, db)
    found = []
    if not any(start == SHARED_FIRST for _kind, start, _end in locks["db"]):
        found.append(f"{when}: no SHARED lock on {db.name} (has {locks['db']})")
    if not any(start == DMS_BYTE for _kind, start, _end in locks["shm"]):
        found.append(f"{when}: no lock on byte 128 of {db.name}-shm (has {locks['shm']})")
    deleted = deleted_sqlite_files(pid)
    if deleted:
        found.append(f"{when}: writes into deleted files {deleted}")
    return found
