"""Wrap-up's "Across reviews" on a partnership's first review, and live follow-through updates."""

from __future__ import annotations

import datetime as dt

from factories import MEETING_DATE

from reviewdesk.record import analytics
from reviewdesk.record.model import Action
from reviewdesk.ui.meeting.pages.wrapup import WrapUpPage
from reviewdesk.ui.meeting.session import Change


def _page(qtbot, session) -> WrapUpPage:
    page = WrapUpPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 740)
    page.show()
    qtbot.waitExposed(page)
    return page


def _history(session) -> analytics.History:
    m = session.meeting
    return session.portfolio.history(m.partnership.id, upto_meeting_id=m.id)


def test_first_review_without_ratings_says_so(qtbot, session):
    page = _page(qtbot, session)
    across = page.across
    assert across.scope.text() == "the first review of this partnership"
    assert [p.review.id for p in across.chart.points] == [session.meeting_id]
    assert across.chart.accessibleDescription().startswith("Client not rated; Provider not rated")
    assert across.gaps.gaps == [] and "No persistent gaps" in across.gaps.content.text()
    for side in ("client", "provider", "joint"):
        assert across.follow.text(side, "Closed by due date") == "none due yet"
        assert across.follow.text(side, "Open") == "0"
    assert [across.section_combo.itemText(i) for i in range(across.section_combo.count())] == [
        "Overall"
    ] + [title for _key, title in analytics.trend(_history(session)).sections]


def test_actions_and_ratings_reach_the_area_through_the_session(qtbot, session):
    page = _page(qtbot, session)
    p, mid = session.portfolio, session.meeting_id
    late = Action(
        text="Send the rota", owner="Ana Reyes", side="client", due=MEETING_DATE - dt.timedelta(3)
    )
    session.write(Change.ACTIONS, p.add_action, mid, late)
    session.write(Change.ACTIONS, p.add_action, mid, Action(text="Joint retro", side="joint"))
    expected = analytics.follow_through(_history(session), MEETING_DATE)
    assert page.across.follow.values == expected
    assert page.across.follow.text("client", "Open") == "1" == str(expected["client"].open)
    assert page.across.follow.text("client", "Overdue") == str(expected["client"].overdue) == "1"
    assert page.across.follow.text("joint", "Open") == "1"
    assert page.across.follow.text("client", "Average age of open") == "0 days"  # raised today

    question = session.meeting.section("trust").questions[0]
    session.write(Change.RATINGS, p.set_rating, mid, "trust", question.key, "client", 4)
    session.write(Change.RATINGS, p.set_rating, mid, "trust", question.key, "provider", 2)
    overall = analytics.trend(_history(session)).overall
    assert page.across.chart.points == overall
    assert page.across.chart.accessibleDescription().startswith("Client 4.0; Provider 2.0")
    assert page.across.gaps.gaps == []  # one review cannot make a persistent gap


def test_the_section_choice_is_reachable_by_name(qtbot, session):
    page = _page(qtbot, session)
    combo = page.across.section_combo
    assert combo.accessibleName() == "Trend of"
    assert page.across.chart.accessibleName() == "Trend chart: Overall"
