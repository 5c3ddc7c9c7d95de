"""The scorecard and register of a meeting, and the partnership's review cadence."""

from __future__ import annotations

from typing import Any

from reviewdesk.record import rules
from reviewdesk.record.errors import InvalidValue, NotFound
from reviewdesk.record.scorecard import (
    MAX_INTERVAL_MONTHS,
    MEASURE_FIELDS,
    REGISTER_FIELDS,
    TIERS,
    Measure,
    RegisterEntry,
)
from reviewdesk.store import scorecard_queries as sq
from reviewdesk.store.base import PortfolioBase


class ScorecardCommands(PortfolioBase):
    # ---- cadence -----------------------------------------------------------------------

    def set_cadence(
        self, partnership_id: int, tier: str | None, interval_months: int | None = None
    ) -> None:
        """The partnership's tier (strategic, important, routine) and its own interval, if any."""
        rules.check_choice("tier", tier, TIERS, nullable=True)
        if interval_months is not None and (
            isinstance(interval_months, bool)
            or not isinstance(interval_months, int)
            or not 1 <= interval_months <= MAX_INTERVAL_MONTHS
        ):
            raise InvalidValue(
                f"review interval: {interval_months!r} is not 1 to {MAX_INTERVAL_MONTHS} months"
            )
        with self._write():
            cur = self.conn.execute(
                "UPDATE partnership SET tier = ?, review_interval_months = ? WHERE id = ?",
                (tier, interval_months, partnership_id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"partnership {partnership_id}: no such partnership")

    # ---- measures ----------------------------------------------------------------------

    def add_measure(self, meeting_id: int, measure: Measure) -> int:
        """A new measure of the partnership, first recorded in this meeting."""
        rules.check_measure(measure)
        with self._write(meeting_id):
            pid = self._meeting_partnership(meeting_id)
            if self.conn.execute(
                "SELECT 1 FROM measure_review WHERE meeting_id = ? AND name = ?",
                (meeting_id, measure.name),
            ).fetchone():
                raise InvalidValue(f"measure name: {measure.name!r} is already on this review")
            mid = self._insert("measure", partnership_id=pid, created_in=meeting_id)
            self._insert_measure_review(mid, meeting_id, self._next_position(meeting_id), measure)
            self._check_size(meeting_id)
        return mid

    def update_measure(self, meeting_id: int, measure_id: int, **fields: Any) -> None:
        """Change this review's record of a measure (its value, note or definition)."""
        bad = set(fields) - set(MEASURE_FIELDS)
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        with self._write(meeting_id):
            current = self._measure_here(meeting_id, measure_id)
            for name, value in fields.items():
                setattr(current, name, value)
            rules.check_measure(current)
            self.conn.execute(
                f"UPDATE measure_review SET {', '.join(f'{k} = ?' for k in fields)} "
                "WHERE meeting_id = ? AND measure_id = ?",
                (*fields.values(), meeting_id, measure_id),
            )
            self._check_size(meeting_id)

    def remove_measure(self, meeting_id: int, measure_id: int) -> None:
        """Stop tracking a measure from this review on (earlier reviews keep their values)."""
        with self._write(meeting_id):
            self._measure_here(meeting_id, measure_id)
            self.conn.execute(
                "DELETE FROM measure_review WHERE meeting_id = ? AND measure_id = ?",
                (meeting_id, measure_id),
            )
            self.conn.execute(
                "DELETE FROM measure WHERE id = ? AND NOT EXISTS "
                "(SELECT 1 FROM measure_review WHERE measure_id = ?)",
                (measure_id, measure_id),
            )

    def _measure_here(self, meeting_id: int, measure_id: int) -> Measure:
        row = self.conn.execute(
            f"SELECT {', '.join(MEASURE_FIELDS)} FROM measure_review "
            "WHERE meeting_id = ? AND measure_id = ?",
            (meeting_id, measure_id),
        ).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: measure {measure_id} is not on this review")
        return sq.measure_from_row(row, measure_id)

    def _next_position(self, meeting_id: int, table: str = "measure_review") -> int:
        (pos,) = self.conn.execute(
            f"SELECT COALESCE(MAX(position) + 1, 0) FROM {table} WHERE meeting_id = ?",
            (meeting_id,),
        ).fetchone()
        return pos

    def _insert_measure_review(self, measure_id: int, mid: int, pos: int, m: Measure) -> None:
        values = {f: getattr(m, f) for f in MEASURE_FIELDS}
        self._insert(
            "measure_review", measure_id=measure_id, meeting_id=mid, position=pos, **values
        )

    # ---- register ----------------------------------------------------------------------

    def add_register_entry(self, meeting_id: int, entry: RegisterEntry) -> int:
        """A new risk, issue or escalation of the partnership, raised in this meeting."""
        rules.check_register_entry(entry)
        with self._write(meeting_id):
            pid = self._meeting_partnership(meeting_id)
            eid = self._insert("register_entry", partnership_id=pid, raised_in=meeting_id)
            self._insert_register_state(
                eid, meeting_id, self._next_position(meeting_id, "register_state"), entry
            )
            self._check_size(meeting_id)
        return eid

    def update_register_entry(self, meeting_id: int, entry_id: int, **fields: Any) -> None:
        """Change this review's state of an entry (each side its view, the status…)."""
        bad = set(fields) - set(REGISTER_FIELDS)
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        with self._write(meeting_id):
            current = self._entry_here(meeting_id, entry_id)
            for name, value in fields.items():
                setattr(current, name, value)
            rules.check_register_entry(current)
            self.conn.execute(
                f"UPDATE register_state SET {', '.join(f'{k} = ?' for k in fields)} "
                "WHERE meeting_id = ? AND entry_id = ?",
                (*fields.values(), meeting_id, entry_id),
            )
            self._check_size(meeting_id)

    def remove_register_entry(self, meeting_id: int, entry_id: int) -> None:
        """Delete an entry raised in this meeting (a carried one is closed instead)."""
        with self._write(meeting_id):
            row = self.conn.execute(
                "SELECT raised_in FROM register_entry WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is None or row[0] != meeting_id:
                raise InvalidValue("only an entry raised in this review can be deleted")
            self.conn.execute("DELETE FROM register_entry WHERE id = ?", (entry_id,))

    def link_register_action(
        self, meeting_id: int, entry_id: int, action_id: int, linked: bool = True
    ) -> None:
        """Tie an action item of this review to an entry as its next step (or untie it)."""
        with self._write(meeting_id):
            self._entry_here(meeting_id, entry_id)
            if not self.conn.execute(
                "SELECT 1 FROM action_state WHERE meeting_id = ? AND action_id = ?",
                (meeting_id, action_id),
            ).fetchone():
                raise NotFound(f"meeting {meeting_id}: action {action_id} is not on this review")
            if linked:
                self.conn.execute(
                    "INSERT OR IGNORE INTO register_action (entry_id, action_id) VALUES (?, ?)",
                    (entry_id, action_id),
                )
            else:
                self.conn.execute(
                    "DELETE FROM register_action WHERE entry_id = ? AND action_id = ?",
                    (entry_id, action_id),
                )

    def _entry_here(self, meeting_id: int, entry_id: int) -> RegisterEntry:
        row = self.conn.execute(
            f"SELECT {', '.join(REGISTER_FIELDS)} FROM register_state "
            "WHERE meeting_id = ? AND entry_id = ?",
            (meeting_id, entry_id),
        ).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: register entry {entry_id} is not on this review")
        return sq.entry_from_row(row, entry_id, None)

    def _insert_register_state(self, entry_id: int, mid: int, pos: int, e: RegisterEntry) -> None:
        values = {f: getattr(e, f) for f in REGISTER_FIELDS}
        self._insert("register_state", entry_id=entry_id, meeting_id=mid, position=pos, **values)

    # ---- carry-over and import ---------------------------------------------------------

    def _carry_scorecard(self, partnership_id: int, meeting_id: int) -> None:
        """A new meeting starts with every measure (no value yet) and every open entry."""
        measures = rules.carry_over_measures(sq.latest_measures(self.conn, partnership_id))
        for pos, m in enumerate(measures):
            self._insert_measure_review(m.id, meeting_id, pos, m)
        entries = rules.carry_over_register(sq.latest_register(self.conn, partnership_id))
        for pos, e in enumerate(entries):
            self._insert_register_state(e.id, meeting_id, pos, e)

    def _import_scorecard(
        self,
        partnership_id: int,
        meeting_id: int,
        measures: list[Measure],
        register: list[RegisterEntry],
        action_ids: dict[str, int],
    ) -> None:
        """A meeting file's measures join the partnership's by name, its entries the open
        entries of the same title (so their histories continue)."""
        by_name = {m.name: m.id for m in sq.latest_measures(self.conn, partnership_id)}
        for pos, m in enumerate(measures):
            mid = by_name.get(m.name) or self._insert(
                "measure", partnership_id=partnership_id, created_in=meeting_id
            )
            self._insert_measure_review(mid, meeting_id, pos, m)
        open_by_title: dict[str, list[int]] = {}
        for e in sq.latest_register(self.conn, partnership_id):
            if e.is_open and e.id is not None:
                open_by_title.setdefault(e.title, []).append(e.id)
        for pos, e in enumerate(register):
            candidates = open_by_title.get(e.title)
            eid = (
                candidates.pop(0)
                if candidates
                else self._insert(
                    "register_entry", partnership_id=partnership_id, raised_in=meeting_id
                )
            )
            self._insert_register_state(eid, meeting_id, pos, e)
            for text in e.actions:
                if text in action_ids:
                    self.conn.execute(
                        "INSERT OR IGNORE INTO register_action (entry_id, action_id) VALUES (?, ?)",
                        (eid, action_ids[text]),
                    )
