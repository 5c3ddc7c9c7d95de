"""The window on a portfolio with values the schema forbids: a dialog naming the row, never a
traceback (issue 10 §6). The same crafted files as tests/faults/test_crafted_values.py."""

from __future__ import annotations

import pytest
from crafted import CASES, Case, copy_of, craft, sample_portfolio

from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return sample_portfolio(tmp_path_factory.mktemp("sample"))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_window_names_a_crafted_row(case: Case, sample, tmp_path, qtbot, dialog_log):
    path = copy_of(sample, tmp_path)
    expected = craft(path, case)
    portfolio = open_portfolio(path, exclusive=True)
    try:
        window = MainWindow(portfolio, path)
        qtbot.addWidget(window)
        window.show()
        window.open_meeting(case.target)
        assert window.meeting_view is None  # the damaged meeting is not shown half-read
        assert dialog_log.errors, "no dialog"
        for message in dialog_log.errors:
            assert "\n" not in message and "Traceback" not in message
        assert any(expected in message for message in dialog_log.errors), dialog_log.errors
        window.show_home()
        window.open_meeting(1)  # an earlier review of the same partnership still opens
        assert window.meeting_view is not None or case.table in ("partnership", "meeting")
    finally:
        portfolio.close()


def test_new_review_names_a_crafted_person_instead_of_failing(sample, tmp_path, qtbot, dialog_log):
    import datetime as dt
    import sqlite3

    from reviewdesk.ui.dialogs.new_review import NewReviewDialog

    path = copy_of(sample, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    (person_id,) = conn.execute("SELECT MIN(id) FROM person").fetchone()
    conn.execute("UPDATE person SET side = 'x<b>' WHERE id = ?", (person_id,))
    conn.commit()
    conn.close()
    portfolio = open_portfolio(path, exclusive=True)
    try:
        (partnership,) = portfolio.partnerships()
        dialog = NewReviewDialog(portfolio, path, partnership.id, today=dt.date(2026, 12, 1))
        qtbot.addWidget(dialog)
        text = dialog.carry.text()
        assert text.startswith("This partnership cannot be read: ")
        assert f"person {person_id}: side 'x<b>' is not one of" in text
        assert dialog.attendees.count() == 0
    finally:
        portfolio.close()


@pytest.mark.parametrize("show", ["show_error", "show_info"])
def test_a_message_quoting_markup_shows_it_as_text(qtbot, monkeypatch, show):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from reviewdesk.ui import messages

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    for static in ("critical", "information"):  # these take any text for markup
        monkeypatch.setattr(QMessageBox, static, lambda *a, **k: shown.append("static box"))
    text = "goal_review 6: status 'x<img src=\"/etc/hostname\"/>' is not one of on_track"
    getattr(messages, show)(None, "Open review", text)
    (box,) = shown
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == text
