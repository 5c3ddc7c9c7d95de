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
    Question,
    Reopening,
    Section,
    Signature,
)

_GOAL_COLS = (
    "title, specific, measure, baseline, target, current, achievable, relevant, due, "
    "owner_side, status"
)
_ACTION_COLS = "text, owner, side, due, status, section"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def partnership_from_row(row: tuple) -> Partnership:
    return Partnership(
        id=row[0], client=row[1], provider=row[2], service=row[3], start_date=_date(row[4])
    )


def _goal(row: tuple, goal_id: int) -> Goal:
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


def _action(row: tuple, action_id: int, raised_in: int | None) -> Action:
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


def meeting_summaries(conn: sqlite3.Connection, partnership_id: int | None) -> list[MeetingSummary]:
    if partnership_id is not None:  # a few meetings: average each one
        rows = conn.execute(
            """
            SELECT m.id, m.partnership_id, p.client, p.provider, m.title, m.date, m.status,
                   (SELECT AVG(q.client_rating) FROM section s JOIN question q
                      ON q.section_id = s.id WHERE s.meeting_id = m.id),
                   (SELECT AVG(q.provider_rating) FROM section s JOIN question q
                      ON q.section_id = s.id WHERE s.meeting_id = m.id)
            FROM meeting m JOIN partnership p ON p.id = m.partnership_id
            WHERE m.partnership_id = ? ORDER BY m.date, m.id
            """,
            (partnership_id,),
        ).fetchall()
    else:  # every meeting: one pass over all ratings
        rows = conn.execute(
            """
            SELECT m.id, m.partnership_id, p.client, p.provider, m.title, m.date, m.status,
                   r.client, r.provider
            FROM meeting m JOIN partnership p ON p.id = m.partnership_id
            LEFT JOIN (
                SELECT s.meeting_id, AVG(q.client_rating) AS client,
                       AVG(q.provider_rating) AS provider
                FROM section s JOIN question q ON q.section_id = s.id GROUP BY s.meeting_id
            ) r ON r.meeting_id = m.id
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
        )
        for r in rows
    ]


def load_meeting(conn: sqlite3.Connection, meeting_id: int) -> Meeting:
    row = conn.execute(
        "SELECT m.id, m.title, m.date, m.location, m.facilitator, m.service, m.status, "
        "m.agenda_name, p.id, p.client, p.provider, p.start_date "
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
            id=row[8], client=row[9], provider=row[10], service=row[5], start_date=_date(row[11])
        ),
    )
    meeting.participants = [
        Participant(name=r[0], side=r[1], role=r[2], email=r[3], present=bool(r[4]))
        for r in conn.execute(
            "SELECT name, side, role, email, present FROM participant "
            "WHERE meeting_id = ? ORDER BY position, id",
            (meeting_id,),
        )
    ]
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
    return meeting


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
        _goal(r[1:], r[0])
        for r in conn.execute(
            f"SELECT goal_id, {_GOAL_COLS} FROM goal_review WHERE meeting_id = ? "
            "ORDER BY position, id",
            (meeting_id,),
        )
    ]
    if goals:
        previous: dict[int, Goal] = {}
        for r in conn.execute(
            f"SELECT g.goal_id, {', '.join('g.' + c.strip() for c in _GOAL_COLS.split(','))} "
            "FROM goal_review g JOIN meeting m ON m.id = g.meeting_id "
            f"WHERE g.goal_id IN (SELECT goal_id FROM goal_review WHERE meeting_id = ?) "
            f"AND {_BEFORE} ORDER BY m.date, m.id",
            (meeting_id, date, date, meeting_id),
        ):
            previous[r[0]] = _goal(r[1:], r[0])
        for g in goals:
            g.previous = previous.get(g.id)
    return goals


def _actions(conn: sqlite3.Connection, meeting_id: int, date: str) -> list[Action]:
    actions = []
    for r in conn.execute(
        f"SELECT a.id, a.raised_in, {', '.join('s.' + c.strip() for c in _ACTION_COLS.split(','))} "
        "FROM action_state s JOIN action a ON a.id = s.action_id WHERE s.meeting_id = ? "
        "ORDER BY s.position, s.id",
        (meeting_id,),
    ):
        action = _action(r[2:], r[0], r[1])
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
_ACTION_STATES_OF_PARTNERSHIP = (
    "FROM meeting m JOIN action_state s ON s.meeting_id = m.id JOIN action a ON a.id = s.action_id "
    "WHERE m.partnership_id = ? AND a.partnership_id = ?"
)
_GOAL_REVIEWS_OF_PARTNERSHIP = (
    "FROM meeting m JOIN goal_review g ON g.meeting_id = m.id JOIN goal ON goal.id = g.goal_id "
    "WHERE m.partnership_id = ? AND goal.partnership_id = ?"
)


def latest_actions(conn: sqlite3.Connection, partnership_id: int) -> list[Action]:
    """Each action of the partnership as it stands in the last meeting that lists it."""
    latest: dict[int, Action] = {}
    counts: dict[int, int] = defaultdict(int)
    for r in conn.execute(
        f"SELECT a.id, a.raised_in, s.meeting_id, "
        f"{', '.join('s.' + c.strip() for c in _ACTION_COLS.split(','))} "
        f"{_ACTION_STATES_OF_PARTNERSHIP} ORDER BY m.date, m.id, s.position",
        (partnership_id, partnership_id),
    ):
        action = _action(r[3:], r[0], r[1])
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
        f"SELECT g.goal_id, {', '.join('g.' + c.strip() for c in _GOAL_COLS.split(','))} "
        f"{_GOAL_REVIEWS_OF_PARTNERSHIP} ORDER BY m.date, m.id, g.position",
        (partnership_id, partnership_id),
    ):
        goal = _goal(r[1:], r[0])
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


def history(conn: sqlite3.Connection, partnership_id: int, upto_meeting_id: int | None = None):
    """One partnership's reviews (up to and including a meeting) as analytics rows."""
    from reviewdesk.record.analytics import GoalReviewRow, History, RatingRow, ReviewRef

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
            "SELECT s.meeting_id, s.key, s.title, q.key, q.text, q.client_rating, "
            "q.provider_rating FROM meeting m JOIN section s ON s.meeting_id = m.id "
            "JOIN question q ON q.section_id = s.id WHERE m.partnership_id = ? "
            "ORDER BY s.position, q.position",
            (partnership_id,),
        )
        if r[0] in wanted
    ]
    order = {r.id: i for i, r in enumerate(reviews)}
    latest: dict[int, tuple[int, Action]] = {}  # action id -> (review index, state there)
    for r in conn.execute(
        f"SELECT a.id, a.raised_in, s.meeting_id, "
        f"{', '.join('s.' + c.strip() for c in _ACTION_COLS.split(','))} "
        f"{_ACTION_STATES_OF_PARTNERSHIP} ORDER BY a.id, s.meeting_id",
        (partnership_id, partnership_id),
    ):
        index = order.get(r[2])
        if index is None or (r[0] in latest and latest[r[0]][0] > index):
            continue
        action = _action(r[3:], r[0], r[1])
        action.closed_in = r[2] if action.status != "open" else None
        latest[r[0]] = (index, action)
    actions = [a for _, a in latest.values()]
    goal_reviews = [
        GoalReviewRow(*r)
        for r in conn.execute(
            "SELECT g.goal_id, g.meeting_id, g.title, g.status, g.current, g.target "
            f"{_GOAL_REVIEWS_OF_PARTNERSHIP} ORDER BY g.goal_id, g.meeting_id",
            (partnership_id, partnership_id),
        )
        if r[1] in wanted
    ]
    return History(reviews=reviews, ratings=ratings, actions=actions, goal_reviews=goal_reviews)


# kind, indexed table, SQL giving (row id, meeting id, section key) for a list of row ids
_SEARCH_SOURCES = (
    (
        "comment",
        "question",
        "SELECT q.id, s.meeting_id, s.key FROM question q JOIN section s ON s.id = q.section_id "
        "WHERE q.id IN ({ids})",
    ),
    ("notes", "section", "SELECT id, meeting_id, key FROM section WHERE id IN ({ids})"),
    (
        "decision",
        "decision",
        "SELECT d.id, s.meeting_id, s.key FROM decision d JOIN section s ON s.id = d.section_id "
        "WHERE d.id IN ({ids})",
    ),
    (
        "action",
        "action_state",
        "SELECT id, meeting_id, section FROM action_state WHERE id IN ({ids})",
    ),
    ("goal", "goal_review", "SELECT id, meeting_id, '' FROM goal_review WHERE id IN ({ids})"),
)


def fts_query(text: str) -> str | None:
    """Each word as a quoted prefix term, all required: safe for any user text."""
    # control characters (NUL included) are not words and would end the FTS5 string early
    text = "".join(" " if ch < " " or ch == "\x7f" else ch for ch in text)
    words = [w for w in text.split() if w.strip('"')]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


def search(conn: sqlite3.Connection, text: str, limit: int | None = 200) -> list:
    """The ``limit`` most recently written matches, ordered by meeting date (newest first).

    Each index is read newest row first and at most ``limit`` rows of each get a snippet, so a
    word that is everywhere costs little more than a rare one. ``limit=None`` returns them all.
    """
    from reviewdesk.record.model import SearchHit

    query = fts_query(text)
    if query is None:
        return []
    candidates = []  # (kind, row id, meeting id, section key, snippet)
    for kind, table, locate in _SEARCH_SOURCES:
        found = dict(
            conn.execute(
                f"SELECT rowid, snippet({table}_fts, -1, '', '', '…', 16) FROM {table}_fts "
                f"WHERE {table}_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
                (query, -1 if limit is None else limit),
            ).fetchall()
        )
        if found:
            ids = list(found)
            for row_id, meeting_id, section_key in conn.execute(
                locate.format(ids=",".join("?" * len(ids))), ids
            ):
                candidates.append((kind, row_id, meeting_id, section_key or "", found[row_id]))
    if not candidates:
        return []
    meeting_ids = sorted({c[2] for c in candidates})
    meetings = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT m.id, m.title, m.date, p.client || ' ↔ ' || p.provider FROM meeting m "
            f"JOIN partnership p ON p.id = m.partnership_id WHERE m.id IN "
            f"({','.join('?' * len(meeting_ids))})",
            meeting_ids,
        )
    }
    candidates.sort(key=lambda c: (meetings[c[2]][1], c[2], c[1]), reverse=True)
    return [
        SearchHit(
            meeting_id=c[2],
            meeting_title=meetings[c[2]][0],
            meeting_date=dt.date.fromisoformat(meetings[c[2]][1]),
            partnership=meetings[c[2]][2],
            kind=c[0],
            section_key=c[3],
            snippet=c[4],
        )
        for c in (candidates if limit is None else candidates[:limit])
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
        f"SELECT s.action_id, s.meeting_id {_ACTION_STATES_OF_PARTNERSHIP} ORDER BY m.date, m.id",
        partnership_id,
    )


def last_review_of_goals(conn: sqlite3.Connection, partnership_id: int) -> dict[int, int]:
    """Goal id to the id of the latest meeting that reviewed it."""
    return _last_review(
        conn,
        f"SELECT g.goal_id, g.meeting_id {_GOAL_REVIEWS_OF_PARTNERSHIP} ORDER BY m.date, m.id",
        partnership_id,
    )


def open_action_counts(conn: sqlite3.Connection, today: dt.date) -> dict[int, tuple[int, int]]:
    """Per partnership: (open actions, of which overdue on ``today``), each as it last stood.

    An action counts when its state is open in a meeting and no later meeting lists it.
    """
    rows = conn.execute(
        """
        SELECT a.partnership_id, COUNT(*), SUM(s.due IS NOT NULL AND s.due < ?)
        FROM action_state s
        JOIN action a ON a.id = s.action_id
        JOIN meeting m ON m.id = s.meeting_id
        WHERE s.status = 'open' AND NOT EXISTS (
            SELECT 1 FROM action_state later JOIN meeting lm ON lm.id = later.meeting_id
            WHERE later.action_id = s.action_id
              AND (lm.date > m.date OR (lm.date = m.date AND lm.id > m.id))
        )
        GROUP BY a.partnership_id
        """,
        (today.isoformat(),),
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def partnership_overview(
    conn: sqlite3.Connection,
) -> dict[int, tuple[int, dt.date, list[tuple[float | None, float | None]]]]:
    """Per partnership: (reviews, date of the last, [(client, provider) averages of the last two
    reviews with any rating, newest first]) — the home page's row without reading every meeting.
    """
    counts = {
        r[0]: (r[1], dt.date.fromisoformat(r[2]))
        for r in conn.execute(
            "SELECT partnership_id, COUNT(*), MAX(date) FROM meeting GROUP BY partnership_id"
        )
    }
    averages: dict[int, list[tuple[float | None, float | None]]] = {}
    for pid, _rn, client, provider in conn.execute(
        """
        WITH last2 AS (
            SELECT id, partnership_id,
                   ROW_NUMBER() OVER (PARTITION BY partnership_id ORDER BY date DESC, id DESC) AS rn
            FROM meeting
            WHERE EXISTS (
                SELECT 1 FROM section s JOIN question q ON q.section_id = s.id
                WHERE s.meeting_id = meeting.id
                  AND (q.client_rating IS NOT NULL OR q.provider_rating IS NOT NULL)
            )
        )
        SELECT l.partnership_id, l.rn,
               (SELECT AVG(q.client_rating) FROM section s JOIN question q
                  ON q.section_id = s.id WHERE s.meeting_id = l.id),
               (SELECT AVG(q.provider_rating) FROM section s JOIN question q
                  ON q.section_id = s.id WHERE s.meeting_id = l.id)
        FROM last2 l WHERE l.rn <= 2 ORDER BY l.partnership_id, l.rn
        """
    ):
        averages.setdefault(pid, []).append((client, provider))
    return {pid: (n, last, averages.get(pid, [])) for pid, (n, last) in counts.items()}
