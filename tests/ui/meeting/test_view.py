"""The meeting view's words: the navigator's counts and the header."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewdesk.record.model import Action, Goal
from reviewdesk.ui.meeting.pages.actions import ActionsPage
from reviewdesk.ui.meeting.view import header_text, meeting_steps


def _subtitle(meeting, key: str) -> str:
    return next(s.progress for s in meeting_steps(meeting, {}) if s.key == key)


def test_counts_say_1_goal_and_2_goals_never_1_goals(qtbot, portfolio, meeting_id, session):
    assert _subtitle(portfolio.meeting(meeting_id), "goals") == "0 goals"
    portfolio.add_goal(meeting_id, Goal(title="One"))
    assert _subtitle(portfolio.meeting(meeting_id), "goals") == "1 goal"
    portfolio.add_goal(meeting_id, Goal(title="Two"))
    assert _subtitle(portfolio.meeting(meeting_id), "goals") == "2 goals"
    portfolio.add_action(meeting_id, Action("Only one"))
    session.refresh()
    page = ActionsPage(session)
    qtbot.addWidget(page)
    assert page.summary.text().startswith("1 action · 1 open")


def test_the_header_gives_the_date_as_the_tables_do(portfolio, meeting_id):
    assert header_text(portfolio.meeting(meeting_id)).endswith("  ·  27 Nov 2026")


def test_the_navigator_explains_its_check_and_draws_no_unexplained_circle(
    qtbot, portfolio, meeting_id, monkeypatch
):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPainter

    from reviewdesk.ui.meeting.navigator import Navigator

    meeting = portfolio.meeting(meeting_id)
    navigator = Navigator()
    qtbot.addWidget(navigator)
    steps = meeting_steps(meeting, {})
    navigator.set_steps(steps)
    first_section = next(i for i, s in enumerate(steps) if s.key.startswith("section:"))
    navigator.resize(272, 700)
    texts: list[str] = []
    real = QPainter.drawText

    def draw_text(painter, *args):
        texts.append(next(a for a in args if isinstance(a, str)))
        return real(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", draw_text)
    navigator.show()
    qtbot.waitExposed(navigator)
    navigator.grab()
    assert "○" not in texts and "✓" in texts  # the attendees (someone present) are finished
    tip = navigator.item(first_section).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("Not finished yet: both sides rated every question")
    assert (
        navigator.item(0)
        .data(Qt.ItemDataRole.ToolTipRole)
        .endswith("✓ Finished: someone is marked present")
    )
    total = sum(len(s.questions) for s in meeting.sections)
    assert _subtitle(meeting, "wrapup") == f"0 of {total} rated"


def test_a_reopened_meeting_says_why_at_its_top_in_plain_text(
    qtbot, window, portfolio, meeting_id, sign_off
):
    sign_off(portfolio, meeting_id)
    portfolio.reopen(meeting_id, "Becker's <b>figures</b> were wrong")
    window.open_meeting(meeting_id)
    view = window.meeting_view
    note = view.reopened
    assert note.isVisibleTo(view)
    assert note.textFormat() == Qt.TextFormat.PlainText
    assert note.text().startswith("Reopened on ")
    assert note.text().endswith(": Becker's <b>figures</b> were wrong")
    assert "&#x27;" not in note.text()
    assert not view.banner_box.isVisibleTo(view)  # not locked: no signed-off banner


def test_a_meeting_never_reopened_has_no_reopened_note(qtbot, window, meeting_id):
    window.open_meeting(meeting_id)
    assert not window.meeting_view.reopened.isVisibleTo(window.meeting_view)


def test_section_time_follows_the_facilitator_and_never_runs_unattended(qtbot, window, meeting_id):
    window.open_meeting(meeting_id)
    view = window.meeting_view
    steps = view.navigator.keys()
    first, second = [k for k in steps if k.startswith("section:")][:2]
    boxes = view.timeboxes
    key1, key2 = first.removeprefix("section:"), second.removeprefix("section:")
    view.go_to(first)
    boxes[key1].toggle()  # the facilitator starts this section's timer
    view.go_to(second)
    assert not boxes[key1].running  # left behind: paused
    assert boxes[key2].running  # the time follows into the next section
    view.go_to("actions")
    assert not any(tb.running for tb in boxes.values())  # no section is being discussed
    view.go_to(first)
    assert not any(tb.running for tb in boxes.values())  # paused stays paused


def test_older_section_pages_are_dropped_and_made_again_as_they_were(
    qtbot, window, portfolio, meeting_id
):
    from reviewdesk.ui.meeting.view import KEEP_SECTIONS, SECTION_PREFIX

    window.open_meeting(meeting_id)
    view = window.meeting_view
    steps = view.navigator.keys()
    sections = [k for k in steps if k.startswith(SECTION_PREFIX)]
    assert len(sections) > KEEP_SECTIONS + 1
    view.go_to(sections[0])
    first = view.current_page()
    qtbot.waitUntil(lambda: first.complete)
    qkey = next(iter(first.cards))
    first.cards[qkey].comment.setPlainText("Said before leaving")  # handed over on leaving
    view.page_areas[sections[0]].verticalScrollBar().setValue(120)
    where = view.page_areas[sections[0]].verticalScrollBar().value()
    for key in sections[1 : KEEP_SECTIONS + 2]:
        view.go_to(key)
    built = [k for k in sections if k in view.pages]
    assert sections[0] not in built  # dropped: the shown one and the two seen last are kept
    assert len(built) == KEEP_SECTIONS + 1
    view.go_to(sections[0])
    again = view.current_page()
    assert again is not first
    qtbot.waitUntil(lambda: again.complete)
    assert again.cards[qkey].comment.toPlainText() == "Said before leaving"
    skey = sections[0].removeprefix(SECTION_PREFIX)
    assert portfolio.meeting(meeting_id).section(skey).question(qkey).comment == (
        "Said before leaving"
    )
    qtbot.waitUntil(lambda: view.page_areas[sections[0]].verticalScrollBar().value() == where)


def test_opening_paints_the_meeting_s_frame_first_and_its_first_page_a_turn_later(qtbot, session):
    from reviewdesk.ui.meeting.view import MeetingView

    view = MeetingView(session)
    qtbot.addWidget(view)
    view.show()
    assert view._pages == {} and view.navigator.current_key() is None  # the frame alone
    qtbot.waitUntil(lambda: view.navigator.current_key() == "attendees")
    assert list(view._pages) == ["attendees"]
    assert view.current_page() is view._pages["attendees"]


def test_asking_for_the_pages_first_builds_the_first_one_at_once(qtbot, session):
    from reviewdesk.ui.meeting.view import MeetingView

    view = MeetingView(session)
    qtbot.addWidget(view)
    assert list(view.pages) == ["attendees"]
    assert view.current_key() == "attendees"


def test_a_step_chosen_before_the_first_page_came_is_the_one_built(qtbot, session):
    from reviewdesk.ui.meeting.view import MeetingView

    view = MeetingView(session)
    qtbot.addWidget(view)
    view.show()
    view.go_to("goals")
    qtbot.waitUntil(lambda: view._warm.done)
    assert list(view._pages) == ["goals"]
    assert view.current_key() == "goals"


def test_a_narrow_navigator_cuts_its_lines_with_an_ellipsis_not_mid_letter(
    qtbot, portfolio, meeting_id, monkeypatch
):
    # at the largest text on a small screen a step's second line ("4/8 rated · 10 min") ran
    # past its edge and was cut in the middle of a word
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPainter

    from reviewdesk.ui.meeting.navigator import Navigator

    navigator = Navigator()
    qtbot.addWidget(navigator)
    navigator.set_steps(meeting_steps(portfolio.meeting(meeting_id), {}))
    navigator.setFixedWidth(130)
    drawn: list[tuple[str, int, int]] = []  # text, its width in the painter's font, room
    real = QPainter.drawText

    def draw_text(painter, *args):
        rect = next((a for a in args if isinstance(a, QRect)), None)
        text = next(a for a in args if isinstance(a, str))
        if rect is not None:
            drawn.append((text, painter.fontMetrics().horizontalAdvance(text), rect.width()))
        return real(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", draw_text)
    navigator.show()
    qtbot.waitExposed(navigator)
    navigator.grab()
    details = [d for d in drawn if "rated" in d[0] or "…" in d[0]]
    assert details, drawn
    assert [d for d in drawn if d[1] > d[2]] == []  # every line within its room
    assert any(text.endswith("…") for text, _, _ in details)  # cut where it had to be
