"""The home page's figures for every partnership at once: reviews, latest averages, open items."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import NamedTuple

from reviewdesk.record.errors import DamagedRecord
from reviewdesk.record.model import Coverage
from reviewdesk.store import rowcheck
from reviewdesk.store.queries import SCORES_OF_MEETINGS, refuse_bad_rating
from reviewdesk.store.rowcheck import reads
from reviewdesk.store.scores import CLIENT_SCORE, PROVIDER_SCORE, SCORE_JOIN


class ReviewScores(NamedTuple):
    """A review's two averages and how much of it was rated."""

    client: float | None
    provider: float | None
    coverage: Coverage


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


@reads
def partnership_overview(
    conn: sqlite3.Connection,
) -> dict[int, tuple[int, dt.date, list[ReviewScores]]]:
    """Per partnership: (reviews, date of the last, [(client, provider) averages of the last two
    reviews with any rating, with their coverage, newest first]) — the home page's row without
    reading every meeting.
    """
    counts = {
        r[0]: (r[1], _last_date(conn, r[0], r[2]))
        for r in conn.execute(
            "SELECT partnership_id, COUNT(*), MAX(date) FROM meeting GROUP BY partnership_id"
        )
    }
    averages: dict[int, list[ReviewScores]] = {}
    for pid, _rn, client, provider, questions, rated, meeting_id, bad in conn.execute(
        f"""
        WITH last2 AS (
            SELECT id, partnership_id,
                   ROW_NUMBER() OVER (PARTITION BY partnership_id ORDER BY date DESC, id DESC) AS rn
            FROM meeting
            WHERE EXISTS (
                SELECT 1 FROM section s JOIN question q ON q.section_id = s.id {SCORE_JOIN}
                WHERE s.meeting_id = meeting.id
                  AND ({CLIENT_SCORE} IS NOT NULL OR {PROVIDER_SCORE} IS NOT NULL)
            )
        )
        SELECT l.partnership_id, l.rn, r.client, r.provider, r.questions, r.rated, l.id, r.bad
        FROM last2 l JOIN ({SCORES_OF_MEETINGS} AND s.meeting_id IN
            (SELECT id FROM last2 WHERE rn <= 2) GROUP BY s.meeting_id) r ON r.meeting_id = l.id
        WHERE l.rn <= 2 ORDER BY l.partnership_id, l.rn
        """
    ):
        if bad:
            refuse_bad_rating(conn, meeting_id)
        averages.setdefault(pid, []).append(
            ReviewScores(client, provider, Coverage(questions, int(rated)))
        )
    return {pid: (n, last, averages.get(pid, [])) for pid, (n, last) in counts.items()}


def _last_date(conn: sqlite3.Connection, partnership_id: int, latest: object) -> dt.date:
    """The date of a partnership's last review; a bad one names its meeting."""
    if type(latest) is str:
        try:
            return dt.date.fromisoformat(latest)
        except ValueError:
            pass
    for meeting_id, value in conn.execute(
        "SELECT id, date FROM meeting WHERE partnership_id = ? ORDER BY id", (partnership_id,)
    ):
        rowcheck.date("meeting", meeting_id, "date", value)
    raise DamagedRecord(f"partnership {partnership_id}: its last review has no date")
