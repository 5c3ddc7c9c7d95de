"""The main window: start-up, read-only notice, steps, status bar, menus, import and export."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

from PySide6.QtCore import Qt
from qt_helpers import first_section

from reviewdesk.record.exchange.meeting_format import loads, parse_meeting
from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui import app, settings, style
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.meeting.session import Change

RUN = """
import pathlib, sys
from reviewdesk.ui import app
from reviewdesk.ui import messages
messages.show_error = lambda parent, title, message: print("DIALOG", message, file=sys.stderr)
sys.exit(app.run(pathlib.Path(sys.argv[1])))
"""


def run_app(db: Path) -> subprocess.CompletedProcess:
    """``app.run(db)`` in a fresh process (offscreen, quits once the home is ready)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env[app.EXIT_AFTER_SHOW_ENV] = "1"
    return subprocess.run(
        [sys.executable, "-c", RUN, str(db)], env=env, capture_output=True, timeout=60, text=True
    )


def test_run_refuses_a_foreign_file_with_a_dialog_and_exit_2(tmp_path):
    foreign = tmp_path / "shopping.sqlite"
    foreign.write_text("milk, eggs, bread\n" * 50)
    done = run_app(foreign)
    assert done.returncode == 2
    (line,) = [x for x in done.stderr.splitlines() if x.startswith("DIALOG ")]
    assert "shopping.sqlite" in line
    assert "Traceback" not in done.stderr
    assert foreign.read_text().startswith("milk")


def test_run_shows_the_window_and_returns_zero(db_path):
    done = run_app(db_path)
    assert done.returncode == 0, done.stderr
    assert "DIALOG" not in done.stderr
    assert db_path.exists()
    assert db_path.resolve() in settings.recent_files()
    assert settings.geometry() is not None  # saved when the window closed


def test_second_window_is_read_only_with_a_visible_notice(qtbot, db_path, dialog_log):
    first = open_portfolio(db_path, exclusive=True)
    second = open_portfolio(db_path, exclusive=True)
    try:
        w = MainWindow(second, db_path)
        qtbot.addWidget(w)
        w.show()
        assert second.readonly
        assert w.notice.isVisible()
        assert "another reviewdesk window" in w.notice.text()
        assert "read-only" in w.windowTitle()
        assert not w.home.sample_button.isEnabled()
    finally:
        second.close()
        first.close()


def open_meeting(window: MainWindow, meeting_id: int):
    window.open_meeting(meeting_id)
    return window.meeting_view


def test_meeting_header_navigator_and_ctrl_pgdown(qtbot, window, meeting_id):
    view = open_meeting(window, meeting_id)
    assert view.header.text().startswith("Acme Shipping ↔ Nimbus BPO  ·  Q4 2026 review")
    keys = view.navigator.keys()
    assert keys[:3] == ["attendees", "scorecard", "register"]
    assert keys[-3:] == ["goals", "actions", "wrapup"]
    assert view.current_key() == "attendees"
    for expected in keys[1:4]:
        qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert view.current_key() == expected
    assert view.current_page().section_key == keys[3].split(":", 1)[1]
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.current_key() == keys[3]


def test_leaving_while_pages_are_still_being_built_stops_their_building(qtbot, window, meeting_id):
    view = open_meeting(window, meeting_id)
    for key in list(view.navigator.keys()):  # every page starts building its later parts
        view.go_to(key)
    window.show_home()  # at once: the meeting's session and pages go
    assert window.meeting_view is None
    qtbot.wait(300)  # a page building on would touch the deleted session: an error here
    assert window.stack.currentWidget() is window.home


def test_ctrl_pgdown_works_while_typing(qtbot, window, meeting_id):
    view = open_meeting(window, meeting_id)
    first_section(view)
    page = view.current_page()
    for editor in (page.notes, next(iter(page.cards.values())).comment):
        before = view.current_key()
        editor.setFocus()
        qtbot.waitUntil(editor.hasFocus)
        qtbot.keyClick(editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert view.current_key() != before
        view.navigator.select(before)


def test_navigator_shows_progress_and_finished(qtbot, window, meeting_id, portfolio):
    from reviewdesk.ui.meeting.navigator import FINISHED_ROLE, PROGRESS_ROLE

    view = open_meeting(window, meeting_id)
    first_section(view)
    page = view.current_page()
    section = page.section()
    item = view.navigator.currentItem()
    assert item.data(PROGRESS_ROLE) == f"0/{2 * len(section.questions)} rated"
    for qc in page.cards.values():
        for row in qc.rows.values():
            row.setFocus()
            qtbot.keyClick(row, Qt.Key.Key_3)
    total = 2 * len(section.questions)
    assert item.data(PROGRESS_ROLE) == f"{total}/{total} rated"
    assert item.data(FINISHED_ROLE)


def test_saved_appears_only_after_the_commit(qtbot, window, meeting_id, db_path):
    view = open_meeting(window, meeting_id)
    first_section(view)
    page = view.current_page()
    assert window.save_state.text() != "Saved"
    page.notes.setPlainText("Weekend backlog is gone")
    assert window.save_state.text() == "Saving…"
    with qtbot.waitSignal(window.session.saved, timeout=2000):
        pass
    assert window.save_state.text() == "Saved"
    assert open_portfolio(db_path, readonly=True).meeting(meeting_id).sections[0].notes == (
        "Weekend backlog is gone"
    )


def test_typing_then_undoing_the_change_does_not_stay_saving(qtbot, window, meeting_id):
    view = open_meeting(window, meeting_id)
    first_section(view)
    comment = next(iter(view.current_page().cards.values())).comment
    comment.setPlainText("x")
    assert window.save_state.text() == "Saving…"
    comment.setPlainText("")
    qtbot.waitUntil(lambda: window.save_state.text() != "Saving…", timeout=2000)
    assert window.save_state.text() == "No unsaved changes"


def test_changing_step_and_closing_flush_typed_text(qtbot, window, meeting_id, portfolio):
    view = open_meeting(window, meeting_id)
    first_section(view)
    first = view.current_page()
    first.notes.setPlainText("said before moving on")
    view.move(1)  # before the debounce fired
    assert portfolio.meeting(meeting_id).sections[0].notes == "said before moving on"
    second = view.current_page()
    second.notes.setPlainText("said just before closing")
    window.close()
    assert portfolio.meeting(meeting_id).sections[1].notes == "said just before closing"


def test_write_failure_goes_to_a_dialog(qtbot, window, meeting_id, portfolio, sign_off, dialog_log):
    view = open_meeting(window, meeting_id)
    first_section(view)
    page = view.current_page()
    sign_off(portfolio, meeting_id)  # locked elsewhere while this window is open
    row = next(iter(page.cards.values())).rows["client"]
    row.setFocus()
    qtbot.keyClick(row, Qt.Key.Key_4)
    assert any("signed off" in e for e in dialog_log.errors)
    assert window.save_state.text() == "Not saved"


def test_attendees_step_marks_presence_and_adds_people(qtbot, window, meeting_id, portfolio):
    view = open_meeting(window, meeting_id)
    page = view.current_page()
    page.checks["Ben Cruz"].click()
    assert not portfolio.meeting(meeting_id).participant("Ben Cruz").present
    page.name.setText("Dee Santos")
    page.side.setCurrentIndex(page.side.findData("provider"))
    page.role.setText("Team lead")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dee = portfolio.meeting(meeting_id).participant("Dee Santos")
    assert (dee.side, dee.role, dee.present) == ("provider", "Team lead", True)
    assert "Dee Santos" in page.checks


def test_locked_meeting_shows_banner_and_read_only_attendees(
    qtbot, window, meeting_id, portfolio, sign_off
):
    sign_off(portfolio, meeting_id)
    view = open_meeting(window, meeting_id)
    assert view.banner.isVisible()
    assert view.banner.text().startswith("Signed off on 27 November 2026, ")
    assert view.banner.text().endswith(
        " by Ana Reyes (Client) and Ben Cruz (Provider). The record is read-only."
    )
    page = view.current_page()
    assert not page.checks["Ana Reyes"].isEnabled()
    assert not page.add_card.isVisible()
    first_section(view)
    assert view.current_page().notes.isReadOnly()


def test_signing_off_shows_the_banner_and_stops_the_clocks(qtbot, window, meeting_id, portfolio):
    import datetime as dt

    from reviewdesk.record.model import Signature

    view = open_meeting(window, meeting_id)
    first_section(view)
    page = view.current_page()
    page.timebox.toggle()
    assert not view.banner.isVisible()
    at = dt.datetime(2026, 11, 27, 16, 5, tzinfo=dt.UTC)
    signers = [Signature("Ana Reyes", "client", at), Signature("Ben Cruz", "provider", at)]
    window.session.write(Change.SIGNOFF, portfolio.sign_off, meeting_id, signers)
    assert view.banner.isVisible()
    assert view.banner.text() == (
        "Signed off on 27 November 2026, 16:05 UTC by Ana Reyes (Client) and Ben Cruz "
        "(Provider). The record is read-only."
    )
    assert not page.timebox.running and not view.clock.running
    assert page.notes.isReadOnly()


def test_import_of_a_bad_file_shows_the_error(qtbot, window, tmp_path, dialog_log, portfolio):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "reviewdesk.meeting/1", ')
    dialog_log.open_path = bad
    window.import_json()
    (message,) = dialog_log.errors
    # plain words and where; the parser's own sentence is one click away (Show Details)
    assert message == "broken.json: not valid JSON: line 1, column 36"
    assert dialog_log.details == ["Expecting property name enclosed in double quotes"]
    assert portfolio.meetings() == []


def test_export_json_then_import_it_again(qtbot, window, meeting_id, tmp_path, dialog_log):
    view = open_meeting(window, meeting_id)
    first_section(view)
    view.current_page().notes.setPlainText("exported note")
    target = tmp_path / "out.json"
    dialog_log.save_path = target
    window.export_json()
    doc = parse_meeting(loads(target.read_bytes()))
    assert doc.sections[0].notes == "exported note"
    dialog_log.open_path = target
    window.import_json()
    assert dialog_log.errors == []
    assert window.session.meeting_id != meeting_id
    assert window.session.meeting.sections[0].notes == "exported note"


def test_export_pdf_hands_off_to_the_worker_and_offers_the_file(
    qtbot, window, meeting_id, tmp_path, dialog_log, monkeypatch
):
    calls = []

    def fake_export(parent, session, target, paper, on_done):
        calls.append((session.meeting_id, target, paper))
        on_done(str(target), None)

    fake = types.ModuleType("reviewdesk.ui.ops")
    fake.export_meeting_pdf = fake_export
    monkeypatch.setitem(sys.modules, "reviewdesk.ui.ops", fake)
    opened = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url))
    open_meeting(window, meeting_id)
    dialog_log.save_path = tmp_path / "minutes"
    dialog_log.export_choice = "folder"
    window.export_pdf_action.trigger()
    assert calls == [(meeting_id, tmp_path / "minutes.pdf", "a4")]
    assert dialog_log.kinds("export_done")
    assert Path(opened[0].toLocalFile()) == tmp_path


def test_paper_size_is_remembered(window):
    window.paper_actions["letter"].trigger()
    assert settings.paper() == "letter"
    assert window.paper_actions["letter"].isChecked()
    assert not window.paper_actions["a4"].isChecked()


def test_export_pdf_error_is_shown(qtbot, window, meeting_id, tmp_path, dialog_log, monkeypatch):
    fake = types.ModuleType("reviewdesk.ui.ops")
    fake.export_meeting_pdf = lambda parent, s, target, paper, on_done: on_done(
        None, "minutes: the disk is full"
    )
    monkeypatch.setitem(sys.modules, "reviewdesk.ui.ops", fake)
    open_meeting(window, meeting_id)
    dialog_log.save_path = tmp_path / "m.pdf"
    window.export_pdf()
    assert dialog_log.errors == ["minutes: the disk is full"]


def test_export_is_disabled_without_a_meeting(window):
    assert not window.export_pdf_action.isEnabled()
    assert not window.export_json_action.isEnabled()


def test_larger_and_smaller_text_scale_and_persist(qtbot, window, qapp):
    base = qapp.font().pointSizeF()
    window.zoom(+1)
    assert style.scale() > 1.0
    assert qapp.font().pointSizeF() > base
    assert settings.scale() == style.scale()
    window.zoom(-1)
    window.zoom(-1)
    assert style.scale() < 1.0
    window.zoom(0)
    assert style.scale() == 1.0


def test_larger_text_rebuilds_the_open_section_bigger(qtbot, window, meeting_id, portfolio):
    window.resize(1366, 768)  # room for the steps to grow with the text
    view = open_meeting(window, meeting_id)
    first_section(view)
    page = view.current_page()
    page.notes.setPlainText("typed just before zooming")
    small = next(iter(page.cards.values())).rows["client"].buttons[3].sizeHint().height()
    window.zoom(+1)
    window.zoom(+1)
    assert portfolio.meeting(meeting_id).sections[0].notes == "typed just before zooming"
    page = view.current_page()
    assert page.notes.toPlainText() == "typed just before zooming"
    big = next(iter(page.cards.values())).rows["client"].buttons[3].sizeHint().height()
    assert big > small
    qtbot.waitUntil(lambda: view.width() > 1200)
    assert view.navigator.width() > 272


def test_open_another_portfolio_and_recent_files(qtbot, window, tmp_path, db_path, dialog_log):
    other = tmp_path / "other" / "second.sqlite"
    dialog_log.save_path = other
    window.new_portfolio()
    assert window.db_path == other and other.exists()
    assert window.path_label.text() == str(other)
    # the list is written off the UI thread
    qtbot.waitUntil(lambda: settings.recent_files()[:2] == [other.resolve(), db_path.resolve()])


def test_open_portfolio_refusal_is_a_dialog(qtbot, window, tmp_path, dialog_log, db_path):
    foreign = tmp_path / "notes.sqlite"
    foreign.write_text("not a database" * 100)
    assert not window.open_portfolio(foreign)
    assert "notes.sqlite" in dialog_log.errors[0]
    assert window.db_path == db_path


def test_about_names_version_and_database(window, dialog_log, db_path):
    window.about()
    (_, _title, text) = dialog_log.kinds("info")[0]
    assert "0.1.0" in text and str(db_path) in text


def test_undo_in_the_focused_text_field(qtbot, window, meeting_id):
    view = open_meeting(window, meeting_id)
    first_section(view)
    comment = next(iter(view.current_page().cards.values())).comment
    comment.setFocus()
    qtbot.keyClicks(comment, "late")
    assert comment.toPlainText() == "late"
    window._edit("undo")
    assert comment.toPlainText() == ""
    window._edit("redo")
    assert comment.toPlainText() == "late"


def test_back_to_all_reviews_refreshes_home(qtbot, window, meeting_id):
    open_meeting(window, meeting_id)
    window.show_home()
    assert window.stack.currentWidget() is window.home
    assert window.session is None
    assert window.home.review_model.rowCount() == 1


def test_full_screen_toggles(qtbot, window):
    window.toggle_fullscreen()
    assert window.fullscreen_action.isChecked() == window.isFullScreen()
    window.toggle_fullscreen()
    assert not window.isFullScreen()


def test_export_pdf_with_the_real_worker_writes_the_minutes(
    qtbot, window, meeting_id, tmp_path, dialog_log
):
    open_meeting(window, meeting_id)
    target = tmp_path / "minutes.pdf"
    dialog_log.save_path = target
    window.export_pdf()
    qtbot.waitUntil(
        lambda: bool(dialog_log.kinds("export_done") or dialog_log.errors), timeout=30000
    )
    assert dialog_log.errors == []
    assert target.read_bytes().startswith(b"%PDF")


def test_edit_menu_undoes_the_open_meetings_edits_by_name(qtbot, window, meeting_id, portfolio):
    view = open_meeting(window, meeting_id)
    first_section(view)
    page = view.current_page()
    card = next(iter(page.cards.values()))
    qtbot.mouseClick(card.rows["client"].buttons[5], Qt.MouseButton.LeftButton)
    assert window.undo_action.text() == "&Undo Client rating – → 5"
    assert window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    window.undo_action.trigger()
    section = portfolio.meeting(meeting_id).sections[0]
    assert section.questions[0].client_rating is None
    assert window.redo_action.text() == "&Redo Client rating – → 5"
    window.redo_action.trigger()
    assert portfolio.meeting(meeting_id).sections[0].questions[0].client_rating == 5


def test_ctrl_z_in_a_text_field_goes_to_the_meeting_once_typed_text_is_saved(
    qtbot, window, meeting_id, portfolio
):
    view = open_meeting(window, meeting_id)
    first_section(view)
    page = view.current_page()
    card = next(iter(page.cards.values()))
    qtbot.mouseClick(card.rows["provider"].buttons[2], Qt.MouseButton.LeftButton)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    card.comment.setFocus()
    qtbot.waitUntil(card.comment.hasFocus)
    qtbot.keyClicks(card.comment, "late")
    assert window.undo_action.text() == "&Undo typing"
    qtbot.keyClick(card.comment, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert card.comment.toPlainText() == ""  # the typed text was saved, then undone
    assert portfolio.meeting(meeting_id).sections[0].questions[0].comment == ""
    qtbot.keyClick(card.comment, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert portfolio.meeting(meeting_id).sections[0].questions[0].provider_rating is None
    window.redo_action.trigger()
    window.redo_action.trigger()
    stored = portfolio.meeting(meeting_id).sections[0].questions[0]
    assert (stored.provider_rating, stored.comment) == (2, "late")


def test_a_locked_meeting_has_nothing_in_the_edit_menu(qtbot, window, meeting_id, portfolio):
    import datetime as dt

    from reviewdesk.record.model import Signature

    view = open_meeting(window, meeting_id)
    first_section(view)
    card = next(iter(view.current_page().cards.values()))
    qtbot.mouseClick(card.rows["client"].buttons[3], Qt.MouseButton.LeftButton)
    assert window.undo_action.isEnabled()
    at = dt.datetime(2026, 11, 27, 16, 5, tzinfo=dt.UTC)
    signers = [Signature("Ana Reyes", "client", at), Signature("Ben Cruz", "provider", at)]
    window.session.write(Change.SIGNOFF, portfolio.sign_off, meeting_id, signers)
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert window.undo_action.text() == "&Undo"
    window.undo_action.trigger()
    assert portfolio.meeting(meeting_id).sections[0].questions[0].client_rating == 3


def test_nothing_undone_is_lost_across_a_restart(qtbot, window, meeting_id, portfolio, db_path):
    view = open_meeting(window, meeting_id)
    first_section(view)
    page = view.current_page()
    card = next(iter(page.cards.values()))
    qtbot.mouseClick(card.rows["client"].buttons[4], Qt.MouseButton.LeftButton)
    page.notes.setPlainText("Weekend backlog is gone")
    page.flush()
    page.decision_input.setText("Weekly backlog call")
    page.add_decision_button.click()
    window.undo_action.trigger()  # the decision
    window.undo_action.trigger()  # the notes
    window.close()
    portfolio.close()
    with open_portfolio(db_path) as again:
        section = again.meeting(meeting_id).sections[0]
    assert section.questions[0].client_rating == 4
    assert section.notes == ""
    assert section.decisions == []


def test_ctrl_n_opens_new_review_for_the_partnership_in_view(
    qtbot, window, meeting_id, portfolio, monkeypatch
):
    from reviewdesk.ui.dialogs import new_review

    opened: list[int | None] = []

    def exec_(dialog):
        opened.append(dialog.chosen_partnership())
        return 0

    monkeypatch.setattr(new_review.NewReviewDialog, "exec", exec_)
    window.home.refresh()  # the review was made after the window opened
    qtbot.waitExposed(window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    pid = portfolio.meeting(meeting_id).partnership.id
    assert opened == [pid]
    open_meeting(window, meeting_id)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == [pid, pid]
    assert window.findChild(type(window.new_review_action), "newReview").shortcut().toString() == (
        "Ctrl+N"
    )


def test_back_home_from_a_meeting_that_changed_nothing_reads_nothing_again(
    qtbot, meeting_id, window, monkeypatch
):
    import shiboken6

    home = window.home
    qtbot.waitUntil(lambda: home.figures_op is None)
    home.open_selected()  # from the home page's list
    view = window.meeting_view
    assert view is not None and window.session is not None
    refreshed = []
    monkeypatch.setattr(home, "refresh", lambda *a, **k: refreshed.append((a, k)))
    window.show_home()
    assert window.stack.currentWidget() is home
    assert window.session is None and window.meeting_view is None
    assert refreshed == []  # the page was kept as it was
    assert not view.isVisible()
    qtbot.waitUntil(lambda: not shiboken6.isValid(view))  # deleted a part per turn


def test_a_closed_meeting_goes_a_part_a_turn_its_frame_too_and_the_memory_in_a_turn_after(
    qtbot, meeting_id, window, monkeypatch
):
    import shiboken6

    from reviewdesk.ui import memory

    turns: list[str] = []
    parents: dict[str, object] = {}
    real_delete = shiboken6.delete

    def delete(widget) -> None:
        turns.append(type(widget).__name__)
        parents[turns[-1]] = widget.parent()
        real_delete(widget)

    monkeypatch.setattr(shiboken6, "delete", delete)
    monkeypatch.setattr(memory, "give_back_free_memory", lambda: turns.append("memory"))
    window.home.open_selected()
    window.show_home()
    qtbot.waitUntil(lambda: "memory" in turns)
    # the steps' list, the header… each in a turn of its own before the view itself
    assert turns.index("Navigator") < turns.index("MeetingView") == len(turns) - 2
    assert turns[-1] == "memory"
    # out of the window's stack when it goes (deleting a child of the stack repaints home)
    assert parents["MeetingView"] is None


def test_a_closed_meetings_memory_goes_back_to_the_system_once_it_is_deleted(
    qtbot, meeting_id, window, monkeypatch
):
    import shiboken6

    from reviewdesk.ui import memory

    given_back = []
    monkeypatch.setattr(
        memory, "give_back_free_memory", lambda: given_back.append(shiboken6.isValid(view))
    )
    window.home.open_selected()
    view = window.meeting_view
    window.show_home()
    qtbot.waitUntil(lambda: given_back != [])
    assert given_back == [False]  # after the last part was deleted, once
    monkeypatch.undo()
    import ctypes

    loaded = []
    real_cdll = ctypes.CDLL
    monkeypatch.setattr(ctypes, "CDLL", lambda name: loaded.append(name) or real_cdll(name))
    monkeypatch.setattr(memory.sys, "platform", "win32")
    memory.give_back_free_memory()  # elsewhere: the allocator gives memory back itself
    assert loaded == []
    monkeypatch.setattr(memory.sys, "platform", "linux")
    memory.give_back_free_memory()  # glibc's malloc_trim (nothing, without glibc)
    assert loaded == ["libc.so.6"]


def test_back_home_after_a_rating_reads_the_partnership_again(qtbot, meeting_id, window):
    home = window.home
    qtbot.waitUntil(lambda: home.figures_op is None)
    assert home.partnership_model.index(0, 4).data() == "–"
    home.open_selected()
    view = window.meeting_view
    first_section(view)
    card = next(iter(view.current_page().cards.values()))
    qtbot.mouseClick(card.rows["client"].buttons[5], Qt.MouseButton.LeftButton)
    window.show_home()
    assert home.partnership_model.index(0, 4).data().startswith("5.0")
    assert home.review_model.index(0, 3).data().startswith("5.0")


def test_back_home_after_a_meeting_opened_elsewhere_reads_its_partnership(
    qtbot, meeting_id, window, portfolio, monkeypatch
):
    home = window.home
    qtbot.waitUntil(lambda: home.figures_op is None)
    refreshed, read = [], []
    real_refresh, real_read = home.refresh, home._read_figures
    monkeypatch.setattr(
        home, "refresh", lambda *a, **k: (refreshed.append(k), real_refresh(*a, **k))
    )
    monkeypatch.setattr(
        home, "_read_figures", lambda rows, ids: (read.append(ids), real_read(rows, ids))
    )
    window.open_hit(meeting_id, "attendees")  # a search result: not from the list
    window.show_home()
    pid = portfolio.meeting(meeting_id).partnership.id
    assert read == [{pid}] and refreshed == []  # its row read again, not the whole list

    # a partnership the list does not hold, or one renamed meanwhile: the whole list again
    home.back_from_meeting([pid + 1000])
    assert refreshed == [{"changed": [pid + 1000]}]
    portfolio.conn.execute("UPDATE partnership SET client = 'Zed' WHERE id = ?", (pid,))
    portfolio.conn.commit()
    home.back_from_meeting([pid])
    assert refreshed[-1] == {"changed": [pid]}
    assert home.partnership_model.row_at(0).partnership.client == "Zed"


def test_a_partnership_read_again_in_place_shows_its_new_service(
    qtbot, meeting_id, window, portfolio
):
    home = window.home
    qtbot.waitUntil(lambda: home.figures_op is None)
    pid = home.partnership_model.row_at(0).id
    portfolio.conn.execute("UPDATE partnership SET service = 'Night shift' WHERE id = ?", (pid,))
    portfolio.conn.commit()
    changed = []
    home.partnership_model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    home.back_from_meeting([pid])
    assert home.partnership_model.index(0, 1).data() == "Night shift"
    assert (0, 0) in changed


def test_start_up_shows_opening_until_the_home_page_lists_the_partnerships(
    qtbot, meeting_id, portfolio, db_path
):
    w = MainWindow(None, db_path)
    qtbot.addWidget(w)
    w.show()
    loading = w.loading
    w.set_portfolio(portfolio, in_slices=True)
    assert w.stack.currentWidget() is loading and w.home.building
    with qtbot.waitSignal(w.home.listed):
        pass
    assert w.stack.currentWidget() is w.home and w.loading is None
    assert w.home.partnership_model.rowCount() == 1
    qtbot.waitUntil(lambda: not w.home.building)
    assert w.home.selected_meeting() == meeting_id
    assert w.new_review_action.isEnabled()  # the menus' items came a turn after the page
