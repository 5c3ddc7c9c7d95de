"""The wrap-up's "Across reviews" area on the sample partnership: trends, persistent gaps,
follow-through, each equal to what ``analytics`` computes from the file, as known at the meeting."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from reviewdesk.app.demo import load_demo
from reviewdesk.record import analytics
from reviewdesk.record.wording import date_short
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.ui.meeting.pages.across import AcrossReviews
from reviewdesk.ui.meeting.pages.wrapup import WrapUpPage
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.history_panels import (
    FOLLOW_COLUMNS,
    age_text,
    on_time_text,
)
from reviewdesk.ui.widgets.trend_chart import describe_series


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return tmp_path / "demo.sqlite"


@pytest.fixture
def demo(qtbot, demo_path: Path):
    portfolio = open_portfolio(demo_path)
    ids = load_demo(portfolio)
    yield portfolio, ids
    portfolio.close()


def _from_file(path: Path, meeting_id: int) -> tuple[analytics.History, object]:
    """The history as a second, independent connection to the file computes it."""
    with open_portfolio(path, create=False) as other:
        meeting = other.meeting(meeting_id)
        return other.history(meeting.partnership.id, upto_meeting_id=meeting_id), meeting


def _page(qtbot, portfolio: Portfolio, meeting_id: int) -> WrapUpPage:
    page = WrapUpPage(MeetingSession(portfolio, meeting_id))
    qtbot.addWidget(page)
    page.resize(1000, 740)
    page.show()
    qtbot.waitExposed(page)
    return page


def _expected_description(points: list[analytics.TrendPoint]) -> str:
    return describe_series([p.client for p in points], [p.provider for p in points])


def test_meeting_4_lists_the_persistent_gaps_with_their_runs(qtbot, demo, demo_path):
    portfolio, ids = demo
    page = _page(qtbot, portfolio, ids[3])
    history, _meeting = _from_file(demo_path, ids[3])
    expected = analytics.persistent_gaps(history)
    shown = page.across.gaps
    assert shown.gaps == expected
    text = shown.content.text()
    for gap in expected:
        assert gap.describe() in text
        assert gap.question_text in text and gap.section_title in text
        assert f"Gap&nbsp;{gap.latest_gap}" in text
    # The sample's story: trust/bad_news_early is still open after four reviews, while
    # smart_goals/expectations_written was closed after two.
    by_key = {(g.section_key, g.question_key): g for g in shown.gaps}
    trust = by_key[("trust", "bad_news_early")]
    assert (trust.reviews, trust.ongoing) == (4, True)
    closed = by_key[("smart_goals", "expectations_written")]
    assert (closed.reviews, closed.ongoing) == (2, False)
    assert f"(until {date_short(closed.last.date)})" in text
    assert text.index(trust.describe()) < text.index(closed.describe())  # ongoing first
    assert "4 reviews in a row" in shown.content.accessibleDescription()


def test_chart_shows_overall_then_the_chosen_section(qtbot, demo, demo_path):
    portfolio, ids = demo
    page = _page(qtbot, portfolio, ids[3])
    chart, combo = page.across.chart, page.across.section_combo
    history, _meeting = _from_file(demo_path, ids[3])
    trend = analytics.trend(history)
    assert [p.review.id for p in chart.points] == ids
    assert chart.points == trend.overall
    assert chart.accessibleDescription().startswith(_expected_description(trend.overall))
    assert f"{date_short(trend.overall[-1].review.date)} (this review)" in chart.description()
    assert [combo.itemText(i) for i in range(combo.count())] == ["Overall"] + [
        title for _key, title in trend.sections
    ]
    overall_text = chart.accessibleDescription()
    combo.setCurrentIndex(combo.findData("trust"))
    assert chart.points == trend.by_section["trust"]
    assert chart.accessibleName() == "Trend chart: Trust"
    assert chart.accessibleDescription().startswith(
        _expected_description(trend.by_section["trust"])
    )
    assert chart.accessibleDescription() != overall_text


def test_rating_on_meeting_4_updates_the_chart_and_gaps(qtbot, demo, demo_path):
    portfolio, ids = demo
    page = _page(qtbot, portfolio, ids[3])
    session = page.session
    combo = page.across.section_combo
    combo.setCurrentIndex(combo.findData("trust"))
    before = page.across.chart.points[-1]
    # Close the long-running trust gap and rate an unrated trust question low for the client.
    session.write(
        Change.RATINGS, portfolio.set_rating, ids[3], "trust", "bad_news_early", "client", 5
    )
    session.write(Change.RATINGS, portfolio.set_rating, ids[3], "trust", "confidence", "client", 1)
    history, _meeting = _from_file(demo_path, ids[3])
    trend = analytics.trend(history)
    after = page.across.chart.points[-1]
    assert after == trend.by_section["trust"][-1] and after.client != before.client
    assert page.across.section_key() == "trust"  # the choice survives the refresh
    assert page.across.chart.accessibleDescription().startswith(
        _expected_description(trend.by_section["trust"])
    )
    gaps = analytics.persistent_gaps(history)
    assert page.across.gaps.gaps == gaps
    trust = next(g for g in gaps if g.question_key == "bad_news_early")
    assert not trust.ongoing and "(until" in trust.describe()


def test_a_hidden_page_catches_up_when_shown(qtbot, demo):
    portfolio, ids = demo
    page = _page(qtbot, portfolio, ids[3])
    page.hide()
    before = page.across.chart.points[-1]
    page.session.write(
        Change.RATINGS, portfolio.set_rating, ids[3], "trust", "confidence", "client", 1
    )
    assert page.across.chart.points[-1] == before  # not recomputed while nobody sees it
    page.show()
    qtbot.waitExposed(page)
    history = portfolio.history(page.session.meeting.partnership.id, upto_meeting_id=ids[3])
    assert page.across.chart.points[-1] == analytics.trend(history).overall[-1] != before


def test_an_earlier_meeting_shows_what_was_known_then(qtbot, demo, demo_path):
    portfolio, ids = demo
    page = _page(qtbot, portfolio, ids[1])
    history, meeting = _from_file(demo_path, ids[1])
    assert [p.review.id for p in page.across.chart.points] == ids[:2]
    assert page.across.chart.points == analytics.trend(history).overall
    assert "1 earlier one" in page.across.scope.text()
    gaps = analytics.persistent_gaps(history)
    assert page.across.gaps.gaps == gaps
    trust = next(g for g in gaps if g.question_key == "bad_news_early")
    assert trust.reviews == 2 and trust.ongoing  # as seen at the second review
    follow = analytics.follow_through(history, meeting.date)
    assert page.across.follow.values == follow


def test_follow_through_table_equals_analytics(qtbot, demo, demo_path):
    portfolio, ids = demo
    page = _page(qtbot, portfolio, ids[3])
    history, meeting = _from_file(demo_path, ids[3])
    expected = analytics.follow_through(history, meeting.date)
    table = page.across.follow
    assert table.values == expected
    for side, f in expected.items():
        assert table.text(side, "Closed by due date") == on_time_text(f)
        if f.came_due:
            share = round(f.closed_on_time / f.came_due * 100)
            assert on_time_text(f) == f"{f.closed_on_time} of {f.came_due} ({share}%)"
        assert table.text(side, "Open") == str(f.open)
        assert table.text(side, "Overdue") == str(f.overdue)
        assert table.text(side, "Average age of open") == age_text(f.average_open_age_days)
    assert any(f.overdue for f in expected.values())  # the sample has overdue actions
    assert table.heading.text().endswith("27 Nov 2026")
    assert set(FOLLOW_COLUMNS) >= {"Closed by due date", "Open", "Overdue", "Average age of open"}


def test_age_and_on_time_wording():
    f = analytics.FollowThrough("client", 3, 0, 0, 3, 0, 12.5)
    assert on_time_text(f) == "none due yet"
    assert age_text(12.5) == "12.5 days" and age_text(1.0) == "1 day" and age_text(None) == "–"


def test_side_by_side_when_wide_stacked_when_narrow(qtbot, demo):
    portfolio, ids = demo
    host = QWidget()  # as inside the page, where the page's width decides
    qtbot.addWidget(host)
    across = AcrossReviews(MeetingSession(portfolio, ids[3]))
    QVBoxLayout(host).addWidget(across)
    host.resize(1000, 500)
    host.show()
    qtbot.waitExposed(host)
    assert across.row.direction() == QBoxLayout.Direction.LeftToRight
    assert across.chart.geometry().right() < across.side_panel.geometry().left()
    assert across.minimumSizeHint().width() < across._side_by_side_width()
    host.resize(across.minimumSizeHint().width() + 30, 900)
    qtbot.waitUntil(lambda: across.row.direction() == QBoxLayout.Direction.TopToBottom)
    qtbot.waitUntil(lambda: across.chart.geometry().bottom() < across.side_panel.geometry().top())
    assert across.width() < across._side_by_side_width()
