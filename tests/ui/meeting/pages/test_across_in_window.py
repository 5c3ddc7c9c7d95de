"""Search (Ctrl+F), CSV export and partnership insights, reached from the main window."""

import csv
import io

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from reviewdesk.app.demo import load_demo
from reviewdesk.record import analytics


def test_ctrl_f_finds_text_and_opens_the_meeting_at_its_step(qtbot, window, portfolio):
    load_demo(portfolio)
    window.home.refresh()
    portfolio.set_comment(4, "communication", "channels", "The Quokka channel is too noisy")
    QTest.keySequence(window, "Ctrl+F")
    dialog = window.search_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.field.setText("quokka")
    dialog.run_search()
    assert [(h.meeting_id, h.step) for h in dialog.hits] == [(4, "section:communication")]
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    with qtbot.waitSignal(window.meeting_opened):
        QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    assert window.session.meeting_id == 4
    assert window.meeting_view.current_key() == "section:communication"


def test_export_actions_csv_of_the_partnership_in_view(
    qtbot, window, portfolio, dialog_log, tmp_path
):
    load_demo(portfolio)
    window.home.refresh()
    window.home.select_partnership(1)
    dialog_log.save_path = tmp_path / "actions.csv"
    window.findChild(type(window.restore_action), "exportActionsCsv").trigger()
    # written off the UI thread; the status bar says so when done
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=20000)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "actions.csv").read_text("utf-8-sig"))))
    assert {r["owner"] for r in rows} >= {"Tomasz Wójcik", "Nguyễn Văn An"}
    assert dialog_log.errors == []
    assert "Saved" in window.statusBar().currentMessage()


def test_home_shows_the_chosen_partnerships_trend_and_follow_through(qtbot, window, portfolio):
    load_demo(portfolio)
    window.home.refresh()
    window.home.select_partnership(1)
    insights = window.home.insights
    qtbot.waitUntil(lambda: insights.trend is not None)  # read off the UI thread
    history = portfolio.history(1)
    expected = analytics.trend(history)
    assert [(p.client, p.provider) for p in insights.trend.overall] == [
        (p.client, p.provider) for p in expected.overall
    ]
    assert insights.follow == analytics.follow_through(history, insights.as_of)
