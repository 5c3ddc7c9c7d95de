"""The scorecard, the register and the cadence in the file: carry-over, rules, history."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import new_portfolio

from reviewdesk.record.errors import InvalidValue
from reviewdesk.record.model import Action, Participant
from reviewdesk.record.rules import perception_vs_performance
from reviewdesk.record.scorecard import Measure, RegisterEntry, next_review_due
from reviewdesk.record.service_levels import measure_trends
from reviewdesk.store.templates import default_agenda

PEOPLE = [Participant("Ana Reyes", "client"), Participant("Ben Cruz", "provider")]


def _meeting(portfolio, pid, date):
    return portfolio.create_meeting(
        pid, title=f"Review {date}", date=date, agenda=default_agenda(), participants=PEOPLE
    )


@pytest.fixture
def portfolio(tmp_path):
    p = new_portfolio(tmp_path)
    yield p
    p.close()


def test_measures_carry_over_without_their_values_and_trend(portfolio):
    pid = portfolio.add_partnership("Acme", "Nimbus").id
    first = _meeting(portfolio, pid, dt.date(2026, 3, 31))
    accuracy = portfolio.add_measure(
        first, Measure("Accuracy", "%", "higher", target=99.5, amber=98, section="trust")
    )
    portfolio.update_measure(first, accuracy, value=97.0)
    second = _meeting(portfolio, pid, dt.date(2026, 6, 30))
    carried = portfolio.meeting(second).measures
    assert [(m.name, m.target, m.value) for m in carried] == [("Accuracy", 99.5, None)]
    portfolio.update_measure(second, accuracy, value=99.7, target=99.0)
    assert portfolio.meeting(first).measures[0].target == 99.5  # the earlier review unchanged
    assert [
        m.rag for m in (portfolio.meeting(first).measures + portfolio.meeting(second).measures)
    ] == ["red", "green"]
    history = portfolio.history(pid)
    (trend,) = measure_trends(history, history.measures)
    assert [(p[0].id, p[1], p[2]) for p in trend.points] == [
        (first, 97.0, "red"),
        (second, 99.7, "green"),
    ]


def test_measure_rules(portfolio):
    pid = portfolio.add_partnership("Acme", "Nimbus").id
    mid = _meeting(portfolio, pid, dt.date(2026, 3, 31))
    with pytest.raises(InvalidValue, match="amber: 99 must be below the target 98"):
        portfolio.add_measure(mid, Measure("Accuracy", direction="higher", target=98, amber=99))
    with pytest.raises(InvalidValue, match="amber: 3 must be above the target 4"):
        portfolio.add_measure(mid, Measure("Days", direction="lower", target=4, amber=3))
    lower = Measure("Turnaround", "h", "lower", target=24, amber=36)
    assert [Measure(**{**vars(lower), "value": v}).rag for v in (20, 30, 40)] == [
        "green",
        "amber",
        "red",
    ]


def test_register_carries_open_entries_and_closes_with_both_views(portfolio):
    pid = portfolio.add_partnership("Acme", "Nimbus").id
    first = _meeting(portfolio, pid, dt.date(2026, 3, 31))
    aid = portfolio.add_action(first, Action("Hire two night-shift clerks", side="provider"))
    eid = portfolio.add_register_entry(
        first,
        RegisterEntry("risk", "Peak-season backlog", "high", "likely", client_view="Late files"),
    )
    portfolio.link_register_action(first, eid, aid)
    second = _meeting(portfolio, pid, dt.date(2026, 6, 30))
    (entry,) = portfolio.meeting(second).register
    assert (entry.title, entry.carried_reviews, entry.actions) == (
        "Peak-season backlog",
        1,
        ["Hire two night-shift clerks"],
    )
    assert entry.raised_in == first and entry.age_days(dt.date(2026, 6, 30)) == 91
    with pytest.raises(InvalidValue, match="without the provider view"):
        portfolio.update_register_entry(second, eid, status="closed")
    portfolio.update_register_entry(second, eid, provider_view="Staffing plan agreed")
    portfolio.update_register_entry(second, eid, status="closed")
    assert portfolio.meeting(first).register[0].status == "open"  # signed history unchanged
    third = _meeting(portfolio, pid, dt.date(2026, 9, 30))
    assert portfolio.meeting(third).register == []  # closed: no longer carried
    with pytest.raises(InvalidValue, match="only a risk has a likelihood"):
        portfolio.add_register_entry(third, RegisterEntry("issue", "X", likelihood="rare"))
    hit = portfolio.search("staffing")
    assert [(h.kind, h.step) for h in hit] == [("register", "register")]


def test_perception_versus_performance_flags_the_right_section(portfolio):
    pid = portfolio.add_partnership("Acme", "Nimbus").id
    mid = _meeting(portfolio, pid, dt.date(2026, 3, 31))
    green = portfolio.add_measure(mid, Measure("Accuracy", target=99, section="trust"))
    portfolio.update_measure(mid, green, value=99.5)
    red = portfolio.add_measure(mid, Measure("On time", target=95, amber=90, section="teamwork"))
    portfolio.update_measure(mid, red, value=80)
    for q in ("transparency", "bad_news_early"):
        portfolio.set_rating(mid, "trust", q, "client", 2)
        portfolio.set_rating(mid, "trust", q, "provider", 3)
    for q in portfolio.meeting(mid).section("teamwork").questions:
        portfolio.set_rating(mid, "teamwork", q.key, "provider", 5)
    flags = perception_vs_performance(portfolio.meeting(mid))
    assert [(f.section_key, f.side, f.numbers, f.measures) for f in flags] == [
        ("trust", "client", "green", ("Accuracy",)),
        ("teamwork", "provider", "red", ("On time",)),
    ]


def test_cadence_says_when_the_next_review_is_due(portfolio):
    pid = portfolio.add_partnership("Acme", "Nimbus").id
    portfolio.set_cadence(pid, "strategic")
    p = portfolio.partnership(pid)
    assert next_review_due(dt.date(2026, 1, 31), p.tier, p.review_interval_months) == dt.date(
        2026, 2, 28
    )
    portfolio.set_cadence(pid, "routine", 4)
    p = portfolio.partnership(pid)
    assert next_review_due(dt.date(2026, 1, 31), p.tier, p.review_interval_months) == dt.date(
        2026, 5, 31
    )
    with pytest.raises(InvalidValue, match="tier"):
        portfolio.set_cadence(pid, "weekly")
    with pytest.raises(InvalidValue, match="interval"):
        portfolio.set_cadence(pid, "routine", 0)
