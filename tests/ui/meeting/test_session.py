"""The session: typed change notices, and typed text the file refused is kept and retried."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest

import reviewdesk.ui
from reviewdesk.record.model import Action, Goal, Participant, Signature
from reviewdesk.record.scorecard import Measure, RegisterEntry
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.meeting import edits, scorecard_edits
from reviewdesk.ui.meeting import session as session_module
from reviewdesk.ui.meeting.round_state import RoundState
from reviewdesk.ui.meeting.section_time import SectionTimes
from reviewdesk.ui.meeting.session import Change

FIRST = default_agenda().sections[0]
SKEY, Q1 = FIRST.key, FIRST.questions[0].key


class Lock:
    """Another program holding the portfolio's write lock (a real BEGIN IMMEDIATE)."""

    def __init__(self, path: Path):
        self.conn: sqlite3.Connection | None = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.conn is not None:
            self.conn.execute("ROLLBACK")
            self.conn.close()
            self.conn = None


@pytest.fixture
def lock(db_path, portfolio):
    portfolio.conn.execute("PRAGMA busy_timeout=100")  # the test need not wait 5 s per write
    held = Lock(db_path)
    yield held
    held.release()


def test_every_change_kind_is_written_and_each_is_typed(session, portfolio, meeting_id):
    seen: list[object] = []
    session.changed.connect(seen.append)
    edits.rate(session, SKEY, Q1, "client", 4)
    session.save_text(edits.comment_field(session, SKEY, Q1), "a comment")
    session.save_text(edits.notes_field(session, SKEY), "notes")
    edits.add_decision(session, SKEY, "a decision")
    edits.add_attendee(session, Participant("Dee Park", "client"))
    edits.add_goal(session, Goal(title="Backlog"))
    edits.add_action(session, Action(text="Send rota"))
    scorecard_edits.add_measure(session, Measure("On-time delivery", "%", target=95))
    scorecard_edits.add_register_entry(session, RegisterEntry("risk", "Peak-season backlog"))
    RoundState.of(session).start(SKEY, ["Ana Reyes"], anonymous=False)  # a private round
    now = [0.0]
    times = SectionTimes(session, lambda: now[0])
    times.timeboxes[SKEY].toggle()  # a section's timer runs 30 s
    now[0] = 30.0
    times.timeboxes[SKEY].toggle()  # paused: its time is written
    at = dt.datetime(2026, 11, 27, 16, 0, tzinfo=dt.UTC)
    signers = [Signature("Ana Reyes", "client", at), Signature("Ben Cruz", "provider", at)]
    session.write(Change.SIGNOFF, portfolio.sign_off, meeting_id, signers)
    assert all(isinstance(kind, Change) for kind in seen)
    assert set(seen) == set(Change)  # every kind is emitted …


def test_every_change_kind_is_listened_for():
    """… and every kind is one some part of the window listens for (none dead, none missing)."""
    root = Path(reviewdesk.ui.__file__).parent
    writers = {"session.py", "edits.py", "scorecard_edits.py", "commands.py"}
    used = set()
    for path in root.rglob("*.py"):
        if path.name not in writers:
            used |= set(re.findall(r"Change\.([A-Z]+)", path.read_text("utf-8")))
    assert used == {c.name for c in Change}


def test_text_the_file_refuses_is_kept_named_and_retried(qtbot, session, lock, db_path):
    alerts: list[str] = []
    session.alert.connect(alerts.append)
    notes = edits.notes_field(session, SKEY)
    assert not session.save_text(notes, "Said while the file was busy")
    assert session.unsaved_labels() == [f"notes of {FIRST.title}"]
    assert session.text_to_show(notes.key, "") == "Said while the file was busy"
    assert not session.save_text(notes, "Said while the file was busy, and more")
    comment = edits.comment_field(session, SKEY, Q1)
    assert not session.save_text(comment, "typed on")
    assert len(alerts) == 1  # one dialog for the episode, not one per pause in typing
    assert not session.can_undo()  # undo waits until the text is in the file
    lock.release()
    qtbot.waitUntil(lambda: not session.unsaved_labels(), timeout=5000)  # retried by itself
    stored = session.portfolio.meeting(session.meeting_id).section(SKEY)
    assert stored.notes == "Said while the file was busy, and more"
    assert stored.question(Q1).comment == "typed on"
    question = edits.quoted(FIRST.questions[0].text)
    assert session.undo_label() == f"Undo typing in comment on {question}"


def test_the_next_write_that_succeeds_takes_the_waiting_text_along(
    qtbot, session, lock, monkeypatch
):
    monkeypatch.setattr(session_module, "BACKOFF_MS", (60_000,))  # no timed retry in this test
    notes = edits.notes_field(session, SKEY)
    assert not session.save_text(notes, "waiting")
    lock.release()
    assert edits.rate(session, SKEY, Q1, "provider", 2)
    assert session.unsaved_labels() == []
    assert session.portfolio.meeting(session.meeting_id).section(SKEY).notes == "waiting"


def test_drafts_are_named_until_added_or_dropped(session):
    changes: list[None] = []
    session.unsaved_changed.connect(lambda: changes.append(None))
    key = ("decision", SKEY)
    session.set_draft(key, "a decision typed in Trust (not added yet)", "Weekly call")
    session.set_draft(key, "a decision typed in Trust (not added yet)", "Weekly calls")
    assert session.draft(key) == "Weekly calls"
    assert [label for label, _ in session.drafts().values()] == [
        "a decision typed in Trust (not added yet)"
    ]
    session.set_draft(key, "", "  ")
    assert session.drafts() == {}
    assert len(changes) == 2  # came and went


def test_text_typed_while_the_dialog_is_up_brings_no_second_dialog(session, lock):
    alerts: list[str] = []
    comment = edits.comment_field(session, SKEY, Q1)

    def dialog(message: str) -> None:  # a modal dialog runs the event loop: timers fire
        alerts.append(message)
        if len(alerts) == 1:
            assert not session.save_text(comment, "typed on behind the dialog")

    session.alert.connect(dialog)
    assert not session.save_text(edits.notes_field(session, SKEY), "first")
    assert len(alerts) == 1
    assert len(session.unsaved_labels()) == 2


def test_the_history_is_read_once_and_read_ahead_quietly(session, portfolio, monkeypatch):
    reads = []
    real = portfolio.history
    monkeypatch.setattr(portfolio, "history", lambda *a, **k: reads.append(a) or real(*a, **k))
    session.read_ahead()
    history = session.partnership_history()
    assert session.partnership_history() is history and len(reads) == 1  # read once
    session.last_ratings()  # the section pages' last ratings share it
    assert len(reads) == 1

    fresh = session_module.MeetingSession(portfolio, session.meeting_id)
    fresh.meeting  # noqa: B018 - read while the file is open
    portfolio.conn.close()  # the file closed before the read ahead ran
    fresh.read_ahead()  # nothing to say: the page that needs it reads it and reports
    with pytest.raises(sqlite3.ProgrammingError):
        fresh.partnership_history()
