"""Goals and action items: each meeting keeps its own state of them."""

from __future__ import annotations

from typing import Any

from reviewdesk.record import rules
from reviewdesk.record.errors import (
    NotFound,
    StorageError,
)
from reviewdesk.record.model import (
    GOAL_FIELDS,
    Action,
    Goal,
)
from reviewdesk.store import queries
from reviewdesk.store.base import ACTION_FIELDS, PortfolioBase, iso


class ItemCommands(PortfolioBase):
    def add_goal(self, meeting_id: int, goal: Goal) -> int:
        """A new goal of the partnership, first reviewed in this meeting."""
        rules.check_goal(goal)
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
            self._check_size(meeting_id)
        return gid

    def update_goal(self, meeting_id: int, goal_id: int, **fields: Any) -> None:
        """Change this meeting's review of a goal (earlier reviews stay as they were)."""
        bad = set(fields) - set(GOAL_FIELDS)
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        probe = Goal(
            title=fields.get("title", "x"), **{k: v for k, v in fields.items() if k != "title"}
        )
        rules.check_goal(probe)
        if "due" in fields:
            fields["due"] = iso(fields["due"])
        with self._write(meeting_id):
            cur = self.conn.execute(
                f"UPDATE goal_review SET {', '.join(f'{k} = ?' for k in fields)} "
                "WHERE meeting_id = ? AND goal_id = ?",
                (*fields.values(), meeting_id, goal_id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"meeting {meeting_id}: goal {goal_id} is not on this review")
            self._check_size(meeting_id)

    def add_action(self, meeting_id: int, action: Action) -> int:
        rules.check_action(action)
        with self._write(meeting_id):
            pid = self._meeting_partnership(meeting_id)
            aid = self._insert("action", partnership_id=pid, raised_in=meeting_id)
            (pos,) = self.conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM action_state WHERE meeting_id = ?",
                (meeting_id,),
            ).fetchone()
            self._insert_action_state(aid, meeting_id, pos, action)
            self._check_size(meeting_id)
        return aid

    def update_action(self, meeting_id: int, action_id: int, **fields: Any) -> None:
        bad = set(fields) - set(ACTION_FIELDS)
        if bad:
            raise ValueError(f"cannot update {sorted(bad)}")
        rules.check_action(
            Action(text=fields.get("text", "x"), **{k: v for k, v in fields.items() if k != "text"})
        )
        if "due" in fields:
            fields["due"] = iso(fields["due"])
        with self._write(meeting_id):
            cur = self.conn.execute(
                f"UPDATE action_state SET {', '.join(f'{k} = ?' for k in fields)} "
                "WHERE meeting_id = ? AND action_id = ?",
                (*fields.values(), meeting_id, action_id),
            )
            if cur.rowcount == 0:
                raise NotFound(f"meeting {meeting_id}: action {action_id} is not on this review")
            self._check_size(meeting_id)

    def remove_action(self, meeting_id: int, action_id: int) -> None:
        """Delete an action raised in this meeting (a carried-over one is cancelled instead)."""
        with self._write(meeting_id):
            row = self.conn.execute(
                "SELECT raised_in FROM action WHERE id = ?", (action_id,)
            ).fetchone()
            if row is None or row[0] != meeting_id:
                raise StorageError("only an action raised in this review can be deleted")
            self.conn.execute("DELETE FROM action WHERE id = ?", (action_id,))

    def _insert_goal_review(self, goal_id: int, mid: int, pos: int, goal: Goal) -> None:
        values = {f: getattr(goal, f) for f in GOAL_FIELDS}
        values["due"] = iso(goal.due)
        self._insert("goal_review", goal_id=goal_id, meeting_id=mid, position=pos, **values)

    def _insert_action_state(self, action_id: int, mid: int, pos: int, action: Action) -> None:
        values = {f: getattr(action, f) for f in ACTION_FIELDS}
        values["due"] = iso(action.due)
        self._insert("action_state", action_id=action_id, meeting_id=mid, position=pos, **values)
