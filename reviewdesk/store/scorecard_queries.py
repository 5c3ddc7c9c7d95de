"""Reading the scorecard and register: one meeting's, and each item as it last stood."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict

from reviewdesk.record.scorecard import MEASURE_FIELDS, REGISTER_FIELDS, Measure, RegisterEntry

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


def measure_from_row(row: tuple, measure_id: int) -> Measure:
    return Measure(**dict(zip(MEASURE_FIELDS, row, strict=True)), id=measure_id)


def entry_from_row(row: tuple, entry_id: int, raised_in: int | None) -> RegisterEntry:
    return RegisterEntry(
        **dict(zip(REGISTER_FIELDS, row, strict=True)), id=entry_id, raised_in=raised_in
    )


def meeting_measures(conn: sqlite3.Connection, meeting_id: int) -> list[Measure]:
    return [
        measure_from_row(r[1:], r[0])
        for r in conn.execute(
            f"SELECT r.measure_id, {_MEASURE_COLS} FROM measure_review r "
            "WHERE r.meeting_id = ? ORDER BY r.position, r.id",
            (meeting_id,),
        )
    ]


def meeting_register(conn: sqlite3.Connection, meeting_id: int, date: str) -> list[RegisterEntry]:
    """The meeting's register, each entry with when it was raised, reviews carried, its actions."""
    entries = []
    for r in conn.execute(
        f"SELECT s.entry_id, e.raised_in, rm.date, {_REGISTER_COLS} FROM register_state s "
        "JOIN register_entry e ON e.id = s.entry_id "
        "LEFT JOIN meeting rm ON rm.id = e.raised_in "
        "WHERE s.meeting_id = ? ORDER BY s.position, s.id",
        (meeting_id,),
    ):
        entry = entry_from_row(r[3:], r[0], r[1])
        entry.raised_on = dt.date.fromisoformat(r[2]) if r[2] else None
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
        texts[entry_id].append(text)
    for e in entries:
        e.carried_reviews = earlier.get(e.id, 0)
        e.actions = texts.get(e.id, [])
    return entries


def latest_measures(conn: sqlite3.Connection, partnership_id: int) -> list[Measure]:
    """Each measure of the partnership as its last review recorded it."""
    latest: dict[int, Measure] = {}
    for r in conn.execute(
        f"SELECT r.measure_id, {_MEASURE_COLS} {MEASURES_OF_PARTNERSHIP} "
        "ORDER BY m.date, m.id, r.position",
        (partnership_id, partnership_id),
    ):
        latest[r[0]] = measure_from_row(r[1:], r[0])
    return list(latest.values())


def latest_register(conn: sqlite3.Connection, partnership_id: int) -> list[RegisterEntry]:
    """Each register entry as it stands in the last review that lists it."""
    latest: dict[int, RegisterEntry] = {}
    counts: dict[int, int] = defaultdict(int)
    for r in conn.execute(
        f"SELECT s.entry_id, e.raised_in, s.meeting_id, {_REGISTER_COLS} "
        f"{REGISTER_OF_PARTNERSHIP} ORDER BY m.date, m.id, s.position",
        (partnership_id, partnership_id),
    ):
        entry = entry_from_row(r[3:], r[0], r[1])
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
