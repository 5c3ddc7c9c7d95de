"""Actions, goals and register entries across the portfolio as spreadsheet rows.

Rows come in blocks, one partnership at a time (``Iterator[list[Row]]``), each cell already the
text a spreadsheet shows (:func:`cell`): text that starts with = + - @ (or a tab or carriage
return) has a ``'`` before it so it is never read as a formula, dates are ISO, numbers digits,
nothing an empty text. The CSV writer (app/csv_table.py) writes the blocks as they are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter

from reviewdesk.record.model import action_overdue
from reviewdesk.record.smart import missing_letters
from reviewdesk.store import queries, scorecard_queries
from reviewdesk.store.portfolio import Portfolio

Row = Sequence[object]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as a spreadsheet shows it; a leading = + - @ is quoted so it is never a formula."""
    kind = type(value)
    if kind is str:
        text = value
    elif value is None:
        return ""
    elif kind is int:
        text = str(value)
        if value >= 0:
            return text  # digits only
    else:
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def _cells(row: Row) -> list[str]:
    return [cell(v) for v in row]


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
    """Meeting id to '2026-09-30 Q3 review' as a cell, for the partnership's meetings (one
    indexed read)."""
    return {
        meeting_id: cell(label)
        for meeting_id, label in portfolio.conn.execute(
            "SELECT id, date || ' ' || title FROM meeting WHERE partnership_id = ?",
            (partnership_id,),
        )
    }


# Every state of the partnership's actions, oldest first: the partnership's meetings by date
# (index meeting_partnership), their states (index action_state_meeting_position) in list order.
_ACTION_STATES = (
    "SELECT s.action_id, a.raised_in, s.meeting_id, s.text, s.owner, s.side, s.due, s.status, "
    f"s.section {queries.ACTION_STATES_OF_PARTNERSHIP} ORDER BY m.date, m.id, s.position"
)
_first = itemgetter(0)


def action_rows(
    portfolio: Portfolio, partnership_id: int | None = None, today: dt.date | None = None
) -> Iterator[list[Row]]:
    """Every action item as it last stood, one row each (columns: ACTION_COLUMNS).

    One partnership at a time, straight from its rows: each action's latest state (the last
    meeting that lists it, also its 'last review'), and how many reviews listed it; in the
    order the actions were first listed.
    """
    today = today or dt.date.today()
    dues: dict[object, tuple[str, bool]] = {None: ("", False), "": ("", False)}  # due -> cell
    for p in _partnerships(portfolio, partnership_id):
        labels = _review_labels(portfolio, p.id)
        states = portfolio.conn.execute(_ACTION_STATES, (p.id, p.id)).fetchall()
        ids = list(map(_first, states))
        listed = Counter(ids)
        latest = dict(zip(ids, states, strict=True))  # first listing's order, last values
        block = None
        if not ids or min(ids) >= 0:  # (a negative id would be a cell with a quote)
            try:
                block = _action_block(cell(p.label), latest.values(), listed, labels, dues, today)
            except (TypeError, AttributeError):  # a value of a type reviewdesk never writes
                block = None
        if block is None:
            block = [_action_cells(p.label, r, listed, labels, today) for r in latest.values()]
        yield block


def _action_block(
    partnership: str,
    latest: Iterable[tuple],
    listed: Counter[int],
    labels: dict[int, str],
    dues: dict[object, tuple[str, bool]],
    today: dt.date,
) -> list[Row]:
    """The rows of one partnership's actions (see :func:`_action_cells`, which is the same
    with every cell made by :func:`cell`), with as little work per row as possible."""
    block: list[Row] = []
    add, label, starts = block.append, labels.get, FORMULA_STARTS
    for action_id, raised_in, last, text, owner, side, due, status, section in latest:
        if due in dues:
            due_cell, past = dues[due]
        else:
            due_date = dt.date.fromisoformat(due)
            due_cell, past = dues[due] = (due_date.isoformat(), due_date < today)
        last_review = label(last, "")
        still_open = status == "open"
        add(
            (
                partnership,
                str(action_id),
                "'" + text if text.startswith(starts) else text,
                "'" + owner if owner.startswith(starts) else owner,
                side or "",
                due_cell,
                status,  # side and status: one of a few words (the schema checks them)
                "yes" if still_open and past else "",
                "'" + section if section.startswith(starts) else section,
                label(raised_in, ""),
                "" if still_open else last_review,
                last_review,
                str(listed[action_id] - 1),
            )
        )
    return block


def _action_cells(
    partnership: str, state: tuple, listed: Counter[int], labels: dict[int, str], today: dt.date
) -> list[str]:
    """One action's row, each value made a cell on its own (any value the file may hold)."""
    action_id, raised_in, last, text, owner, side, due, status, section = state
    due_date = dt.date.fromisoformat(due) if due else None
    return _cells(
        [
            partnership,
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
    )


def goal_rows(portfolio: Portfolio, partnership_id: int | None = None) -> Iterator[list[Row]]:
    """Every goal as its last review left it, with its status history (columns: GOAL_COLUMNS)."""
    from reviewdesk.record.analytics import goal_histories

    for p in _partnerships(portfolio, partnership_id):
        labels = _review_labels(portfolio, p.id)
        last_seen = queries.last_review_of_goals(portfolio.conn, p.id)
        histories = {h.goal_id: h for h in goal_histories(portfolio.history(p.id))}
        block: list[Row] = []
        for g in queries.latest_goals(portfolio.conn, p.id):
            steps = histories[g.id].steps if g.id in histories else []
            block.append(
                _cells(
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
            )
        yield block


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


def register_rows(portfolio: Portfolio, partnership_id: int | None = None) -> Iterator[list[Row]]:
    """Every risk, issue and escalation as it last stood (columns: REGISTER_COLUMNS)."""
    for p in _partnerships(portfolio, partnership_id):
        labels = _review_labels(portfolio, p.id)
        yield [
            _cells(
                [
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
            )
            for e in scorecard_queries.latest_register(portfolio.conn, p.id)
        ]


TABLES = {
    "actions": (ACTION_COLUMNS, action_rows),
    "goals": (GOAL_COLUMNS, goal_rows),
    "register": (REGISTER_COLUMNS, register_rows),
}
