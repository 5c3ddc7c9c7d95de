"""The scorecard and the register in the minutes: every value, every RAG word and both views
are found by text extraction; the flags; user text drawn literally; a trend from the history."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import new_portfolio
from minutes_support import MEETING_ID, all_text, pypdf_text, rich_meeting

from reviewdesk.minutes.render import render_minutes
from reviewdesk.record.model import Question
from reviewdesk.record.scorecard import Measure, RegisterEntry
from reviewdesk.store.templates import default_agenda

MEASURES = [
    Measure("Entry accuracy", "%", "higher", 99.5, 99.0, "provider", section="trust", value=99.7),
    Measure("Same-day turnaround", "%", "higher", 95, 90, "provider", value=93.25),
    Measure("Customs holds <b>caused</b> by errors", "holds", "lower", 2, 5, "client", value=7),
    Measure("Escalations answered in 4 h", "%", "higher", 90, 80, "joint", value=None),
    Measure("Cost per entry", "EUR", "lower", 1.2, None, "provider", value=1.05),
]
RAG_WORDS = ["Green ✓", "Amber !", "Red ✗", "No value", "Green ✓"]
VALUES = ["99.7", "93.25", "7", "1.05"]
CLIENT_VIEW = "Three shipments held in Antwerp & Rotterdam <i>cost</i> demurrage each."
PROVIDER_VIEW = "Bảng mã HS đã cũ; the lookup table was replaced on 4 April — Nguyễn."
CARRIED_CLIENT = "December holds cost us more than any other month."
CARRIED_PROVIDER = "Four trained clerks from Davao can join with two weeks' notice."


def scorecard_meeting():
    meeting = rich_meeting()
    meeting.measures = [Measure(**vars(m)) for m in MEASURES]
    for i, m in enumerate(meeting.measures, start=1):
        m.id = i
    meeting.register = [
        RegisterEntry(
            "escalation",
            "Antwerp customs holds",
            "critical",
            client_view=CLIENT_VIEW,
            provider_view=PROVIDER_VIEW,
            cause="An out-of-date HS-code table",
            owner_side="provider",
            id=1,
            raised_in=MEETING_ID,
        ),
        RegisterEntry(
            "risk",
            "Peak-season volumes",
            "high",
            "likely",
            client_view=CARRIED_CLIENT,
            provider_view=CARRIED_PROVIDER,
            status="mitigating",
            next_step="A staffing plan",
            actions=["Staffing plan for peak season"],
            id=2,
            raised_in=3,
            raised_on=dt.date(2026, 6, 30),
            carried_reviews=1,
        ),
        RegisterEntry(
            "issue",
            "Release notes arrive late",
            client_view="We found out from rejected entries.",
            status="closed",
            agreed="Both sides agree the joint test plan solved it.",
            id=3,
            raised_in=3,
            closed_in=MEETING_ID,
            carried_reviews=2,
        ),
    ]
    trust = meeting.sections[0]
    trust.questions = [
        Question(q.key, q.text, client_rating=5, provider_rating=4) for q in trust.questions
    ]
    return meeting


def test_every_value_rag_word_and_both_views_are_in_the_text(tmp_path):
    meeting = scorecard_meeting()
    pdf = render_minutes(meeting).pdf
    for text in (all_text(pdf, tmp_path), pypdf_text(pdf)):
        for m in MEASURES:
            assert m.name in text
        for value in VALUES:
            assert value in text
        for word in RAG_WORDS:
            assert word in text
        assert "1 Green ✓" not in text and "2 Green ✓ · 1 Amber ! · 1 Red ✗" in text
        for view in (CLIENT_VIEW, PROVIDER_VIEW, CARRIED_CLIENT, CARRIED_PROVIDER):
            assert view in text  # drawn literally: '<i>' and '&' are text, not markup
        assert "Client's view" in text and "Provider's view" in text
        assert "New in this review (1)" in text
        assert "Carried over (1)" in text and "carried 1 review" in text
        assert "Closed in this review (1)" in text
        assert "Agreed: Both sides agree the joint test plan solved it." in text
        assert "no view given" in text  # the closed issue's missing provider view
        assert "Actions: Staffing plan for peak season" in text
        assert "≥ 99.5" in text and "≤ 2" in text  # the target with its direction


def test_a_long_number_widens_its_column_instead_of_splitting(tmp_path):
    meeting = scorecard_meeting()
    meeting.measures[0] = Measure(
        "Entries per hour", "entries", "higher", 12000, 11000.5, value=12345.75, id=1
    )
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    assert "12345.75" in text and "≥ 11000.5" in text and "≥ 12000" in text


def test_the_flags_are_in_the_minutes(tmp_path):
    meeting = scorecard_meeting()
    meeting.measures[0].value = 98.0  # Trust's linked measure is red while both sides score 4+
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    assert "Perception versus performance (2)" in text
    assert (
        "Client scores Trust 5.0 of 5, yet “Entry accuracy” is red: the numbers and the people "
        "disagree." in text
    )
    assert "Provider scores Trust 4.0 of 5" in text
    meeting.measures[0].value = 99.9
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    assert "Perception versus performance (0)" in text
    assert "No section where the ratings and the service levels disagree." in text


def test_without_a_scorecard_or_register_the_minutes_say_so(tmp_path):
    meeting = rich_meeting()
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    assert "Scorecard (0) No service levels recorded." in text
    assert "Register (0) No risks, issues or escalations on the register." in text


def test_a_measures_trend_and_change_come_from_the_history(tmp_path, portfolio_with_history):
    portfolio, meeting_id = portfolio_with_history
    meeting, history = portfolio.minutes_record(meeting_id)
    text = all_text(render_minutes(meeting, history=history).pdf, tmp_path)
    assert "▲ better" in text  # 96 → 98.5 where higher is better
    assert "▲ worse" in text  # 3 → 5 holds where lower is better


@pytest.fixture
def portfolio_with_history(tmp_path):
    portfolio = new_portfolio(tmp_path)
    p = portfolio.add_partnership("Harbourline Freight", "Cebu DataWorks")
    first = portfolio.create_meeting(
        p.id, title="Q3", date=dt.date(2026, 9, 30), agenda=default_agenda()
    )
    portfolio.add_measure(first, Measure("Turnaround", "%", target=95, amber=90, value=96))
    portfolio.add_measure(first, Measure("Holds", "holds", "lower", 2, 5, value=3))
    second = portfolio.create_meeting(
        p.id, title="Q4", date=dt.date(2026, 11, 27), agenda=default_agenda()
    )
    for m in portfolio.meeting(second).measures:
        portfolio.update_measure(second, m.id, value=98.5 if m.name == "Turnaround" else 5)
    yield portfolio, second
    portfolio.close()
