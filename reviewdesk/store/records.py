"""One meeting's whole record read from the file, every value checked (store.rowcheck).

The record with the context the minutes need: attendees, sections with questions, per-person
ratings and rounds, decisions, goals with their previous review, actions with where they were
raised and how often carried, signatures with what was signed, and reopenings.
"""

from __future__ import annotations

import sqlite3

from reviewdesk.record import limits
from reviewdesk.record.errors import DamagedRecord, NotFound
from reviewdesk.record.model import (
    MEETING_STATUSES,
    RATED_SIDES,
    SIDES,
    Action,
    Decision,
    Goal,
    Meeting,
    Participant,
    PersonRating,
    Question,
    RatingRound,
    Reopening,
    Section,
    Signature,
)
from reviewdesk.store import rowcheck, scorecard_queries
from reviewdesk.store.queries import (
    ACTION_COLS,
    GOAL_COLS,
    action_from_row,
    goal_from_row,
    partnership_from_row,
)
from reviewdesk.store.rowcheck import reads


@reads
def load_meeting(conn: sqlite3.Connection, meeting_id: int) -> Meeting:
    """The whole meeting record with the context the minutes need, every value checked."""
    row = conn.execute(
        "SELECT m.id, m.title, m.date, m.location, m.facilitator, m.service, m.status, "
        "m.agenda_name, p.id, p.client, p.provider, p.start_date, m.partnership_id, p.tier, "
        "p.review_interval_months "
        "FROM meeting m LEFT JOIN partnership p ON p.id = m.partnership_id WHERE m.id = ?",
        (meeting_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"meeting {meeting_id}: no such meeting")
    if row[8] is None:
        raise DamagedRecord(f"meeting {meeting_id}: its partnership {row[12]} does not exist")
    t = "meeting"
    partnership = partnership_from_row((*row[8:11], "", row[11], row[13], row[14]))
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
    meeting.participants = participants(conn, meeting_id)
    meeting.sections = _sections(conn, meeting_id)
    meeting.goals = _goals(conn, meeting_id, row[2])
    meeting.actions = _actions(conn, meeting_id, row[2])
    meeting.signoff = _signatures(conn, meeting_id)
    meeting.reopenings = reopenings(conn, meeting_id)
    meeting.measures = scorecard_queries.meeting_measures(conn, meeting_id)
    meeting.register = scorecard_queries.meeting_register(conn, meeting_id, row[2])
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


def participants(conn: sqlite3.Connection, meeting_id: int) -> list[Participant]:
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
    meeting.mark_ratings()


def _sections(conn: sqlite3.Connection, meeting_id: int) -> list[Section]:
    sections: dict[int, Section] = {}
    t = "section"
    for r in conn.execute(
        "SELECT id, key, title, guidance, timebox_minutes, notes, seconds_spent FROM section "
        "WHERE meeting_id = ? ORDER BY position, id",
        (meeting_id,),
    ):
        sections[r[0]] = Section(
            key=rowcheck.text(t, r[0], "key", r[1], nonblank=True),
            title=rowcheck.text(t, r[0], "title", r[2]),
            guidance=rowcheck.text(t, r[0], "guidance", r[3]),
            timebox_minutes=rowcheck.whole(
                t, r[0], "timebox_minutes", r[4], 0, limits.MAX_TIMEBOX, nullable=True
            ),
            notes=rowcheck.text(t, r[0], "notes", r[5]),
            seconds_spent=rowcheck.whole(
                t, r[0], "seconds_spent", r[6], 0, limits.MAX_SECONDS_SPENT, nullable=False
            )
            or 0,
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
