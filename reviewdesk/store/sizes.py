"""How much a meeting in the file holds, in the units of record.limits, in one query."""

from __future__ import annotations

import sqlite3

from reviewdesk.record.limits import MAX_TEXT, TEXT_FIELDS, MeetingSize, check_size

CHARACTERS = "length(COALESCE({}, ''))"
# UTF-8 bytes: never fewer than the characters, and counted without decoding the text — ten
# times faster than characters for a meeting with a long note.
BYTES = "length(CAST(COALESCE({}, '') AS BLOB))"


def _size_sql(measure: str) -> str:
    def text(alias: str, kind: str) -> str:
        return " + ".join(measure.format(f"{alias}.{c}") for c in TEXT_FIELDS[kind])

    return f"""
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
  (SELECT count(*) FROM measure_review WHERE meeting_id = :m),
  (SELECT count(*) FROM register_state WHERE meeting_id = :m),
  (SELECT count(*) FROM rating_round WHERE meeting_id = :m),
  (SELECT count(*) FROM person_rating r JOIN question q ON q.id = r.question_id
      JOIN section s ON s.id = q.section_id WHERE s.meeting_id = :m)
  + (SELECT count(*) FROM anonymous_rating r JOIN question q ON q.id = r.question_id
      JOIN section s ON s.id = q.section_id WHERE s.meeting_id = :m),
  (SELECT COALESCE(SUM({text("m", "meeting")}), 0) FROM meeting m WHERE m.id = :m)
  + (SELECT COALESCE(SUM({text("p", "participant")}), 0) FROM participant p
      WHERE p.meeting_id = :m)
  + (SELECT COALESCE(SUM({text("s", "section")}), 0) FROM section s WHERE s.meeting_id = :m)
  + (SELECT COALESCE(SUM({text("q", "question")}), 0) FROM question q
      JOIN section s ON s.id = q.section_id WHERE s.meeting_id = :m)
  + (SELECT COALESCE(SUM({text("d", "decision")}), 0) FROM decision d
      JOIN section s ON s.id = d.section_id WHERE s.meeting_id = :m)
  + (SELECT COALESCE(SUM({text("g", "goal")}), 0) FROM goal_review g
      WHERE g.meeting_id = :m)
  + (SELECT COALESCE(SUM({text("a", "action")}), 0) FROM action_state a
      WHERE a.meeting_id = :m)
  + (SELECT COALESCE(SUM({text("x", "signature")}), 0) FROM signature x
      WHERE x.meeting_id = :m)
  + (SELECT COALESCE(SUM({text("v", "measure")}), 0) FROM measure_review v
      WHERE v.meeting_id = :m)
  + (SELECT COALESCE(SUM({text("e", "register")}), 0) FROM register_state e
      WHERE e.meeting_id = :m)
"""


_IN_CHARACTERS = _size_sql(CHARACTERS)
_IN_BYTES = _size_sql(BYTES)


def meeting_size(conn: sqlite3.Connection, meeting_id: int) -> MeetingSize:
    """How much the meeting holds as the file stands (inside a transaction: with its changes)."""
    return MeetingSize(*conn.execute(_IN_CHARACTERS, {"m": meeting_id}).fetchone())


def check_meeting(conn: sqlite3.Connection, meeting_id: int) -> None:
    """Raise LimitReached naming the first limit the meeting is beyond.

    The text is measured in bytes first; only a meeting with more bytes than the limit allows
    characters has its characters counted.
    """
    size = MeetingSize(*conn.execute(_IN_BYTES, {"m": meeting_id}).fetchone())
    if size.text > MAX_TEXT:
        size = size._replace(text=meeting_size(conn, meeting_id).text)
    check_size(size, f"meeting {meeting_id}")
