"""The meeting view's words: the navigator's counts and the header."""

from __future__ import annotations

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
