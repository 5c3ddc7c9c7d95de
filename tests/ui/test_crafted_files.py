"""The window on a portfolio with values the schema forbids: a dialog naming the row, never a
traceback (issue 10 §6). The same crafted files as tests/faults/test_crafted_values.py."""

from __future__ import annotations

import pytest
from crafted import CASES, TARGET, Case, copy_of, craft, sample_portfolio

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
        window.open_meeting(TARGET)
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
