"""Portfolio files with values the schema's rules forbid, written around reviewdesk with sqlite3.

Each case changes one value of one row of the sample portfolio's meeting TARGET (signed off, with
two earlier reviews) with CHECK constraints or foreign keys switched off, as another program or a
forger could; ``expected`` is the start of the one line that must name it.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reviewdesk.app.demo import load_demo
from reviewdesk.record.scorecard import Measure, RegisterEntry
from reviewdesk.store.opening import open_portfolio

TARGET = 3  # the sample's third review: signed off, with two reviews before it
MARKUP = 'x<img src="/etc/hostname" width="40" height="40"/><a href="https://evil.example/">a</a>'
NOT_UTF8 = "CAST(X'C328FF' AS TEXT)"
BLOB = "X'00FF'"


@dataclass(frozen=True)
class Case:
    table: str
    column: str
    value: str  # an SQL expression
    rows: str = "meeting_id = {m}"  # which rows of the table belong to the target meeting
    key: str = "id"  # the table's row id column
    meeting: int = 0  # the meeting whose row it is (0: TARGET)

    @property
    def target(self) -> int:
        return self.meeting or TARGET

    @property
    def name(self) -> str:
        return f"{self.table}.{self.column}={self.value[:30]}"


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


SECTION_ROWS = "section_id IN (SELECT id FROM section WHERE meeting_id = {m})"
QUESTION_ROWS = (
    "question_id IN (SELECT q.id FROM question q JOIN section s ON s.id = q.section_id "
    "WHERE s.meeting_id = {m})"
)
ROUND_ROWS = "round_id IN (SELECT id FROM rating_round WHERE meeting_id = {m})"
ROUNDS_MEETING = 4  # the sample's open review, given per-person ratings and rounds (with_rounds)
PARTNERSHIP_ROWS = "id = (SELECT partnership_id FROM meeting WHERE id = {m})"

CASES = [
    Case("goal_review", "status", _q(MARKUP)),
    Case("goal_review", "owner_side", "'nobody'"),
    Case("goal_review", "due", "'2026-02-30'"),
    Case("goal_review", "title", BLOB),
    Case("goal_review", "current", NOT_UTF8),
    Case("action_state", "status", "'maybe<b>'"),
    Case("action_state", "side", _q(MARKUP)),
    Case("action_state", "due", "'soon'"),
    Case("action_state", "text", BLOB),
    Case("action_state", "action_id", "999999"),
    Case("meeting", "date", "'2026-13-45'", "id = {m}"),
    Case("meeting", "status", _q(MARKUP), "id = {m}"),
    Case("meeting", "title", BLOB, "id = {m}"),
    Case("meeting", "partnership_id", "999999", "id = {m}"),
    Case("partnership", "client", BLOB, PARTNERSHIP_ROWS),
    Case("partnership", "start_date", "'yesterday'", PARTNERSHIP_ROWS),
    Case("participant", "side", _q(MARKUP)),
    Case("participant", "present", "'yes'"),
    Case("section", "notes", BLOB),
    Case("section", "title", NOT_UTF8),
    Case("section", "timebox_minutes", "'long'"),
    Case("question", "client_rating", "'five'", SECTION_ROWS),
    Case("question", "provider_rating", "9", SECTION_ROWS),
    Case("question", "client_rating", "2.5", SECTION_ROWS),
    Case("question", "comment", BLOB, SECTION_ROWS),
    Case("decision", "text", BLOB, SECTION_ROWS),
    Case("signature", "signed_at", "'2026-09-30T17:05:00'"),  # no zone
    Case("signature", "signed_at", "'yesterday'"),
    Case("signature", "side", _q(MARKUP)),
    Case("signature", "png", "X'89504E47'"),
    Case("signature", "name", BLOB),
    Case("signoff", "fingerprint", "'not a digest'", key="meeting_id"),
    Case("signoff", "imported_at", "'last week'", key="meeting_id"),
    Case("person_rating", "value", "'five'", QUESTION_ROWS, meeting=ROUNDS_MEETING),
    Case("person_rating", "value", "9", QUESTION_ROWS, meeting=ROUNDS_MEETING),
    Case("person_rating", "side", _q(MARKUP), QUESTION_ROWS, meeting=ROUNDS_MEETING),
    Case("person_rating", "given_at", "'2026-11-27T10:00:00'", QUESTION_ROWS, meeting=4),
    Case("person_rating", "person", BLOB, QUESTION_ROWS, meeting=ROUNDS_MEETING),
    Case("person_rating", "round_id", "999999", QUESTION_ROWS, meeting=ROUNDS_MEETING),
    Case("anonymous_rating", "value", "0", QUESTION_ROWS, key="token", meeting=4),
    Case("anonymous_rating", "given_at", "'soon'", QUESTION_ROWS, key="token", meeting=4),
    Case("rating_round", "started_at", "'noon'", meeting=ROUNDS_MEETING),
    Case("rating_round", "revealed_at", "X'00'", meeting=ROUNDS_MEETING),
    Case("rating_round", "anonymous", "'yes'", meeting=ROUNDS_MEETING),
    Case("rating_round", "scope", BLOB, meeting=ROUNDS_MEETING),
    Case("round_rater", "done", "7", ROUND_ROWS, meeting=ROUNDS_MEETING),
    Case("round_rater", "name", BLOB, ROUND_ROWS, meeting=ROUNDS_MEETING),
    Case("measure_review", "value", "'lots'", meeting=ROUNDS_MEETING),
    Case("measure_review", "direction", _q(MARKUP), meeting=ROUNDS_MEETING),
    Case("measure_review", "target", BLOB, meeting=ROUNDS_MEETING),
    Case("measure_review", "name", NOT_UTF8, meeting=ROUNDS_MEETING),
    Case("register_state", "kind", "'x<b>'", meeting=ROUNDS_MEETING),
    Case("register_state", "status", "'done'", meeting=ROUNDS_MEETING),
    Case("register_state", "likelihood", "'sometimes'", meeting=ROUNDS_MEETING),
    Case("register_state", "title", BLOB, meeting=ROUNDS_MEETING),
    Case("register_state", "entry_id", "999999", meeting=ROUNDS_MEETING),
    Case("partnership", "tier", "'gold'", PARTNERSHIP_ROWS),
    Case("partnership", "review_interval_months", "999", PARTNERSHIP_ROWS),
]


def first_row(conn: sqlite3.Connection, case: Case) -> int | str:
    rows = case.rows.format(m=case.target)
    query = f"SELECT MIN({case.key}) FROM {case.table} WHERE {rows}"
    (row_id,) = conn.execute(query).fetchone()
    assert row_id is not None, case
    return row_id


def craft(path: Path, case: Case) -> str:
    """Write the case's value into the file; returns the row as the error must name it."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("PRAGMA foreign_keys = OFF")
        row_id = first_row(conn, case)
        update = f"UPDATE {case.table} SET {case.column} = {case.value} WHERE {case.key} = ?"
        conn.execute(update, (row_id,))
        conn.commit()
    finally:
        conn.close()
    if case.column == "partnership_id":
        return f"meeting {row_id}: its partnership 999999 does not exist"
    if case.column == "action_id":
        return f"action_state {row_id}: its action 999999 does not exist"
    if case.column == "entry_id":
        return f"register_state {row_id}: its entry 999999 does not exist"
    if case.column == "round_id":
        return f"{case.table} {row_id}: its round 999999 is not one of this meeting's"
    return f"{case.table} {row_id}: {case.column} "


def sample_portfolio(folder: Path) -> Path:
    """The sample partnership in a fresh file, closed (WAL folded in) so it can be copied; its
    open review has per-person ratings, an anonymous round (revealed) and a named one (open)."""
    path = folder / "sample.sqlite"
    with open_portfolio(path) as portfolio:
        load_demo(portfolio)
        m = ROUNDS_MEETING
        portfolio.rate_openly(m, "trust", "transparency", "Maren Holt", 4)
        anonymous = portfolio.start_round(m, "trust", ["Tomasz Wójcik"], anonymous=True)
        portfolio.give_rating(anonymous, "Tomasz Wójcik", "trust", "transparency", 2)
        portfolio.finish_rater(anonymous, "Tomasz Wójcik")
        portfolio.reveal_round(anonymous)
        named = portfolio.start_round(m, "", ["Nguyễn Văn An"])
        portfolio.give_rating(named, "Nguyễn Văn An", "trust", "transparency", 5)
        measure = Measure("Entries right first time", unit="%", target=98.0, amber=95.0, value=96.5)
        portfolio.add_measure(m, measure)
        risk = RegisterEntry("risk", "Peak season staffing", "high", likelihood="likely")
        portfolio.add_register_entry(m, risk)
        portfolio.set_cadence(portfolio.meeting(m).partnership.id, "important", 3)
    return path


def copy_of(sample: Path, folder: Path, name: str = "crafted.sqlite") -> Path:
    target = folder / name
    shutil.copyfile(sample, target)
    return target
