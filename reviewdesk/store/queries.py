"""Read queries: rows of the portfolio file turned into record objects."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict

from reviewdesk.record.errors import DamagedRecord
from reviewdesk.record.model import (
    ACTION_STATUSES,
    GOAL_FIELDS,
    GOAL_STATUSES,
    MEETING_STATUSES,
    OWNER_SIDES,
    Action,
    Goal,
    MeetingSummary,
    Partnership,
)
from reviewdesk.record.scorecard import MAX_INTERVAL_MONTHS, TIERS
from reviewdesk.store import rowcheck
from reviewdesk.store.rowcheck import reads
from reviewdesk.store.scores import CLIENT_SCORE, PROVIDER_SCORE, SCORE_JOIN

GOAL_COLS = (
    "title, specific, measure, baseline, target, current, achievable, relevant, due, "
    "owner_side, status"
)
ACTION_COLS = "text, owner, side, due, status, section"
_GOAL_TEXTS = GOAL_FIELDS[:8]  # title … relevant: the goal's text fields, in GOAL_COLS order


PARTNERSHIP_COLS = "id, client, provider, service, start_date, tier, review_interval_months"


def partnership_from_row(row: tuple) -> Partnership:
    """A partnership from its PARTNERSHIP_COLS."""
    t, pid = "partnership", row[0]
    return Partnership(
        id=pid,
        client=rowcheck.text(t, pid, "client", row[1], nonblank=True),
        provider=rowcheck.text(t, pid, "provider", row[2], nonblank=True),
        service=rowcheck.text(t, pid, "service", row[3]),
        start_date=rowcheck.date(t, pid, "start_date", row[4], nullable=True),
        tier=rowcheck.choice(t, pid, "tier", row[5], TIERS, nullable=True),
        review_interval_months=rowcheck.whole(
            t, pid, "review_interval_months", row[6], 1, MAX_INTERVAL_MONTHS, nullable=True
        ),
    )


_SIDE_OR_NONE = frozenset((*OWNER_SIDES, None))
_GOAL_STATUS = frozenset(GOAL_STATUSES)
_ACTION_STATUS = frozenset(ACTION_STATUSES)


def _due(value: object) -> dt.date | None:
    """A stored due date, or None; anything else raises (the row is then checked by name)."""
    return None if value is None else dt.date.fromisoformat(value)  # type: ignore[arg-type]


def goal_from_row(row: tuple, goal_id: int, review_id: int) -> Goal:
    """A goal from the GOAL_COLS of goal_review row ``review_id``."""
    try:  # the common case, checked in one go; any doubt names the bad value below
        if (
            all(type(v) is str for v in row[:8])
            and row[0].strip()
            and row[9] in _SIDE_OR_NONE
            and row[10] in _GOAL_STATUS
        ):
            texts = dict(zip(_GOAL_TEXTS, row, strict=False))
            return Goal(**texts, due=_due(row[8]), owner_side=row[9], status=row[10], id=goal_id)
    except (TypeError, ValueError):
        pass
    t = "goal_review"
    texts = {
        name: rowcheck.text(t, review_id, name, value, nonblank=name == "title")
        for name, value in zip(_GOAL_TEXTS, row, strict=False)
    }
    return Goal(
        id=goal_id,
        **texts,
        due=rowcheck.date(t, review_id, "due", row[8], nullable=True),
        owner_side=rowcheck.choice(t, review_id, "owner_side", row[9], OWNER_SIDES, nullable=True),
        status=rowcheck.choice(t, review_id, "status", row[10], GOAL_STATUSES),
    )


def action_from_row(row: tuple, action_id: int, raised_in: object, state_id: int) -> Action:
    """An action from the ACTION_COLS of action_state row ``state_id``."""
    text, owner, side, due, status, section = row
    try:  # the common case, checked in one go; any doubt names the bad value below
        if (
            type(text) is str
            and type(owner) is str
            and type(section) is str
            and text.strip()
            and side in _SIDE_OR_NONE
            and status in _ACTION_STATUS
            and (raised_in is None or type(raised_in) is int)
        ):
            return Action(
                text=text,
                owner=owner,
                side=side,
                due=_due(due),
                status=status,
                section=section,
                id=action_id,
                raised_in=raised_in,
            )
    except (TypeError, ValueError):
        pass
    t = "action_state"
    return Action(
        id=action_id,
        text=rowcheck.text(t, state_id, "text", text, nonblank=True),
        owner=rowcheck.text(t, state_id, "owner", owner),
        side=rowcheck.choice(t, state_id, "side", side, OWNER_SIDES, nullable=True),
        due=rowcheck.date(t, state_id, "due", due, nullable=True),
        status=rowcheck.choice(t, state_id, "status", status, ACTION_STATUSES),
        section=rowcheck.text(t, state_id, "section", section),
        raised_in=rowcheck.reference("action", action_id, "raised_in", raised_in),
    )


# Summaries average ratings in SQL; alongside, this aggregate is true when one breaks the rules:
# out of 1–5, or text or binary data (which SQLite sorts above every number). A fraction within
# 1–5 slips through here and is named when its meeting is read.
BAD_RATINGS = (
    f"(MIN({CLIENT_SCORE}) < 1 OR MAX({CLIENT_SCORE}) > 5 "
    f"OR MIN({PROVIDER_SCORE}) < 1 OR MAX({PROVIDER_SCORE}) > 5)"
)


# Per meeting: each side's average score, whether a rating breaks the rules, its questions,
# and how many both sides rated.
SCORES_OF_MEETINGS = f"""
    SELECT s.meeting_id, AVG({CLIENT_SCORE}) AS client, AVG({PROVIDER_SCORE}) AS provider,
           {BAD_RATINGS} AS bad, COUNT(q.id) AS questions,
           TOTAL({CLIENT_SCORE} IS NOT NULL AND {PROVIDER_SCORE} IS NOT NULL) AS rated
    FROM section s JOIN question q ON q.section_id = s.id {SCORE_JOIN} WHERE 1
"""

# The reason of the latest reopening of a meeting that is open again ('' otherwise).
REOPENED = (
    "CASE WHEN m.status != 'signed_off' THEN (SELECT reason FROM reopening "
    "WHERE meeting_id = m.id ORDER BY id DESC LIMIT 1) END"
)


def refuse_bad_rating(conn: sqlite3.Connection, meeting_id: int) -> None:
    """Name the first rating or score of a meeting that breaks the rules (the summaries found
    one)."""
    for qid, client, provider, client_mean, provider_mean in conn.execute(
        "SELECT q.id, q.client_rating, q.provider_rating, qs.client, qs.provider FROM question q "
        f"JOIN section s ON s.id = q.section_id {SCORE_JOIN} WHERE s.meeting_id = ? ORDER BY q.id",
        (meeting_id,),
    ):
        rowcheck.rating("question", qid, "client_rating", client)
        rowcheck.rating("question", qid, "provider_rating", provider)
        for column, mean in (("client", client_mean), ("provider", provider_mean)):
            if mean is not None:
                rowcheck.score("question_score", qid, column, mean)


def _summary(conn: sqlite3.Connection, r: tuple) -> MeetingSummary:
    t, mid = "meeting", r[0]
    if r[2] is None:
        raise DamagedRecord(f"meeting {mid}: its partnership {r[1]} does not exist")
    if r[9]:
        refuse_bad_rating(conn, mid)
    return MeetingSummary(
        id=mid,
        partnership_id=r[1],
        client=rowcheck.text("partnership", r[1], "client", r[2], nonblank=True),
        provider=rowcheck.text("partnership", r[1], "provider", r[3], nonblank=True),
        title=rowcheck.text(t, mid, "title", r[4]),
        date=rowcheck.date(t, mid, "date", r[5]),
        status=rowcheck.choice(t, mid, "status", r[6], MEETING_STATUSES),
        client_average=r[7],
        provider_average=r[8],
        questions=r[10] or 0,
        rated=int(r[11] or 0),
        reopened=rowcheck.text("reopening", mid, "reason", r[12] or ""),
    )


@reads
def meeting_summaries(conn: sqlite3.Connection, partnership_id: int | None) -> list[MeetingSummary]:
    """One summary per meeting (of one partnership, or all), oldest first."""
    if partnership_id is not None:  # a few meetings: average each one
        rows = conn.execute(
            f"""
            SELECT m.id, m.partnership_id, p.client, p.provider, m.title, m.date, m.status,
                   r.client, r.provider, r.bad, r.questions, r.rated, {REOPENED}
            FROM meeting m LEFT JOIN partnership p ON p.id = m.partnership_id
            LEFT JOIN ({SCORES_OF_MEETINGS} AND s.meeting_id IN
                (SELECT id FROM meeting WHERE partnership_id = ?) GROUP BY s.meeting_id
            ) r ON r.meeting_id = m.id
            WHERE m.partnership_id = ? ORDER BY m.date, m.id
            """,
            (partnership_id, partnership_id),
        ).fetchall()
    else:  # every meeting: one pass over all ratings
        rows = conn.execute(
            f"""
            SELECT m.id, m.partnership_id, p.client, p.provider, m.title, m.date, m.status,
                   r.client, r.provider, r.bad, r.questions, r.rated, {REOPENED}
            FROM meeting m LEFT JOIN partnership p ON p.id = m.partnership_id
            LEFT JOIN ({SCORES_OF_MEETINGS} GROUP BY s.meeting_id) r ON r.meeting_id = m.id
            ORDER BY m.date, m.id
            """
        ).fetchall()
    return [_summary(conn, r) for r in rows]


# Every per-meeting state of a partnership's actions / goals. Starting from its meetings lets
# SQLite use the meeting and state indexes instead of scanning every state in the file.
ACTION_STATES_OF_PARTNERSHIP = (
    "FROM meeting m JOIN action_state s ON s.meeting_id = m.id JOIN action a ON a.id = s.action_id "
    "WHERE m.partnership_id = ? AND a.partnership_id = ?"
)
GOAL_REVIEWS_OF_PARTNERSHIP = (
    "FROM meeting m JOIN goal_review g ON g.meeting_id = m.id JOIN goal ON goal.id = g.goal_id "
    "WHERE m.partnership_id = ? AND goal.partnership_id = ?"
)


@reads
def latest_actions(conn: sqlite3.Connection, partnership_id: int) -> list[Action]:
    """Each action of the partnership as it stands in the last meeting that lists it."""
    latest: dict[int, Action] = {}
    counts: dict[int, int] = defaultdict(int)
    for r in conn.execute(
        f"SELECT a.id, a.raised_in, s.meeting_id, s.id, "
        f"{', '.join('s.' + c.strip() for c in ACTION_COLS.split(','))} "
        f"{ACTION_STATES_OF_PARTNERSHIP} ORDER BY m.date, m.id, s.position",
        (partnership_id, partnership_id),
    ):
        action = action_from_row(r[4:], r[0], r[1], r[3])
        if action.status != "open":
            action.closed_in = r[2]
        counts[r[0]] += 1
        action.carried_reviews = counts[r[0]]
        latest[r[0]] = action
    return list(latest.values())


@reads
def latest_goals(conn: sqlite3.Connection, partnership_id: int) -> list[Goal]:
    """Each goal of the partnership as its last review left it."""
    latest: dict[int, Goal] = {}
    for r in conn.execute(
        f"SELECT g.goal_id, g.id, {', '.join('g.' + c.strip() for c in GOAL_COLS.split(','))} "
        f"{GOAL_REVIEWS_OF_PARTNERSHIP} ORDER BY m.date, m.id, g.position",
        (partnership_id, partnership_id),
    ):
        goal = goal_from_row(r[2:], r[0], r[1])
        goal.previous = latest.get(r[0])
        latest[r[0]] = goal
    return list(latest.values())


def goal_ids_by_title(conn: sqlite3.Connection, partnership_id: int) -> dict[str, int]:
    """Title of each goal (as last reviewed) to its id, for joining imported goals."""
    return {g.title: g.id for g in latest_goals(conn, partnership_id) if g.id is not None}


def open_action_ids_by_text(conn: sqlite3.Connection, partnership_id: int) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for a in latest_actions(conn, partnership_id):
        if a.status == "open" and a.id is not None:
            out[a.text].append(a.id)
    return out


@reads
def goal_titles_in_meeting(conn: sqlite3.Connection, meeting_id: int) -> set[str]:
    return {
        r[0]
        for r in conn.execute("SELECT title FROM goal_review WHERE meeting_id = ?", (meeting_id,))
    }


def _last_review(conn: sqlite3.Connection, sql: str, partnership_id: int) -> dict[int, int]:
    out: dict[int, int] = {}
    for item_id, meeting_id in conn.execute(sql, (partnership_id, partnership_id)):
        out[item_id] = meeting_id  # rows come oldest first, so the last one wins
    return out


def last_review_of_actions(conn: sqlite3.Connection, partnership_id: int) -> dict[int, int]:
    """Action id to the id of the latest meeting that lists it."""
    return _last_review(
        conn,
        f"SELECT s.action_id, s.meeting_id {ACTION_STATES_OF_PARTNERSHIP} ORDER BY m.date, m.id",
        partnership_id,
    )


def last_review_of_goals(conn: sqlite3.Connection, partnership_id: int) -> dict[int, int]:
    """Goal id to the id of the latest meeting that reviewed it."""
    return _last_review(
        conn,
        f"SELECT g.goal_id, g.meeting_id {GOAL_REVIEWS_OF_PARTNERSHIP} ORDER BY m.date, m.id",
        partnership_id,
    )
