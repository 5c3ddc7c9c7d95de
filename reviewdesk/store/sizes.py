"""How much a meeting in the file holds, in the units of record.limits, in one query."""

from __future__ import annotations

import sqlite3

from reviewdesk.record.limits import TEXT_FIELDS, MeetingSize, check_size


def _length(alias: str, kind: str) -> str:
    return " + ".join(f"length(COALESCE({alias}.{c}, ''))" for c in TEXT_FIELDS[kind])


_SIZE_SQL = f"""
SELECT
  (SELECT count(*) FROM section WHERE meeting_id = :m),
  (SELECT COALESCE(MAX(n), 0) FROM (
      SELECT count(*) AS n FROM question q JOIN section s ON s.id = q.section_id
      WHERE s.meeting_id = :m GROUP BY q.section_id)),
  (SELECT count(*) FROM decision d JOIN section s ON s.id = d.section_id
      WHERE s.meeting_id = :m),
  (SELECT count(*) FROM goal_review WHERE meeting_id = :m),
  (SELECT count(*) FROM action_state WHERE meeting_id = :m),
  (SELECT count(*) FROM participant WHERE meeting_id = :m),
  (SELECT count(*) FROM signature WHERE meeting_id = :m),
  (SELECT COALESCE(SUM({_length("m", "meeting")}), 0) FROM meeting m WHERE m.id = :m)
  + (SELECT COALESCE(SUM({_length("p", "participant")}), 0) FROM participant p
      WHERE p.meeting_id = :m)
  + (SELECT COALESCE(SUM({_length("s", "section")}), 0) FROM section s WHERE s.meeting_id = :m)
  + (SELECT COALESCE(SUM({_length("q", "question")}), 0) FROM question q
      JOIN section s ON s.id = q.section_id WHERE s.meeting_id = :m)
  + (SELECT COALESCE(SUM({_length("d", "decision")}), 0) FROM decision d
      JOIN section s ON s.id = d.section_id WHERE s.meeting_id = :m)
  + (SELECT COALESCE(SUM({_length("g", "goal")}), 0) FROM goal_review g
      WHERE g.meeting_id = :m)
  + (SELECT COALESCE(SUM({_length("a", "action")}), 0) FROM action_state a
      WHERE a.meeting_id = :m)
  + (SELECT COALESCE(SUM({_length("x", "signature")}), 0) FROM signature x
      WHERE x.meeting_id = :m)
"""


def meeting_size(conn: sqlite3.Connection, meeting_id: int) -> MeetingSize:
    """How much the meeting holds as the file stands (inside a transaction: with its changes)."""
    row = conn.execute(_SIZE_SQL, {"m": meeting_id}).fetchone()
    return MeetingSize(*row)


def check_meeting(conn: sqlite3.Connection, meeting_id: int) -> None:
    """Raise LimitReached naming the first limit the meeting is beyond."""
    check_size(meeting_size(conn, meeting_id), f"meeting {meeting_id}")
