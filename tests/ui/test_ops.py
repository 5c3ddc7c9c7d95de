"""The export worker: renders off the UI thread, writes the PDF, logs it, reports errors."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

import pytest
import shiboken6
from factories import on_disk
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from reviewdesk.app import export as app_export
from reviewdesk.minutes import pades, render
from reviewdesk.record.errors import StorageError
from reviewdesk.record.fingerprint import fingerprint
from reviewdesk.record.model import Action
from reviewdesk.ui import ops as export_worker
from reviewdesk.ui.meeting.session import Change
from reviewdesk.ui.ops import export_meeting_pdf


class Outcome:
    def __init__(self) -> None:
        self.calls: list[tuple[str | None, str | None]] = []

    def __call__(self, path: str | None, error: str | None) -> None:
        self.calls.append((path, error))


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _export(qtbot, parent, session, target, paper="a4") -> Outcome:
    outcome = Outcome()
    export_meeting_pdf(parent, session, target, paper, outcome)
    qtbot.waitUntil(lambda: bool(outcome.calls), timeout=30000)
    return outcome


def test_writes_the_real_pdf_and_logs_the_export(qtbot, parent, session, db_path, tmp_path):
    session.write(
        Change.ACTIONS, session.portfolio.add_action, session.meeting_id, Action(text="Send rota")
    )
    target = tmp_path / "minutes.pdf"
    outcome = _export(qtbot, parent, session, target)
    assert outcome.calls == [(str(target), None)]
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    sha = hashlib.sha256(data).hexdigest()
    logged = session.portfolio.exports_with_hash(sha)
    assert [(mid, fp) for mid, fp, _at in logged] == [
        (session.meeting_id, fingerprint(on_disk(db_path, session.meeting_id)))
    ]


def test_unwritable_target_reports_one_line_and_logs_nothing(qtbot, parent, session, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    target = blocker / "minutes.pdf"
    outcome = _export(qtbot, parent, session, target)
    [(path, error)] = outcome.calls
    assert path is None
    assert error and "\n" not in error and str(target) in error
    assert session.portfolio.conn.execute("SELECT COUNT(*) FROM export_log").fetchone() == (0,)
    assert not target.exists()


@dataclass
class FakeResult:
    pdf: bytes
    pages: int
    fingerprint: str
    missing_glyphs: int = 0


def test_renders_on_another_thread_and_shows_progress_while_busy(
    qtbot, parent, session, tmp_path, monkeypatch
):
    release = threading.Event()
    seen: dict[str, object] = {}

    def slow_render(context, *, key=None):
        seen["thread"] = QThread.currentThread()
        seen["paper"] = context.paper
        seen["title"] = context.meeting.title
        assert release.wait(20)
        return FakeResult(pdf=b"%PDF-1.4 fake", pages=1, fingerprint="f" * 64)

    monkeypatch.setattr(render, "render_context", slow_render)
    monkeypatch.setattr(pades, "sign_pdf", lambda pdf, key, cert: pdf + b" signed")
    target = tmp_path / "letter.pdf"
    outcome = Outcome()
    run = export_meeting_pdf(parent, session, target, "letter", outcome)
    assert run is not None
    qtbot.waitUntil(run.progress.isVisible, timeout=5000)  # busy: the indicator shows
    assert outcome.calls == []
    release.set()
    qtbot.waitUntil(lambda: bool(outcome.calls), timeout=10000)
    assert outcome.calls == [(str(target), None)]
    assert seen["thread"] is not QThread.currentThread()  # not the UI thread
    assert seen["paper"] == "letter" and seen["title"] == "Q4 2026 review"
    assert target.read_bytes() == b"%PDF-1.4 fake signed"
    sha = hashlib.sha256(b"%PDF-1.4 fake signed").hexdigest()
    assert session.portfolio.exports_with_hash(sha)[0][1] == "f" * 64
    assert export_worker._running == {}


def test_a_render_error_becomes_the_message(qtbot, parent, session, tmp_path, monkeypatch):
    def broken(context, *, key=None):
        raise StorageError("paper: 'a5' is not a4 or letter")

    monkeypatch.setattr(render, "render_context", broken)
    written: list[object] = []
    monkeypatch.setattr(app_export, "write_atomically", lambda target, data: written.append(target))
    outcome = _export(qtbot, parent, session, tmp_path / "x.pdf", paper="a5")
    assert outcome.calls == [(None, "paper: 'a5' is not a4 or letter")]
    assert written == []


def test_a_missing_meeting_is_reported_at_once(qtbot, parent, session, tmp_path):
    session.meeting_id = 999
    outcome = Outcome()
    assert export_meeting_pdf(parent, session, tmp_path / "x.pdf", "a4", outcome) is None
    [(path, error)] = outcome.calls
    assert path is None and "999" in error


def test_closing_the_window_meanwhile_still_reports(qtbot, session, tmp_path, monkeypatch):
    release = threading.Event()

    def slow_render(context, *, key=None):
        assert release.wait(20)
        return FakeResult(pdf=b"%PDF-1.4 late", pages=1, fingerprint="e" * 64)

    monkeypatch.setattr(render, "render_context", slow_render)
    monkeypatch.setattr(pades, "sign_pdf", lambda pdf, key, cert: pdf + b" signed")
    window = QWidget()
    outcome = Outcome()
    run = export_meeting_pdf(window, session, tmp_path / "late.pdf", "a4", outcome)
    assert run is not None
    shiboken6.delete(window)  # the progress dialog goes with it
    release.set()
    qtbot.waitUntil(lambda: bool(outcome.calls), timeout=10000)
    assert outcome.calls == [(str(tmp_path / "late.pdf"), None)]


def test_a_finished_job_is_freed_on_the_ui_thread_and_the_worker_never_holds_it(qtbot):
    """The cause of the warnings at exit: the last reference to a job (a QObject of the UI
    thread) was dropped on the pool thread, so the job and the object its signals came from
    were deleted there, under a report still on its way. The pool thread holds only a token."""
    import gc
    import weakref

    release = threading.Event()
    finished = threading.Event()
    freed: list[int] = []
    results: list[object] = []

    def work() -> str:
        assert release.wait(20)
        return "done"

    op = export_worker.run_op(None, work, results.append, results.append, busy_text=None)
    weakref.finalize(op, lambda: freed.append(threading.get_ident()))
    token = op.token
    op.cancel()  # nobody waits for it any more: only the registry keeps it
    del op
    export_worker._running.pop(token)  # forgotten (as at exit), while the work still runs
    gc.collect()
    assert freed == [threading.get_ident()]  # freed here, though its work has not ended

    def after() -> None:
        finished.set()

    export_worker.run_op(None, lambda: None, lambda _r: after(), results.append, busy_text=None)
    release.set()
    qtbot.waitUntil(finished.is_set, timeout=10000)
    assert export_worker.wait_for_work(10000)
    qtbot.wait(50)  # the forgotten job's report reaches nobody, quietly
    assert results == []
