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
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from reviewdesk.record.errors import ReviewdeskError

T = TypeVar("T")
SHOW_AFTER_MS = 300
Done = Callable[[str | None, str | None], None]

_running: set[Op[Any]] = set()  # keeps ops alive until they report
_readers_lock = threading.Lock()
_readers: dict[Op[Any], tuple[Path, sqlite3.Connection | None]] = {}  # reads in flight


def one_line(exc: BaseException) -> str:
    """An exception as a single line for a message box."""
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(str)
    progressed = Signal(object)


class Op(QObject, Generic[T]):
    """One job in flight: owns the busy indicator and reports back on the UI thread."""

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
    ):
        super().__init__()
        self.serial = serial
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
        self.signals = _Signals()
        # emitted on the pool thread: queued to this (the UI) thread automatically
        self.signals.succeeded.connect(self._succeeded)
        self.signals.failed.connect(self._failed)
        self.signals.progressed.connect(self._progressed)

    def cancel(self) -> None:
        """No callback will follow (the work itself runs on unless it can be stopped)."""
        self.cancelled = True

    def start(self) -> None:
        _running.add(self)
        if self.progress is not None:
            self._show_timer.start(SHOW_AFTER_MS)
        (_serial_pool() if self.serial else QThreadPool.globalInstance()).start(self._run)

    def _call_work(self) -> T:
        if self._on_progress is not None:
            return self._work(self.signals.progressed.emit)
        return self._work()

    def _run(self) -> None:  # on a pool thread
        try:
            result = self._call_work()
        except (ReviewdeskError, OSError) as exc:
            self._report(self.signals.failed, one_line(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
            self._report(self.signals.failed, f"the work could not be finished ({one_line(exc)})")
            return
        self._report(self.signals.succeeded, result)

    def _report(self, signal: Any, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the application quit meanwhile: nobody listens
            signal.emit(value)

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
        _running.discard(self)

    @Slot(object)
    def _progressed(self, value: Any) -> None:
        if not self.cancelled and not self.finished and self._on_progress is not None:
            self._on_progress(value)

    @Slot(object)
    def _succeeded(self, result: T) -> None:
        self._close()
        if not self.cancelled:
            self._on_success(result)

    @Slot(str)
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
            _readers[self] = (self.db_path, None)
        super().start()

    def cancel(self) -> None:
        """No callback will follow, and the read is interrupted."""
        with _readers_lock:
            self.cancelled = True
            _path, conn = _readers.get(self, (None, None))
            if conn is not None:
                conn.interrupt()  # safe from any thread

    def _call_work(self) -> T:  # on the pool thread
        from reviewdesk.store.reading import read_connection

        conn = read_connection(self.db_path)
        try:
            with _readers_lock:
                if self.cancelled:
                    raise sqlite3.OperationalError("interrupted")
                _readers[self] = (self.db_path, conn)
            if self._on_progress is not None:
                return self._work(conn, self.signals.progressed.emit)
            return self._work(conn)
        finally:
            with _readers_lock:
                _readers.pop(self, None)
            conn.close()

    def _close(self) -> None:
        with _readers_lock:
            _readers.pop(self, None)
        super()._close()


def cancel_reads(db_path: Path | None = None) -> None:
    """Stop the reads of ``db_path`` (every read when None): interrupted, no callback after."""
    with _readers_lock:
        chosen = [op for op, (path, _c) in _readers.items() if db_path in (None, path)]
    for op in chosen:
        op.cancel()


_serial: list[QThreadPool] = []


def _serial_pool() -> QThreadPool:
    """One thread: the serial jobs run one after another, in the order they were started."""
    if not _serial:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        _serial.append(pool)
    return _serial[0]


def wait_for_work(ms: int = 10000) -> bool:
    """Wait (at exit) for the pools' jobs to end; False if some still ran after ``ms``."""
    done = all(pool.waitForDone(ms) for pool in _serial)
    return QThreadPool.globalInstance().waitForDone(ms) and done


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
) -> Op[T]:
    """Run ``work(conn)`` off the UI thread on a read-only connection of its own to
    ``db_path``; exactly one callback follows on the UI thread (none once cancelled)."""
    op = ReadOp(db_path, parent, work, on_success, on_failure, busy_text, title, on_progress)
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
