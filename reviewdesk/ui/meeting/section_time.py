"""Section timers kept in the file: each starts from the seconds stored for its section, and its
time is written when it pauses (leaving the section pauses it), every ``SAVE_EVERY`` seconds
while it runs, and on flush (export, close) — so a kill loses at most ``SAVE_EVERY`` seconds.

Time goes through the session's normal write path but is not an undoable edit: time is not
undone."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QObject

from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.meeting.timebox import MeetingClock, Timebox

SAVE_EVERY = 15  # seconds of a running timer the file may be behind


class SectionTimes(QObject):
    """The meeting's section timers and its clock (their sum)."""

    def __init__(
        self, session: MeetingSession, now: Callable[[], float], parent: QObject | None = None
    ):
        super().__init__(parent)
        self.session = session
        self.timeboxes = {
            s.key: Timebox(s.timebox_minutes, self, now=now, spent=s.seconds_spent)
            for s in session.meeting.sections
        }
        for key, tb in self.timeboxes.items():
            tb.paused.connect(functools.partial(self.save, key))
        self.clock = MeetingClock(self.timeboxes)

    def tick(self) -> None:
        """Each second: running timers show their time, and are written every SAVE_EVERY s."""
        for key, tb in self.timeboxes.items():
            if tb.running:
                if tb.watch.now() - tb.saved_at >= SAVE_EVERY:
                    self.save(key)
                tb.ticked.emit()

    def pause_all(self) -> None:
        for tb in self.timeboxes.values():
            if tb.running:
                tb.toggle()

    def save_all(self) -> None:
        for key in self.timeboxes:
            self.save(key)

    def save(self, key: str) -> None:
        """Write the section's seconds if the file holds fewer (never on a locked meeting)."""
        tb = self.timeboxes[key]
        tb.saved_at = tb.watch.now()
        seconds = tb.seconds()
        if seconds == tb.saved or self.session.readonly:
            return
        written, _ = self.session.attempt(
            Change.TIME,
            self.session.portfolio.set_seconds_spent,
            self.session.meeting_id,
            key,
            seconds,
            alert=False,  # the status line says so; a dialog every 15 s would not help
        )
        if written:
            tb.saved = seconds
