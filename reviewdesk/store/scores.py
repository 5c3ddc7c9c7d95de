"""A side's score of a question in SQL: the mean of its people's ratings that count, else the
side's rating as a whole.

Which people's ratings count is the record's rule (``record/counting.py``: visible ones, each
person once, latest first), so the store does not say it again in SQL: on every rating change
it reads the question's rating rows, applies the record's rule and keeps each side's people's
mean in ``question_score`` (only for questions people rated). Averages over a whole portfolio
then stay one indexed pass, and agree with what the window and the minutes show.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange import checks
from reviewdesk.record.model import RATED_SIDES, PersonRating, Question

# A side's score of a question ``q`` in SQL: its people's mean, else its whole-side rating.
SCORE_JOIN = "LEFT JOIN question_score qs ON qs.question_id = q.id"
CLIENT_SCORE = "COALESCE(qs.client, q.client_rating)"
PROVIDER_SCORE = "COALESCE(qs.provider, q.provider_rating)"

_EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)

# Every rating of the questions picked (``{where}`` on ``q``; the condition in each arm, so each
# reads its table by question), and the rounds of their meetings in the record's order.
_RATINGS = """
SELECT question_id, person, side, value, given_at, round_id FROM person_rating
WHERE question_id IN (SELECT q.id FROM question q WHERE {where})
UNION ALL
SELECT question_id, NULL, side, value, given_at, round_id FROM anonymous_rating
WHERE question_id IN (SELECT q.id FROM question q WHERE {where})
"""
_ROUNDS = """
SELECT r.id, r.meeting_id, r.revealed_at IS NULL FROM rating_round r
WHERE r.meeting_id IN (
    SELECT s.meeting_id FROM section s JOIN question q ON q.section_id = s.id WHERE {where}
)
ORDER BY r.meeting_id, r.position, r.id
"""
_RATERS = "SELECT round_id, name FROM round_rater WHERE round_id IN ({ids})"


def _moment(text: object) -> dt.datetime:
    """A rating's time; a damaged one (the record refuses to load it) sorts first."""
    try:
        return checks.timestamp(text, "given_at")
    except FormatError:
        return _EARLIEST


def refresh_scores(conn: sqlite3.Connection, where: str, params: tuple) -> None:
    """Recompute the people's means of the questions ``where`` (on ``q``) picks, by the
    record's rule."""
    rounds: dict[int, tuple[int, bool]] = {}  # id -> (index in its meeting's rounds, hidden)
    per_meeting: dict[int, int] = {}
    for round_id, meeting_id, hidden in conn.execute(_ROUNDS.format(where=where), params):
        index = per_meeting.get(meeting_id, 0)
        per_meeting[meeting_id] = index + 1
        rounds[round_id] = (index, bool(hidden))
    raters: dict[int, set[str]] = {}
    if rounds:
        ids = ",".join(str(i) for i in rounds)
        for round_id, name in conn.execute(_RATERS.format(ids=ids)):
            raters.setdefault(round_id, set()).add(name)
    questions: dict[int, Question] = {}
    for qid in conn.execute(f"SELECT q.id FROM question q WHERE {where}", params):
        questions[qid[0]] = Question("", "")
    for qid, person, side, value, given_at, round_id in conn.execute(
        _RATINGS.format(where=where), params + params
    ):
        order, hidden = rounds.get(round_id, (None, False))
        questions[qid].ratings.append(
            PersonRating(
                side=side,
                value=value,
                given_at=_moment(given_at),
                person=person,
                round=order,
                hidden=hidden,
                round_raters=frozenset(raters.get(round_id, ())),
            )
        )
    for qid, q in questions.items():
        means = [q.people_score(side) for side in RATED_SIDES]
        if all(m is None for m in means):
            conn.execute("DELETE FROM question_score WHERE question_id = ?", (qid,))
        else:
            conn.execute(
                "INSERT OR REPLACE INTO question_score (question_id, client, provider) "
                "VALUES (?, ?, ?)",
                (qid, *(None if m is None else m.mean for m in means)),
            )


def refresh_rated_scores(conn: sqlite3.Connection) -> None:
    """Recompute the people's means of every question people rated (or that has one kept)."""
    refresh_scores(
        conn,
        "q.id IN (SELECT question_id FROM person_rating UNION SELECT question_id FROM "
        "anonymous_rating UNION SELECT question_id FROM question_score)",
        (),
    )
