"""Partnerships, their people and a meeting's attendees."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from reviewdesk.record import rules
from reviewdesk.record.errors import (
    NotFound,
    StorageError,
)
from reviewdesk.record.model import (
    SIDES,
    Participant,
    Partnership,
    Person,
)
from reviewdesk.store import queries, rowcheck
from reviewdesk.store.base import PortfolioBase, iso
from reviewdesk.store.rowcheck import reads

_PARTNERSHIP = f"SELECT {queries.PARTNERSHIP_COLS} FROM partnership"


@reads
def _partnerships(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[Partnership]:
    return [queries.partnership_from_row(r) for r in conn.execute(sql, params)]


@reads
def _people(conn: sqlite3.Connection, partnership_id: int) -> list[Person]:
    t = "person"
    return [
        Person(
            name=rowcheck.text(t, r[0], "name", r[1], nonblank=True),
            side=rowcheck.choice(t, r[0], "side", r[2], SIDES),
            role=rowcheck.text(t, r[0], "role", r[3]),
            email=rowcheck.text(t, r[0], "email", r[4]),
            id=r[0],
        )
        for r in conn.execute(
            "SELECT id, name, side, role, email FROM person WHERE partnership_id = ? "
            "ORDER BY side, name COLLATE NOCASE",
            (partnership_id,),
        )
    ]


class PartnershipCommands(PortfolioBase):
    def partnerships(self) -> list[Partnership]:
        return _partnerships(
            self.conn, f"{_PARTNERSHIP} ORDER BY client COLLATE NOCASE, provider COLLATE NOCASE"
        )

    def partnership(self, partnership_id: int) -> Partnership:
        found = _partnerships(self.conn, f"{_PARTNERSHIP} WHERE id = ?", (partnership_id,))
        if not found:
            raise NotFound(f"partnership {partnership_id}: no such partnership")
        return found[0]

    def find_partnership(self, client: str, provider: str) -> Partnership | None:
        found = _partnerships(
            self.conn, f"{_PARTNERSHIP} WHERE client = ? AND provider = ?", (client, provider)
        )
        return found[0] if found else None

    def add_partnership(
        self, client: str, provider: str, service: str = "", start_date: dt.date | None = None
    ) -> Partnership:
        client, provider = client.strip(), provider.strip()
        if not client:
            raise StorageError("client: must not be empty")
        if not provider:
            raise StorageError("provider: must not be empty")
        if self.find_partnership(client, provider):
            raise StorageError(f"partnership {client} ↔ {provider} already exists")
        with self._write():
            pid = self._insert(
                "partnership",
                client=client,
                provider=provider,
                service=service,
                start_date=iso(start_date),
            )
        return self.partnership(pid)

    def update_partnership(self, partnership_id: int, **fields: Any) -> None:
        allowed = {"service", "start_date"}
        bad = set(fields) - allowed
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        if "start_date" in fields:
            fields["start_date"] = iso(fields["start_date"])
        with self._write():
            self.db["partnership"].update(partnership_id, fields)

    def people(self, partnership_id: int) -> list[Person]:
        return _people(self.conn, partnership_id)

    def add_person(self, partnership_id: int, person: Person) -> Person:
        rules.check_choice("side", person.side, SIDES)
        if not person.name.strip():
            raise StorageError("name: must not be empty")
        with self._write():
            self._upsert_person(partnership_id, person)
        return next(p for p in self.people(partnership_id) if p.name == person.name)

    def _upsert_person(self, partnership_id: int, person: Person | Participant) -> None:
        self.conn.execute(
            "INSERT INTO person (partnership_id, name, side, role, email) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (partnership_id, name) DO UPDATE SET side = excluded.side, "
            "role = CASE WHEN excluded.role != '' THEN excluded.role ELSE role END, "
            "email = CASE WHEN excluded.email != '' THEN excluded.email ELSE email END",
            (partnership_id, person.name, person.side, person.role, person.email),
        )

    def set_participants(self, meeting_id: int, participants: list[Participant]) -> None:
        """Replace the meeting's attendee list (names must be unique)."""
        names = [p.name for p in participants]
        if len(set(names)) != len(names):
            raise StorageError("attendees: a name appears twice")
        for p in participants:
            rules.check_choice("side", p.side, SIDES)
            if not p.name.strip():
                raise StorageError("attendee name: must not be empty")
        with self._write(meeting_id):
            (pid,) = self.conn.execute(
                "SELECT partnership_id FROM meeting WHERE id = ?", (meeting_id,)
            ).fetchone()
            self.conn.execute("DELETE FROM participant WHERE meeting_id = ?", (meeting_id,))
            self._insert_participants(meeting_id, pid, participants)
            self._check_size(meeting_id)

    def set_present(self, meeting_id: int, name: str, present: bool) -> None:
        with self._write(meeting_id):
            cur = self.conn.execute(
                "UPDATE participant SET present = ? WHERE meeting_id = ? AND name = ?",
                (int(present), meeting_id, name),
            )
            if cur.rowcount == 0:
                raise NotFound(f"meeting {meeting_id}: no attendee {name!r}")

    def _insert_participants(self, mid: int, pid: int, participants: list[Participant]) -> None:
        for p in participants:
            self._upsert_person(pid, p)
        self.db["participant"].insert_all(
            {
                "meeting_id": mid,
                "position": pos,
                "name": p.name,
                "side": p.side,
                "role": p.role,
                "email": p.email,
                "present": int(p.present),
            }
            for pos, p in enumerate(participants)
        )
