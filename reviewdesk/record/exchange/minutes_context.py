"""Everything the PDF minutes print, as one serialisable object: ``reviewdesk.minutes-context/1``.

The minutes of a meeting show more than its record (the ``reviewdesk.meeting/1`` document that
the fingerprint covers): the meeting's number and status, where each action was raised and
closed and how often it was carried, each goal's previous review, the reopenings ("Amended after
sign-off"), whether the sign-off was imported, the earlier reviews behind "Across reviews", and
the paper. A :class:`MinutesContext` holds all of it; the store builds it in one place
(``Portfolio.minutes_context``), export renders it, verify builds and renders it again, and its
:meth:`~MinutesContext.digest` is printed on the minutes beside the fingerprint. ``to_doc`` and
``from_doc`` give it as JSON and back (the render of both is byte for byte the same), so a PDF
can later carry its own input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass
from typing import Any

from reviewdesk.record.analytics import GoalReviewRow, History, RatingRow, ReviewRef
from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange import checks
from reviewdesk.record.exchange.meeting_format import (
    action_to_doc,
    goal_to_doc,
    parse_actions,
    parse_goals,
    parse_meeting,
    signed_doc,
)
from reviewdesk.record.model import (
    GOAL_FIELDS,
    MEETING_STATUSES,
    RATING_MAX,
    RATING_MIN,
    Action,
    Goal,
    Meeting,
    Reopening,
)
from reviewdesk.record.scorecard import DIRECTIONS, Measure, RegisterEntry
from reviewdesk.record.service_levels import MeasureRow

FORMAT = "reviewdesk.minutes-context/1"
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class MinutesContext:
    """The minutes' whole input: the meeting (record and context fields), history and paper."""

    meeting: Meeting
    history: History | None = None
    paper: str = "a4"

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"paper: {self.paper!r} is not a4 or letter")

    def to_doc(self) -> dict[str, Any]:
        """The context as a JSON object (text exactly as stored; times as written)."""
        m = self.meeting
        return {
            "format": FORMAT,
            "paper": self.paper,
            "record": signed_doc(m),
            "meeting": {"id": m.id, "status": m.status},
            "signoff": {"imported_at": _time(m.signoff_imported_at)},
            "reopenings": [
                {"reopened_at": r.reopened_at.isoformat(), "reason": r.reason, "voided": r.voided}
                for r in m.reopenings
            ],
            "actions": [_action_context(a) for a in m.actions],
            "measures": [{"id": x.id} for x in m.measures],
            "register": [_entry_context(e) for e in m.register],
            "goals": [
                {"id": g.id, "previous": None if g.previous is None else _goal_doc(g.previous)}
                for g in m.goals
            ],
            "history": None if self.history is None else _history_doc(self.history),
        }

    def canonical(self) -> bytes:
        """The JSON the digest is taken over: sorted keys, compact, UTF-8."""
        return json.dumps(
            self.to_doc(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")

    def digest(self) -> str:
        """Hex SHA-256 of everything the minutes print (the 'minutes digest')."""
        return hashlib.sha256(self.canonical()).hexdigest()

    @classmethod
    def from_doc(cls, doc: Any) -> MinutesContext:
        """Validate a ``reviewdesk.minutes-context/1`` object and build the context."""
        d = checks.obj(
            doc,
            "",
            ["format", "paper", "record", "meeting", "signoff", "reopenings", "actions", "goals"],
            ["history", "measures", "register"],
        )
        if d["format"] != FORMAT:
            raise FormatError("format", f"{checks.describe(d['format'])} is not {FORMAT}")
        meeting = parse_meeting(d["record"])
        m = checks.obj(d["meeting"], "meeting", ["id", "status"])
        meeting.id = checks.integer(m["id"], "meeting.id", 1, 2**63 - 1, nullable=True)
        meeting.status = checks.choice(m["status"], "meeting.status", MEETING_STATUSES)
        s = checks.obj(d["signoff"], "signoff", ["imported_at"])
        meeting.signoff_imported_at = _opt_time(s["imported_at"], "signoff.imported_at")
        meeting.reopenings = [
            _reopening(r, f"reopenings[{i}]")
            for i, r in enumerate(checks.array(d["reopenings"], "reopenings"))
        ]
        for key, items, apply in (
            ("actions", meeting.actions, _set_action_context),
            ("measures", meeting.measures, _set_measure_context),
            ("register", meeting.register, _set_entry_context),
            ("goals", meeting.goals, _set_goal_context),
        ):
            raw = d.get(key, [])
            _parallel(raw, items, key)
            for i, (context, item) in enumerate(zip(raw, items, strict=True)):
                apply(item, context, f"{key}[{i}]")
        history = d.get("history")
        paper = checks.choice(d["paper"], "paper", PAPERS)
        return cls(meeting, None if history is None else _history(history), paper)


def _time(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _opt_time(value: Any, where: str) -> dt.datetime | None:
    return None if value is None else checks.timestamp(value, where)


def _id(value: Any, where: str) -> int | None:
    return checks.integer(value, where, 1, 2**63 - 1, nullable=True)


def _parallel(raw: Any, items: list, where: str) -> None:
    if len(checks.array(raw, where)) != len(items):
        raise FormatError(where, f"expected {len(items)} entries, one per item of the record")


def _action_context(a: Action) -> dict[str, Any]:
    return {
        "id": a.id,
        "raised_in": a.raised_in,
        "closed_in": a.closed_in,
        "carried_reviews": a.carried_reviews,
    }


def _set_action_context(action: Action, raw: Any, where: str) -> None:
    c = checks.obj(raw, where, ["id", "raised_in", "closed_in", "carried_reviews"])
    action.id = _id(c["id"], f"{where}.id")
    action.raised_in = _id(c["raised_in"], f"{where}.raised_in")
    action.closed_in = _id(c["closed_in"], f"{where}.closed_in")
    carried = checks.integer(c["carried_reviews"], f"{where}.carried_reviews", 0, 2**31)
    action.carried_reviews = carried or 0


def _entry_context(e: RegisterEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "raised_in": e.raised_in,
        "raised_on": e.raised_on.isoformat() if e.raised_on else None,
        "closed_in": e.closed_in,
        "carried_reviews": e.carried_reviews,
    }


def _set_entry_context(entry: RegisterEntry, raw: Any, where: str) -> None:
    c = checks.obj(raw, where, ["id", "raised_in", "raised_on", "closed_in", "carried_reviews"])
    entry.id = _id(c["id"], f"{where}.id")
    entry.raised_in = _id(c["raised_in"], f"{where}.raised_in")
    entry.raised_on = checks.opt_date(c["raised_on"], f"{where}.raised_on")
    entry.closed_in = _id(c["closed_in"], f"{where}.closed_in")
    carried = checks.integer(c["carried_reviews"], f"{where}.carried_reviews", 0, 2**31)
    entry.carried_reviews = carried or 0


def _set_measure_context(measure: Measure, raw: Any, where: str) -> None:
    measure.id = _id(checks.obj(raw, where, ["id"])["id"], f"{where}.id")


def _set_goal_context(goal: Goal, raw: Any, where: str) -> None:
    g = checks.obj(raw, where, ["id", "previous"])
    goal.id = _id(g["id"], f"{where}.id")
    if g["previous"] is not None:
        goal.previous = _goal(g["previous"], f"{where}.previous")


def _goal_doc(g: Goal) -> dict[str, Any]:
    return {**goal_to_doc(g), "id": g.id}


def _goal(raw: Any, where: str) -> Goal:
    doc = checks.obj(raw, where, ["id"], GOAL_FIELDS)
    try:
        (goal,) = parse_goals([{k: v for k, v in doc.items() if k != "id"}])
    except FormatError as exc:
        raise FormatError(where, exc.problem) from None
    goal.id = _id(doc["id"], f"{where}.id")
    return goal


def _reopening(raw: Any, where: str) -> Reopening:
    r = checks.obj(raw, where, ["reopened_at", "reason", "voided"])
    voided = [
        checks.text(v, f"{where}.voided[{i}]")
        for i, v in enumerate(checks.array(r["voided"], f"{where}.voided"))
    ]
    return Reopening(
        reopened_at=checks.timestamp(r["reopened_at"], f"{where}.reopened_at"),
        reason=checks.text(r["reason"], f"{where}.reason"),
        voided=voided,
    )


def _history_doc(h: History) -> dict[str, Any]:
    return {
        "reviews": [{"id": r.id, "date": r.date.isoformat(), "title": r.title} for r in h.reviews],
        "ratings": [
            [
                r.meeting_id,
                r.section_key,
                r.section_title,
                r.question_key,
                r.question_text,
                r.client,
                r.provider,
            ]
            for r in h.ratings
        ],
        "actions": [{**action_to_doc(a), **_action_context(a)} for a in h.actions],
        "goal_reviews": [
            [g.goal_id, g.meeting_id, g.title, g.status, g.current, g.target]
            for g in h.goal_reviews
        ],
        "measures": [
            [m.measure_id, m.meeting_id, m.name, m.unit, m.direction, m.target, m.amber, m.value]
            for m in h.measures
        ],
    }


def _history(raw: Any) -> History:
    h = checks.obj(raw, "history", ["reviews", "ratings", "actions", "goal_reviews"], ["measures"])
    reviews = []
    for i, item in enumerate(checks.array(h["reviews"], "history.reviews")):
        w = f"history.reviews[{i}]"
        r = checks.obj(item, w, ["id", "date", "title"])
        reviews.append(
            ReviewRef(
                _id(r["id"], f"{w}.id") or 0,
                checks.date(r["date"], f"{w}.date"),
                checks.text(r["title"], f"{w}.title"),
            )
        )
    ratings = []
    for i, item in enumerate(checks.array(h["ratings"], "history.ratings")):
        w = f"history.ratings[{i}]"
        row = _row(item, w, 7)
        ratings.append(
            RatingRow(
                _id(row[0], f"{w}[0]") or 0,
                *(checks.text(v, f"{w}[{j}]") for j, v in enumerate(row[1:5], start=1)),
                _score(row[5], f"{w}[5]"),
                _score(row[6], f"{w}[6]"),
            )
        )
    raw_actions = checks.array(h["actions"], "history.actions")
    context = ("id", "raised_in", "closed_in", "carried_reviews")
    records = [
        {k: v for k, v in a.items() if k not in context} if isinstance(a, dict) else a
        for a in raw_actions
    ]
    try:
        actions = parse_actions(records)
    except FormatError as exc:
        raise FormatError(f"history.{exc.where}", exc.problem) from None
    for i, (action, item) in enumerate(zip(actions, raw_actions, strict=True)):
        _set_action_context(action, {k: item.get(k) for k in context}, f"history.actions[{i}]")
    goal_reviews = []
    for i, item in enumerate(checks.array(h["goal_reviews"], "history.goal_reviews")):
        w = f"history.goal_reviews[{i}]"
        row = _row(item, w, 6)
        goal_reviews.append(
            GoalReviewRow(
                _id(row[0], f"{w}[0]") or 0,
                _id(row[1], f"{w}[1]") or 0,
                *(checks.text(v, f"{w}[{j}]") for j, v in enumerate(row[2:], start=2)),
            )
        )
    measures = []
    for i, item in enumerate(checks.array(h.get("measures", []), "history.measures")):
        w = f"history.measures[{i}]"
        row = _row(item, w, 8)
        measures.append(
            MeasureRow(
                _id(row[0], f"{w}[0]") or 0,
                _id(row[1], f"{w}[1]") or 0,
                checks.text(row[2], f"{w}[2]", nonblank=True),
                checks.text(row[3], f"{w}[3]"),
                checks.choice(row[4], f"{w}[4]", DIRECTIONS),
                *(_number(v, f"{w}[{j}]") for j, v in enumerate(row[5:], start=5)),
            )
        )
    return History(
        reviews=reviews,
        ratings=ratings,
        actions=actions,
        goal_reviews=goal_reviews,
        measures=measures,
    )


def _score(value: Any, where: str) -> float | None:
    """A side's score of a question: a rating, or the mean of its people's ratings (1 to 5)."""
    number = _number(value, where)
    if number is not None and not RATING_MIN <= number <= RATING_MAX:
        raise FormatError(where, f"{number} is not between {RATING_MIN} and {RATING_MAX}")
    return number


def _number(value: Any, where: str) -> float | None:
    if value is None or (type(value) in (int, float) and math.isfinite(value)):
        return value
    raise FormatError(where, f"{checks.describe(value)} is not a number")


def _row(value: Any, where: str, length: int) -> list:
    row = checks.array(value, where)
    if len(row) != length:
        raise FormatError(where, f"expected {length} values, got {len(row)}")
    return row
