"""Export the PDF minutes off the UI thread, with a busy indicator and an honest result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from reviewdesk.record.analytics import History
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.model import Meeting
from reviewdesk.ui.meeting.session import MeetingSession

SHOW_AFTER_MS = 300
Done = Callable[[str | None, str | None], None]

_running: set[ExportRun] = set()  # keeps runs alive until they report


def one_line(exc: BaseException) -> str:
    """An exception as a single line for a message box."""
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


class _Signals(QObject):
    finished = Signal(str, str)  # sha256, fingerprint
    failed = Signal(str)


class _RenderJob:
    """Runs on a pool thread: render the minutes and write them; touches no Qt widget or DB.

    Its ``run`` is handed to ``QThreadPool.start`` as a plain callable. Results travel back by
    queued signals to the :class:`ExportRun` on the UI thread.
    """

    def __init__(
        self,
        meeting: Meeting,
        history: History | None,
        target: Path,
        paper: str,
        signals: _Signals,
    ):
        self.meeting = meeting
        self.history = history
        self.target = target
        self.paper = paper
        self.signals = signals

    def run(self) -> None:
        try:
            from reviewdesk.minutes.render import render_minutes  # lazy: reportlab is slow
            from reviewdesk.minutes.writer import write_pdf

            result = render_minutes(self.meeting, paper=self.paper, history=self.history)
            sha256 = write_pdf(result.pdf, self.target)
        except (ReviewdeskError, OSError) as exc:
            self.signals.failed.emit(one_line(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
            self.signals.failed.emit(f"the PDF minutes could not be made ({one_line(exc)})")
            return
        self.signals.finished.emit(sha256, result.fingerprint)


class ExportRun(QObject):
    """One export in flight: owns the progress dialog and reports back on the UI thread."""

    def __init__(
        self,
        parent: QWidget | None,
        session: MeetingSession,
        target: Path,
        paper: str,
        on_done: Done,
    ):
        super().__init__()
        self.session = session
        self.target = Path(target)
        self.on_done = on_done
        self.finished = False
        self.progress = QProgressDialog("Writing the PDF minutes…", "", 0, 0, parent)
        self.progress.setWindowTitle("Export PDF minutes")
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(SHOW_AFTER_MS)
        self.progress.setAccessibleName("Export progress")
        self.progress.reset()  # no automatic show; the timer below decides
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_progress)
        self.signals = _Signals()
        self.signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.paper = paper

    def start(self, meeting: Meeting, history: History | None = None) -> None:
        _running.add(self)
        self._show_timer.start(SHOW_AFTER_MS)
        self._job = _RenderJob(meeting, history, self.target, self.paper, self.signals)
        QThreadPool.globalInstance().start(self._job.run)

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

    @Slot(str, str)
    def _finished(self, sha256: str, fingerprint: str) -> None:
        self._close()
        try:
            self.session.portfolio.record_export(self.session.meeting_id, sha256, fingerprint)
        except ReviewdeskError as exc:
            self.on_done(
                None, f"the PDF was written to {self.target} but not logged: {one_line(exc)}"
            )
            return
        self.on_done(str(self.target), None)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._close()
        self.on_done(None, message)


def export_meeting_pdf(
    parent: QWidget | None,
    session: MeetingSession,
    target: Path,
    paper: str,
    on_done: Done,
) -> ExportRun | None:
    """Render and write the meeting's minutes in the background; ``on_done(path, error)`` after.

    The meeting is read here on the UI thread; the rendering and the file write run on a pool
    thread; the export is logged in the portfolio back on the UI thread.
    """
    from reviewdesk.store.fileformat import own_files

    if Path(target).resolve() in own_files(session.portfolio.path):
        on_done(None, f"{target} is the portfolio's own file; choose another name for the PDF")
        return None
    try:
        meeting, history = session.portfolio.minutes_record(session.meeting_id)
    except ReviewdeskError as exc:
        on_done(None, one_line(exc))
        return None
    run = ExportRun(parent, session, Path(target), paper, on_done)
    run.start(meeting, history)
    return run
