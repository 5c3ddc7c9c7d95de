"""The minutes of private rounds: means, raters, spread and flags; names only when named;
an anonymous side of fewer than 3 its mean only; nothing of a round before its reveal."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import new_portfolio
from minutes_support import flat, page_texts
from round_support import AT, RATERS, TRUST, new_meeting, rate_round

from reviewdesk.minutes.render import render_minutes

NAMED = {  # transparency, bad_news_early, understand_aims
    "Ana Reyes": [2, 1, None],
    "Cem Aydın": [4, 1, 3],
    "Ben Cruz": [5, 4, 2],
    "Dao Minh": [5, 4, 2],
    "Eli Sá": [4, 5, 2],
}
ANONYMOUS = dict(zip(RATERS, [[1], [5], [2], [3], [5]], strict=True))  # teamwork's first question


@pytest.fixture
def portfolio(tmp_path):
    p = new_portfolio(tmp_path)
    yield p
    p.close()


def _text(portfolio, mid, tmp_path) -> str:
    return flat("\n".join(page_texts(render_minutes(portfolio.meeting(mid)).pdf, tmp_path)))


def test_a_named_round_gives_means_raters_spread_flags_and_names(portfolio, tmp_path):
    mid = new_meeting(portfolio)
    rid = portfolio.start_round(mid, "trust", RATERS, at=AT)
    rate_round(portfolio, rid, "trust", NAMED, TRUST[:3])
    before = _text(portfolio, mid, tmp_path)
    assert "Rated privately: hidden until the reveal." in before
    for shown in ("(2 people", "(3 people", "(1 person)", "Ana Reyes 2", "Split view", "Gap 3.3"):
        assert shown not in before
    portfolio.reveal_round(rid, at=AT + dt.timedelta(minutes=7))
    text = _text(portfolio, mid, tmp_path)
    assert "Client 3 (2 people, 2–4) Provider 4.7 (3 people, 4–5) Split view: Client" in text
    assert "Client 1 (2 people, 1–1) Provider 4.3 (3 people, 4–5) Gap 3.3" in text
    assert "Client 3 (1 person) Provider 2 (3 people, 2–2)" in text  # Ana skipped it
    assert "Rated privately by 5 people, revealed at 10:07 UTC." in text
    assert "Rated privately by 4 people, revealed at 10:07 UTC." in text
    assert "Client: Ana Reyes 2, Cem Aydın 4. Provider: Ben Cruz 5, Dao Minh 5, Eli Sá 4." in text
    # the summary lists the gap and the split view, each with its question
    assert "Perception gaps (1) Gap 3.3 Client 1 (2 people, 1–1)" in text
    assert "Split views (1): two people of one side rated 2 or more apart" in text
    assert "Split view: Client Client 3 (2 people, 2–4) · Provider 4.7 (3 people, 4–5)" in text


def test_an_anonymous_round_names_nobody_and_a_side_of_two_shows_its_mean_only(portfolio, tmp_path):
    mid = new_meeting(portfolio)
    teamwork = portfolio.meeting(mid).section("teamwork").questions[0].key
    rid = portfolio.start_round(mid, "teamwork", RATERS, anonymous=True, at=AT)
    rate_round(portfolio, rid, "teamwork", ANONYMOUS, [teamwork])
    portfolio.reveal_round(rid, at=AT + dt.timedelta(minutes=25))
    text = _text(portfolio, mid, tmp_path)
    # the client side (2 raters, 1 and 5): its mean only — no count, spread or split flag
    assert "Client 3 Provider 3.3 (3 people, 2–5) Split view: Provider" in text
    assert "Split view: Client" not in text and "Client 3 (" not in text
    assert "Rated privately and anonymously by 5 people, revealed at 10:25 UTC." in text
    for name in RATERS:
        assert name not in text.split("Present:", 1)[1].split("Summary", 1)[1]


def test_whole_side_ratings_read_as_before(portfolio, tmp_path):
    mid = new_meeting(portfolio)
    portfolio.set_rating(mid, "trust", "confidence", "client", 4)
    portfolio.set_rating(mid, "trust", "confidence", "provider", 2)
    text = _text(portfolio, mid, tmp_path)
    assert "Client 4 · Provider 2 Gap 2" in text
    assert "Rated privately" not in text
    assert "(2 people" not in text and "Split view" not in text


def test_a_person_who_rated_in_two_rounds_counts_once_with_the_latest(portfolio, tmp_path):
    mid = new_meeting(portfolio)
    first = portfolio.start_round(mid, "trust", ["Ana Reyes", "Cem Aydın"], at=AT)
    rate_round(portfolio, first, "trust", {"Ana Reyes": [2], "Cem Aydın": [4]}, TRUST[:1])
    portfolio.reveal_round(first, at=AT + dt.timedelta(minutes=5))
    second = portfolio.start_round(mid, "trust", ["Ana Reyes", "Cem Aydın"], at=AT)
    rate_round(portfolio, second, "trust", {"Ana Reyes": [4], "Cem Aydın": [4]}, TRUST[:1])
    portfolio.reveal_round(second, at=AT + dt.timedelta(minutes=9))
    text = _text(portfolio, mid, tmp_path)
    assert "Client 4 (2 people, 4–4)" in text
    assert "Client: Ana Reyes 4, Cem Aydın 4." in text
    for gone in ("4 people", "Split view", "Ana Reyes 2"):
        assert gone not in text
    assert "Rated privately by 2 people, revealed at 10:05 UTC." in text  # each round as held
    assert "Rated privately by 2 people, revealed at 10:09 UTC." in text
