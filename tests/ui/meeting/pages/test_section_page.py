"""The agenda section page: ratings by click and key, gap badge, notes, decisions, lock."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.meeting import autosave, edits
from reviewdesk.ui.meeting.pages.section import SectionPage
from reviewdesk.ui.meeting.session import Change

FIRST = default_agenda().sections[0]
SKEY = FIRST.key
Q1, Q2 = FIRST.questions[0].key, FIRST.questions[1].key


def make_page(qtbot, session) -> SectionPage:
    page = SectionPage(session, SKEY)
    qtbot.addWidget(page)
    page.show()
    return page


def stored_question(portfolio: Portfolio, meeting_id: int, qkey: str):
    return portfolio.meeting(meeting_id).section(SKEY).question(qkey)


def test_clicking_rating_buttons_stores_each_side(qtbot, session, portfolio, meeting_id):
    page = make_page(qtbot, session)
    card = page.cards[Q1]
    with qtbot.waitSignal(session.saved):
        qtbot.mouseClick(card.rows["client"].buttons[4], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(card.rows["provider"].buttons[2], Qt.MouseButton.LeftButton)
    q = stored_question(portfolio, meeting_id, Q1)
    assert (q.client_rating, q.provider_rating) == (4, 2)
    assert card.rows["client"].buttons[4].isChecked()
    qtbot.mouseClick(card.rows["client"].buttons[0], Qt.MouseButton.LeftButton)
    assert stored_question(portfolio, meeting_id, Q1).client_rating is None


def test_keys_rate_and_clear_the_focused_row(qtbot, session, portfolio, meeting_id):
    page = make_page(qtbot, session)
    row = page.cards[Q2].rows["provider"]
    row.setFocus()
    qtbot.keyClick(row, Qt.Key.Key_3)
    assert stored_question(portfolio, meeting_id, Q2).provider_rating == 3
    qtbot.keyClick(row, Qt.Key.Key_5)
    assert stored_question(portfolio, meeting_id, Q2).provider_rating == 5
    qtbot.keyClick(row, Qt.Key.Key_Backspace)
    assert stored_question(portfolio, meeting_id, Q2).provider_rating is None
    qtbot.keyClick(row, Qt.Key.Key_1)
    qtbot.keyClick(row, Qt.Key.Key_0)
    assert stored_question(portfolio, meeting_id, Q2).provider_rating is None
    assert row.buttons[0].isChecked()


def test_rating_rows_are_big_focusable_and_named(qtbot, session):
    page = make_page(qtbot, session)
    row = page.cards[Q1].rows["client"]
    assert row.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert row.accessibleName() == "Client rating"
    for value, button in row.buttons.items():
        assert button.width() >= 32 and button.height() >= 32
        assert button.accessibleName()
        if value:
            assert str(value) in button.accessibleName()


def test_gap_badge_appears_when_ratings_differ_by_two(qtbot, session):
    page = make_page(qtbot, session)
    card = page.cards[Q1]
    assert card.gap_badge.isHidden()
    card.rows["client"].setFocus()
    qtbot.keyClick(card.rows["client"], Qt.Key.Key_5)
    assert card.gap_badge.isHidden()  # only one side rated
    card.rows["provider"].setFocus()
    qtbot.keyClick(card.rows["provider"], Qt.Key.Key_4)
    assert card.gap_badge.isHidden()  # differ by 1
    qtbot.keyClick(card.rows["provider"], Qt.Key.Key_2)
    assert card.gap_badge.isVisible()
    assert card.gap_badge.text() == "Gap 3"


def test_notes_save_after_the_debounce_and_reach_the_file(qtbot, session, db_path, meeting_id):
    page = make_page(qtbot, session)
    with qtbot.waitSignal(session.saved, timeout=2000):
        page.notes.setPlainText("Provider hired two more agents; weekend backlog cleared.")
    assert autosave.DEBOUNCE_MS <= 400
    again = open_portfolio(db_path, readonly=True)
    try:
        assert again.meeting(meeting_id).section(SKEY).notes == (
            "Provider hired two more agents; weekend backlog cleared."
        )
    finally:
        again.close()


def test_comment_saves_on_flush_before_the_debounce(qtbot, session, portfolio, meeting_id):
    page = make_page(qtbot, session)
    page.cards[Q1].comment.setPlainText("Escalation came late in August")
    assert stored_question(portfolio, meeting_id, Q1).comment == ""
    page.flush()
    assert stored_question(portfolio, meeting_id, Q1).comment == "Escalation came late in August"


def test_notes_field_grows_with_its_text(qtbot, session):
    page = make_page(qtbot, session)
    before = page.notes.height()
    page.notes.setPlainText("\n".join(f"line {i}" for i in range(12)))
    assert page.notes.height() > before


def test_add_edit_and_remove_a_decision(qtbot, session, portfolio, meeting_id, dialog_log):
    page = make_page(qtbot, session)
    page.decision_input.setText("Share the volume forecast every Monday")
    qtbot.mouseClick(page.add_decision_button, Qt.MouseButton.LeftButton)
    decisions = portfolio.meeting(meeting_id).section(SKEY).decisions
    assert [d.text for d in decisions] == ["Share the volume forecast every Monday"]
    assert page.decision_input.text() == ""
    dialog_log.text_answer = "Share the volume forecast every Monday by 10:00"
    page.edit_decision(decisions[0].id, decisions[0].text)
    decisions = portfolio.meeting(meeting_id).section(SKEY).decisions
    assert decisions[0].text.endswith("by 10:00")
    page.remove_decision(decisions[0].id)
    assert portfolio.meeting(meeting_id).section(SKEY).decisions == []
    assert dialog_log.kinds("confirm")


def test_add_action_hands_the_section_to_the_action_dialog(qtbot, session, monkeypatch):
    from reviewdesk.ui.meeting.pages import section as section_page

    seen = []
    monkeypatch.setattr(
        section_page, "ask_new_action", lambda parent, s, key: seen.append((s, key)) or None
    )
    page = make_page(qtbot, session)
    qtbot.mouseClick(page.add_action_button, Qt.MouseButton.LeftButton)
    assert seen == [(session, SKEY)]


def test_actions_raised_here_are_listed(qtbot, session, portfolio, meeting_id):
    from reviewdesk.record.model import Action

    page = make_page(qtbot, session)
    session.write(
        Change.ACTIONS,
        portfolio.add_action,
        meeting_id,
        Action("Send the escalation matrix", owner="Ben Cruz", side="provider", section=SKEY),
    )
    listed = page.action_list.itemAt(0).widget()
    assert page.action_list.count() == 1  # one label for the whole list
    assert "• Send the escalation matrix" in listed.plain_text()
    assert "Ben Cruz · Provider" in listed.plain_text()
    assert listed.accessibleName() == "Actions raised here"
    assert "Send the escalation matrix: Ben Cruz · Provider" in listed.accessibleDescription()


def test_actions_raised_here_are_escaped_and_overdue_ones_marked(
    qtbot, session, portfolio, meeting_id
):
    from reviewdesk.record.model import Action

    page = make_page(qtbot, session)
    for text, due in (("<b>not bold</b> & 2  spaces", None), ("Old promise", dt.date(2000, 1, 1))):
        session.write(
            Change.ACTIONS,
            portfolio.add_action,
            meeting_id,
            Action(text, owner="Ana Reyes", side="client", due=due, section=SKEY),
        )
    listed = page.action_list.itemAt(0).widget()
    shown = listed.plain_text()
    assert "• <b>not bold</b> & 2  spaces" in shown  # user text is never markup
    assert "Old promise" in shown
    assert listed.text().count("font-weight:600") == 1  # only the overdue action's details


def test_the_page_shows_its_top_first_and_ends_complete(qtbot, session, portfolio, meeting_id):
    from reviewdesk.record.model import Action

    for i in range(30):
        portfolio.add_action(meeting_id, Action(f"Action {i}", section=SKEY))
    session.refresh()
    page = make_page(qtbot, session)
    assert not page.complete
    assert list(page._cards) == [Q1]  # the first question comes with the page
    assert "notes" not in page.__dict__
    qtbot.waitUntil(lambda: page.complete, timeout=5000)
    assert list(page._cards) == [q.key for q in FIRST.questions]
    listed = page.action_list.itemAt(0).widget()
    assert all(f"• Action {i}\n" in listed.plain_text() + "\n" for i in range(30))
    for key, qc in page._cards.items():
        question = session.meeting.section(SKEY).question(key)
        assert qc.text.accessibleName() == f"Question: {question.text}"
        assert qc.comment.accessibleName() == f"Comment on: {question.text}"
    assert page.notes.accessibleName() == f"Notes on {FIRST.title}"
    # in page order: the questions, then notes, decisions and actions
    layout = page.layout()
    order = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert order.index(page._cards[Q2]) < order.index(page.notes.parentWidget())


def test_reading_a_part_not_built_yet_finishes_the_page(qtbot, session):
    page = make_page(qtbot, session)
    assert not page.complete
    assert page.notes.accessibleName() == f"Notes on {FIRST.title}"
    assert page.complete
    assert set(page.cards) == {q.key for q in FIRST.questions}


def test_edits_while_the_page_is_built_are_not_lost(qtbot, session, portfolio, meeting_id):
    page = make_page(qtbot, session)
    assert not page.complete
    page._cards[Q1].comment.setPlainText("Typed while the rest was coming")
    qtbot.mouseClick(page._cards[Q1].rows["client"].buttons[4], Qt.MouseButton.LeftButton)
    session.write(Change.NOTES, portfolio.set_notes, meeting_id, SKEY, "Changed elsewhere")
    assert Q2 not in page._cards
    edits.rate(session, SKEY, Q2, "provider", 5)  # a question whose card is not made yet
    qtbot.waitUntil(lambda: page.complete, timeout=5000)
    qtbot.waitUntil(  # the comment's debounce: within a second
        lambda: (
            stored_question(portfolio, meeting_id, Q1).comment == "Typed while the rest was coming"
        ),
        timeout=1000,
    )
    stored = stored_question(portfolio, meeting_id, Q1)
    assert stored.rating("client") == 4
    assert page.notes.toPlainText() == "Changed elsewhere"  # built from the session's record
    assert page.cards[Q1].rows["client"].value == 4
    assert page.cards[Q2].rows["provider"].value == 5
    assert stored_question(portfolio, meeting_id, Q2).rating("provider") == 5


def test_locked_meeting_is_read_only_and_refuses_edits(
    qtbot, session, portfolio, meeting_id, sign_off
):
    sign_off(portfolio, meeting_id)
    session.refresh()
    page = make_page(qtbot, session)
    card = page.cards[Q1]
    assert card.comment.isReadOnly()
    assert page.notes.isReadOnly()
    assert not page.add_decision_button.isVisible()
    assert not page.add_action_button.isVisible()
    row = card.rows["client"]
    row.setFocus()
    qtbot.keyClick(row, Qt.Key.Key_4)
    qtbot.mouseClick(row.buttons[2], Qt.MouseButton.LeftButton)
    assert stored_question(portfolio, meeting_id, Q1).client_rating is None
    assert row.value is None
    page.notes.setPlainText("too late")
    page.flush()
    assert portfolio.meeting(meeting_id).section(SKEY).notes == ""


def test_session_failure_is_reported_for_a_locked_meeting(
    qtbot, session, portfolio, meeting_id, sign_off
):
    page = make_page(qtbot, session)
    sign_off(portfolio, meeting_id)  # locked behind the page's back
    with qtbot.waitSignal(session.failed) as blocker:
        page.rate(Q1, "client", 3)
    assert "signed off" in blocker.args[0]
    assert page.cards[Q1].rows["client"].value is None


def test_page_turns_read_only_when_the_lock_changes(qtbot, session, portfolio, meeting_id):
    import datetime as dt

    from reviewdesk.record.model import Signature

    page = make_page(qtbot, session)
    assert not page.notes.isReadOnly()
    at = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC)
    with qtbot.waitSignal(session.lock_changed):
        session.write(
            Change.SIGNOFF,
            portfolio.sign_off,
            meeting_id,
            [Signature("Ana Reyes", "client", at), Signature("Ben Cruz", "provider", at)],
        )
    assert page.notes.isReadOnly()
    assert page.cards[Q2].comment.isReadOnly()


def test_tab_and_ctrl_tab_leave_the_notes_instead_of_typing_a_tab(qtbot, session):
    page = make_page(qtbot, session)
    notes = page.notes
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    qtbot.keyClicks(notes, "Said")
    for modifier in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier):
        notes.setFocus()
        qtbot.waitUntil(notes.hasFocus)
        qtbot.keyClick(notes, Qt.Key.Key_Tab, modifier)
        qtbot.waitUntil(lambda: not notes.hasFocus())
        assert notes.toPlainText() == "Said"
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    qtbot.keyClick(notes, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not notes.hasFocus())
    assert notes.toPlainText() == "Said"


def test_each_question_shows_last_reviews_ratings(qtbot, portfolio, meeting_id):
    import datetime as dt

    from reviewdesk.ui.meeting.session import MeetingSession

    portfolio.set_rating(meeting_id, SKEY, Q1, "client", 4)
    portfolio.set_rating(meeting_id, SKEY, Q1, "provider", 2)
    partnership = portfolio.meeting(meeting_id).partnership
    later = portfolio.create_meeting(
        partnership.id, title="Next", date=dt.date(2027, 3, 1), agenda=default_agenda()
    )
    sessions = [MeetingSession(portfolio, meeting_id), MeetingSession(portfolio, later)]
    first, page = (make_page(qtbot, s) for s in sessions)
    assert not first.cards[Q1].last_time.isVisibleTo(first)  # the first review: no last time
    note = page.cards[Q1].last_time
    assert note.isVisibleTo(page)
    assert note.text() == "Last time: Client 4 · Provider 2"
    assert page.cards[Q2].last_time.text() == "Last time: not rated"
    for s in sessions:
        s.stop()
