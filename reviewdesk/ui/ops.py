"""Slow work off the UI thread: one helper, in the manner of Anki's CollectionOp.

``run_op(parent, work, on_success, on_failure, busy_text=...)`` runs ``work()`` on a pool thread
and calls exactly one of the callbacks back on the UI thread; a busy indicator shows when the
work takes longer than SHOW_AFTER_MS (``busy_text=None``: quiet work the window shows in its
own way, e.g. figures that fill in). With ``on_progress``, ``work(report)`` may hand partial
results over as it goes; each ``report(value)`` reaches ``on_progress(value)`` on the UI
thread, in order, before the final callback. ``work`` must not touch a widget or the UI
thread's database connection.

``run_read(parent, db_path, work, ...)`` is the same for reading the portfolio: ``work(conn)``
gets a read-only connection of its own to the file (opened and closed on the worker thread,
through SQLite: store.reading). :func:`cancel_reads` stops the reads of a file that the window
closes: they are interrupted and report nothing. Every slow job of the window goes through
here (opening the portfolio, the home page's figures, the page check, PDF and CSV export).
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThread, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from reviewdesk.record.errors import ReviewdeskError

T = TypeVar("T")
SHOW_AFTER_MS = 300
Done = Callable[[str | None, str | None], None]

_running: dict[int, Op[Any]] = {}  # token -> op: kept alive, on the UI thread, until it reports
_readers_lock = threading.Lock()
_readers: dict[int, tuple[Path, sqlite3.Connection | None]] = {}  # token -> a read in flight
_tokens = itertools.count(1)
SUCCEEDED, FAILED, PROGRESSED = range(3)


def one_line(exc: BaseException) -> str:
    """An exception as a single line for a message box."""
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


class _Bridge(QObject):
    """The one object worker threads emit through: made once on the UI thread and kept for the
    life of the process, so no emit ever meets a deleted sender. A pool thread holds only a
    token and the work, never an Op: an Op (a QObject with a timer and perhaps a dialog) is
    made, kept and freed on the UI thread alone."""

    reported = Signal(int, int, object)  # token, SUCCEEDED/FAILED/PROGRESSED, value

    def __init__(self) -> None:
        super().__init__()
        self.reported.connect(self._deliver)

    @Slot(int, int, object)
    def _deliver(self, token: int, kind: int, value: Any) -> None:  # on the UI thread
        op = _running.get(token)
        if op is None:  # cancelled and forgotten, or the window's jobs were dropped at exit
            return
        if kind == PROGRESSED:
            op._progressed(value)
        elif kind == SUCCEEDED:
            op._succeeded(value)
        else:
            op._failed(value)


_bridges: list[_Bridge] = []


def _bridge() -> _Bridge:
    """The bridge, made on first use (always on the UI thread: ops start there)."""
    if not _bridges:
        _bridges.append(_Bridge())
    return _bridges[0]


def _emit(token: int, kind: int, value: Any) -> None:  # on a pool thread
    if _bridges:
        with contextlib.suppress(RuntimeError):  # the application is being torn down
            _bridges[0].reported.emit(token, kind, value)


def _worker(token: int, call: Callable[[int], Any]) -> Callable[[], None]:
    """What a pool thread runs: the work, then one report through the bridge."""

    def run() -> None:
        try:
            result = call(token)
        except (ReviewdeskError, OSError) as exc:
            _emit(token, FAILED, one_line(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
            _emit(token, FAILED, f"the work could not be finished ({one_line(exc)})")
            return
        _emit(token, SUCCEEDED, result)

    return run


class Op(QObject, Generic[T]):
    """One job in flight, on the UI thread: owns the busy indicator and the callbacks."""

    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[..., T],
        on_success: Callable[[T], None],
        on_failure: Callable[[str], None],
        busy_text: str | None,
        title: str,
        on_progress: Callable[[Any], None] | None = None,
        serial: bool = False,
        idle: bool = False,
    ):
        super().__init__()
        self.serial = serial
        self.idle = idle
        self.token = next(_tokens)
        self._work = work
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self.finished = False
        self.cancelled = False  # set on the UI thread: no callback will follow
        self.progress: QProgressDialog | None = None
        if busy_text is not None:
            from PySide6.QtCore import Qt  # its namespace costs 40 ms the first time

            self.progress = QProgressDialog(busy_text, "", 0, 0, parent)
            self.progress.setWindowTitle(title)
            self.progress.setCancelButton(None)
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(SHOW_AFTER_MS)
            self.progress.setAccessibleName(f"{title} progress")
            self.progress.reset()  # no automatic show; the timer below decides
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_progress)

    def cancel(self) -> None:
        """No callback will follow (the work itself runs on unless it can be stopped)."""
        self.cancelled = True

    def start(self) -> None:
        _bridge()
        _running[self.token] = self
        if self.progress is not None:
            self._show_timer.start(SHOW_AFTER_MS)
        if self.serial:
            pool = _serial_pool()
        elif self.idle:
            pool = _idle_pool()
        else:
            pool = QThreadPool.globalInstance()
        pool.start(_worker(self.token, self._callable()))

    def _callable(self) -> Callable[[int], T]:
        """The work as the pool thread calls it: ``call(token)``, holding no reference to
        this object."""
        work, progress = self._work, self._on_progress is not None
        self._work = None  # the pool thread holds it now; it goes with the thread's job

        def call(token: int) -> T:
            if progress:
                return work(lambda value: _emit(token, PROGRESSED, value))
            return work()

        return call

    def _show_progress(self) -> None:
        progress = self.progress
        if not self.finished and progress is not None and shiboken6.isValid(progress):
            progress.show()

    def _close(self) -> None:
        self.finished = True
        self._show_timer.stop()
        progress = self.progress
        if progress is not None and shiboken6.isValid(progress):  # gone if its window closed
            progress.reset()
            progress.hide()
            progress.deleteLater()
        _running.pop(self.token, None)

    def _progressed(self, value: Any) -> None:
        if not self.cancelled and not self.finished and self._on_progress is not None:
            self._on_progress(value)

    def _succeeded(self, result: T) -> None:
        self._close()
        if not self.cancelled:
            self._on_success(result)

    def _failed(self, message: str) -> None:
        self._close()
        if not self.cancelled:
            self._on_failure(message)


class ReadOp(Op[T]):
    """An op whose work reads the portfolio through a connection of its own."""

    def __init__(self, db_path: Path, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.db_path = Path(db_path)

    def start(self) -> None:
        with _readers_lock:
            _readers[self.token] = (self.db_path, None)
        super().start()

    def cancel(self) -> None:
        """No callback will follow, and the read is interrupted."""
        with _readers_lock:
            self.cancelled = True
            _path, conn = _readers.pop(self.token, (None, None))
            if conn is not None:
                conn.interrupt()  # safe from any thread

    def _callable(self) -> Callable[[int], T]:
        work, progress, db_path = self._work, self._on_progress is not None, self.db_path
        self._work = None

        def call(token: int) -> T:  # on the pool thread
            from reviewdesk.store.reading import read_connection

            conn = read_connection(db_path)
            try:
                with _readers_lock:
                    if token not in _readers:  # cancelled before it began
                        raise sqlite3.OperationalError("interrupted")
                    _readers[token] = (db_path, conn)
                if progress:
                    return work(conn, lambda value: _emit(token, PROGRESSED, value))
                return work(conn)
            finally:
                with _readers_lock:
                    _readers.pop(token, None)
                conn.close()

        return call

    def _close(self) -> None:
        with _readers_lock:
            _readers.pop(self.token, None)
        super()._close()


def cancel_reads(db_path: Path | None = None) -> None:
    """Stop the reads of ``db_path`` (every read when None): interrupted, no callback after."""
    with _readers_lock:
        chosen = [token for token, (path, _c) in _readers.items() if db_path in (None, path)]
    for token in chosen:
        op = _running.get(token)
        if op is not None:
            op.cancel()


_serial: list[QThreadPool] = []


def _serial_pool() -> QThreadPool:
    """One thread: the serial jobs run one after another, in the order they were started."""
    if not _serial:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        _serial.append(pool)
    return _serial[0]


_idle: list[QThreadPool] = []


def _idle_pool() -> QThreadPool:
    """One thread at the system's idle priority, for long reads nobody waits for (the daily
    page check): it neither holds up the shared pool's jobs nor takes a core the UI thread or
    they could use (on Linux SCHED_IDLE; elsewhere the lowest priority)."""
    if not _idle:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        pool.setThreadPriority(QThread.Priority.IdlePriority)
        _idle.append(pool)
    return _idle[0]


def wait_for_work(ms: int = 10000) -> bool:
    """Wait (at exit) for the pools' jobs to end; False if some still ran after ``ms``."""
    done = all(pool.waitForDone(ms) for pool in _serial + _idle)
    return QThreadPool.globalInstance().waitForDone(ms) and done


def forget_jobs() -> None:
    """At exit, after :func:`wait_for_work`: the jobs whose reports will never be delivered are
    freed here, on the UI thread, while the application still exists."""
    _running.clear()


def run_op(
    parent: QWidget | None,
    work: Callable[..., T],
    on_success: Callable[[T], None],
    on_failure: Callable[[str], None],
    *,
    busy_text: str | None = "Working…",
    title: str = "reviewdesk",
    on_progress: Callable[[Any], None] | None = None,
    serial: bool = False,
) -> Op[T]:
    """Run ``work`` off the UI thread; exactly one callback follows on the UI thread.

    ``serial`` jobs (e.g. writes of the settings) run one at a time, in the order started."""
    op = Op(parent, work, on_success, on_failure, busy_text, title, on_progress, serial)
    op.start()
    return op


def run_read(
    parent: QWidget | None,
    db_path: Path,
    work: Callable[..., T],
    on_success: Callable[[T], None],
    on_failure: Callable[[str], None],
    *,
    busy_text: str | None = None,
    title: str = "reviewdesk",
    on_progress: Callable[[Any], None] | None = None,
    idle: bool = False,
) -> Op[T]:
    """Run ``work(conn)`` off the UI thread on a read-only connection of its own to
    ``db_path``; exactly one callback follows on the UI thread (none once cancelled).
    ``idle``: a long read nobody waits for, on a thread of its own at idle priority."""
    op = ReadOp(
        db_path, parent, work, on_success, on_failure, busy_text, title, on_progress, idle=idle
    )
    op.start()
    return op


def export_meeting_pdf(
    parent: QWidget | None, session: Any, target: Path, paper: str, on_done: Done
) -> Op[Any] | None:
    """Render and write a meeting's minutes in the background; ``on_done(path, error)`` after.

    The meeting is read here on the UI thread, rendered and written beside its target on a pool
    thread, and logged and put in place back on the UI thread (app.export's steps).
    """
    from reviewdesk.app.export import finish_export, prepare_minutes

    try:
        job = prepare_minutes(session.portfolio, session.meeting_id, Path(target), paper)
    except ReviewdeskError as exc:
        on_done(None, one_line(exc))
        return None

    def logged(written: Any) -> None:
        try:
            finish_export(session.portfolio, job, written)
        except ReviewdeskError as exc:
            on_done(None, one_line(exc))
            return
        on_done(str(target), None)

    return run_op(
        parent,
        job.run,
        logged,
        lambda message: on_done(None, message),
        busy_text="Writing the PDF minutes…",
        title="Export PDF minutes",
    )


Imported = Callable[[int | None, str | None], None]


def import_minutes_pdf(
    parent: QWidget | None, portfolio: Any, source: Path, on_done: Imported
) -> Op[Any]:
    """Verify signed minutes and import the record they carry; ``on_done(meeting_id, error)``.

    Reading and verifying (a render of the whole minutes) run on a pool thread; the import
    itself, one transaction, back on the UI thread. Minutes that do not verify are refused.
    """
    from reviewdesk.app.importing import import_minutes, read_minutes, read_source

    def imported(minutes: Any) -> None:
        try:
            meeting_id, _added = import_minutes(portfolio, minutes)
        except ReviewdeskError as exc:
            on_done(None, one_line(exc))
            return
        on_done(meeting_id, None)

    return run_op(
        parent,
        lambda: read_minutes(read_source(source), source.name),
        imported,
        lambda message: on_done(None, message),
        busy_text="Checking the minutes' signature and record…",
        title="Import minutes",
    )
