"""The scorecard and register in the whole window: steps and their progress, a register hit
of the search opening the Register step, the register as CSV from the File menu, the sample."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from qt_helpers import wait_at_rest

from reviewdesk.app.demo import load_demo
from reviewdesk.record.scorecard import Measure, RegisterEntry
from reviewdesk.ui.meeting.navigator import FINISHED_ROLE, PROGRESS_ROLE
from reviewdesk.ui.meeting.pages.register import RegisterPage
from reviewdesk.ui.meeting.pages.scorecard import ScorecardPage


def _step(view, key: str):
    item = next(
        view.navigator.item(r)
        for r in range(view.navigator.count())
        if view.navigator.item(r).data(Qt.ItemDataRole.UserRole + 4) == key
    )
    return item.data(PROGRESS_ROLE), item.data(FINISHED_ROLE)


def test_scorecard_and_register_steps_follow_attendees_with_their_progress(
    qtbot, window, portfolio, meeting_id
):
    window.open_meeting(meeting_id)
    view = window.meeting_view
    assert view.navigator.keys()[:3] == ["attendees", "scorecard", "register"]
    assert _step(view, "scorecard") == ("no measures", False)
    assert _step(view, "register") == ("0 open", False)
    view.go_to("scorecard")
    page = view.current_page()
    assert isinstance(page, ScorecardPage)
    page.add_measure()
    assert _step(view, "scorecard") == ("0/1 entered", False)
    assert page.model.setData(page.model.index(0, 1), "12")
    assert _step(view, "scorecard") == ("1/1 entered", True)
    view.go_to("register")
    register = view.current_page()
    assert isinstance(register, RegisterPage)
    register.raise_entry()
    assert _step(view, "register") == ("1 open", False)
    for name in ("client_view", "provider_view"):
        register.editor.fields[name].setPlainText(f"{name} said")
        register.editor.savers[name].flush()
    assert _step(view, "register") == ("1 open", True)
    assert window.undo_action.text() == "&Undo typing in provider's view of “New entry”"


def test_a_register_hit_of_the_search_opens_the_register_step(qtbot, window, portfolio, meeting_id):
    portfolio.add_register_entry(
        meeting_id,
        RegisterEntry("risk", "Peak season", provider_view="Clerks from Davao can join"),
    )
    (hit,) = [h for h in portfolio.search("Davao") if h.kind == "register"]
    assert hit.step == "register"
    window.open_hit(hit.meeting_id, hit.step)
    assert window.meeting_view.current_key() == "register"
    page = window.meeting_view.current_page()
    assert page.editor.fields["provider_view"].toPlainText() == "Clerks from Davao can join"


def test_the_register_is_exported_as_csv_from_the_file_menu(
    qtbot, window, portfolio, meeting_id, dialog_log, tmp_path
):
    portfolio.add_register_entry(
        meeting_id,
        RegisterEntry("issue", "Late release notes", client_view="Nguyễn found out late"),
    )
    portfolio.add_measure(meeting_id, Measure("Accuracy", "%", target=99, value=98))
    window.open_meeting(meeting_id)
    action = window.findChild(QAction, "exportRegisterCsv")
    assert action.text() == "Export &register as CSV…"
    target = tmp_path / "register.csv"
    dialog_log.save_path = target
    action.trigger()
    caption = dialog_log.kinds("save_file")[-1][1]
    assert caption == "Export the register as CSV"
    # written off the UI thread; the status bar says so when done
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=20000)
    rows = list(csv.DictReader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    assert [(r["title"], r["client_view"]) for r in rows] == [
        ("Late release notes", "Nguyễn found out late")
    ]


def test_the_sample_shows_a_scorecard_a_register_and_a_flag(qtbot, window, portfolio):
    ids = load_demo(portfolio)
    assert load_demo(portfolio) == ids  # loading it again adds nothing
    window.open_meeting(ids[-1])
    view = window.meeting_view
    view.go_to("scorecard")
    page = view.current_page()
    assert page.model.rowCount() == 4
    assert {page.model.index(r, 4).data() for r in range(4)} == {
        "Green ✓",
        "Amber !",
        "Red ✗",
        "No value",
    }
    view.go_to("register")
    assert view.current_page().model.rowCount() == 3
    view.go_to("section:trust")
    assert view.current_page().perception.isVisibleTo(view.current_page())
    partnership = portfolio.meeting(ids[-1]).partnership
    assert (partnership.tier, partnership.review_interval_months) == ("important", None)


def test_at_every_window_width_the_scorecard_comes_to_rest(qtbot, window, portfolio):
    # about 1,000 px wide the sample's table resized itself for ever (its scroll bar and its
    # lesser columns took turns): the window spun, and once its stack overflowed
    ids = load_demo(portfolio)
    window.resize(1366, 768)
    window.open_meeting(ids[-1])
    view = window.meeting_view
    view.go_to("scorecard")
    page = view.current_page()
    page.finish()
    for width in range(960, 1050, 3):
        window.resize(width, 768)
        wait_at_rest(qtbot)  # fails naming who keeps resizing
