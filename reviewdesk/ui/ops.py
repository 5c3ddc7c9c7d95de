"""Slow work off the UI thread: one helper, in the manner of Anki's CollectionOp.

``run_op(parent, work, on_success, on_failure, busy_text=...)`` runs ``work()`` on a pool thread
and calls exactly one of the callbacks back on the UI thread; a busy indicator shows when the
work takes longer than SHOW_AFTER_MS. ``work`` must not touch a widget or the UI thread's
database connection. Every slow job of the window goes through here (PDF and CSV export).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from reviewdesk.record.errors import ReviewdeskError

T = TypeVar("T")
SHOW_AFTER_MS = 300
Done = Callable[[str | None, str | None], None]

_running: set[Op[Any]] = set()  # keeps ops alive until they report


def one_line(exc: BaseException) -> str:
    """An exception as a single line for a message box."""
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(str)


class Op(QObject, Generic[T]):
    """One job in flight: owns the busy indicator and reports back on the UI thread."""

    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[str], None],
        busy_text: str,
        title: str,
    ):
        super().__init__()
        self._work = work
        self._on_success = on_success
        self._on_failure = on_failure
        self.finished = False
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
        self.signals.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        _running.add(self)
        self._show_timer.start(SHOW_AFTER_MS)
        QThreadPool.globalInstance().start(self._run)

    def _run(self) -> None:  # on a pool thread
        try:
            result = self._work()
        except (ReviewdeskError, OSError) as exc:
            self.signals.failed.emit(one_line(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
            self.signals.failed.emit(f"the work could not be finished ({one_line(exc)})")
            return
        self.signals.succeeded.emit(result)

    def _show_progress(self) -> None:
        if not self.finished and shiboken6.isValid(self.progress):
            self.progress.show()

    def _close(self) -> None:
        self.finished = True
        self._show_timer.stop()
        if shiboken6.isValid(self.progress):  # gone if its parent window closed meanwhile
            self.progress.reset()
            self.progress.hide()
            self.progress.deleteLater()
        _running.discard(self)

    @Slot(object)
    def _succeeded(self, result: T) -> None:
        self._close()
        self._on_success(result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._close()
        self._on_failure(message)


def run_op(
    parent: QWidget | None,
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[str], None],
    *,
    busy_text: str = "Working…",
    title: str = "reviewdesk",
) -> Op[T]:
    """Run ``work`` off the UI thread; exactly one callback follows on the UI thread."""
    op = Op(parent, work, on_success, on_failure, busy_text, title)
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
