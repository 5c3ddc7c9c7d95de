"""No value in a record reaches reportlab as markup: enums, ratings and dates included.

The store refuses such values when it reads them (tests/faults/test_crafted_values.py); the
minutes escape them anyway, so a record from anywhere (an import, an embedded record) is safe.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from minutes_support import png, reader, rich_meeting

from reviewdesk.minutes import fonts
from reviewdesk.minutes.render import render_minutes
from reviewdesk.minutes.story import ratings_markup
from reviewdesk.record.analytics import GoalReviewRow, History, RatingRow, ReviewRef
from reviewdesk.record.model import Action, Participant, Question, Reopening

MARKUP = ""  # set per test: a real local picture, a link and a dangling tag


@pytest.fixture(autouse=True)
def markup(tmp_path, monkeypatch):
    picture = tmp_path / "local.png"
    picture.write_bytes(png(20, 20))
    value = (
        f'x<img src="{picture}" width="40" height="40"/><a href="https://evil.example/">a</a><b>'
    )
    monkeypatch.setitem(globals(), "MARKUP", value)
    return value


def _no_markup_effects(pdf: bytes) -> None:
    """No link, no embedded picture and the tags show as text."""
    assert b"/URI" not in pdf
    assert b"/Subtype /Image" not in pdf
    assert b"/Annots" not in pdf


def _with_history(meeting):
    reviews = [ReviewRef(3, dt.date(2026, 6, 30), "Q2"), ReviewRef(7, meeting.date, "Q3")]
    ratings = [
        RatingRow(mid, "trust", MARKUP, "open", "Open?", c, p)
        for mid, c, p in ((3, 2, 5), (7, 1, 4))
    ]
    goals = [
        GoalReviewRow(11, 3, "Scans", MARKUP, "9", "14"),
        GoalReviewRow(11, 7, "Scans", MARKUP, "10", "14"),
    ]
    actions = [Action("Fix", owner="O", side=MARKUP, status=MARKUP, id=5, raised_in=3)]
    return History(reviews=reviews, ratings=ratings, actions=actions, goal_reviews=goals)


@pytest.mark.parametrize(
    "where",
    [
        "goal status",
        "goal owner side",
        "previous goal status",
        "action status",
        "action side",
        "participant side",
        "signer side",
        "voided names",
        "history",
    ],
)
def test_markup_in_any_value_is_printed_as_text(where):
    meeting = rich_meeting(signed=True)
    for signature in meeting.signoff:  # no pictures at all, so any image would be an injection
        signature.signature_png = None
    history = None
    if where == "goal status":
        meeting.goals[0].status = MARKUP
    elif where == "goal owner side":
        meeting.goals[0].owner_side = MARKUP
    elif where == "previous goal status":
        meeting.goals[0].previous.status = MARKUP
    elif where == "action status":
        meeting.actions[0].status = MARKUP
    elif where == "action side":
        meeting.actions[0].side = MARKUP
    elif where == "participant side":
        meeting.participants.append(Participant("Zed", MARKUP))
    elif where == "signer side":
        meeting.signoff[0].side = MARKUP
    elif where == "voided names":
        meeting.reopenings = [Reopening(dt.datetime(2026, 10, 1, tzinfo=dt.UTC), "typo", [MARKUP])]
    elif where == "history":
        history = _with_history(meeting)
    result = render_minutes(meeting, fallback_fonts=fonts.no_fallback, history=history)
    _no_markup_effects(result.pdf)
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader(result.pdf).pages))
    if "side" not in where:  # an unknown side is shown as '–' (or not as a group at all)
        assert "<imgsrc=" in text, where


def test_a_rating_that_is_not_a_number_is_escaped():
    question = Question("k", "text", None, MARKUP)  # type: ignore[arg-type]
    markup = ratings_markup(question, with_gap=False)
    assert "<img" not in markup and "&lt;img" in markup
