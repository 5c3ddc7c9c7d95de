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
    Meeting,
    Participant,
    Partnership,
    Person,
)
from reviewdesk.store import queries, records, rowcheck
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

    def update_participant(
        self, meeting_id: int, name: str, *, side: str | None = None, role: str | None = None
    ) -> None:
        """Give an attendee of an open review another side or role (the directory follows)."""
        if side is not None:
            rules.check_choice("side", side, SIDES)
        with self._write(meeting_id):
            self._participant_row(meeting_id, name)
            if side is not None:
                self.conn.execute(
                    "UPDATE participant SET side = ? WHERE meeting_id = ? AND name = ?",
                    (side, meeting_id, name),
                )
            if role is not None:
                self.conn.execute(
                    "UPDATE participant SET role = ? WHERE meeting_id = ? AND name = ?",
                    (role.strip(), meeting_id, name),
                )
            self._sync_person(meeting_id, name)

    def rename_participant(self, meeting_id: int, name: str, new_name: str) -> None:
        """Correct an attendee's name on an open review; the actions they own on it follow.

        Refused (nothing written) for a name already listed, or someone who signed or rates in
        a private round (``record.rules.rename_refusal``).
        """
        new_name = new_name.strip()
        if not new_name:
            raise StorageError("attendee name: must not be empty")
        meeting = self._open_meeting(meeting_id)
        if meeting.participant(name) is None:
            raise NotFound(f"meeting {meeting_id}: no attendee {name!r}")
        if new_name == name:
            return
        if any(
            rules.person_key(p.name) == rules.person_key(new_name) and p.name != name
            for p in meeting.participants
        ):
            raise StorageError(f"attendee name: {new_name} is already an attendee")
        refusal = rules.rename_refusal(meeting, name)
        if refusal:
            raise StorageError(f"attendee {name}: {refusal}")
        with self._write(meeting_id):
            self.conn.execute(
                "UPDATE participant SET name = ? WHERE meeting_id = ? AND name = ?",
                (new_name, meeting_id, name),
            )
            self.conn.execute(
                "UPDATE action_state SET owner = ? WHERE meeting_id = ? AND owner = ?",
                (new_name, meeting_id, name),
            )
            self._sync_person(meeting_id, new_name)
            self._forget_person(meeting_id, name)

    def remove_participant(self, meeting_id: int, name: str) -> None:
        """Take someone added by mistake off an open review's list.

        Refused (nothing written) for someone who owns actions on it, signed, or rates in a
        private round (``record.rules.removal_refusal``); someone on no other review of the
        partnership leaves its directory too, so the next review does not propose them.
        """
        meeting = self._open_meeting(meeting_id)
        if meeting.participant(name) is None:
            raise NotFound(f"meeting {meeting_id}: no attendee {name!r}")
        refusal = rules.removal_refusal(meeting, name)
        if refusal:
            raise StorageError(f"attendee {name}: {refusal}")
        with self._write(meeting_id):
            self.conn.execute(
                "DELETE FROM participant WHERE meeting_id = ? AND name = ?", (meeting_id, name)
            )
            self._forget_person(meeting_id, name)

    def _open_meeting(self, meeting_id: int) -> Meeting:
        """The meeting's record, refusing a signed-off one before anything else."""
        meeting = records.load_meeting(self.conn, meeting_id)
        rules.status_after_edit(meeting_id, meeting.status)
        return meeting

    def _participant_row(self, meeting_id: int, name: str) -> tuple:
        row = self.conn.execute(
            "SELECT name, side, role, email FROM participant WHERE meeting_id = ? AND name = ?",
            (meeting_id, name),
        ).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no attendee {name!r}")
        return row

    def _sync_person(self, meeting_id: int, name: str) -> None:
        """The partnership's directory entry of an attendee: their side and role as listed."""
        pname, side, role, email = self._participant_row(meeting_id, name)
        self._upsert_person(
            self._meeting_partnership(meeting_id), Participant(pname, side, role, email)
        )
        self.conn.execute(
            "UPDATE person SET role = ? WHERE partnership_id = ? AND name = ?",
            (role, self._meeting_partnership(meeting_id), pname),
        )

    def _forget_person(self, meeting_id: int, name: str) -> None:
        """Drop ``name`` from the directory when no review of the partnership lists them."""
        self.conn.execute(
            "DELETE FROM person WHERE partnership_id = ? AND name = ? AND NOT EXISTS ("
            "SELECT 1 FROM participant x JOIN meeting m ON m.id = x.meeting_id "
            "WHERE m.partnership_id = person.partnership_id AND x.name = person.name)",
            (self._meeting_partnership(meeting_id), name),
        )

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
