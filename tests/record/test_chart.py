"""The one trend chart specification: labels, same-date numbering, line styles, legend."""

from __future__ import annotations

import datetime as dt

from reviewdesk.record import chart
from reviewdesk.record.analytics import ReviewRef, TrendPoint


def test_reviews_on_one_date_get_numbered_labels_and_the_year_where_it_changes():
    reviews = [
        ReviewRef(1, dt.date(2025, 12, 1), "a"),
        ReviewRef(2, dt.date(2026, 5, 15), "b"),
        ReviewRef(3, dt.date(2026, 5, 15), "c"),
        ReviewRef(4, dt.date(2026, 6, 1), "d"),
    ]
    labels = chart.x_labels(reviews)
    assert [label.day for label in labels] == ["1 Dec", "15 May (1)", "15 May (2)", "1 Jun"]
    assert [label.full for label in labels] == [
        "1 Dec 2025",
        "15 May 2026 (1)",
        "15 May 2026 (2)",
        "1 Jun 2026",
    ]
    spec = chart.trend_spec([TrendPoint(r, 3.0, 3.0) for r in reviews], "Overall")
    assert spec.years_shown(range(4)) == {0: "2025", 1: "2026"}
    assert spec.years_shown([2, 3]) == {2: "2026"}  # the first label drawn carries its year
    assert chart.x_labels([]) == ()


def test_line_styles_the_current_review_and_the_legend():
    reviews = [ReviewRef(i, dt.date(2026, i, 1), str(i)) for i in (1, 2, 3)]
    points = [
        TrendPoint(reviews[0], 2.5, 4.0),
        TrendPoint(reviews[1], None, 3.25),
        TrendPoint(reviews[2], 3.0, None),
    ]
    spec = chart.trend_spec(points, "Trust", current_id=2)
    client, provider = spec.line("client"), spec.line("provider")
    assert (client.marker, client.dash) == ("circle", ())
    assert (provider.marker, provider.dash) == ("square", chart.DASH)
    assert [line.side for line in spec.lines] == ["provider", "client"]  # client drawn on top
    assert client.runs() == [[0], [2]]  # a missing average breaks the line
    assert provider.runs() == [[0, 1]]
    assert spec.current == 1
    assert [text for _line, text in spec.legend()] == ["Client –", "Provider 3.3"]
    assert chart.trend_spec(points, "Trust").current == 2  # by default the last review
    assert spec.fraction(1) == 0 and spec.fraction(5) == 1 and spec.ticks == (1, 2, 3, 4, 5)


def test_what_an_empty_chart_says():
    assert chart.trend_spec([], "Overall").empty_text == "No reviews yet"
    review = ReviewRef(1, dt.date(2026, 1, 1), "a")
    assert chart.trend_spec([TrendPoint(review, None, None)], "x").empty_text == "No ratings yet"
    assert chart.trend_spec([TrendPoint(review, 2.0, None)], "x").empty_text == ""
