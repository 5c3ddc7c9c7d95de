"""In the window: a failed save stays pending and is retried, "Saved" is only said when true,
and leaving with text that is not in the file asks (issue 10 §2, issue 9 §5)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from factories import on_disk
from PySide6.QtTest import QTest
from qt_helpers import first_section

from reviewdesk.store.templates import default_agenda
from reviewdesk.ui import messages

FIRST = default_agenda().sections[0]


class Lock:
    """Another program holding the portfolio's write lock (a real BEGIN IMMEDIATE)."""

    def __init__(self, path: Path):
        self.conn: sqlite3.Connection | None = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.conn is not None:
            self.conn.execute("ROLLBACK")
            self.conn.close()
            self.conn = None


@pytest.fixture
def lock(db_path, portfolio):
    portfolio.conn.execute("PRAGMA busy_timeout=100")  # the test need not wait 5 s per write
    held = Lock(db_path)
    yield held
    held.release()


@pytest.fixture
def answers(monkeypatch, dialog_log):
    """Answers to "Not saved: save, leave without it, or go back?", one per question asked."""
    given: list[str] = []
    asked: list[list[str]] = []

    def ask_unsaved(parent, what):
        asked.append(list(what))
        return given.pop(0)

    monkeypatch.setattr(messages, "ask_unsaved", ask_unsaved)
    return given, asked


def section_page(window, meeting_id):
    window.open_meeting(meeting_id)
    view = window.meeting_view
    first_section(view)
    return view, view.current_page()


def type_notes(qtbot, page, text: str) -> None:
    page.notes.setFocus()
    QTest.keyClicks(page.notes, text)
    page.flush()


def test_a_failed_save_is_retried_and_never_shown_as_saved(
    qtbot, window, meeting_id, db_path, lock, dialog_log
):
    _view, page = section_page(window, meeting_id)
    page.notes.setFocus()
    QTest.keyClicks(page.notes, "Weekend backlog is gone")
    qtbot.waitUntil(lambda: bool(dialog_log.errors), timeout=3000)  # after the debounce
    assert "busy" in dialog_log.errors[0]
    assert window.save_state.text() == f"Not saved: notes of {FIRST.title} — retrying"
    comment = next(iter(page.cards.values())).comment
    comment.setFocus()
    QTest.keyClicks(comment, "Agreed")
    page.flush()
    assert window.save_state.text().startswith(f"Not saved: notes of {FIRST.title}, comment on")
    assert len(dialog_log.errors) == 1  # one dialog for the whole episode
    lock.release()
    QTest.keyClicks(comment, " today")
    page.flush()  # this write succeeds, and takes the notes along
    assert window.save_state.text() == "Saved"
    stored = on_disk(db_path, meeting_id).section(FIRST.key)
    assert stored.notes == "Weekend backlog is gone"
    assert stored.questions[0].comment == "Agreed today"


def test_retries_go_on_by_themselves_until_the_file_takes_the_text(
    qtbot, window, meeting_id, db_path, lock
):
    _view, page = section_page(window, meeting_id)
    type_notes(qtbot, page, "Kept while busy")
    assert window.save_state.text().startswith("Not saved")
    lock.release()
    qtbot.waitUntil(lambda: window.save_state.text() == "Saved", timeout=5000)
    assert on_disk(db_path, meeting_id).section(FIRST.key).notes == "Kept while busy"


def test_closing_with_unsaved_text_asks_and_save_retries(
    qtbot, window, meeting_id, db_path, lock, answers, monkeypatch
):
    given, asked = answers
    _view, page = section_page(window, meeting_id)
    type_notes(qtbot, page, "Said before closing")
    given.append("cancel")
    window.close()
    assert window.isVisible()  # stays, with the text
    assert asked == [[f"notes of {FIRST.title}"]]

    def save_then_release(parent, what):
        asked.append(list(what))
        if len(asked) == 3:  # the first "Save" failed (still busy): asked again
            lock.release()
        return "save"

    monkeypatch.setattr(messages, "ask_unsaved", save_then_release)
    window.close()
    assert not window.isVisible()
    assert len(asked) == 3
    assert on_disk(db_path, meeting_id).section(FIRST.key).notes == "Said before closing"


def test_leaving_without_the_text_writes_nothing(qtbot, window, meeting_id, db_path, lock, answers):
    given, _asked = answers
    view, page = section_page(window, meeting_id)
    type_notes(qtbot, page, "Not wanted after all")
    given.append("cancel")
    window.show_home()  # leaving the meeting asks too
    assert window.meeting_view is view
    given.append("discard")
    window.close()
    assert not window.isVisible()
    lock.release()
    assert on_disk(db_path, meeting_id).section(FIRST.key).notes == ""


def test_a_decision_typed_but_not_added_is_kept_and_asked_about(
    qtbot, window, meeting_id, db_path, answers
):
    given, asked = answers
    view, page = section_page(window, meeting_id)
    assert window.save_state.text() == "No unsaved changes"
    page.decision_input.setFocus()
    QTest.keyClicks(page.decision_input, "Monthly joint retro")
    draft = f"a decision typed in {FIRST.title} (not added yet)"
    assert window.save_state.text() == f"Not saved: {draft}"
    window.zoom(+1)  # the page is built again at the new size: the draft is still there
    page = view.current_page()
    assert page.decision_input.text() == "Monthly joint retro"
    given.append("save")
    window.close()
    assert asked == [[draft]]
    decisions = on_disk(db_path, meeting_id).section(FIRST.key).decisions
    assert [d.text for d in decisions] == ["Monthly joint retro"]


def test_the_goals_page_says_saving_like_the_others(qtbot, window, meeting_id, db_path):
    window.open_meeting(meeting_id)
    view = window.meeting_view
    view.go_to("goals")
    page = view.current_page()
    gid = page.new_goal()
    title = page.editor.fields["title"]
    title.setFocus()
    QTest.keyClicks(title, "Backlog under 50")
    assert window.save_state.text() == "Saving…"
    qtbot.waitUntil(lambda: window.save_state.text() == "Saved", timeout=3000)
    assert [g.title for g in on_disk(db_path, meeting_id).goals if g.id == gid] == [
        "Backlog under 50"
    ]


def test_many_unsaved_texts_keep_the_status_to_one_line(qtbot, window, meeting_id, lock):
    _view, page = section_page(window, meeting_id)
    type_notes(qtbot, page, "notes")
    for card in page.cards.values():
        card.comment.setPlainText("a comment")
    page.flush()
    assert window.save_state.text().startswith(f"Not saved: notes of {FIRST.title}, comment on")
    assert window.save_state.text().endswith(f" and {len(page.cards) - 1} more — retrying")
