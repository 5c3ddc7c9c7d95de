"""The scorecard's words and figures: values as typed, RAG in words, changes, ages, cadence, the
measure trend's specification and the register's groups."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewdesk.record import chart
from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.analytics import History, ReviewRef
from reviewdesk.record.model import Meeting, Partnership
from reviewdesk.record.numbers import read_number
from reviewdesk.record.rules import PerceptionFlag
from reviewdesk.record.scorecard import Measure, RegisterEntry
from reviewdesk.record.scorecard_summary import (
    measure_points,
    previous_value,
    rag_counts,
    register_groups,
)
from reviewdesk.record.service_levels import MeasureRow


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (97.5, "%", "97.5%"),
        (100.0, "%", "100%"),
        (0.125, "", "0.125"),
        (1200000.0, "EUR", "1200000 EUR"),
        (-0.0, "h", "0 h"),
        (2 / 3, "", "0.666667"),
        (None, "%", "–"),
    ],
)
def test_a_value_reads_as_typed(value, unit, text):
    assert words.measure_value(value, unit) == text


def test_rag_is_a_word_and_a_sign():
    assert [words.rag_text(r) for r in ("green", "amber", "red")] == [
        "Green ✓",
        "Amber !",
        "Red ✗",
    ]
    assert words.rag_text(None, has_value=False) == "No value"
    assert words.rag_text(None) == "No target"
    assert words.bound_text(95, "higher", "%") == "≥ 95%"
    assert words.bound_text(2, "lower", "h") == "≤ 2 h"
    assert words.rag_counts_text({"green": 2, "amber": 0, "red": 1, "none": 1}) == (
        "2 Green ✓ · 1 Red ✗ · 1 not judged"
    )


def test_a_change_says_whether_it_is_better():
    assert words.measure_change(90, 95, "higher") == "▲ better"
    assert words.measure_change(3, 5, "lower") == "▲ worse"
    assert words.measure_change(5, 3, "lower") == "▼ better"
    assert words.measure_change(5, 5, "lower") == "= same"
    assert words.measure_change(None, 5, "lower") == ""


def test_numbers_as_people_type_them():
    assert read_number("97,5") == 97.5
    assert read_number(" 97.5 % ") == 97.5
    assert read_number("1 200") == 1200
    assert read_number("") is None
    with pytest.raises(ValueError, match="'1,5' is not a number"):
        read_number("1,5", decimal_comma=False)
    for bad in ("n/a", "nan", "inf", "1e16"):
        with pytest.raises(ValueError, match="is not a number"):
            read_number(bad)


def test_ages_closing_and_cadence():
    entry = RegisterEntry("risk", "Backlog", raised_on=dt.date(2026, 6, 30), carried_reviews=2)
    assert words.entry_age_text(entry, dt.date(2026, 11, 27)) == (
        "raised 150 days ago · carried 2 reviews"
    )
    assert words.entry_age_text(RegisterEntry("issue", "New"), dt.date(2026, 11, 27)) == (
        "new this review"
    )
    assert words.close_refusal(entry) == (
        "To close it, fill in the client and provider views, or write an agreed note."
    )
    entry.provider_view = "We add clerks"
    assert words.close_refusal(entry) == (
        "To close it, fill in the client view, or write an agreed note."
    )
    entry.agreed = "Both agree"
    assert words.close_refusal(entry) == ""
    assert words.entry_heading(entry) == "Risk · Medium — Backlog"
    assert words.cadence_text("important", None) == "Important · every 3 months"
    assert words.cadence_text("strategic", None) == "Strategic · every month"
    assert words.cadence_text(None, 2) == "every 2 months"
    assert words.cadence_text(None, None) == "No review cadence set"
    assert words.next_review_text(dt.date(2026, 12, 1), dt.date(2026, 12, 2)) == (
        "1 Dec 2026 · overdue"
    )
    assert words.next_review_text(None, dt.date(2026, 12, 2)) == "–"
    assert words.reported_by_text("joint") == "Reported jointly"
    assert words.reported_by_text("client") == "Reported by the client"


def test_the_flag_sentence():
    low = PerceptionFlag("trust", "Trust", "client", 1.75, ("Accuracy", "Turnaround"), "green")
    assert words.perception_flag_text(low) == (
        "Client scores Trust 1.8 of 5, yet every linked measure is green (“Accuracy” and "
        "“Turnaround”): the numbers and the people disagree."
    )
    high = PerceptionFlag("comms", "Communication", "provider", 4.5, ("Answered",), "red")
    assert words.perception_flag_text(high) == (
        "Provider scores Communication 4.5 of 5, yet “Answered” is red: the numbers and the "
        "people disagree."
    )


def test_the_measure_chart_spec():
    refs = [ReviewRef(i, dt.date(2026, 3 * i, 28), f"Q{i}") for i in (1, 2, 3)]
    spec = chart.measure_spec(
        [(refs[0], 92.0), (refs[1], None), (refs[2], 97.5)], "Turnaround", "%", 95.0
    )
    assert spec.is_measure and spec.current == 2
    assert (spec.low, spec.high) == (92, 98)
    assert spec.ticks == (92, 94, 96, 98)
    assert spec.tick_text(96) == "96"
    assert spec.fraction(92) == 0 and spec.fraction(98) == 1
    assert [text for _line, text in spec.legend()] == ["Value 97.5%"]
    assert spec.target_text() == "Target 95%"
    assert spec.lines[0].runs() == [[0], [2]]  # a review without a value breaks the line
    assert chart.measure_spec([(refs[0], None)], "x").empty_text == "No values yet"
    assert chart.measure_spec([], "x").empty_text == "No reviews yet"
    assert chart.nice_scale([5.0]) == (4.5, 5.5, (4.5, 4.75, 5.0, 5.25, 5.5))
    ratings = chart.trend_spec([], "Overall")
    assert (ratings.low, ratings.high, ratings.ticks, ratings.target) == (1, 5, chart.TICKS, None)
    assert ratings.tick_text(3) == "3" and ratings.target_text() == ""


def test_points_previous_values_counts_and_groups():
    refs = [ReviewRef(1, dt.date(2026, 6, 30), "Q2"), ReviewRef(2, dt.date(2026, 9, 30), "Q3")]
    history = History(
        reviews=refs,
        measures=[
            MeasureRow(10, 1, "Accuracy", "%", "higher", 99, 97, 98.0),
            MeasureRow(10, 2, "Accuracy", "%", "higher", 99, 97, 99.5),  # this review: replaced
        ],
    )
    meeting = Meeting(Partnership("A", "B"), "Q3", dt.date(2026, 9, 30), id=2)
    meeting.measures = [
        Measure("Accuracy", "%", target=99, amber=97, value=96.0, id=10),
        Measure("New one", "h", "lower", 4, value=None, id=11),
    ]
    points = measure_points(history, meeting)
    assert points[10] == [(refs[0], 98.0), (refs[1], 96.0)]
    assert points[11] == [(refs[1], None)]
    assert previous_value(points[10]) == 98.0 and previous_value(points[11]) is None
    assert rag_counts(meeting.measures) == {"green": 0, "amber": 0, "red": 1, "none": 1}
    meeting.register = [
        RegisterEntry("risk", "new", raised_in=2),
        RegisterEntry("risk", "carried", raised_in=1),
        RegisterEntry("issue", "closed", status="closed", agreed="ok", raised_in=1),
    ]
    groups = register_groups(meeting)
    assert [[e.title for e in g] for g in (groups.new, groups.carried, groups.closed)] == [
        ["new"],
        ["carried"],
        ["closed"],
    ]
