"""Read queries: rows of the portfolio file turned into record objects."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict

from reviewdesk.record.errors import DamagedRecord, NotFound
from reviewdesk.record.exchange.agenda import MAX_TIMEBOX
from reviewdesk.record.model import (
    ACTION_STATUSES,
    GOAL_FIELDS,
    GOAL_STATUSES,
    MEETING_STATUSES,
    OWNER_SIDES,
    RATED_SIDES,
    SIDES,
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
from reviewdesk.store import rowcheck
from reviewdesk.store.rowcheck import reads
from reviewdesk.store.scores import CLIENT_SCORE, PROVIDER_SCORE, SCORE_JOIN

GOAL_COLS = (
    "title, specific, measure, baseline, target, current, achievable, relevant, due, "
    "owner_side, status"
)
ACTION_COLS = "text, owner, side, due, status, section"
_GOAL_TEXTS = GOAL_FIELDS[:8]  # title … relevant: the goal's text fields, in GOAL_COLS order


def partnership_from_row(row: tuple) -> Partnership:
    """A partnership from (id, client, provider, service, start_date)."""
    t, pid = "partnership", row[0]
    return Partnership(
        id=pid,
        client=rowcheck.text(t, pid, "client", row[1], nonblank=True),
        provider=rowcheck.text(t, pid, "provider", row[2], nonblank=True),
        service=rowcheck.text(t, pid, "service", row[3]),
        start_date=rowcheck.date(t, pid, "start_date", row[4], nullable=True),
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
    )


@reads
def meeting_summaries(conn: sqlite3.Connection, partnership_id: int | None) -> list[MeetingSummary]:
    """One summary per meeting (of one partnership, or all), oldest first."""
    if partnership_id is not None:  # a few meetings: average each one
        rows = conn.execute(
            f"""
            SELECT m.id, m.partnership_id, p.client, p.provider, m.title, m.date, m.status,
                   (SELECT AVG({CLIENT_SCORE}) FROM section s JOIN question q
                      ON q.section_id = s.id {SCORE_JOIN} WHERE s.meeting_id = m.id),
                   (SELECT AVG({PROVIDER_SCORE}) FROM section s JOIN question q
                      ON q.section_id = s.id {SCORE_JOIN} WHERE s.meeting_id = m.id),
                   (SELECT {BAD_RATINGS} FROM section s JOIN question q
                      ON q.section_id = s.id {SCORE_JOIN} WHERE s.meeting_id = m.id)
            FROM meeting m LEFT JOIN partnership p ON p.id = m.partnership_id
            WHERE m.partnership_id = ? ORDER BY m.date, m.id
            """,
            (partnership_id,),
        ).fetchall()
    else:  # every meeting: one pass over all ratings
        rows = conn.execute(
            f"""
            SELECT m.id, m.partnership_id, p.client, p.provider, m.title, m.date, m.status,
                   r.client, r.provider, r.bad
            FROM meeting m LEFT JOIN partnership p ON p.id = m.partnership_id
            LEFT JOIN (
                SELECT s.meeting_id, AVG({CLIENT_SCORE}) AS client,
                       AVG({PROVIDER_SCORE}) AS provider, {BAD_RATINGS} AS bad
                FROM section s JOIN question q ON q.section_id = s.id {SCORE_JOIN}
                GROUP BY s.meeting_id
            ) r ON r.meeting_id = m.id
            ORDER BY m.date, m.id
            """
        ).fetchall()
    return [_summary(conn, r) for r in rows]


@reads
def load_meeting(conn: sqlite3.Connection, meeting_id: int) -> Meeting:
    """The whole meeting record with the context the minutes need, every value checked."""
    row = conn.execute(
        "SELECT m.id, m.title, m.date, m.location, m.facilitator, m.service, m.status, "
        "m.agenda_name, p.id, p.client, p.provider, p.start_date, m.partnership_id "
        "FROM meeting m LEFT JOIN partnership p ON p.id = m.partnership_id WHERE m.id = ?",
        (meeting_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"meeting {meeting_id}: no such meeting")
    if row[8] is None:
        raise DamagedRecord(f"meeting {meeting_id}: its partnership {row[12]} does not exist")
    t = "meeting"
    partnership = partnership_from_row((row[8], row[9], row[10], "", row[11]))
    partnership.service = rowcheck.text(t, meeting_id, "service", row[5])
    meeting = Meeting(
        id=row[0],
        title=rowcheck.text(t, meeting_id, "title", row[1]),
        date=rowcheck.date(t, meeting_id, "date", row[2]),
        location=rowcheck.text(t, meeting_id, "location", row[3]),
        facilitator=rowcheck.text(t, meeting_id, "facilitator", row[4]),
        status=rowcheck.choice(t, meeting_id, "status", row[6], MEETING_STATUSES),
        agenda_name=rowcheck.text(t, meeting_id, "agenda_name", row[7]),
        partnership=partnership,
    )
    meeting.participants = _participants(conn, meeting_id)
    meeting.sections = _sections(conn, meeting_id)
    meeting.goals = _goals(conn, meeting_id, row[2])
    meeting.actions = _actions(conn, meeting_id, row[2])
    meeting.signoff = _signatures(conn, meeting_id)
    meeting.reopenings = reopenings(conn, meeting_id)
    _rounds_and_ratings(conn, meeting)
    if meeting.locked:
        _signed(conn, meeting)
    return meeting


def _signed(conn: sqlite3.Connection, meeting: Meeting) -> None:
    """What was signed (its fingerprint) and whether the sign-off was imported."""
    row = conn.execute(
        "SELECT fingerprint, imported_at FROM signoff WHERE meeting_id = ?", (meeting.id,)
    ).fetchone()
    if row is None:
        return
    t = "signoff"
    meeting.signed_fingerprint = rowcheck.digest(t, meeting.id, "fingerprint", row[0])
    if row[1] is not None:
        meeting.signoff_imported_at = rowcheck.moment(t, meeting.id, "imported_at", row[1])


def _participants(conn: sqlite3.Connection, meeting_id: int) -> list[Participant]:
    t = "participant"
    return [
        Participant(
            name=rowcheck.text(t, r[0], "name", r[1], nonblank=True),
            side=rowcheck.choice(t, r[0], "side", r[2], SIDES),
            role=rowcheck.text(t, r[0], "role", r[3]),
            email=rowcheck.text(t, r[0], "email", r[4]),
            present=rowcheck.flag(t, r[0], "present", r[5]),
        )
        for r in conn.execute(
            "SELECT id, name, side, role, email, present FROM participant "
            "WHERE meeting_id = ? ORDER BY position, id",
            (meeting_id,),
        )
    ]


def _signatures(conn: sqlite3.Connection, meeting_id: int) -> list[Signature]:
    t = "signature"
    out = []
    for r in conn.execute(
        "SELECT id, name, side, role, signed_at, png FROM signature "
        "WHERE meeting_id = ? ORDER BY position, id",
        (meeting_id,),
    ):
        out.append(
            Signature(
                name=rowcheck.text(t, r[0], "name", r[1], nonblank=True),
                side=rowcheck.choice(t, r[0], "side", r[2], SIDES),
                role=rowcheck.text(t, r[0], "role", r[3]),
                signed_at=rowcheck.moment(t, r[0], "signed_at", r[4]),
                signed_at_text=r[4],
                signature_png=rowcheck.png(t, r[0], "png", r[5]),
            )
        )
    return out


def _rounds_and_ratings(conn: sqlite3.Connection, meeting: Meeting) -> None:
    """The meeting's private rounds and every per-person rating (hidden ones marked)."""
    index: dict[int, int] = {}
    t = "rating_round"
    for r in conn.execute(
        "SELECT id, scope, anonymous, started_at, revealed_at FROM rating_round "
        "WHERE meeting_id = ? ORDER BY position, id",
        (meeting.id,),
    ):
        index[r[0]] = len(meeting.rounds)
        revealed = None if r[4] is None else rowcheck.moment(t, r[0], "revealed_at", r[4])
        meeting.rounds.append(
            RatingRound(
                id=r[0],
                scope=rowcheck.text(t, r[0], "scope", r[1]),
                raters=[],
                anonymous=rowcheck.flag(t, r[0], "anonymous", r[2]),
                started_at=rowcheck.moment(t, r[0], "started_at", r[3]),
                started_at_text=r[3],
                revealed_at=revealed,
                revealed_at_text=r[4] or "",
            )
        )
    if index:
        for rater_id, round_id, name, done in conn.execute(
            "SELECT id, round_id, name, done FROM round_rater WHERE round_id IN "
            "(SELECT id FROM rating_round WHERE meeting_id = ?) ORDER BY position, id",
            (meeting.id,),
        ):
            rnd = meeting.rounds[index[round_id]]
            rnd.raters.append(rowcheck.text("round_rater", rater_id, "name", name, nonblank=True))
            if rowcheck.flag("round_rater", rater_id, "done", done):
                rnd.done.append(name)
    questions = {(s.key, q.key): q for s in meeting.sections for q in s.questions}
    rows = conn.execute(
        """
        SELECT * FROM (
            SELECT s.key AS skey, q.key AS qkey, p.person, p.side, p.value, p.given_at,
                   p.round_id, 0 AS kind, p.position, p.id AS rid, p.id AS label
            FROM person_rating p JOIN question q ON q.id = p.question_id
            JOIN section s ON s.id = q.section_id WHERE s.meeting_id = ?
            UNION ALL
            SELECT s.key, q.key, NULL, a.side, a.value, a.given_at, a.round_id,
                   1, a.position, 0, a.token
            FROM anonymous_rating a JOIN question q ON q.id = a.question_id
            JOIN section s ON s.id = q.section_id WHERE s.meeting_id = ?
        ) ORDER BY position IS NULL, position, kind, side, given_at, value, rid
        """,
        (meeting.id, meeting.id),
    )
    for skey, qkey, person, side, value, given_at, round_id, kind, _pos, _id, label in rows:
        t = "anonymous_rating" if kind else "person_rating"
        if round_id is not None and round_id not in index:
            raise DamagedRecord(f"{t} {label}: its round {round_id} is not one of this meeting's")
        if kind and round_id is None:
            raise DamagedRecord(f"{t} {label}: a rating without a name belongs to no round")
        questions[(skey, qkey)].ratings.append(
            PersonRating(
                side=rowcheck.choice(t, label, "side", side, RATED_SIDES),
                value=rowcheck.rating(t, label, "value", value, nullable=False),
                given_at=rowcheck.moment(t, label, "given_at", given_at),
                given_at_text=given_at,
                person=person if kind else rowcheck.text(t, label, "person", person, nonblank=True),
                round=None if round_id is None else index[round_id],
            )
        )
    meeting.hide_unrevealed()


def _sections(conn: sqlite3.Connection, meeting_id: int) -> list[Section]:
    sections: dict[int, Section] = {}
    t = "section"
    for r in conn.execute(
        "SELECT id, key, title, guidance, timebox_minutes, notes FROM section "
        "WHERE meeting_id = ? ORDER BY position, id",
        (meeting_id,),
    ):
        sections[r[0]] = Section(
            key=rowcheck.text(t, r[0], "key", r[1], nonblank=True),
            title=rowcheck.text(t, r[0], "title", r[2]),
            guidance=rowcheck.text(t, r[0], "guidance", r[3]),
            timebox_minutes=rowcheck.whole(
                t, r[0], "timebox_minutes", r[4], 0, MAX_TIMEBOX, nullable=True
            ),
            notes=rowcheck.text(t, r[0], "notes", r[5]),
        )
    t = "question"
    for r in conn.execute(
        "SELECT q.section_id, q.id, q.key, q.text, q.client_rating, q.provider_rating, "
        "q.comment FROM question q JOIN section s ON s.id = q.section_id "
        "WHERE s.meeting_id = ? ORDER BY q.position, q.id",
        (meeting_id,),
    ):
        sections[r[0]].questions.append(
            Question(
                rowcheck.text(t, r[1], "key", r[2], nonblank=True),
                rowcheck.text(t, r[1], "text", r[3]),
                rowcheck.rating(t, r[1], "client_rating", r[4]),
                rowcheck.rating(t, r[1], "provider_rating", r[5]),
                rowcheck.text(t, r[1], "comment", r[6]),
            )
        )
    for r in conn.execute(
        "SELECT d.section_id, d.id, d.text FROM decision d JOIN section s ON s.id = d.section_id "
        "WHERE s.meeting_id = ? ORDER BY d.position, d.id",
        (meeting_id,),
    ):
        section = sections[r[0]]
        text = rowcheck.text("decision", r[1], "text", r[2])
        section.decisions.append(Decision(text=text, section=section.key, id=r[1]))
    return list(sections.values())


_BEFORE = "(m.date < ? OR (m.date = ? AND m.id < ?))"


def _goals(conn: sqlite3.Connection, meeting_id: int, date: str) -> list[Goal]:
    goals = [
        goal_from_row(r[2:], r[0], r[1])
        for r in conn.execute(
            f"SELECT goal_id, id, {GOAL_COLS} FROM goal_review WHERE meeting_id = ? "
            "ORDER BY position, id",
            (meeting_id,),
        )
    ]
    if goals:
        previous: dict[int, Goal] = {}
        for r in conn.execute(
            f"SELECT g.goal_id, g.id, {', '.join('g.' + c.strip() for c in GOAL_COLS.split(','))} "
            "FROM goal_review g JOIN meeting m ON m.id = g.meeting_id "
            f"WHERE g.goal_id IN (SELECT goal_id FROM goal_review WHERE meeting_id = ?) "
            f"AND {_BEFORE} ORDER BY m.date, m.id",
            (meeting_id, date, date, meeting_id),
        ):
            previous[r[0]] = goal_from_row(r[2:], r[0], r[1])
        for g in goals:
            g.previous = previous.get(g.id)
    return goals


def _actions(conn: sqlite3.Connection, meeting_id: int, date: str) -> list[Action]:
    actions = []
    for r in conn.execute(
        f"SELECT s.action_id, a.id, a.raised_in, s.id, "
        f"{', '.join('s.' + c.strip() for c in ACTION_COLS.split(','))} "
        "FROM action_state s LEFT JOIN action a ON a.id = s.action_id WHERE s.meeting_id = ? "
        "ORDER BY s.position, s.id",
        (meeting_id,),
    ):
        if r[1] is None:
            raise DamagedRecord(f"action_state {r[3]}: its action {r[0]} does not exist")
        action = action_from_row(r[4:], r[1], r[2], r[3])
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


@reads
def reopenings(conn: sqlite3.Connection, meeting_id: int) -> list[Reopening]:
    t = "reopening"
    return [
        Reopening(
            reopened_at=rowcheck.moment(t, r[0], "reopened_at", r[1]),
            reason=rowcheck.text(t, r[0], "reason", r[2]),
            voided=rowcheck.names(t, r[0], "voided", r[3]),
        )
        for r in conn.execute(
            "SELECT id, reopened_at, reason, voided FROM reopening WHERE meeting_id = ? "
            "ORDER BY id",
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
