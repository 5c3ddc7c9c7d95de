"""The 'Across reviews' part: health over time, persistent gaps, follow-through, goal histories."""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from minutes_support import all_text, page_texts, rich_meeting
from reportlab.graphics.shapes import Circle, PolyLine, Rect, String

from reviewdesk.app.demo import load_demo
from reviewdesk.minutes import styles
from reviewdesk.minutes.render import render_minutes
from reviewdesk.minutes.trend_chart import trend_chart
from reviewdesk.record import analytics, chart
from reviewdesk.record.analytics import GoalReviewRow, History, RatingRow, ReviewRef
from reviewdesk.record.model import Action
from reviewdesk.record.wording import STATUS_WORDS, average_text, date_short, side_text
from reviewdesk.store.opening import open_portfolio

TITLE = "Across reviews"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    portfolio = open_portfolio(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    ids = load_demo(portfolio)
    yield portfolio, ids
    portfolio.close()


def history_of(portfolio, meeting_id):
    meeting = portfolio.meeting(meeting_id)
    return meeting, portfolio.history(meeting.partnership.id, upto_meeting_id=meeting_id)


def across_text(pdf, tmp_path):
    """The extracted text of the 'Across reviews' part (up to the sign-off)."""
    text = all_text(pdf, tmp_path)
    start = text.find(TITLE)
    assert start >= 0, "no Across reviews part"
    end = text.find("Sign-off", start)
    assert end > start
    return text[start:end]


def row_text(point):
    return f"C {average_text(point.client)} P {average_text(point.provider)}"


def trend_rows(trend):
    """Each table row as extracted: section title, then 'C x P y' per review."""
    rows = [
        f"{title} " + " ".join(row_text(p) for p in trend.by_section[key])
        for key, title in trend.sections
    ]
    return [*rows, "All sections " + " ".join(row_text(p) for p in trend.overall)]


def half_up(value, places="1"):
    return str(Decimal(repr(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP))


def follow_row(side, f):
    share = "none due yet"
    if f.came_due:
        share = f"{f.closed_on_time} of {f.came_due} ({half_up(f.on_time_share * 100)}%)"
    days = f.average_open_age_days
    shown = "" if days is None else (f"{days:.0f}" if days == int(days) else half_up(days, "0.1"))
    age = "–" if days is None else f"{shown} day{'' if shown == '1' else 's'}"
    return f"{side_text(side)} {share} {f.open} {f.overdue} {age}"


def goal_line(goal):
    return " → ".join(
        f"{date_short(review.date)} {STATUS_WORDS[status]} {current}".strip()
        for review, status, current in goal.steps
    )


def test_meeting_4_shows_every_reviews_averages_as_analytics_computes_them(demo, tmp_path):
    portfolio, ids = demo
    meeting, history = history_of(portfolio, ids[-1])
    trend = analytics.trend(history, last=8)
    assert len(trend.reviews) == 4
    text = across_text(render_minutes(meeting, history=history).pdf, tmp_path)
    header = "Section " + " ".join(label.full for label in chart.x_labels(trend.reviews))
    assert header in text
    for row in trend_rows(trend):
        assert row in text, row
    assert f"This review ({date_short(meeting.date)}) and the 3 reviews before it." in text


def test_the_chart_draws_both_overall_lines_in_the_side_colours_with_markers(demo):
    portfolio, ids = demo
    _, history = history_of(portfolio, ids[-1])
    points = analytics.trend(history).overall
    drawing = trend_chart(points, 480)
    shapes = [s for sub in drawing.contents for s in getattr(sub, "contents", [sub])]
    lines = {s.strokeColor.hexval(): s for s in shapes if isinstance(s, PolyLine)}
    assert len(lines) == 2  # no review without ratings: one unbroken line per side
    labels = [s.text for s in shapes if isinstance(s, String)]
    days = [label.day for label in chart.x_labels([p.review for p in points])]
    assert [t for t in labels if t in days] == days  # each review's label, in order
    ticks = {s.text: s.y + 2.5 for s in shapes if isinstance(s, String) and s.text in "12345"}
    scale = (ticks["5"] - ticks["1"]) / 4
    for side, colour, shape in (
        ("client", styles.CLIENT, Circle),
        ("provider", styles.PROVIDER, Rect),
    ):
        line = lines[colour.hexval()]
        drawn = [1 + (y - ticks["1"]) / scale for y in line.points[1::2]]
        assert drawn == pytest.approx([getattr(p, side) for p in points])
        marks = [s for s in shapes if isinstance(s, shape) and s.fillColor == colour]
        assert len(marks) >= len(points)  # each review's marker, and the legend's
    assert lines[styles.CLIENT.hexval()].strokeDashArray is None  # solid
    assert lines[styles.PROVIDER.hexval()].strokeDashArray  # dashed
    legend = [t for t in labels if t.startswith(("Client ", "Provider "))]
    last = points[-1]
    assert sorted(legend) == [
        f"Client {average_text(last.client)}",
        f"Provider {average_text(last.provider)}",
    ]


def test_persistent_gaps_show_section_question_gap_and_run(demo, tmp_path):
    portfolio, ids = demo
    meeting, history = history_of(portfolio, ids[-1])
    gaps = analytics.persistent_gaps(history)
    found = {(g.section_key, g.question_key): g for g in gaps}
    # the demo's two persistent gaps: one still open over four reviews, one closed after two
    assert found[("trust", "bad_news_early")].ongoing
    assert found[("trust", "bad_news_early")].reviews == 4
    assert not found[("smart_goals", "expectations_written")].ongoing
    text = across_text(render_minutes(meeting, history=history).pdf, tmp_path)
    assert f"Persistent perception gaps ({len(gaps)})" in text
    for g in gaps:
        item = f"Gap {g.latest_gap} {g.section_title}: {g.question_text} {g.describe()}"
        assert item in text
    assert "4 reviews in a row since 31 Mar 2026" in text
    assert "2 reviews in a row since 31 Mar 2026 (until 30 Jun 2026)" in text


def test_follow_through_per_side_and_goal_histories_match_analytics(demo, tmp_path):
    portfolio, ids = demo
    meeting, history = history_of(portfolio, ids[-1])
    text = across_text(render_minutes(meeting, history=history).pdf, tmp_path)
    per_side = analytics.follow_through(history, as_of=meeting.date)
    assert f"Follow-through as of {date_short(meeting.date)}" in text
    for side in ("client", "provider", "joint"):
        assert per_side[side].came_due, side  # the demo gives every side something due
        assert follow_row(side, per_side[side]) in text
    goals = analytics.goal_histories(history)
    assert goals and max(len(g.steps) for g in goals) >= 3
    for goal in goals:
        assert f"{goal.title} {goal_line(goal)}" in text


def test_meeting_2_with_its_own_history_mentions_only_reviews_1_and_2(demo, tmp_path):
    portfolio, ids = demo
    meeting, history = history_of(portfolio, ids[1])
    assert [r.id for r in history.reviews] == ids[:2]
    later = [portfolio.meeting(i).title for i in ids[2:]]  # (their dates are also due dates)
    text = all_text(render_minutes(meeting, history=history).pdf, tmp_path)
    part = across_text(render_minutes(meeting, history=history).pdf, tmp_path)
    for review in history.reviews:
        assert date_short(review.date) in part
    for title in later:
        assert title not in text
    for row in trend_rows(analytics.trend(history)):
        assert row in part
    assert "and the one before it." in part


def test_without_history_the_minutes_are_unchanged_and_have_no_across_part(demo, tmp_path):
    portfolio, ids = demo
    meeting, history = history_of(portfolio, ids[-1])
    plain = render_minutes(meeting).pdf
    assert render_minutes(meeting, history=None).pdf == plain
    assert TITLE not in all_text(plain, tmp_path)
    assert render_minutes(meeting, history=history).pdf != plain


def test_a_first_review_gets_its_follow_through_and_goals_but_no_trend(demo, tmp_path):
    portfolio, ids = demo
    first, only_one = history_of(portfolio, ids[0])
    assert len(only_one.reviews) == 1
    text = across_text(render_minutes(first, history=only_one).pdf, tmp_path)
    assert "first review: trends and persistent perception gaps start with the next" in text
    assert "Health over time" not in text and "Persistent perception gaps" not in text
    per_side = analytics.follow_through(only_one, as_of=first.date)
    assert f"Follow-through as of {date_short(first.date)}" in text
    for side in ("client", "provider", "joint"):
        assert follow_row(side, per_side[side]) in text
    assert "Goals over time" in text


def test_the_across_part_comes_after_the_actions_and_before_the_sign_off(demo, tmp_path):
    portfolio, ids = demo
    meeting, history = history_of(portfolio, ids[-1])
    text = all_text(render_minutes(meeting, history=history).pdf, tmp_path)
    marks = ["Summary", "Action items", TITLE, "Health over time", "Persistent perception gaps"]
    marks += ["Follow-through as of", "Goals over time", "Sign-off"]
    positions = [text.find(m) for m in marks]
    assert -1 not in positions and positions == sorted(positions)


def test_two_renders_with_history_are_byte_identical(demo):
    portfolio, ids = demo
    meeting, history = history_of(portfolio, ids[-1])
    again = copy.deepcopy(history)
    assert (
        render_minutes(meeting, history=history).pdf == render_minutes(meeting, history=again).pdf
    )


def test_a_history_that_does_not_end_at_the_meeting_is_refused_in_one_line(demo):
    portfolio, ids = demo
    meeting = portfolio.meeting(ids[1])
    whole = portfolio.history(meeting.partnership.id)
    with pytest.raises(ValueError) as caught:
        render_minutes(meeting, history=whole)
    assert str(caught.value).startswith("history: ")
    assert "\n" not in str(caught.value)


def _generate():
    spec = importlib.util.spec_from_file_location(
        "generate_portfolio", ROOT / "benchmarks" / "generate_portfolio.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_twenty_reviews_of_history_lay_out_and_show_the_last_eight(tmp_path, paper):
    path = tmp_path / "big.sqlite"
    _generate()(path, partnerships=1, reviews=20)
    with open_portfolio(path) as portfolio:
        last = portfolio.history(portfolio.partnerships()[0].id).reviews[-1].id
        meeting, history = history_of(portfolio, last)
    assert len(history.reviews) == 20
    result = render_minutes(meeting, history=history, paper=paper)
    text = across_text(result.pdf, tmp_path)
    trend = analytics.trend(history, last=8)
    assert "Section " + " ".join(label.full for label in chart.x_labels(trend.reviews)) in text
    for row in trend_rows(trend):
        assert row in text, row
    assert "12 earlier reviews not shown" in text
    older = [date_short(r.date) for r in history.reviews[:-8]]
    health = text[: text.find("Persistent perception gaps")]
    assert not [date for date in older if date in health]
    assert len(page_texts(result.pdf, tmp_path)) == result.pages


HOSTILE = "R&D <b>bold</b> \"q\" 'x' </para>"


def hostile_history(meeting_id: int) -> History:
    reviews = [
        ReviewRef(1, dt.date(2026, 3, 31), "Q1"),
        ReviewRef(meeting_id, dt.date(2026, 6, 30), "Q2"),
    ]
    ratings = [
        RatingRow(m, "s&k", f"Section {HOSTILE}", "q", f"Question {HOSTILE}?", 1, 4)
        for m in (1, meeting_id)
    ]
    action = Action("Fix <it>", owner="A&B", side="client", due=dt.date(2026, 5, 1))
    action.raised_in = 1
    goals = [
        GoalReviewRow(5, m, f"Goal {HOSTILE}", "at_risk", f"{n}0% <x&y>", "99%")
        for n, m in ((1, 1), (2, meeting_id))
    ]
    return History(reviews=reviews, ratings=ratings, actions=[action], goal_reviews=goals)


def test_user_text_in_the_history_is_shown_literally(tmp_path):
    meeting = rich_meeting()
    history = hostile_history(meeting.id)
    text = across_text(render_minutes(meeting, history=history).pdf, tmp_path)
    for row in trend_rows(analytics.trend(history)):
        assert row in text, row
    assert f"Gap 3 Section {HOSTILE}: Question {HOSTILE}?" in text
    assert f"Goal {HOSTILE} 31 Mar 2026 at risk 10% <x&y> → 30 Jun 2026 at risk 20% <x&y>" in text
    follow = analytics.follow_through(history, as_of=meeting.date)["client"]
    assert follow_row("client", follow) in text


@pytest.mark.parametrize("rated", [(), (7,), (1, 7)])
def test_reviews_without_ratings_or_with_one_average_still_render(tmp_path, rated):
    meeting = rich_meeting()
    reviews = [ReviewRef(1, dt.date(2026, 3, 31), "Q1"), ReviewRef(7, dt.date(2026, 9, 30), "Q3")]
    ratings = [RatingRow(m, "s", "Speed", "q", "Fast?", 2, None) for m in rated]
    history = History(reviews=reviews, ratings=ratings)
    text = across_text(render_minutes(meeting, history=history).pdf, tmp_path)
    for row in trend_rows(analytics.trend(history)):
        assert row in text, row
    assert "none due yet" in text and "Goals over time (0)" in text
