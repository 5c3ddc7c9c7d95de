"""Actions and goals across the portfolio as spreadsheet rows, one partnership at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

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
    return {m.id: f"{m.date.isoformat()} {m.title}" for m in portfolio.meetings(partnership_id)}


def action_rows(
    portfolio: Portfolio, partnership_id: int | None = None, today: dt.date | None = None
) -> Iterator[list[object]]:
    """Every action item as it last stood, one row each (columns: ACTION_COLUMNS)."""
    today = today or dt.date.today()
    for p in _partnerships(portfolio, partnership_id):
        labels = _review_labels(portfolio, p.id)
        last_seen = queries.last_review_of_actions(portfolio.conn, p.id)
        for a in queries.latest_actions(portfolio.conn, p.id):
            yield (
                [
                    p.label,
                    a.id,
                    a.text,
                    a.owner,
                    a.side or "",
                    a.due,
                    a.status,
                    "yes" if a.is_overdue(today) else "",
                    a.section,
                    labels.get(a.raised_in, ""),
                    labels.get(a.closed_in, "") if a.status != "open" else "",
                    labels.get(last_seen.get(a.id), ""),
                    max(a.carried_reviews - 1, 0),
                ]
            )


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
