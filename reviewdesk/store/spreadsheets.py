"""Actions and goals across the portfolio as spreadsheet rows, one partnership at a time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from reviewdesk.record.model import action_overdue
from reviewdesk.record.smart import missing_letters
from reviewdesk.store import queries, scorecard_queries
from reviewdesk.store.portfolio import Portfolio

ACTION_COLUMNS = [
    "partnership",
    "action_id",
    "text",
    "owner",
    "side",
    "due",
    "status",
    "overdue",
    "section",
    "raised_in",
    "closed_in",
    "last_review",
    "reviews_carried",
]
GOAL_COLUMNS = [
    "partnership",
    "goal_id",
    "title",
    "status",
    "current",
    "target",
    "baseline",
    "measure",
    "specific",
    "achievable",
    "relevant",
    "due",
    "owner_side",
    "smart_missing",
    "last_review",
    "history",
]


def _partnerships(portfolio: Portfolio, partnership_id: int | None):
    if partnership_id is None:
        return portfolio.partnerships()
    return [portfolio.partnership(partnership_id)]


def _review_labels(portfolio: Portfolio, partnership_id: int) -> dict[int, str]:
    """Meeting id to '2026-09-30 Q3 review', for the partnership's meetings (one indexed read)."""
    return dict(
        portfolio.conn.execute(
            "SELECT id, date || ' ' || title FROM meeting WHERE partnership_id = ?",
            (partnership_id,),
        )
    )


def action_rows(
    portfolio: Portfolio, partnership_id: int | None = None, today: dt.date | None = None
) -> Iterator[list[object]]:
    """Every action item as it last stood, one row each (columns: ACTION_COLUMNS).

    One partnership at a time, straight from its rows: each action's latest state (the last
    meeting that lists it, also its 'last review'), and how many reviews listed it.
    """
    today = today or dt.date.today()
    for p in _partnerships(portfolio, partnership_id):
        labels = _review_labels(portfolio, p.id)
        latest: dict[int, tuple] = {}  # action id -> its latest state, in order of first listing
        listed: dict[int, int] = defaultdict(int)
        for r in portfolio.conn.execute(
            "SELECT a.id, a.raised_in, s.meeting_id, s.text, s.owner, s.side, s.due, s.status, "
            f"s.section {queries.ACTION_STATES_OF_PARTNERSHIP} ORDER BY m.date, m.id, s.position",
            (p.id, p.id),
        ):
            latest[r[0]] = r
            listed[r[0]] += 1
        for action_id, raised_in, last, text, owner, side, due, status, section in latest.values():
            due_date = dt.date.fromisoformat(due) if due else None
            yield [
                p.label,
                action_id,
                text,
                owner,
                side or "",
                due_date,
                status,
                "yes" if action_overdue(status, due_date, today) else "",
                section,
                labels.get(raised_in, ""),
                labels.get(last, "") if status != "open" else "",
                labels.get(last, ""),
                max(listed[action_id] - 1, 0),
            ]


def goal_rows(portfolio: Portfolio, partnership_id: int | None = None) -> Iterator[list[object]]:
    """Every goal as its last review left it, with its status history (columns: GOAL_COLUMNS)."""
    for p in _partnerships(portfolio, partnership_id):
        labels = _review_labels(portfolio, p.id)
        last_seen = queries.last_review_of_goals(portfolio.conn, p.id)
        from reviewdesk.record.analytics import goal_histories

        histories = {h.goal_id: h for h in goal_histories(portfolio.history(p.id))}
        for g in queries.latest_goals(portfolio.conn, p.id):
            steps = histories[g.id].steps if g.id in histories else []
            yield (
                [
                    p.label,
                    g.id,
                    g.title,
                    g.status,
                    g.current,
                    g.target,
                    g.baseline,
                    g.measure,
                    g.specific,
                    g.achievable,
                    g.relevant,
                    g.due,
                    g.owner_side or "",
                    "".join(missing_letters(g)),
                    labels.get(last_seen.get(g.id), ""),
                    " → ".join(f"{r.date.isoformat()} {s} {c}".strip() for r, s, c in steps),
                ]
            )


REGISTER_COLUMNS = [
    "partnership",
    "entry_id",
    "kind",
    "title",
    "severity",
    "likelihood",
    "status",
    "owner_side",
    "client_view",
    "provider_view",
    "cause",
    "next_step",
    "agreed",
    "raised_in",
    "closed_in",
    "reviews_carried",
]


def register_rows(
    portfolio: Portfolio, partnership_id: int | None = None
) -> Iterator[list[object]]:
    """Every risk, issue and escalation as it last stood (columns: REGISTER_COLUMNS)."""
    for p in _partnerships(portfolio, partnership_id):
        labels = _review_labels(portfolio, p.id)
        for e in scorecard_queries.latest_register(portfolio.conn, p.id):
            yield [
                p.label,
                e.id,
                e.kind,
                e.title,
                e.severity,
                e.likelihood or "",
                e.status,
                e.owner_side or "",
                e.client_view,
                e.provider_view,
                e.cause,
                e.next_step,
                e.agreed,
                labels.get(e.raised_in, ""),
                labels.get(e.closed_in, "") if not e.is_open else "",
                max(e.carried_reviews - 1, 0),
            ]


TABLES = {
    "actions": (ACTION_COLUMNS, action_rows),
    "goals": (GOAL_COLUMNS, goal_rows),
    "register": (REGISTER_COLUMNS, register_rows),
}
