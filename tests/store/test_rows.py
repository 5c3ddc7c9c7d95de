"""Rows taken whole and put back: what undoing an add or a removal in the window needs."""

from __future__ import annotations

import sqlite3
import time

import pytest
from factories import new_meeting, new_portfolio

from reviewdesk.record.errors import MeetingLocked, NotFound, StorageError
from reviewdesk.record.model import Action, Goal
from reviewdesk.store import rows


def test_a_removed_decision_comes_back_with_its_id_and_place(tmp_path):
    p = new_portfolio(tmp_path)
    mid = new_meeting(p)
    ids = [p.add_decision(mid, "trust", text) for text in ("first", "second", "third")]
    taken = rows.take(p, "decision", ids[1])
    p.remove_decision(ids[1])
    assert [d.text for d in p.meeting(mid).section("trust").decisions] == ["first", "third"]
    rows.put(p, mid, taken)
    decisions = p.meeting(mid).section("trust").decisions
    assert [d.id for d in decisions] == ids
    assert [d.text for d in decisions] == ["first", "second", "third"]
    assert [h.kind for h in p.search("second")] == ["decision"]  # the search index follows


def test_an_action_with_its_state_is_dropped_and_put_back(tmp_path):
    p = new_portfolio(tmp_path)
    mid = new_meeting(p)
    aid = p.add_action(mid, Action(text="Send rota", owner="Cleo", side="client"))
    taken = rows.take(p, "action", aid)
    assert [t for t, _ in taken.rows] == ["action", "action_state"]
    rows.drop(p, mid, taken)
    assert p.meeting(mid).actions == []
    rows.put(p, mid, taken)
    (action,) = p.meeting(mid).actions
    assert (action.id, action.text, action.owner) == (aid, "Send rota", "Cleo")
    assert action.side == "client"


def test_a_goal_is_dropped_and_put_back(tmp_path):
    p = new_portfolio(tmp_path)
    mid = new_meeting(p)
    gid = p.add_goal(mid, Goal(title="Backlog under 50", target="50"))
    taken = rows.take(p, "goal", gid)
    rows.drop(p, mid, taken)
    assert p.meeting(mid).goals == []
    rows.put(p, mid, taken)
    (goal,) = p.meeting(mid).goals
    assert (goal.id, goal.title, goal.target) == (gid, "Backlog under 50", "50")


def test_rows_of_nothing_and_of_a_locked_meeting_are_refused(tmp_path):
    p = new_portfolio(tmp_path)
    mid = new_meeting(p)
    with pytest.raises(NotFound):
        rows.take(p, "decision", 999)
    with pytest.raises(ValueError):
        rows.take(p, "meeting", mid)
    did = p.add_decision(mid, "trust", "kept")
    taken = rows.take(p, "decision", did)
    p.conn.execute("UPDATE meeting SET status = 'signed_off' WHERE id = ?", (mid,))
    with pytest.raises(MeetingLocked):
        rows.drop(p, mid, taken)
    assert [d.text for d in p.meeting(mid).section("trust").decisions] == ["kept"]


def test_waiting_at_most_bounds_the_wait_for_another_writer(tmp_path):
    p = new_portfolio(tmp_path)
    mid = new_meeting(p)
    other = sqlite3.connect(p.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with p.waiting_at_most(50), pytest.raises(StorageError, match="busy"):
            p.set_notes(mid, "trust", "while busy")
        assert time.monotonic() - started < 3
    finally:
        other.execute("ROLLBACK")
        other.close()
    (timeout,) = p.conn.execute("PRAGMA busy_timeout").fetchone()
    assert timeout > 50  # the normal wait is back
    p.set_notes(mid, "trust", "after")
    assert p.meeting(mid).section("trust").notes == "after"
