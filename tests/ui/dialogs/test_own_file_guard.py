"""Exports from the window never overwrite the portfolio or SQLite's files beside it."""

import hashlib

from reviewdesk.ui.dialogs import csv as csv_export
from reviewdesk.ui.ops import export_meeting_pdf


def test_pdf_export_onto_the_portfolio_is_refused(qtbot, session, db_path):
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    results = []
    export_meeting_pdf(None, session, db_path, "a4", lambda path, error: results.append(error))
    (error,) = results
    assert "portfolio's own file" in error
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_csv_export_onto_the_wal_file_is_refused(qtbot, portfolio, db_path, monkeypatch):
    errors = []
    wal = db_path.with_name(db_path.name + "-wal")
    monkeypatch.setattr(csv_export, "ask_csv_path", lambda *a: wal)
    monkeypatch.setattr(csv_export.messages, "show_error", lambda p, t, m: errors.append(m))
    before = wal.read_bytes() if wal.exists() else None
    csv_export.export_csv(None, portfolio, "actions", None)  # written off the UI thread
    qtbot.waitUntil(lambda: bool(errors), timeout=20000)
    assert "own file" in errors[0]
    assert (wal.read_bytes() if wal.exists() else None) == before
