"""A big portfolio is checked page by page right after it is shown; damage makes it read-only."""

import pytest

from reviewdesk.record.errors import ReadOnlyPortfolio
from reviewdesk.ui import app as app_module


def test_damaged_pages_found_after_showing_make_the_portfolio_read_only(
    qtbot, window, portfolio, meeting_id, dialog_log, monkeypatch
):
    monkeypatch.setattr(portfolio, "quick_check", lambda: "Page 7: btreeInitPage() returns 11")
    app_module._check_pages(window, portfolio)
    (message,) = dialog_log.errors
    assert "damaged" in message and "read-only" in message
    assert window.notice.isVisibleTo(window) and "damaged" in window.notice.text()
    with pytest.raises(ReadOnlyPortfolio):
        portfolio.set_notes(meeting_id, "trust", "x")


def test_healthy_pages_change_nothing(qtbot, window, portfolio, dialog_log):
    app_module._check_pages(window, portfolio)
    assert dialog_log.errors == [] and not portfolio.readonly


def test_the_window_refuses_opening_its_portfolio_and_logs_who_tried(tmp_path):
    from reviewdesk.store import open_guard
    from reviewdesk.store.opening import open_portfolio

    db = tmp_path / "p.sqlite"
    portfolio = open_portfolio(db)
    app_module._guard_portfolio_files(db)  # what run() does first
    try:
        with pytest.raises(PermissionError, match="open portfolio"):
            db.read_bytes()
    finally:
        open_guard.stop_enforcing()
        portfolio.close()
    log = (tmp_path / "reviewdesk-errors.log").read_text(encoding="utf-8")
    assert "refused to open" in log and "test_app.py" in log  # the culprit, for a bug report
