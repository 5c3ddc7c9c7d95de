"""The portfolio: one SQLite file of partnerships and meetings; every edit commits at once."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewdesk.record.errors import (
    FileRefused,
    MeetingLocked,
    NotFound,
    ReadOnlyPortfolio,
    StorageError,
)
from reviewdesk.record.model import (
    ACTION_STATUSES,
    GOAL_FIELDS,
    GOAL_STATUSES,
    OWNER_SIDES,
    SIDES,
    Action,
    Goal,
    Meeting,
    MeetingSummary,
    Participant,
    Partnership,
    Person,
    Reopening,
    SearchHit,
    Section,
    Signature,
)
from reviewdesk.record.rules import check_new_signoff
from reviewdesk.store import fileformat, queries, schema
from reviewdesk.store.backups import take_backup

if TYPE_CHECKING:
    import sqlite_utils

    from reviewdesk.record.analytics import History
    from reviewdesk.record.exchange.agenda import Agenda

ACTION_FIELDS = ("text", "owner", "side", "due", "status", "section")
MEETING_FIELDS = ("title", "date", "location", "facilitator", "service")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _utc_now() -> dt.datetime:
    """Now, to the microsecond: a reopen and an export in the same second still have an order."""
    return dt.datetime.now(dt.UTC)


class Portfolio:
    """An open portfolio file. Every mutating method commits before it returns."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, readonly: bool, notice: str = ""):
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.notice = notice  # why the file is read-only, for the window to show
        self._lock_fd: int | None = None

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """The sqlite-utils view of the connection, made on first use.

        Importing sqlite-utils costs ~90 ms, so reading a portfolio (start-up, ``list``) does
        not pay for it; the window warms it up once the portfolio is on screen.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        readonly: bool = False,
        exclusive: bool = False,
        quick_check: bool = True,
    ) -> Portfolio:
        """Open (or create) a portfolio. A file that is not ours raises FileRefused, untouched.

        ``exclusive`` takes an advisory lock so a second window opens the file read-only.
        ``quick_check=False`` defers SQLite's page check to the caller (:meth:`quick_check`),
        which must run it before the first edit.
        """
        path = Path(path)
        info = fileformat.inspect_file(path, quick_check=quick_check)
        if not info.exists:
            if not create:
                raise FileRefused(f"{path}: no such portfolio")
            if readonly:
                raise FileRefused(f"{path}: no such portfolio (and opened read-only)")
            _create_new(path)
            info = fileformat.inspect_file(path)
        notice = ""
        lock_fd = None
        if not readonly and not info.writable:
            readonly, notice = True, "the file or its folder is read-only"
        if not readonly and exclusive:
            lock_fd = _try_lock(path)
            if lock_fd is None:
                readonly, notice = True, "the file is open in another reviewdesk window"
        target = schema.current_version()
        if info.user_version < target and readonly:
            raise FileRefused(f"{path}: needs upgrading to file format {target} but is read-only")
        try:
            conn = fileformat.connect(path, readonly=readonly)
        except sqlite3.Error as exc:
            raise FileRefused(f"{path}: cannot be opened ({exc})") from None
        try:
            if info.user_version < target:
                backup = take_backup(conn, path, f"before-migration-v{target}")
                try:
                    migrate(conn, info.user_version)
                except sqlite3.Error as exc:
                    raise FileRefused(
                        f"{path}: upgrading to file format {target} failed ({exc}); the file "
                        f"is unchanged and a backup is at {backup}"
                    ) from None
        except BaseException:
            conn.close()
            raise
        portfolio = cls(path, conn, readonly=readonly, notice=notice)
        portfolio._lock_fd = lock_fd
        return portfolio

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            if not self.readonly:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> Portfolio:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self, meeting_id: int | None = None) -> Iterator[None]:
        """One committed transaction; refuses read-only files and locked meetings.

        The transaction starts with BEGIN IMMEDIATE so that, when another program is writing,
        it waits (busy timeout) for the write lock up front instead of failing half-way.
        """
        if self.readonly:
            raise ReadOnlyPortfolio(
                f"{self.path}: opened read-only ({self.notice or 'by request'})"
            )
        try:
            with self._transaction():
                if meeting_id is not None:
                    self._check_editable(meeting_id)
                yield
        except sqlite3.OperationalError as exc:
            raise _storage_error(exc) from None
        except sqlite3.DatabaseError as exc:
            raise StorageError(
                f"the file could not be written ({exc}); nothing was changed"
            ) from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.conn.in_transaction:  # nested: sqlite-utils uses a savepoint
            with self.db.atomic():
                yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def waiting_at_most(self, ms: int) -> Iterator[None]:
        """Writes inside wait at most ``ms`` for another program's write lock (retries use it)."""
        (before,) = self.conn.execute("PRAGMA busy_timeout").fetchone()
        self.conn.execute(f"PRAGMA busy_timeout={min(int(ms), before)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout={before}")

    def _check_editable(self, meeting_id: int) -> None:
        row = self.conn.execute("SELECT status FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no such meeting")
        if row[0] == "signed_off":
            raise MeetingLocked(
                f"meeting {meeting_id} is signed off and locked; reopen it (with a reason) to edit"
            )
        if row[0] == "draft":
            self.conn.execute(
                "UPDATE meeting SET status = 'in_progress' WHERE id = ?", (meeting_id,)
            )

    def take_backup(self, reason: str) -> Path:
        return take_backup(self.conn, self.path, reason)

    # ---- partnerships and people ---------------------------------------------------------

    def partnerships(self) -> list[Partnership]:
        return [
            queries.partnership_from_row(r)
            for r in self.conn.execute(
                "SELECT id, client, provider, service, start_date FROM partnership "
                "ORDER BY client COLLATE NOCASE, provider COLLATE NOCASE"
            )
        ]

    def partnership(self, partnership_id: int) -> Partnership:
        row = self.conn.execute(
            "SELECT id, client, provider, service, start_date FROM partnership WHERE id = ?",
            (partnership_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"partnership {partnership_id}: no such partnership")
        return queries.partnership_from_row(row)

    def find_partnership(self, client: str, provider: str) -> Partnership | None:
        row = self.conn.execute(
            "SELECT id, client, provider, service, start_date FROM partnership "
            "WHERE client = ? AND provider = ?",
            (client, provider),
        ).fetchone()
        return queries.partnership_from_row(row) if row else None

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
                start_date=_iso(start_date),
            )
        return self.partnership(pid)

    def update_partnership(self, partnership_id: int, **fields: Any) -> None:
        allowed = {"service", "start_date"}
        bad = set(fields) - allowed
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        if "start_date" in fields:
            fields["start_date"] = _iso(fields["start_date"])
        with self._write():
            self.db["partnership"].update(partnership_id, fields)

    def people(self, partnership_id: int) -> list[Person]:
        return [
            Person(name=r[1], side=r[2], role=r[3], email=r[4], id=r[0])
            for r in self.conn.execute(
                "SELECT id, name, side, role, email FROM person WHERE partnership_id = ? "
                "ORDER BY side, name COLLATE NOCASE",
                (partnership_id,),
            )
        ]

    def add_person(self, partnership_id: int, person: Person) -> Person:
        _check_choice("side", person.side, SIDES)
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

    # ---- meetings: reading ---------------------------------------------------------------

    def meetings(self, partnership_id: int | None = None) -> list[MeetingSummary]:
        return queries.meeting_summaries(self.conn, partnership_id)

    def meeting(self, meeting_id: int) -> Meeting:
        """The whole meeting record, with the context the minutes need."""
        return queries.load_meeting(self.conn, meeting_id)

    def meeting_status(self, meeting_id: int) -> str:
        row = self.conn.execute("SELECT status FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no such meeting")
        return row[0]

    def carry_over_preview(self, partnership_id: int) -> tuple[list[Action], list[Goal]]:
        """What a new meeting of the partnership would start with: open actions, active goals."""
        return (
            [a for a in queries.latest_actions(self.conn, partnership_id) if a.status == "open"],
            [g for g in queries.latest_goals(self.conn, partnership_id) if g.active],
        )

    def partnership_overview(
        self,
    ) -> dict[int, tuple[int, dt.date, list[tuple[float | None, float | None]]]]:
        """Per partnership id: (reviews, last date, averages of the last two reviews)."""
        return queries.partnership_overview(self.conn)

    def open_action_counts(self, today: dt.date) -> dict[int, tuple[int, int]]:
        """Per partnership id: (open actions, overdue on ``today``), in one query."""
        return queries.open_action_counts(self.conn, today)

    # ---- meetings: creating --------------------------------------------------------------

    def create_meeting(
        self,
        partnership_id: int,
        *,
        title: str,
        date: dt.date,
        agenda: Agenda,
        location: str = "",
        facilitator: str = "",
        participants: list[Participant] | None = None,
    ) -> int:
        """A new meeting with its own copy of the agenda, carrying over open actions and goals."""
        if not title.strip():
            raise StorageError("title: must not be empty")
        partnership = self.partnership(partnership_id)
        actions, goals = self.carry_over_preview(partnership_id)
        with self._write():
            mid = self._insert(
                "meeting",
                partnership_id=partnership_id,
                title=title,
                date=date.isoformat(),
                location=location,
                facilitator=facilitator,
                service=partnership.service,
                status="draft",
                agenda_name=agenda.name,
            )
            self._insert_participants(mid, partnership_id, participants or [])
            self._insert_sections(mid, agenda.new_sections())
            for pos, goal in enumerate(goals):
                self._insert_goal_review(goal.id, mid, pos, goal)
            for pos, action in enumerate(actions):
                self._insert_action_state(action.id, mid, pos, action)
        return mid

    def import_meeting(self, meeting: Meeting) -> int:
        """Write a validated meeting (from the exchange format) in one transaction."""
        with self._write():
            p = meeting.partnership
            existing = self.find_partnership(p.client, p.provider)
            if existing:
                pid = existing.id
                if p.service and not existing.service:
                    self.db["partnership"].update(pid, {"service": p.service})
            else:
                pid = self._insert(
                    "partnership", client=p.client, provider=p.provider, service=p.service
                )
            mid = self._insert(
                "meeting",
                partnership_id=pid,
                title=meeting.title,
                date=meeting.date.isoformat(),
                location=meeting.location,
                facilitator=meeting.facilitator,
                service=p.service,
                status=meeting.status,
                agenda_name=meeting.agenda_name,
            )
            self._insert_participants(mid, pid, meeting.participants)
            self._insert_sections(mid, meeting.sections)
            goal_ids = queries.goal_ids_by_title(self.conn, pid)
            for pos, goal in enumerate(meeting.goals):
                gid = goal_ids.get(goal.title) or self._insert(
                    "goal", partnership_id=pid, created_in=mid
                )
                self._insert_goal_review(gid, mid, pos, goal)
            open_by_text = queries.open_action_ids_by_text(self.conn, pid)
            for pos, action in enumerate(meeting.actions):
                candidates = open_by_text.get(action.text)
                aid = (
                    candidates.pop(0)
                    if candidates
                    else self._insert("action", partnership_id=pid, raised_in=mid)
                )
                self._insert_action_state(aid, mid, pos, action)
            self._insert_signatures(mid, meeting.signoff)
        return mid

    def _insert(self, table: str, **values: Any) -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        cur = self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values())
        )
        return int(cur.lastrowid)

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

    def _insert_sections(self, mid: int, sections: list[Section]) -> None:
        for pos, s in enumerate(sections):
            sid = self._insert(
                "section",
                meeting_id=mid,
                position=pos,
                key=s.key,
                title=s.title,
                guidance=s.guidance,
                timebox_minutes=s.timebox_minutes,
                notes=s.notes,
            )
            self.db["question"].insert_all(
                {
                    "section_id": sid,
                    "position": qpos,
                    "key": q.key,
                    "text": q.text,
                    "client_rating": q.client_rating,
                    "provider_rating": q.provider_rating,
                    "comment": q.comment,
                }
                for qpos, q in enumerate(s.questions)
            )
            self.db["decision"].insert_all(
                {"section_id": sid, "position": dpos, "text": d.text}
                for dpos, d in enumerate(s.decisions)
            )

    def _insert_goal_review(self, goal_id: int, mid: int, pos: int, goal: Goal) -> None:
        values = {f: getattr(goal, f) for f in GOAL_FIELDS}
        values["due"] = _iso(goal.due)
        self._insert("goal_review", goal_id=goal_id, meeting_id=mid, position=pos, **values)

    def _insert_action_state(self, action_id: int, mid: int, pos: int, action: Action) -> None:
        values = {f: getattr(action, f) for f in ACTION_FIELDS}
        values["due"] = _iso(action.due)
        self._insert("action_state", action_id=action_id, meeting_id=mid, position=pos, **values)

    def _insert_signatures(self, mid: int, signers: list[Signature]) -> None:
        for pos, s in enumerate(signers):
            self._insert(
                "signature",
                meeting_id=mid,
                position=pos,
                name=s.name,
                side=s.side,
                role=s.role,
                signed_at=s.signed_at_iso,
                png=s.signature_png,
            )

    # ---- meetings: editing ---------------------------------------------------------------

    def update_meeting(self, meeting_id: int, **fields: Any) -> None:
        bad = set(fields) - set(MEETING_FIELDS)
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        if "title" in fields and not str(fields["title"]).strip():
            raise StorageError("title: must not be empty")
        if "date" in fields:
            fields["date"] = _iso(fields["date"])
        with self._write(meeting_id):
            self.db["meeting"].update(meeting_id, fields)

    def _section_id(self, meeting_id: int, section_key: str) -> int:
        row = self.conn.execute(
            "SELECT id FROM section WHERE meeting_id = ? AND key = ?", (meeting_id, section_key)
        ).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no section {section_key!r}")
        return row[0]

    def _question_id(self, meeting_id: int, section_key: str, question_key: str) -> int:
        row = self.conn.execute(
            "SELECT q.id FROM question q JOIN section s ON s.id = q.section_id "
            "WHERE s.meeting_id = ? AND s.key = ? AND q.key = ?",
            (meeting_id, section_key, question_key),
        ).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no question {section_key}/{question_key}")
        return row[0]

    def set_rating(
        self, meeting_id: int, section_key: str, question_key: str, side: str, value: int | None
    ) -> None:
        if side not in ("client", "provider"):
            raise ValueError(f"side: {side!r} is not client or provider")
        if value is not None and (isinstance(value, bool) or value not in range(1, 6)):
            raise StorageError(f"{side} rating: {value!r} is not between 1 and 5")
        with self._write(meeting_id):
            qid = self._question_id(meeting_id, section_key, question_key)
            self.conn.execute(f"UPDATE question SET {side}_rating = ? WHERE id = ?", (value, qid))

    def set_comment(self, meeting_id: int, section_key: str, question_key: str, text: str) -> None:
        with self._write(meeting_id):
            qid = self._question_id(meeting_id, section_key, question_key)
            self.conn.execute("UPDATE question SET comment = ? WHERE id = ?", (text, qid))

    def set_notes(self, meeting_id: int, section_key: str, text: str) -> None:
        with self._write(meeting_id):
            sid = self._section_id(meeting_id, section_key)
            self.conn.execute("UPDATE section SET notes = ? WHERE id = ?", (text, sid))

    def add_decision(self, meeting_id: int, section_key: str, text: str) -> int:
        with self._write(meeting_id):
            sid = self._section_id(meeting_id, section_key)
            (pos,) = self.conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM decision WHERE section_id = ?", (sid,)
            ).fetchone()
            return self._insert("decision", section_id=sid, position=pos, text=text)

    def _decision_meeting(self, decision_id: int) -> int:
        row = self.conn.execute(
            "SELECT s.meeting_id FROM decision d JOIN section s ON s.id = d.section_id "
            "WHERE d.id = ?",
            (decision_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"decision {decision_id}: no such decision")
        return row[0]

    def update_decision(self, decision_id: int, text: str) -> None:
        with self._write(self._decision_meeting(decision_id)):
            self.conn.execute("UPDATE decision SET text = ? WHERE id = ?", (text, decision_id))

    def remove_decision(self, decision_id: int) -> None:
        with self._write(self._decision_meeting(decision_id)):
            self.conn.execute("DELETE FROM decision WHERE id = ?", (decision_id,))

    def set_participants(self, meeting_id: int, participants: list[Participant]) -> None:
        """Replace the meeting's attendee list (names must be unique)."""
        names = [p.name for p in participants]
        if len(set(names)) != len(names):
            raise StorageError("attendees: a name appears twice")
        for p in participants:
            _check_choice("side", p.side, SIDES)
            if not p.name.strip():
                raise StorageError("attendee name: must not be empty")
        with self._write(meeting_id):
            (pid,) = self.conn.execute(
                "SELECT partnership_id FROM meeting WHERE id = ?", (meeting_id,)
            ).fetchone()
            self.conn.execute("DELETE FROM participant WHERE meeting_id = ?", (meeting_id,))
            self._insert_participants(meeting_id, pid, participants)

    def set_present(self, meeting_id: int, name: str, present: bool) -> None:
        with self._write(meeting_id):
            cur = self.conn.execute(
                "UPDATE participant SET present = ? WHERE meeting_id = ? AND name = ?",
                (int(present), meeting_id, name),
            )
            if cur.rowcount == 0:
                raise NotFound(f"meeting {meeting_id}: no attendee {name!r}")

    # goals

    def add_goal(self, meeting_id: int, goal: Goal) -> int:
        """A new goal of the partnership, first reviewed in this meeting."""
        _check_goal(goal)
        with self._write(meeting_id):
            pid = self._meeting_partnership(meeting_id)
            if goal.title in queries.goal_titles_in_meeting(self.conn, meeting_id):
                raise StorageError(f"goal title: {goal.title!r} is already on this review")
            gid = self._insert("goal", partnership_id=pid, created_in=meeting_id)
            (pos,) = self.conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM goal_review WHERE meeting_id = ?",
                (meeting_id,),
            ).fetchone()
            self._insert_goal_review(gid, meeting_id, pos, goal)
        return gid

    def update_goal(self, meeting_id: int, goal_id: int, **fields: Any) -> None:
        """Change this meeting's review of a goal (earlier reviews stay as they were)."""
        bad = set(fields) - set(GOAL_FIELDS)
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        probe = Goal(
            title=fields.get("title", "x"), **{k: v for k, v in fields.items() if k != "title"}
        )
        _check_goal(probe)
        if "due" in fields:
            fields["due"] = _iso(fields["due"])
        with self._write(meeting_id):
            cur = self.conn.execute(
                f"UPDATE goal_review SET {', '.join(f'{k} = ?' for k in fields)} "
                "WHERE meeting_id = ? AND goal_id = ?",
                (*fields.values(), meeting_id, goal_id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"meeting {meeting_id}: goal {goal_id} is not on this review")

    # actions

    def add_action(self, meeting_id: int, action: Action) -> int:
        _check_action(action)
        with self._write(meeting_id):
            pid = self._meeting_partnership(meeting_id)
            aid = self._insert("action", partnership_id=pid, raised_in=meeting_id)
            (pos,) = self.conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM action_state WHERE meeting_id = ?",
                (meeting_id,),
            ).fetchone()
            self._insert_action_state(aid, meeting_id, pos, action)
        return aid

    def update_action(self, meeting_id: int, action_id: int, **fields: Any) -> None:
        bad = set(fields) - set(ACTION_FIELDS)
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        _check_action(
            Action(text=fields.get("text", "x"), **{k: v for k, v in fields.items() if k != "text"})
        )
        if "due" in fields:
            fields["due"] = _iso(fields["due"])
        with self._write(meeting_id):
            cur = self.conn.execute(
                f"UPDATE action_state SET {', '.join(f'{k} = ?' for k in fields)} "
                "WHERE meeting_id = ? AND action_id = ?",
                (*fields.values(), meeting_id, action_id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"meeting {meeting_id}: action {action_id} is not on this review")

    def remove_action(self, meeting_id: int, action_id: int) -> None:
        """Delete an action raised in this meeting (a carried-over one is cancelled instead)."""
        with self._write(meeting_id):
            row = self.conn.execute(
                "SELECT raised_in FROM action WHERE id = ?", (action_id,)
            ).fetchone()
            if row is None or row[0] != meeting_id:
                raise StorageError("only an action raised in this review can be deleted")
            self.conn.execute("DELETE FROM action WHERE id = ?", (action_id,))

    def _meeting_partnership(self, meeting_id: int) -> int:
        row = self.conn.execute(
            "SELECT partnership_id FROM meeting WHERE id = ?", (meeting_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no such meeting")
        return row[0]

    # ---- sign-off ------------------------------------------------------------------------

    def sign_off(self, meeting_id: int, signers: list[Signature]) -> None:
        """Record every signer at once and lock the meeting (needs a client and a provider)."""
        from reviewdesk.record.exchange.meeting_format import is_png

        check_new_signoff(signers)
        for s in signers:
            _check_choice("signer side", s.side, SIDES)
            if s.signature_png is not None and not is_png(s.signature_png):
                raise StorageError(f"signature of {s.name}: not a whole PNG image")
        self.meeting_status(meeting_id)  # NotFound before anything else
        if not self.readonly:
            self.take_backup(f"before-signoff-m{meeting_id}")
        with self._write(meeting_id):
            self._insert_signatures(meeting_id, signers)
            self.conn.execute(
                "UPDATE meeting SET status = 'signed_off' WHERE id = ?", (meeting_id,)
            )

    def reopen(self, meeting_id: int, reason: str, at: dt.datetime | None = None) -> None:
        """Unlock a signed-off meeting, voiding its signatures; the reason is kept."""
        if not reason.strip():
            raise StorageError("reason: a reopen needs a reason")
        if self.meeting_status(meeting_id) != "signed_off":
            raise StorageError(f"meeting {meeting_id} is not signed off; nothing to reopen")
        at = at or _utc_now()
        with self._write():
            voided = [
                r[0]
                for r in self.conn.execute(
                    "SELECT name FROM signature WHERE meeting_id = ? ORDER BY position",
                    (meeting_id,),
                )
            ]
            self._insert(
                "reopening",
                meeting_id=meeting_id,
                reopened_at=at.isoformat(),
                reason=reason,
                voided=json.dumps(voided, ensure_ascii=False),
            )
            self.conn.execute("DELETE FROM signature WHERE meeting_id = ?", (meeting_id,))
            self.conn.execute(
                "UPDATE meeting SET status = 'in_progress' WHERE id = ?", (meeting_id,)
            )

    def reopenings(self, meeting_id: int) -> list[Reopening]:
        return queries.reopenings(self.conn, meeting_id)

    # ---- export log ----------------------------------------------------------------------

    def record_export(
        self, meeting_id: int, pdf_sha256: str, fingerprint: str, at: dt.datetime | None = None
    ) -> None:
        with self._write():
            self._insert(
                "export_log",
                meeting_id=meeting_id,
                pdf_sha256=pdf_sha256,
                fingerprint=fingerprint,
                exported_at=(at or _utc_now()).isoformat(),
            )

    def exports_with_hash(self, pdf_sha256: str) -> list[tuple[int, str, str]]:
        """(meeting id, fingerprint, time) of every export whose PDF had this SHA-256."""
        return [
            (r[0], r[1], r[2])
            for r in self.conn.execute(
                "SELECT meeting_id, fingerprint, exported_at FROM export_log "
                "WHERE pdf_sha256 = ? ORDER BY id DESC",
                (pdf_sha256,),
            )
        ]

    # ---- across reviews ------------------------------------------------------------------

    def search(self, text: str, limit: int | None = 200) -> list[SearchHit]:
        """Full-text search over notes, comments, decisions, actions and goals, newest first."""
        return queries.search(self.conn, text, limit)

    def history(self, partnership_id: int, upto_meeting_id: int | None = None) -> History:
        """The partnership's reviews (up to a meeting) as rows for trends and follow-through."""
        return queries.history(self.conn, partnership_id, upto_meeting_id)

    def minutes_record(self, meeting_id: int) -> tuple[Meeting, History]:
        """What the PDF minutes are made from: the meeting and its partnership's history so far."""
        meeting = self.meeting(meeting_id)
        return meeting, self.history(meeting.partnership.id, upto_meeting_id=meeting_id)

    def quick_check(self) -> str:
        """SQLite's quick page check: 'ok', or what is wrong."""
        rows = self.conn.execute("PRAGMA quick_check").fetchall()
        return "; ".join(r[0] for r in rows)

    def make_read_only(self, notice: str) -> None:
        """Refuse every further edit (e.g. after a failed check), saying why."""
        self.readonly, self.notice = True, notice

    def integrity_check(self) -> str:
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(r[0] for r in rows)


# ---- module helpers --------------------------------------------------------------------------


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Apply every pending migration in one transaction; on failure the file is unchanged."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if from_version == 0:
            conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        target = schema.current_version()
        for version in range(from_version, target):
            schema.MIGRATIONS[version](conn)
        conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _create_new(path: Path) -> None:
    """Build a new portfolio beside the target, then move it into place whole.

    What a killed creation left behind (a locked-by-nobody temporary file) is cleared first.
    """
    from reviewdesk.store.files import locked_temp

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked_temp(path, ".new", 0o600) as (_fd, tmp):
            conn = sqlite3.connect(tmp)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
                migrate(conn, 0)
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
            try:
                os.link(tmp, path)  # never replaces a file that appeared meanwhile
            except FileExistsError:
                raise FileRefused(
                    f"{path}: appeared while it was being created; try again"
                ) from None
    except OSError as exc:
        raise FileRefused(f"{path}: cannot create the portfolio ({exc.strerror or exc})") from None
    except sqlite3.Error as exc:
        raise FileRefused(f"{path}: cannot create the portfolio ({exc})") from None


def _try_lock(path: Path) -> int | None:
    """Take the window lock of the real file (a symlink or another spelling shares it)."""
    real = path.resolve()
    lock_path = real.with_name(real.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _storage_error(exc: sqlite3.OperationalError) -> StorageError | ReadOnlyPortfolio:
    message = str(exc)
    if "full" in message:
        return StorageError("the disk is full: the last change was not saved; free space and retry")
    if "readonly" in message or "read-only" in message:
        return ReadOnlyPortfolio("the file is read-only: the last change was not saved")
    if "locked" in message or "busy" in message:
        return StorageError("the file is busy in another program: the last change was not saved")
    return StorageError(f"the file could not be written ({message}); nothing was changed")


def _check_choice(field: str, value: Any, allowed: tuple[str, ...], nullable: bool = False) -> None:
    if value is None and nullable:
        return
    if value not in allowed:
        raise StorageError(f"{field}: {value!r} is not one of {', '.join(allowed)}")


def _check_goal(goal: Goal) -> None:
    if not goal.title.strip():
        raise StorageError("goal title: must not be empty")
    _check_choice("goal status", goal.status, GOAL_STATUSES)
    _check_choice("goal owner side", goal.owner_side, OWNER_SIDES, nullable=True)


def _check_action(action: Action) -> None:
    if not action.text.strip():
        raise StorageError("action text: must not be empty")
    _check_choice("action status", action.status, ACTION_STATUSES)
    _check_choice("action side", action.side, OWNER_SIDES, nullable=True)
