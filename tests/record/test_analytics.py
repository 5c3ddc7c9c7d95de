import datetime as dt

from reviewdesk.record.analytics import (
    NO_SIDE,
    GoalReviewRow,
    History,
    RatingRow,
    ReviewRef,
    follow_through,
    goal_histories,
    last_ratings,
    persistent_gaps,
    trend,
)
from reviewdesk.record.model import Action

R = [ReviewRef(i, dt.date(2026, 1 + 2 * i, 1), f"R{i}") for i in range(1, 6)]


def rating(mid, qkey, c, p, skey="trust"):
    return RatingRow(mid, skey, skey.title(), qkey, f"{qkey}?", c, p)


def test_trend_averages_each_section_and_overall_for_the_last_reviews():
    h = History(
        R[:3],
        ratings=[
            rating(1, "a", 2, 4),
            rating(1, "b", 4, None),
            rating(2, "a", 3, 3),
            rating(3, "a", 5, 1, skey="teamwork"),
        ],
    )
    t = trend(h, last=2)
    assert [r.id for r in t.reviews] == [2, 3]
    assert [(p.client, p.provider) for p in t.by_section["trust"]] == [(3.0, 3.0), (None, None)]
    assert [(p.client, p.provider) for p in t.overall] == [(3.0, 3.0), (5.0, 1.0)]
    full = trend(h, last=None)
    assert full.by_section["trust"][0].client == 3.0  # (2 + 4) / 2


def test_persistent_gaps_need_two_consecutive_reviews():
    h = History(
        R,
        ratings=[
            rating(1, "a", 1, 4),
            rating(2, "a", 2, 4),
            rating(3, "a", 4, 4),  # run of 2 closed here
            rating(1, "b", 1, 3),
            rating(2, "b", None, 3),  # unrated breaks the run
            rating(3, "b", 1, 3),
            rating(3, "c", 5, 2),
            rating(4, "c", 5, 1),
            rating(5, "c", 1, 5),  # ongoing run of 3 (either direction counts)
        ],
    )
    gaps = persistent_gaps(h)
    assert [(g.question_key, g.reviews, g.ongoing) for g in gaps] == [
        ("c", 3, True),
        ("a", 2, False),
    ]
    assert gaps[0].first.id == 3 and gaps[0].latest_gap == 4
    assert "3 reviews in a row since" in gaps[0].describe()


def test_follow_through_per_side():
    h = History(
        R[:3],
        actions=[
            Action(
                "on time",
                side="client",
                due=dt.date(2026, 6, 1),
                status="done",
                raised_in=1,
                closed_in=2,
            ),
            Action(
                "late",
                side="client",
                due=dt.date(2026, 2, 1),
                status="done",
                raised_in=1,
                closed_in=2,
            ),
            Action("overdue", side="provider", due=dt.date(2026, 4, 1), status="open", raised_in=1),
            Action(
                "not due", side="provider", due=dt.date(2026, 12, 1), status="open", raised_in=2
            ),
            Action("cancelled", side="joint", status="cancelled", raised_in=1, closed_in=2),
        ],
    )
    ft = follow_through(h, as_of=dt.date(2026, 5, 1))
    assert (ft["client"].came_due, ft["client"].closed_on_time, ft["client"].on_time_share) == (
        2,
        1,
        0.5,
    )
    assert (ft["provider"].open, ft["provider"].overdue, ft["provider"].came_due) == (2, 1, 1)
    assert (
        ft["provider"].average_open_age_days
        == ((dt.date(2026, 5, 1) - R[0].date).days + (dt.date(2026, 5, 1) - R[1].date).days) / 2
    )
    assert ft["joint"].total == 0 and ft["joint"].on_time_share is None


def test_goal_histories_follow_review_order():
    h = History(
        R[:3],
        goal_reviews=[
            GoalReviewRow(7, 3, "Goal v3", "done", "99%", "95%"),
            GoalReviewRow(7, 1, "Goal", "off_track", "70%", "95%"),
        ],
    )
    (g,) = goal_histories(h)
    assert g.title == "Goal v3"
    assert [(r.id, s, c) for r, s, c in g.steps] == [(1, "off_track", "70%"), (3, "done", "99%")]


def test_an_open_action_due_today_is_neither_overdue_nor_counted_as_come_due():
    h = History(
        R[:2],
        actions=[
            Action("due today", side="provider", due=R[1].date, status="open", raised_in=1),
            Action("done early", side="provider", due=dt.date(2027, 1, 1), status="done",
                   raised_in=1, closed_in=2),
        ],
    )  # fmt: skip
    ft = follow_through(h, as_of=R[1].date)["provider"]
    assert (ft.open, ft.overdue, ft.came_due, ft.closed_on_time) == (1, 0, 1, 1)
    later = follow_through(h, as_of=R[1].date + dt.timedelta(days=1))["provider"]
    assert (later.overdue, later.came_due, later.closed_on_time) == (1, 2, 1)


def test_actions_without_a_side_get_their_own_entry_only_when_there_are_some():
    sided = Action("sided", side="joint", due=dt.date(2026, 1, 2), status="open", raised_in=1)
    h = History(R[:2], actions=[sided])
    assert list(follow_through(h, as_of=R[1].date)) == ["client", "provider", "joint"]
    nobody = Action("nobody's", due=dt.date(2026, 1, 2), status="open", raised_in=1)
    cancelled = Action("gone", status="cancelled", raised_in=1)
    h = History(R[:2], actions=[sided, nobody, cancelled])
    ft = follow_through(h, as_of=R[1].date)
    assert list(ft) == ["client", "provider", "joint", NO_SIDE]
    assert (ft[NO_SIDE].total, ft[NO_SIDE].open, ft[NO_SIDE].overdue) == (1, 1, 1)
    h = History(R[:2], actions=[sided, cancelled])
    assert NO_SIDE not in follow_through(h, as_of=R[1].date)  # cancelled ones do not count


def test_a_gap_that_came_back_shows_the_current_run_and_names_the_earlier_ones():
    dates = [ReviewRef(i, dt.date(2025, i, 15), f"R{i}") for i in range(1, 9)]
    gaps_by_review = [3, 2, 4, 0, None, 2, 4, 2]  # runs of 2+: R1-R3 and R6-R8
    ratings = [
        rating(r.id, "q", 1, 1 + g)
        for r, g in zip(dates, gaps_by_review, strict=True)
        if g is not None
    ]
    (g,) = persistent_gaps(History(dates, ratings=ratings))
    assert (g.reviews, g.first.id, g.last.id, g.ongoing, g.latest_gap) == (3, 6, 8, True, 2)
    assert [(n, a.id, b.id) for n, a, b in g.runs] == [(3, 1, 3), (3, 6, 8)] and g.longest == 3
    assert (
        g.describe()
        == "3 reviews in a row since 15 Jun 2025; also 3 reviews, 15 Jan 2025 to 15 Mar 2025"
    )

    shorter_now = ratings[:-1]  # R8 unrated: the current run R6-R7 is 2 long, the longest 3
    dates7 = dates[:7]
    (g,) = persistent_gaps(History(dates7, ratings=shorter_now))
    assert (g.reviews, g.first.id, g.ongoing, g.latest_gap) == (2, 6, True, 4)
    assert g.longest == 3
    assert (
        g.describe()
        == "2 reviews in a row since 15 Jun 2025; also 3 reviews, 15 Jan 2025 to 15 Mar 2025"
    )

    ended = [r for r in ratings if r.meeting_id <= 6]  # only R6 of the second run: 1 review
    (g,) = persistent_gaps(History(dates[:6], ratings=ended))
    assert (g.reviews, g.first.id, g.last.id, g.ongoing, g.latest_gap) == (3, 1, 3, False, 4)
    assert g.describe() == "3 reviews in a row since 15 Jan 2025 (until 15 Mar 2025)"
    assert [n for n, _a, _b in g.runs] == [3]  # a run of one review does not count


def test_two_sections_with_one_title_are_told_apart_in_the_trend():
    h = History(
        R[:2],
        ratings=[
            RatingRow(1, "comms", "Communication", "a", "a?", 1, 4),
            RatingRow(2, "communication", "Communication", "a", "a?", 3, 3),
            rating(2, "b", 2, 2),
        ],
    )
    assert trend(h).sections == [
        ("comms", "Communication (comms)"),
        ("communication", "Communication (communication)"),
        ("trust", "Trust"),
    ]


def test_an_action_raised_at_a_later_dated_review_is_zero_days_old_not_negative():
    h = History(R[:2], actions=[Action("planned", side="client", status="open", raised_in=2)])
    ft = follow_through(h, as_of=R[0].date)  # the home page "today", before review 2's date
    assert ft["client"].average_open_age_days == 0


def test_trend_points_know_a_partial_review():
    from reviewdesk.record.analytics import History, RatingRow, ReviewRef, trend
    from reviewdesk.record.model import Coverage

    reviews = [ReviewRef(1, dt.date(2026, 3, 31), "Q1"), ReviewRef(2, dt.date(2026, 6, 30), "Q2")]
    rows = [
        RatingRow(1, "trust", "Trust", "q1", "Open?", 3, 4),
        RatingRow(1, "team", "Team", "q1", "Kind?", 2, 2),
        RatingRow(2, "trust", "Trust", "q1", "Open?", 5, 5),
        RatingRow(2, "team", "Team", "q1", "Kind?", None, 3),
    ]
    t = trend(History(reviews, rows))
    assert [p.coverage for p in t.overall] == [Coverage(2, 2), Coverage(2, 1)]
    assert [p.partial for p in t.overall] == [False, True]
    assert [p.partial for p in t.by_section["trust"]] == [False, False]
    assert [p.partial for p in t.by_section["team"]] == [False, True]


def test_last_ratings_are_the_review_just_before_this_one():
    h = History(
        R[:3],
        ratings=[
            rating(1, "a", 1, 1),
            rating(2, "a", 4, 2),
            rating(2, "b", None, 3.5),
            rating(3, "a", 5, 5),  # this review's own: never "last time"
        ],
    )
    last = last_ratings(h, 3)
    assert {k: (r.client, r.provider) for k, r in last.items()} == {
        ("trust", "a"): (4, 2),
        ("trust", "b"): (None, 3.5),
    }
    assert last_ratings(h, 1) == {}  # the first review has no last time
    assert last_ratings(History(R[:1]), 1) == {}
