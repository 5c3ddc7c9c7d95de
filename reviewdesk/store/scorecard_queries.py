"""Reading the scorecard and register: one meeting's, and each item as it last stood."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from reviewdesk.record.errors import DamagedRecord
from reviewdesk.record.scorecard import (
    DIRECTIONS,
    LIKELIHOODS,
    MEASURE_FIELDS,
    MEASURE_SIDES,
    REGISTER_FIELDS,
    REGISTER_KINDS,
    REGISTER_STATUSES,
    SEVERITIES,
    Measure,
    RegisterEntry,
)
from reviewdesk.store import rowcheck
from reviewdesk.store.rowcheck import reads

_MEASURE_CHOICES = {"direction": (DIRECTIONS, False), "side": (MEASURE_SIDES, True)}
_MEASURE_NUMBERS = ("target", "amber", "value")
_REGISTER_CHOICES = {
    "kind": (REGISTER_KINDS, False),
    "severity": (SEVERITIES, False),
    "likelihood": (LIKELIHOODS, True),
    "owner_side": (MEASURE_SIDES, True),
    "status": (REGISTER_STATUSES, False),
}

_MEASURE_COLS = ", ".join(f"r.{c}" for c in MEASURE_FIELDS)
_REGISTER_COLS = ", ".join(f"s.{c}" for c in REGISTER_FIELDS)
MEASURES_OF_PARTNERSHIP = (
    "FROM meeting m JOIN measure_review r ON r.meeting_id = m.id "
    "JOIN measure ON measure.id = r.measure_id "
    "WHERE m.partnership_id = ? AND measure.partnership_id = ?"
)
REGISTER_OF_PARTNERSHIP = (
    "FROM meeting m JOIN register_state s ON s.meeting_id = m.id "
    "JOIN register_entry e ON e.id = s.entry_id "
    "WHERE m.partnership_id = ? AND e.partnership_id = ?"
)


def _checked(
    table: str,
    row_id: object,
    fields: tuple[str, ...],
    row: tuple,
    choices: dict[str, tuple[tuple[str, ...], bool]],
    numbers: tuple[str, ...] = (),
) -> dict[str, object]:
    """The row's values by field name, each held to its rule (store.rowcheck)."""
    values = {}
    for name, value in zip(fields, row, strict=True):
        if name in choices:
            allowed, nullable = choices[name]
            value = rowcheck.choice(table, row_id, name, value, allowed, nullable=nullable)
        elif name in numbers:
            value = rowcheck.number(table, row_id, name, value)
        else:
            value = rowcheck.text(table, row_id, name, value, nonblank=name in ("name", "title"))
        values[name] = value
    return values


def measure_from_row(row: tuple, measure_id: int, review_id: object = None) -> Measure:
    """A measure from the MEASURE_FIELDS of measure_review row ``review_id``."""
    label = review_id if review_id is not None else f"of measure {measure_id}"
    values = _checked(
        "measure_review", label, MEASURE_FIELDS, row, _MEASURE_CHOICES, _MEASURE_NUMBERS
    )
    return Measure(**values, id=measure_id)  # type: ignore[arg-type]


def entry_from_row(
    row: tuple, entry_id: int, raised_in: object, state_id: object = None
) -> RegisterEntry:
    """A register entry from the REGISTER_FIELDS of register_state row ``state_id``."""
    label = state_id if state_id is not None else f"of entry {entry_id}"
    values = _checked("register_state", label, REGISTER_FIELDS, row, _REGISTER_CHOICES)
    raised = rowcheck.reference("register_entry", entry_id, "raised_in", raised_in)
    return RegisterEntry(**values, id=entry_id, raised_in=raised)  # type: ignore[arg-type]


@reads
def meeting_measures(conn: sqlite3.Connection, meeting_id: int) -> list[Measure]:
    return [
        measure_from_row(r[2:], r[0], r[1])
        for r in conn.execute(
            f"SELECT r.measure_id, r.id, {_MEASURE_COLS} FROM measure_review r "
            "WHERE r.meeting_id = ? ORDER BY r.position, r.id",
            (meeting_id,),
        )
    ]


@reads
def meeting_register(conn: sqlite3.Connection, meeting_id: int, date: str) -> list[RegisterEntry]:
    """The meeting's register, each entry with when it was raised, reviews carried, its actions."""
    entries = []
    for r in conn.execute(
        f"SELECT s.entry_id, e.raised_in, rm.date, s.id, e.id, {_REGISTER_COLS} "
        "FROM register_state s LEFT JOIN register_entry e ON e.id = s.entry_id "
        "LEFT JOIN meeting rm ON rm.id = e.raised_in "
        "WHERE s.meeting_id = ? ORDER BY s.position, s.id",
        (meeting_id,),
    ):
        if r[4] is None:
            raise DamagedRecord(f"register_state {r[3]}: its entry {r[0]} does not exist")
        entry = entry_from_row(r[5:], r[0], r[1], r[3])
        entry.raised_on = rowcheck.date("meeting", r[1], "date", r[2], nullable=True)
        if not entry.is_open:
            entry.closed_in = meeting_id
        entries.append(entry)
    if not entries:
        return entries
    earlier = dict(
        conn.execute(
            "SELECT s.entry_id, COUNT(*) FROM register_state s JOIN meeting m "
            "ON m.id = s.meeting_id WHERE s.entry_id IN "
            "(SELECT entry_id FROM register_state WHERE meeting_id = ?) "
            "AND (m.date < ? OR (m.date = ? AND m.id < ?)) GROUP BY s.entry_id",
            (meeting_id, date, date, meeting_id),
        ).fetchall()
    )
    texts: dict[int, list[str]] = defaultdict(list)
    for entry_id, text in conn.execute(
        "SELECT ra.entry_id, st.text FROM register_action ra "
        "JOIN action_state st ON st.action_id = ra.action_id AND st.meeting_id = ? "
        "WHERE ra.entry_id IN (SELECT entry_id FROM register_state WHERE meeting_id = ?) "
        "ORDER BY st.position, st.id",
        (meeting_id, meeting_id),
    ):
        texts[entry_id].append(rowcheck.text("action_state", f"of entry {entry_id}", "text", text))
    for e in entries:
        e.carried_reviews = earlier.get(e.id, 0)
        e.actions = texts.get(e.id, [])
    return entries


@reads
def latest_measures(conn: sqlite3.Connection, partnership_id: int) -> list[Measure]:
    """Each measure of the partnership as its last review recorded it."""
    latest: dict[int, Measure] = {}
    for r in conn.execute(
        f"SELECT r.measure_id, r.id, {_MEASURE_COLS} {MEASURES_OF_PARTNERSHIP} "
        "ORDER BY m.date, m.id, r.position",
        (partnership_id, partnership_id),
    ):
        latest[r[0]] = measure_from_row(r[2:], r[0], r[1])
    return list(latest.values())


@reads
def latest_register(conn: sqlite3.Connection, partnership_id: int) -> list[RegisterEntry]:
    """Each register entry as it stands in the last review that lists it."""
    latest: dict[int, RegisterEntry] = {}
    counts: dict[int, int] = defaultdict(int)
    for r in conn.execute(
        f"SELECT s.entry_id, e.raised_in, s.meeting_id, s.id, {_REGISTER_COLS} "
        f"{REGISTER_OF_PARTNERSHIP} ORDER BY m.date, m.id, s.position",
        (partnership_id, partnership_id),
    ):
        entry = entry_from_row(r[4:], r[0], r[1], r[3])
        if not entry.is_open:
            entry.closed_in = r[2]
        counts[r[0]] += 1
        entry.carried_reviews = counts[r[0]]
        latest[r[0]] = entry
    return list(latest.values())


def register_actions(conn: sqlite3.Connection, entry_ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for entry_id, action_id in conn.execute(
        f"SELECT entry_id, action_id FROM register_action WHERE entry_id IN "
        f"({','.join('?' * len(entry_ids))})",
        entry_ids,
    ):
        out[entry_id].append(action_id)
    return out
