"""The home page's partnership insights on the sample: trend, follow-through and goal histories
equal what ``analytics`` computes from the file; the empty states; a refresh after edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import new_meeting, new_portfolio

from reviewdesk.app.demo import load_demo
from reviewdesk.record import analytics
from reviewdesk.record.model import OWNER_SIDES, Action, Goal
from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui.home.insights import CHOOSE, PartnershipInsights, goal_path
from reviewdesk.ui.widgets.history_panels import FOLLOW_COLUMNS

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return tmp_path / "demo.sqlite"


@pytest.fixture
def demo(qtbot, demo_path: Path):
    portfolio = open_portfolio(demo_path)
    ids = load_demo(portfolio)
    yield portfolio, ids, portfolio.partnerships()[0].id
    portfolio.close()


@pytest.fixture
def panel(qtbot) -> PartnershipInsights:
    w = PartnershipInsights()
    qtbot.addWidget(w)
    w.resize(460, 620)
    w.show()
    qtbot.waitExposed(w)
    return w


def _from_file(path: Path, pid: int) -> analytics.History:
    """The history as a second, independent connection to the file computes it."""
    with open_portfolio(path, create=False) as other:
        return other.history(pid)


def test_numbers_equal_analytics_from_the_file(panel, demo, demo_path):
    portfolio, ids, pid = demo
    panel.set_partnership(portfolio, pid, as_of=TODAY)
    history = _from_file(demo_path, pid)
    assert [r.id for r in history.reviews] == ids

    trend = analytics.trend(history)
    assert panel.chart.client_values() == [p.client for p in trend.overall]
    assert panel.chart.provider_values() == [p.provider for p in trend.overall]
    assert [p.review.id for p in panel.chart.points] == ids
    assert panel.scope.text() == f"{len(ids)} reviews"

    follow = analytics.follow_through(history, TODAY)
    table = panel.follow_table
    for side in OWNER_SIDES:
        f = follow[side]
        assert table.text(side, "Closed by due date") == analytics.on_time_text(f)
        assert table.text(side, "Open") == str(f.open)
        assert table.text(side, "Overdue") == str(f.overdue)
        assert table.text(side, "Average age of open") == analytics.age_text(
            f.average_open_age_days
        )
    assert "27 Nov 2026" in table.heading.text()
    # The sample's story: every side has one overdue action in Q4.
    assert [follow[s].overdue for s in OWNER_SIDES] == [1, 1, 1]
    assert set(FOLLOW_COLUMNS) >= {"Closed by due date", "Open", "Overdue", "Average age of open"}

    goals = analytics.goal_histories(history)
    assert [g.goal_id for g in panel.goals] == [g.goal_id for g in goals]
    text = panel.goals_label.text()
    for g in goals:
        words = [s.replace("_", " ") for _r, s, _c in g.steps]
        assert panel.goal_line(g.goal_id) == " → ".join(words)
        assert g.title in text and " → ".join(words) in text
        assert g.steps[-1][2] in text  # the latest value
    turnaround = next(g for g in goals if g.title.startswith("Entry turnaround"))
    assert goal_path(turnaround) == "off track → at risk → done"
    assert panel.goals_heading.text() == f"Goals ({len(goals)})"


def test_as_of_defaults_to_today(panel, demo):
    portfolio, _ids, pid = demo
    panel.set_partnership(portfolio, pid)
    assert panel.as_of == dt.date.today()


def test_no_partnership_or_no_reviews_says_so(panel, demo):
    portfolio, _ids, pid = demo
    panel.set_partnership(portfolio, pid, as_of=TODAY)
    assert panel.pages.currentWidget() is panel.area
    panel.set_partnership(portfolio, None)
    assert panel.pages.currentWidget() is panel.message
    assert panel.message.text() == CHOOSE
    assert panel.follow == {} and panel.goals == [] and panel.scope.text() == ""
    empty = portfolio.add_partnership("Ünsal Logistik", "Łódź Services", "Billing")
    panel.set_partnership(portfolio, empty.id, as_of=TODAY)
    assert panel.pages.currentWidget() is panel.message
    assert "No reviews" in panel.message.text()


def test_refresh_shows_a_new_overdue_action_and_goal(panel, demo, demo_path):
    portfolio, ids, pid = demo
    panel.set_partnership(portfolio, pid, as_of=TODAY)
    before = panel.follow["client"]
    portfolio.add_action(
        ids[-1], Action("Send the <b>rota</b>", owner="Maren Holt", side="client", due=TODAY)
    )
    portfolio.add_action(
        ids[-1],
        Action("Late one", owner="Maren Holt", side="client", due=TODAY - dt.timedelta(days=3)),
    )
    portfolio.add_goal(ids[-1], Goal(title="Night shift <cover> & more", status="at_risk"))
    panel.refresh()
    after = panel.follow["client"]
    assert (after.open, after.overdue) == (before.open + 2, before.overdue + 1)
    expected = analytics.follow_through(_from_file(demo_path, pid), TODAY)["client"]
    assert after == expected
    assert panel.follow_table.text("client", "Overdue") == str(expected.overdue)
    text = panel.goals_label.text()
    assert "Night shift &lt;cover&gt; &amp; more" in text  # user text never becomes markup
    assert "<cover>" not in text


def test_wide_panel_puts_the_chart_beside_the_lists(qtbot, panel, demo):
    portfolio, _ids, pid = demo
    panel.set_partnership(portfolio, pid, as_of=TODAY)
    assert panel.row.direction().name == "TopToBottom"
    panel.resize(960, 330)
    qtbot.waitUntil(lambda: panel.row.direction().name == "LeftToRight", timeout=2000)
    assert panel.chart.accessibleName() == "Trend chart: Overall"


def test_every_review_shows_and_show_picks_a_sections_trend(qtbot, panel, tmp_path):
    portfolio = new_portfolio(tmp_path)
    ids = [
        new_meeting(portfolio, title=f"R{i}", date=dt.date(2024, 1, 1) + dt.timedelta(days=91 * i))
        for i in range(11)
    ]
    trust = portfolio.meeting(ids[0]).section("trust").questions[0].key
    for i, mid in enumerate(ids):
        portfolio.set_rating(mid, "trust", trust, "client", 1 + i % 5)
        portfolio.set_rating(mid, "trust", trust, "provider", 5)
        portfolio.set_rating(
            mid,
            "teamwork",
            portfolio.meeting(mid).section("teamwork").questions[0].key,
            "client",
            3,
        )
    portfolio.add_action(ids[-1], Action("Nobody's yet", due=dt.date(2026, 1, 1)))
    pid = portfolio.partnerships()[0].id
    panel.set_partnership(portfolio, pid, as_of=TODAY)
    assert panel.scope.text() == "11 reviews"
    assert [p.review.id for p in panel.chart.points] == ids  # all of them, not the last eight
    assert "(latest)" in panel.chart.accessibleDescription()
    assert "this review" not in panel.chart.accessibleDescription()
    combo = panel.section_combo
    titles = [combo.itemText(i) for i in range(combo.count())]
    assert titles[0] == "Overall" and "Trust" in titles and "Teamwork" in titles
    combo.setCurrentIndex(titles.index("Trust"))
    assert panel.chart.title == "Trust"
    assert panel.chart.client_values() == [float(1 + i % 5) for i in range(11)]
    assert panel.chart.provider_values() == [5.0] * 11
    combo.setCurrentIndex(0)
    assert panel.chart.title == "Overall"
    table = panel.follow_table
    assert table.names[analytics.NO_SIDE].isVisible()
    assert table.text(analytics.NO_SIDE, "Overdue") == "1"
    panel.refresh()
    assert combo.currentText() == "Overall"
    portfolio.close()
