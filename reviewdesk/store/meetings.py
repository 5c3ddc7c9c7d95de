"""Meetings: creating (with carry-over), importing, and editing their agenda content."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from reviewdesk.record import limits
from reviewdesk.record.errors import (
    StorageError,
)
from reviewdesk.record.model import (
    Meeting,
    Participant,
    Section,
)
from reviewdesk.store import queries
from reviewdesk.store.base import MEETING_FIELDS, iso, utc_now
from reviewdesk.store.images import normalised
from reviewdesk.store.items import ItemCommands
from reviewdesk.store.partnerships import PartnershipCommands
from reviewdesk.store.rounds import RoundCommands
from reviewdesk.store.scorecard import ScorecardCommands
from reviewdesk.store.signing import keep_signed

if TYPE_CHECKING:
    from reviewdesk.record.exchange.agenda import Agenda


class MeetingCommands(PartnershipCommands, ItemCommands, RoundCommands, ScorecardCommands):
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
            self._carry_scorecard(partnership_id, mid)
            self._check_size(mid)
        return mid

    def import_meeting(self, meeting: Meeting) -> int:
        """Write a validated meeting (from the exchange format) in one transaction."""
        signoff = normalised(meeting.signoff)
        with self._write():
            p = meeting.partnership
            existing = self.find_partnership(p.client, p.provider)
            if existing:
                pid = existing.id
                if p.service and not existing.service:
                    self.db["partnership"].update(pid, {"service": p.service})
                if p.tier and not existing.tier:  # a cadence set here is kept
                    self.db["partnership"].update(
                        pid, {"tier": p.tier, "review_interval_months": p.review_interval_months}
                    )
            else:
                pid = self._insert(
                    "partnership",
                    client=p.client,
                    provider=p.provider,
                    service=p.service,
                    tier=p.tier,
                    review_interval_months=p.review_interval_months,
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
            round_ids = self._insert_rounds(mid, meeting.rounds)
            self._insert_sections(mid, meeting.sections, round_ids)
            goal_ids = queries.goal_ids_by_title(self.conn, pid)
            for pos, goal in enumerate(meeting.goals):
                gid = goal_ids.get(goal.title) or self._insert(
                    "goal", partnership_id=pid, created_in=mid
                )
                self._insert_goal_review(gid, mid, pos, goal)
            open_by_text = queries.open_action_ids_by_text(self.conn, pid)
            action_ids: dict[str, int] = {}
            for pos, action in enumerate(meeting.actions):
                candidates = open_by_text.get(action.text)
                aid = (
                    candidates.pop(0)
                    if candidates
                    else self._insert("action", partnership_id=pid, raised_in=mid)
                )
                self._insert_action_state(aid, mid, pos, action)
                action_ids.setdefault(action.text, aid)
            self._import_scorecard(pid, mid, meeting.measures, meeting.register, action_ids)
            self._insert_signatures(mid, signoff)
            self._refresh_meeting_scores(mid)
            self._check_size(mid)
            if meeting.signoff:  # signed elsewhere: kept as signed, and marked as imported
                keep_signed(self.conn, mid, utc_now())
        return mid

    def _insert_sections(
        self, mid: int, sections: list[Section], round_ids: list[int] | None = None
    ) -> None:
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
                seconds_spent=s.seconds_spent,
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
            if any(q.ratings for q in s.questions):
                ids = dict(
                    self.conn.execute(
                        "SELECT key, id FROM question WHERE section_id = ?", (sid,)
                    ).fetchall()
                )
                for q in s.questions:
                    self._insert_person_ratings(ids[q.key], q.ratings, round_ids or [])
            self.db["decision"].insert_all(
                {"section_id": sid, "position": dpos, "text": d.text}
                for dpos, d in enumerate(s.decisions)
            )

    def update_meeting(self, meeting_id: int, **fields: Any) -> None:
        bad = set(fields) - set(MEETING_FIELDS)
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        if "title" in fields and not str(fields["title"]).strip():
            raise StorageError("title: must not be empty")
        if "date" in fields:
            fields["date"] = iso(fields["date"])
        with self._write(meeting_id):
            self.db["meeting"].update(meeting_id, fields)
            self._check_size(meeting_id)

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
            self._refresh_scores("q.id = ?", (qid,))

    def set_comment(self, meeting_id: int, section_key: str, question_key: str, text: str) -> None:
        with self._write(meeting_id):
            qid = self._question_id(meeting_id, section_key, question_key)
            self.conn.execute("UPDATE question SET comment = ? WHERE id = ?", (text, qid))
            self._check_size(meeting_id)

    def set_notes(self, meeting_id: int, section_key: str, text: str) -> None:
        with self._write(meeting_id):
            sid = self._section_id(meeting_id, section_key)
            self.conn.execute("UPDATE section SET notes = ? WHERE id = ?", (text, sid))
            self._check_size(meeting_id)

    def set_seconds_spent(self, meeting_id: int, section_key: str, seconds: int) -> None:
        """The time the meeting has spent on a section (its timer's total), in whole seconds.

        Written as the timer runs, not an undoable edit: time spent is not undone."""
        if isinstance(seconds, bool) or not isinstance(seconds, int):
            raise StorageError(f"seconds spent: {seconds!r} is not a whole number")
        if not 0 <= seconds <= limits.MAX_SECONDS_SPENT:
            raise StorageError(
                f"seconds spent: {seconds} is not between 0 and {limits.MAX_SECONDS_SPENT}"
            )
        with self._write(meeting_id):
            sid = self._section_id(meeting_id, section_key)
            self.conn.execute("UPDATE section SET seconds_spent = ? WHERE id = ?", (seconds, sid))

    def add_decision(self, meeting_id: int, section_key: str, text: str) -> int:
        with self._write(meeting_id):
            sid = self._section_id(meeting_id, section_key)
            (pos,) = self.conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM decision WHERE section_id = ?", (sid,)
            ).fetchone()
            did = self._insert("decision", section_id=sid, position=pos, text=text)
            self._check_size(meeting_id)
            return did

    def update_decision(self, decision_id: int, text: str) -> None:
        meeting_id = self._decision_meeting(decision_id)
        with self._write(meeting_id):
            self.conn.execute("UPDATE decision SET text = ? WHERE id = ?", (text, decision_id))
            self._check_size(meeting_id)

    def remove_decision(self, decision_id: int) -> None:
        with self._write(self._decision_meeting(decision_id)):
            self.conn.execute("DELETE FROM decision WHERE id = ?", (decision_id,))
