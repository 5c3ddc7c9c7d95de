"""Any text in any field renders: no crash, nothing silently lost."""

from __future__ import annotations

import datetime as dt
import functools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from minutes_support import reader, rich_meeting

from reviewdesk.minutes import fonts
from reviewdesk.minutes.render import render_minutes
from reviewdesk.minutes.text import PLACEHOLDER, Markup, chunks
from reviewdesk.record.analytics import GoalReviewRow, History, RatingRow, ReviewRef

# any Unicode text a record can hold (the exchange format refuses lone surrogates)
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
OUR_TAGS = re.compile(r'<br/>|<font name="[A-Za-z0-9-]+">|</font>')


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=ANY_TEXT.filter(str.strip),
    note=ANY_TEXT,
    comment=ANY_TEXT,
    name=ANY_TEXT,
    action=ANY_TEXT,
    goal=ANY_TEXT,
)
def test_any_text_anywhere_renders(title, note, comment, name, action, goal):
    meeting = rich_meeting()
    meeting.title = title
    meeting.partnership.client = name or "c"
    meeting.sections[0].title = name
    meeting.sections[0].notes = note
    meeting.sections[0].questions[0].comment = comment
    meeting.participants[0].role = comment
    meeting.actions[0].text = action
    meeting.actions[0].owner = name
    meeting.goals[0].title = goal
    meeting.goals[0].current = note
    result = render_minutes(meeting, fallback_fonts=fonts.no_fallback)
    assert len(reader(result.pdf).pages) == result.pages >= 1


def rejoin(text: str, pieces: list[str]) -> bool:
    """Whether the pieces give back the text, allowing one dropped newline between two."""

    @functools.cache
    def fits(i: int, pos: int) -> bool:
        if i == len(pieces):
            return pos == len(text)
        starts = [pos, pos + 1] if i and text.startswith("\n", pos) else [pos]
        return any(
            text.startswith(pieces[i], at) and fits(i + 1, at + len(pieces[i])) for at in starts
        )

    return fits(0, 0)


@given(ANY_TEXT, st.integers(5, 60), st.integers(1, 6))
def test_chunks_give_back_the_text_in_bounded_pieces(text, limit, lines):
    pieces = chunks(text, limit, lines)
    assert all(len(p) <= limit and p.count("\n") < lines for p in pieces)
    assert rejoin(text.replace("\r\n", "\n").replace("\r", "\n"), pieces)


@given(ANY_TEXT)
def test_markup_escapes_everything_and_counts_each_placeholder(text):
    mk = Markup(fonts.no_fallback)
    out = mk(text)
    bare = OUR_TAGS.sub("", out)
    assert "<" not in bare and ">" not in bare
    assert out.count(PLACEHOLDER) - text.count(PLACEHOLDER) == mk.missing


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(section=ANY_TEXT, question=ANY_TEXT, goal=ANY_TEXT, current=ANY_TEXT)
def test_any_text_in_the_history_renders(section, question, goal, current):
    meeting = rich_meeting()
    reviews = [ReviewRef(1, dt.date(2026, 3, 31), "Q1"), ReviewRef(meeting.id, meeting.date, "Q3")]
    ratings = [RatingRow(r.id, "k", section, "q", question, 1, 5) for r in reviews]
    goals = [GoalReviewRow(3, r.id, goal, "at_risk", current, "") for r in reviews]
    history = History(reviews=reviews, ratings=ratings, goal_reviews=goals)
    result = render_minutes(meeting, fallback_fonts=fonts.no_fallback, history=history)
    assert len(reader(result.pdf).pages) == result.pages >= 1
