"""The home page's figures per partnership: reviews, latest averages, open items.

Every query here can be limited to some partnerships (``only``) and then reads through the
indexes of those partnerships' meetings alone, so a window can fill a large portfolio in
batches (the rows in view first) and refresh one partnership after an edit without reading
the rest of the file.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass

from reviewdesk.record.errors import DamagedRecord
from reviewdesk.store import rowcheck
from reviewdesk.store.queries import BAD_RATINGS, refuse_bad_rating
from reviewdesk.store.rowcheck import reads
from reviewdesk.store.scores import CLIENT_SCORE, PROVIDER_SCORE, SCORE_JOIN

Averages = list[tuple[float | None, float | None]]

# Whether meeting ``m2`` holds any rating, through its sections' and questions' indexes.
_RATED = f"""EXISTS (
    SELECT 1 FROM section s JOIN question q ON q.section_id = s.id {SCORE_JOIN}
    WHERE s.meeting_id = m2.id AND ({CLIENT_SCORE} IS NOT NULL OR {PROVIDER_SCORE} IS NOT NULL)
)"""


def _average(score: str) -> str:
    return (
        f"(SELECT AVG({score}) FROM section s JOIN question q ON q.section_id = s.id "
        f"{SCORE_JOIN} WHERE s.meeting_id = m.id)"
    )


def _among(column: str, only: Collection[int] | None) -> tuple[str, tuple[int, ...]]:
    """A WHERE condition limiting ``column`` to ``only`` (none: every partnership)."""
    if only is None:
        return "1", ()
    ids = tuple(only)
    return f"{column} IN ({', '.join('?' for _ in ids)})", ids


def open_action_counts(
    conn: sqlite3.Connection, today: dt.date, only: Collection[int] | None = None
) -> dict[int, tuple[int, int]]:
    """Per partnership: (open actions, of which overdue on ``today``), each as it last stood.

    An action counts when its state is open in a meeting and no later meeting lists it. With
    ``only``, the partnerships' meetings are the starting point (their index), so the cost is
    that of their own actions.
    """
    later = """NOT EXISTS (
            SELECT 1 FROM action_state later JOIN meeting lm ON lm.id = later.meeting_id
            WHERE later.action_id = s.action_id
              AND (lm.date > m.date OR (lm.date = m.date AND lm.id > m.id))
        )"""
    if only is None:
        rows = conn.execute(
            f"""
            SELECT a.partnership_id, COUNT(*), SUM(s.due IS NOT NULL AND s.due < ?)
            FROM action_state s
            JOIN action a ON a.id = s.action_id
            JOIN meeting m ON m.id = s.meeting_id
            WHERE s.status = 'open' AND {later}
            GROUP BY a.partnership_id
            """,
            (today.isoformat(),),
        )
    else:
        where, ids = _among("m.partnership_id", only)
        rows = conn.execute(
            f"""
            SELECT m.partnership_id, COUNT(*), SUM(s.due IS NOT NULL AND s.due < ?)
            FROM meeting m
            JOIN action_state s ON s.meeting_id = m.id
            JOIN action a ON a.id = s.action_id AND a.partnership_id = m.partnership_id
            WHERE {where} AND s.status = 'open' AND {later}
            GROUP BY m.partnership_id
            """,
            (today.isoformat(), *ids),
        )
    return {r[0]: (r[1], r[2]) for r in rows}


@reads
def partnership_overview(
    conn: sqlite3.Connection, only: Collection[int] | None = None
) -> dict[int, tuple[int, dt.date, Averages]]:
    """Per partnership with meetings: (reviews, date of the last, [(client, provider) averages
    of the last two reviews with any rating, newest first]) — the home page's row without
    reading every meeting: each partnership's newest rated meetings come from its index.
    """
    where, ids = _among("partnership_id", only)
    counts = {
        r[0]: (r[1], _last_date(conn, r[0], r[2]))
        for r in conn.execute(
            "SELECT partnership_id, COUNT(*), MAX(date) FROM meeting "
            f"WHERE {where} GROUP BY partnership_id",
            ids,
        )
    }
    where, ids = _among("p.id", only)
    averages: dict[int, Averages] = {}
    for pid, client, provider, meeting_id, bad in conn.execute(
        f"""
        SELECT p.id, {_average(CLIENT_SCORE)}, {_average(PROVIDER_SCORE)}, m.id,
               (SELECT {BAD_RATINGS} FROM section s JOIN question q
                  ON q.section_id = s.id {SCORE_JOIN} WHERE s.meeting_id = m.id)
        FROM partnership p JOIN meeting m ON m.id IN (
            SELECT m2.id FROM meeting m2 WHERE m2.partnership_id = p.id AND {_RATED}
            ORDER BY m2.date DESC, m2.id DESC LIMIT 2
        )
        WHERE {where}
        ORDER BY p.id, m.date DESC, m.id DESC
        """,
        ids,
    ):
        if bad:
            refuse_bad_rating(conn, meeting_id)
        averages.setdefault(pid, []).append((client, provider))
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


@dataclass(frozen=True)
class Figures:
    """A partnership's row on the home page: reviews, last date, the (client, provider)
    averages of its last two rated reviews (newest first), open and overdue actions."""

    reviews: int = 0
    last_date: dt.date | None = None
    averages: tuple[tuple[float | None, float | None], ...] = ()
    open_actions: int = 0
    overdue: int = 0


def partnership_figures(
    conn: sqlite3.Connection, today: dt.date, only: Collection[int] | None = None
) -> dict[int, Figures]:
    """Figures of every partnership (or of ``only``): one per partnership id asked for, a
    partnership without meetings or actions included with zeros."""
    ids = (
        list(only)
        if only is not None
        else [r[0] for r in conn.execute("SELECT id FROM partnership")]
    )
    overview = partnership_overview(conn, only)
    counts = open_action_counts(conn, today, only)
    out = {}
    for pid in ids:
        reviews, last, averages = overview.get(pid, (0, None, []))
        open_actions, overdue = counts.get(pid, (0, 0))
        out[pid] = Figures(reviews, last, tuple(averages), open_actions, overdue or 0)
    return out
