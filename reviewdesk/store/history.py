"""One partnership's reviews as rows for the analytics: trends, gaps, follow-through."""

from __future__ import annotations

import datetime as dt
import sqlite3

from reviewdesk.record.analytics import GoalReviewRow, History, RatingRow, ReviewRef
from reviewdesk.record.service_levels import MeasureRow
from reviewdesk.store.queries import (
    ACTION_COLS,
    ACTION_STATES_OF_PARTNERSHIP,
    GOAL_REVIEWS_OF_PARTNERSHIP,
    Action,
    action_from_row,
)
from reviewdesk.store.scorecard_queries import MEASURES_OF_PARTNERSHIP
from reviewdesk.store.scores import CLIENT_SCORE, PROVIDER_SCORE, SCORE_JOIN


def history(conn: sqlite3.Connection, partnership_id: int, upto_meeting_id: int | None = None):
    """One partnership's reviews (up to and including a meeting) as analytics rows."""
    reviews = [
        ReviewRef(r[0], dt.date.fromisoformat(r[1]), r[2])
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
        RatingRow(*r)
        for r in conn.execute(
            f"SELECT s.meeting_id, s.key, s.title, q.key, q.text, {CLIENT_SCORE}, "
            f"{PROVIDER_SCORE} FROM meeting m JOIN section s ON s.meeting_id = m.id "
            f"JOIN question q ON q.section_id = s.id {SCORE_JOIN} WHERE m.partnership_id = ? "
            "ORDER BY s.position, q.position",
            (partnership_id,),
        )
        if r[0] in wanted
    ]
    order = {r.id: i for i, r in enumerate(reviews)}
    latest: dict[int, tuple[int, Action]] = {}  # action id -> (review index, state there)
    for r in conn.execute(
        f"SELECT a.id, a.raised_in, s.meeting_id, "
        f"{', '.join('s.' + c.strip() for c in ACTION_COLS.split(','))} "
        f"{ACTION_STATES_OF_PARTNERSHIP} ORDER BY a.id, s.meeting_id",
        (partnership_id, partnership_id),
    ):
        index = order.get(r[2])
        if index is None or (r[0] in latest and latest[r[0]][0] > index):
            continue
        action = action_from_row(r[3:], r[0], r[1])
        action.closed_in = r[2] if action.status != "open" else None
        latest[r[0]] = (index, action)
    actions = [a for _, a in latest.values()]
    goal_reviews = [
        GoalReviewRow(*r)
        for r in conn.execute(
            "SELECT g.goal_id, g.meeting_id, g.title, g.status, g.current, g.target "
            f"{GOAL_REVIEWS_OF_PARTNERSHIP} ORDER BY g.goal_id, g.meeting_id",
            (partnership_id, partnership_id),
        )
        if r[1] in wanted
    ]
    measures = [
        MeasureRow(*r)
        for r in conn.execute(
            "SELECT r.measure_id, r.meeting_id, r.name, r.unit, r.direction, r.target, r.amber, "
            f"r.value {MEASURES_OF_PARTNERSHIP} ORDER BY m.date, m.id, r.position",
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
