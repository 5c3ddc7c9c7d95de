"""Read queries: rows of the portfolio file turned into record objects."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict

from reviewdesk.record.errors import NotFound
from reviewdesk.record.model import (
    Action,
    Decision,
    Goal,
    Meeting,
    MeetingSummary,
    Participant,
    Partnership,
    PersonRating,
    Question,
    RatingRound,
    Reopening,
    Section,
    Signature,
)
from reviewdesk.store import scorecard_queries
from reviewdesk.store.scores import CLIENT_SCORE, PROVIDER_SCORE, SCORE_JOIN

GOAL_COLS = (
    "title, specific, measure, baseline, target, current, achievable, relevant, due, "
    "owner_side, status"
)
ACTION_COLS = "text, owner, side, due, status, section"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


PARTNERSHIP_COLS = "id, client, provider, service, start_date, tier, review_interval_months"


def partnership_from_row(row: tuple) -> Partnership:
    return Partnership(
        id=row[0],
        client=row[1],
        provider=row[2],
        service=row[3],
        start_date=_date(row[4]),
        tier=row[5],
        review_interval_months=row[6],
    )


def goal_from_row(row: tuple, goal_id: int) -> Goal:
    return Goal(
        id=goal_id,
        title=row[0],
        specific=row[1],
        measure=row[2],
        baseline=row[3],
        target=row[4],
        current=row[5],
        achievable=row[6],
        relevant=row[7],
        due=_date(row[8]),
        owner_side=row[9],
        status=row[10],
    )


def action_from_row(row: tuple, action_id: int, raised_in: int | None) -> Action:
    return Action(
        id=action_id,
        text=row[0],
        owner=row[1],
        side=row[2],
        due=_date(row[3]),
        status=row[4],
        section=row[5],
        raised_in=raised_in,
    )


# Per meeting: each side's average score, its questions, and how many both sides rated.
SCORES_OF_MEETINGS = f"""
    SELECT s.meeting_id, AVG({CLIENT_SCORE}) AS client, AVG({PROVIDER_SCORE}) AS provider,
           COUNT(q.id) AS questions,
           TOTAL({CLIENT_SCORE} IS NOT NULL AND {PROVIDER_SCORE} IS NOT NULL) AS rated
    FROM section s JOIN question q ON q.section_id = s.id {SCORE_JOIN} WHERE 1
"""

# The reason of the latest reopening of a meeting that is open again ('' otherwise).
REOPENED = (
    "CASE WHEN m.status != 'signed_off' THEN (SELECT reason FROM reopening "
    "WHERE meeting_id = m.id ORDER BY id DESC LIMIT 1) END"
)


def meeting_summaries(conn: sqlite3.Connection, partnership_id: int | None) -> list[MeetingSummary]:
    if partnership_id is not None:  # a few meetings: average each one
        rows = conn.execute(
            f"""
            SELECT m.id, m.partnership_id, p.client, p.provider, m.title, m.date, m.status,
                   r.client, r.provider, r.questions, r.rated, {REOPENED}
            FROM meeting m JOIN partnership p ON p.id = m.partnership_id
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
                   r.client, r.provider, r.questions, r.rated, {REOPENED}
            FROM meeting m JOIN partnership p ON p.id = m.partnership_id
            LEFT JOIN ({SCORES_OF_MEETINGS} GROUP BY s.meeting_id) r ON r.meeting_id = m.id
            ORDER BY m.date, m.id
            """
        ).fetchall()
    return [
        MeetingSummary(
            id=r[0],
            partnership_id=r[1],
            client=r[2],
            provider=r[3],
            title=r[4],
            date=dt.date.fromisoformat(r[5]),
            status=r[6],
            client_average=r[7],
            provider_average=r[8],
            questions=r[9] or 0,
            rated=int(r[10] or 0),
            reopened=r[11] or "",
        )
        for r in rows
    ]


def participants(conn: sqlite3.Connection, meeting_id: int) -> list[Participant]:
    """A meeting's attendee list, in its order."""
    return [
        Participant(name=r[0], side=r[1], role=r[2], email=r[3], present=bool(r[4]))
        for r in conn.execute(
            "SELECT name, side, role, email, present FROM participant "
            "WHERE meeting_id = ? ORDER BY position, id",
            (meeting_id,),
        )
    ]


def load_meeting(conn: sqlite3.Connection, meeting_id: int) -> Meeting:
    row = conn.execute(
        "SELECT m.id, m.title, m.date, m.location, m.facilitator, m.service, m.status, "
        "m.agenda_name, p.id, p.client, p.provider, p.start_date, p.tier, "
        "p.review_interval_months "
        "FROM meeting m JOIN partnership p ON p.id = m.partnership_id WHERE m.id = ?",
        (meeting_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"meeting {meeting_id}: no such meeting")
    date = dt.date.fromisoformat(row[2])
    meeting = Meeting(
        id=row[0],
        title=row[1],
        date=date,
        location=row[3],
        facilitator=row[4],
        status=row[6],
        agenda_name=row[7],
        partnership=Partnership(
            id=row[8],
            client=row[9],
            provider=row[10],
            service=row[5],
            start_date=_date(row[11]),
            tier=row[12],
            review_interval_months=row[13],
        ),
    )
    meeting.participants = participants(conn, meeting_id)
    meeting.sections = _sections(conn, meeting_id)
    meeting.goals = _goals(conn, meeting_id, row[2])
    meeting.actions = _actions(conn, meeting_id, row[2])
    meeting.signoff = [
        Signature(
            name=r[0],
            side=r[1],
            role=r[2],
            signed_at=dt.datetime.fromisoformat(r[3]),
            signed_at_text=r[3],
            signature_png=r[4],
        )
        for r in conn.execute(
            "SELECT name, side, role, signed_at, png FROM signature "
            "WHERE meeting_id = ? ORDER BY position, id",
            (meeting_id,),
        )
    ]
    meeting.reopenings = reopenings(conn, meeting_id)
    meeting.measures = scorecard_queries.meeting_measures(conn, meeting_id)
    meeting.register = scorecard_queries.meeting_register(conn, meeting_id, row[2])
    _rounds_and_ratings(conn, meeting)
    return meeting


def _rounds_and_ratings(conn: sqlite3.Connection, meeting: Meeting) -> None:
    """The meeting's private rounds and every per-person rating (hidden ones marked)."""
    index: dict[int, int] = {}
    for r in conn.execute(
        "SELECT id, scope, anonymous, started_at, revealed_at FROM rating_round "
        "WHERE meeting_id = ? ORDER BY position, id",
        (meeting.id,),
    ):
        index[r[0]] = len(meeting.rounds)
        meeting.rounds.append(
            RatingRound(
                id=r[0],
                scope=r[1],
                raters=[],
                anonymous=bool(r[2]),
                started_at=dt.datetime.fromisoformat(r[3]),
                started_at_text=r[3],
                revealed_at=dt.datetime.fromisoformat(r[4]) if r[4] else None,
                revealed_at_text=r[4] or "",
            )
        )
    if index:
        for round_id, name, done in conn.execute(
            "SELECT round_id, name, done FROM round_rater WHERE round_id IN "
            "(SELECT id FROM rating_round WHERE meeting_id = ?) ORDER BY position, id",
            (meeting.id,),
        ):
            rnd = meeting.rounds[index[round_id]]
            rnd.raters.append(name)
            if done:
                rnd.done.append(name)
    questions = {(s.key, q.key): q for s in meeting.sections for q in s.questions}
    rows = conn.execute(
        """
        SELECT * FROM (
            SELECT s.key AS skey, q.key AS qkey, p.person, p.side, p.value, p.given_at,
                   p.round_id, 0 AS kind, p.position, p.id AS rid
            FROM person_rating p JOIN question q ON q.id = p.question_id
            JOIN section s ON s.id = q.section_id WHERE s.meeting_id = ?
            UNION ALL
            SELECT s.key, q.key, NULL, a.side, a.value, a.given_at, a.round_id,
                   1, a.position, 0
            FROM anonymous_rating a JOIN question q ON q.id = a.question_id
            JOIN section s ON s.id = q.section_id WHERE s.meeting_id = ?
        ) ORDER BY position IS NULL, position, kind, side, given_at, value, rid
        """,
        (meeting.id, meeting.id),
    )
    for skey, qkey, person, side, value, given_at, round_id, _kind, _pos, _id in rows:
        questions[(skey, qkey)].ratings.append(
            PersonRating(
                side=side,
                value=value,
                given_at=dt.datetime.fromisoformat(given_at),
                given_at_text=given_at,
                person=person,
                round=None if round_id is None else index[round_id],
            )
        )
    meeting.hide_unrevealed()


def _sections(conn: sqlite3.Connection, meeting_id: int) -> list[Section]:
    sections: dict[int, Section] = {}
    for r in conn.execute(
        "SELECT id, key, title, guidance, timebox_minutes, notes FROM section "
        "WHERE meeting_id = ? ORDER BY position, id",
        (meeting_id,),
    ):
        sections[r[0]] = Section(
            key=r[1], title=r[2], guidance=r[3], timebox_minutes=r[4], notes=r[5]
        )
    for r in conn.execute(
        "SELECT q.section_id, q.key, q.text, q.client_rating, q.provider_rating, q.comment "
        "FROM question q JOIN section s ON s.id = q.section_id WHERE s.meeting_id = ? "
        "ORDER BY q.position, q.id",
        (meeting_id,),
    ):
        sections[r[0]].questions.append(Question(r[1], r[2], r[3], r[4], r[5]))
    for r in conn.execute(
        "SELECT d.section_id, d.id, d.text FROM decision d JOIN section s ON s.id = d.section_id "
        "WHERE s.meeting_id = ? ORDER BY d.position, d.id",
        (meeting_id,),
    ):
        section = sections[r[0]]
        section.decisions.append(Decision(text=r[2], section=section.key, id=r[1]))
    return list(sections.values())


_BEFORE = "(m.date < ? OR (m.date = ? AND m.id < ?))"


def _goals(conn: sqlite3.Connection, meeting_id: int, date: str) -> list[Goal]:
    goals = [
        goal_from_row(r[1:], r[0])
        for r in conn.execute(
            f"SELECT goal_id, {GOAL_COLS} FROM goal_review WHERE meeting_id = ? "
            "ORDER BY position, id",
            (meeting_id,),
        )
    ]
    if goals:
        previous: dict[int, Goal] = {}
        for r in conn.execute(
            f"SELECT g.goal_id, {', '.join('g.' + c.strip() for c in GOAL_COLS.split(','))} "
            "FROM goal_review g JOIN meeting m ON m.id = g.meeting_id "
            f"WHERE g.goal_id IN (SELECT goal_id FROM goal_review WHERE meeting_id = ?) "
            f"AND {_BEFORE} ORDER BY m.date, m.id",
            (meeting_id, date, date, meeting_id),
        ):
            previous[r[0]] = goal_from_row(r[1:], r[0])
        for g in goals:
            g.previous = previous.get(g.id)
    return goals


def _actions(conn: sqlite3.Connection, meeting_id: int, date: str) -> list[Action]:
    actions = []
    for r in conn.execute(
        f"SELECT a.id, a.raised_in, {', '.join('s.' + c.strip() for c in ACTION_COLS.split(','))} "
        "FROM action_state s JOIN action a ON a.id = s.action_id WHERE s.meeting_id = ? "
        "ORDER BY s.position, s.id",
        (meeting_id,),
    ):
        action = action_from_row(r[2:], r[0], r[1])
        if action.status != "open":
            action.closed_in = meeting_id
        actions.append(action)
    if actions:
        earlier = dict(
            conn.execute(
                "SELECT s.action_id, COUNT(*) FROM action_state s JOIN meeting m "
                "ON m.id = s.meeting_id WHERE s.action_id IN "
                "(SELECT action_id FROM action_state WHERE meeting_id = ?) "
                f"AND {_BEFORE} GROUP BY s.action_id",
                (meeting_id, date, date, meeting_id),
            ).fetchall()
        )
        for a in actions:
            a.carried_reviews = earlier.get(a.id, 0)
    return actions


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


def latest_actions(conn: sqlite3.Connection, partnership_id: int) -> list[Action]:
    """Each action of the partnership as it stands in the last meeting that lists it."""
    latest: dict[int, Action] = {}
    counts: dict[int, int] = defaultdict(int)
    for r in conn.execute(
        f"SELECT a.id, a.raised_in, s.meeting_id, "
        f"{', '.join('s.' + c.strip() for c in ACTION_COLS.split(','))} "
        f"{ACTION_STATES_OF_PARTNERSHIP} ORDER BY m.date, m.id, s.position",
        (partnership_id, partnership_id),
    ):
        action = action_from_row(r[3:], r[0], r[1])
        if action.status != "open":
            action.closed_in = r[2]
        counts[r[0]] += 1
        action.carried_reviews = counts[r[0]]
        latest[r[0]] = action
    return list(latest.values())


def latest_goals(conn: sqlite3.Connection, partnership_id: int) -> list[Goal]:
    """Each goal of the partnership as its last review left it."""
    latest: dict[int, Goal] = {}
    for r in conn.execute(
        f"SELECT g.goal_id, {', '.join('g.' + c.strip() for c in GOAL_COLS.split(','))} "
        f"{GOAL_REVIEWS_OF_PARTNERSHIP} ORDER BY m.date, m.id, g.position",
        (partnership_id, partnership_id),
    ):
        goal = goal_from_row(r[1:], r[0])
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


def goal_titles_in_meeting(conn: sqlite3.Connection, meeting_id: int) -> set[str]:
    return {
        r[0]
        for r in conn.execute("SELECT title FROM goal_review WHERE meeting_id = ?", (meeting_id,))
    }


def reopenings(conn: sqlite3.Connection, meeting_id: int) -> list[Reopening]:
    return [
        Reopening(reopened_at=dt.datetime.fromisoformat(r[0]), reason=r[1], voided=json.loads(r[2]))
        for r in conn.execute(
            "SELECT reopened_at, reason, voided FROM reopening WHERE meeting_id = ? ORDER BY id",
            (meeting_id,),
        )
    ]


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
