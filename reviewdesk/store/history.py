"""One partnership's reviews as rows for the analytics: trends, gaps, follow-through."""

from __future__ import annotations

import sqlite3

from reviewdesk.record.analytics import GoalReviewRow, History, RatingRow, ReviewRef
from reviewdesk.record.model import GOAL_STATUSES
from reviewdesk.record.scorecard import DIRECTIONS
from reviewdesk.record.service_levels import MeasureRow
from reviewdesk.store import rowcheck
from reviewdesk.store.queries import (
    ACTION_COLS,
    ACTION_STATES_OF_PARTNERSHIP,
    GOAL_REVIEWS_OF_PARTNERSHIP,
    Action,
    action_from_row,
)
from reviewdesk.store.rowcheck import reads
from reviewdesk.store.scorecard_queries import MEASURES_OF_PARTNERSHIP
from reviewdesk.store.scores import SCORE_JOIN


def _rating_row(r: tuple) -> RatingRow:
    """(question id, meeting, section key, section title, question key, text, client rating,
    provider rating, section id, client score, provider score): each side's score is its
    people's mean (question_score) or else its rating as a whole (store.scores)."""
    qid = r[0]
    client = rowcheck.rating("question", qid, "client_rating", r[6])
    provider = rowcheck.rating("question", qid, "provider_rating", r[7])
    if r[9] is not None:
        client = rowcheck.score("question_score", qid, "client", r[9])
    if r[10] is not None:
        provider = rowcheck.score("question_score", qid, "provider", r[10])
    return RatingRow(
        r[1],
        rowcheck.text("section", r[8], "key", r[2], nonblank=True),
        rowcheck.text("section", r[8], "title", r[3]),
        rowcheck.text("question", qid, "key", r[4], nonblank=True),
        rowcheck.text("question", qid, "text", r[5]),
        client,
        provider,
    )


def _goal_review_row(r: tuple) -> GoalReviewRow:
    """(review id, goal, meeting, title, status, current, target)."""
    t, rid = "goal_review", r[0]
    return GoalReviewRow(
        r[1],
        r[2],
        rowcheck.text(t, rid, "title", r[3], nonblank=True),
        rowcheck.choice(t, rid, "status", r[4], GOAL_STATUSES),
        rowcheck.text(t, rid, "current", r[5]),
        rowcheck.text(t, rid, "target", r[6]),
    )


def _measure_row(r: tuple) -> MeasureRow:
    """(measure, meeting, name, unit, direction, target, amber, value, review id)."""
    t, rid = "measure_review", r[8]
    return MeasureRow(
        r[0],
        r[1],
        rowcheck.text(t, rid, "name", r[2], nonblank=True),
        rowcheck.text(t, rid, "unit", r[3]),
        rowcheck.choice(t, rid, "direction", r[4], DIRECTIONS),
        rowcheck.number(t, rid, "target", r[5]),
        rowcheck.number(t, rid, "amber", r[6]),
        rowcheck.number(t, rid, "value", r[7]),
    )


@reads
def history(conn: sqlite3.Connection, partnership_id: int, upto_meeting_id: int | None = None):
    """One partnership's reviews (up to and including a meeting) as analytics rows."""
    reviews = [
        ReviewRef(
            r[0],
            rowcheck.date("meeting", r[0], "date", r[1]),
            rowcheck.text("meeting", r[0], "title", r[2]),
        )
        for r in conn.execute(
            "SELECT id, date, title FROM meeting WHERE partnership_id = ? ORDER BY date, id",
            (partnership_id,),
        )
    ]
    if upto_meeting_id is not None:
        ids = [r.id for r in reviews]
        if upto_meeting_id in ids:
            reviews = reviews[: ids.index(upto_meeting_id) + 1]
    wanted = {r.id for r in reviews}
    ratings = [
        _rating_row(r)
        for r in conn.execute(
            "SELECT q.id, s.meeting_id, s.key, s.title, q.key, q.text, q.client_rating, "
            "q.provider_rating, s.id, qs.client, qs.provider FROM meeting m "
            "JOIN section s ON s.meeting_id = m.id JOIN question q ON q.section_id = s.id "
            f"{SCORE_JOIN} WHERE m.partnership_id = ? "
            "ORDER BY s.position, q.position",
            (partnership_id,),
        )
        if r[1] in wanted
    ]
    order = {r.id: i for i, r in enumerate(reviews)}
    latest: dict[int, tuple[int, Action]] = {}  # action id -> (review index, state there)
    for r in conn.execute(
        f"SELECT a.id, a.raised_in, s.meeting_id, s.id, "
        f"{', '.join('s.' + c.strip() for c in ACTION_COLS.split(','))} "
        f"{ACTION_STATES_OF_PARTNERSHIP} ORDER BY a.id, s.meeting_id",
        (partnership_id, partnership_id),
    ):
        index = order.get(r[2])
        if index is None or (r[0] in latest and latest[r[0]][0] > index):
            continue
        action = action_from_row(r[4:], r[0], r[1], r[3])
        action.closed_in = r[2] if action.status != "open" else None
        latest[r[0]] = (index, action)
    actions = [a for _, a in latest.values()]
    goal_reviews = [
        _goal_review_row(r)
        for r in conn.execute(
            "SELECT g.id, g.goal_id, g.meeting_id, g.title, g.status, g.current, g.target "
            f"{GOAL_REVIEWS_OF_PARTNERSHIP} ORDER BY g.goal_id, g.meeting_id",
            (partnership_id, partnership_id),
        )
        if r[2] in wanted
    ]
    measures = [
        _measure_row(r)
        for r in conn.execute(
            "SELECT r.measure_id, r.meeting_id, r.name, r.unit, r.direction, r.target, r.amber, "
            f"r.value, r.id {MEASURES_OF_PARTNERSHIP} ORDER BY m.date, m.id, r.position",
            (partnership_id, partnership_id),
        )
        if r[1] in wanted
    ]
    return History(
        reviews=reviews,
        ratings=ratings,
        actions=actions,
        goal_reviews=goal_reviews,
        measures=measures,
    )
