"""The portfolio files SQLite holds open in this process, and a guard that refuses other opens.

SQLite's unix VFS (Linux, macOS, BSD) keeps POSIX advisory locks, which belong to the process:
closing *any* other descriptor on the database file (or its ``-shm``) drops them all, silently.
The next reviewdesk command to close the file then checkpoints and deletes the WAL that the
window is still writing into, and edits shown as "Saved" are lost (SQLite, "How To Corrupt An
SQLite Database File", §2.2). So nothing in the process may open those files but SQLite.

* :func:`hold` / :func:`release`: every open :class:`~reviewdesk.store.portfolio.Portfolio`
  registers its file here while its connection is open (counted: two connections, two holds).
  :func:`is_held` answers "does SQLite hold this file open here?" for any spelling of the path
  (symlinks, ``..``, a hard link: by ``(st_dev, st_ino)``) with ``stat`` calls only.
* :func:`enforce`: a ``sys.addaudithook`` hook (the window turns it on at start-up) refuses
  every Python-level open of a held database or its ``-wal``/``-shm``/``-journal`` —
  ``open``, ``os.open``, ``Path.read_bytes``, ``shutil``… — with :class:`PortfolioFileOpen`
  and reports it. SQLite's own opens are C calls and never pass through it; neither do Qt's,
  which the window's file dialogs avoid (reviewdesk.ui.file_dialogs). Not covered:
  ``os.open(name, dir_fd=…)`` (the audit event carries no dir_fd).

Cost: an idle hook (nothing held, or an event other than ``open``) returns after one comparison
(~0.2 µs); an ``open`` while a portfolio is held costs two ``stat`` calls (~10 µs), less than
the open itself. The tables are swapped in whole, so the hook reads them from any thread
without a lock. No Qt here: the store and its tests use it as is.
"""

from __future__ import annotations

import os
import stat
import sys
from _thread import allocate_lock, get_ident  # threading's own, without importing threading
from collections import deque
from collections.abc import Callable

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")

FileId = tuple[int, int]  # (st_dev, st_ino)


class PortfolioFileOpen(PermissionError):
    """An open of a portfolio file that SQLite holds open here (it would drop SQLite's locks)."""


class _Held:
    """One held database: how many holders, its names by folder, its inodes."""

    def __init__(self, names: frozenset[tuple[str, FileId]], inodes: frozenset[FileId]):
        self.count = 1
        self.names = names
        self.inodes = inodes


_lock = allocate_lock()
_owner: int | None = None  # the thread that last took _lock
# releases not applied yet: a Portfolio's finalizer may run inside hold() or release() on the
# same thread (a garbage collection set off by their allocations), where taking the lock again
# would wait for ever; whoever holds the lock applies them before letting it go
_pending: deque[str] = deque()
_held: dict[str, _Held] = {}  # realpath of the database -> what it is known by
_names: dict[str, frozenset[FileId]] = {}  # file name -> the folders it is held in
_inodes: frozenset[FileId] = frozenset()  # the held databases and their side files
_enforcing = False
_installed = False
_report: Callable[[str], None] | None = None
_refusals: list[str] = []


def _file_id(path: str) -> FileId | None:
    try:
        st = os.stat(path or ".")
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _describe(db: str) -> _Held:
    """The names (file name, folder id) and inodes of ``db`` and its side files."""
    spelled = os.path.abspath(db)
    real = os.path.realpath(spelled)
    names: set[tuple[str, FileId]] = set()
    inodes: set[FileId] = set()
    for base in {spelled, real}:
        folder = _file_id(os.path.dirname(base))
        for suffix in ("", *SIDE_SUFFIXES):
            if folder is not None:
                names.add((os.path.basename(base) + suffix, folder))
            try:
                st = os.stat(base + suffix)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                inodes.add((st.st_dev, st.st_ino))
    return _Held(frozenset(names), frozenset(inodes))


def _rebuild() -> None:
    """New lookup tables from ``_held``, swapped in whole (call with ``_lock`` held)."""
    global _names, _inodes
    names: dict[str, set[FileId]] = {}
    inodes: set[FileId] = set()
    for held in _held.values():
        for name, folder in held.names:
            names.setdefault(name, set()).add(folder)
        inodes |= held.inodes
    _names = {name: frozenset(folders) for name, folders in names.items()}
    _inodes = frozenset(inodes)


def _change(change: Callable[[], None] | None = None) -> None:
    """Under the lock: ``change``, then every release waiting, then new tables (again while a
    collection during the rebuild left more releases waiting)."""
    global _owner
    with _lock:
        _owner = get_ident()
        if change is not None:
            change()
        while True:
            while _pending:
                _forget(_pending.popleft())
            _rebuild()
            if not _pending:
                return


def _forget(real: str) -> None:
    held = _held.get(real)
    if held is None:
        return
    held.count -= 1
    if held.count <= 0:
        del _held[real]


def hold(db: str | os.PathLike[str]) -> str:
    """Register ``db`` as open through SQLite in this process (call once its connection is open,
    so the ``-wal``/``-shm`` inodes are known too); returns the key for :func:`release` (the
    real path, which a later change of working folder does not change)."""
    real = os.path.realpath(os.fspath(db))
    described = _describe(os.fspath(db))

    def add() -> None:
        held = _held.get(real)
        if held is None:
            _held[real] = described
        else:
            held.count += 1
            held.names |= described.names
            held.inodes |= described.inodes

    _change(add)
    return real


def release(db: str | os.PathLike[str]) -> None:
    """Undo one :func:`hold` (after the connection is closed); ``db`` is best its key.

    Called by a Portfolio's finalizer too, which a garbage collection may run at any allocation
    — inside this module's own hold or release on this thread: then it is applied by that call
    before it lets the lock go, instead of waiting for the lock for ever."""
    _pending.append(os.path.realpath(os.fspath(db)))
    if _lock.locked() and _owner == get_ident():
        return
    _change()


def is_held(path: str | bytes | os.PathLike[str]) -> bool:
    """True when ``path`` names a database SQLite holds open here, or one of its side files.

    Only ``stat`` calls: the name in a folder that holds one (any spelling of the folder; also
    a ``-journal`` that does not exist yet), or the same inode (a hard link, a symlink under
    another name).
    """
    names, inodes = _names, _inodes  # one consistent snapshot
    if not names:
        return False
    try:
        p = os.fsdecode(os.fspath(path))
    except (TypeError, ValueError):
        return False
    folders = names.get(os.path.basename(p))
    if folders is not None and _file_id(os.path.dirname(p)) in folders:
        return True
    return _file_id(p) in inodes


def held_count() -> int:
    """How many databases are held (for tests and diagnostics)."""
    return len(_held)


def refusals() -> list[str]:
    """The paths the guard refused, oldest first."""
    return list(_refusals)


def _audit(event: str, args: tuple) -> None:
    if event != "open" or not _enforcing or not _names:
        return
    path = args[0] if args else None
    if path is None or isinstance(path, int):  # open(fd), os.fdopen: nothing new is opened
        return
    if not is_held(path):
        return
    name = os.fsdecode(os.fspath(path))
    _refusals.append(name)
    message = (
        f"refused to open {name}: it is the open portfolio (or one of SQLite's files beside "
        "it), and opening it outside SQLite would drop SQLite's locks"
    )
    # logging and traceback are loaded by enforce(), not by every command that opens a file
    import logging
    import traceback

    log = logging.getLogger(__name__)
    stack = "".join(traceback.format_stack(limit=12)[:-1])
    log.error("%s\n%s", message, stack)
    report = _report
    if report is not None:
        try:
            report(f"{message}\n{stack}")
        except Exception:  # the guard itself never fails an open it allows
            log.exception("reporting a refused open failed")
    raise PortfolioFileOpen(13, message, name)


def enforce(report: Callable[[str], None] | None = None) -> None:
    """Refuse from now on every Python-level open of a held portfolio file.

    ``report(text)`` also gets each refusal (the window writes it to its error log). The hook
    is added once per process (audit hooks cannot be removed); :func:`stop_enforcing` idles it.
    """
    global _installed, _enforcing, _report
    import logging  # noqa: F401  (loaded here, before the hook may need them while refusing)
    import traceback  # noqa: F401

    _report = report
    if not _installed:
        sys.addaudithook(_audit)
        _installed = True
    _enforcing = True


def stop_enforcing() -> None:
    """Let the hook idle again (the window calls it once its portfolio is closed)."""
    global _enforcing, _report
    _enforcing = False
    _report = None


def enforcing() -> bool:
    return _enforcing
