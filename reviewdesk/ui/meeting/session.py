"""The open meeting as the window edits it: every write goes through here and signals the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.model import Meeting
from reviewdesk.store.portfolio import Portfolio

T = TypeVar("T")


class MeetingSession(QObject):
    """Wraps one meeting of an open portfolio.

    Pages never talk to each other: they call :meth:`write` (or a helper) and listen to
    ``changed``. ``saved`` fires only after the commit returned, so the status bar's "Saved" is
    honest; ``failed`` carries a one-line message for a dialog and means nothing was written.
    """

    saved = Signal()
    failed = Signal(str)
    changed = Signal(str)  # what changed: "ratings", "notes", "decisions", "actions", "goals",
    # "attendees", "meeting", "signoff"
    lock_changed = Signal(bool)

    def __init__(self, portfolio: Portfolio, meeting_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self.meeting_id = meeting_id
        self._meeting: Meeting | None = None

    @property
    def meeting(self) -> Meeting:
        """The record as last read (re-read after each change that others show)."""
        if self._meeting is None:
            self._meeting = self.portfolio.meeting(self.meeting_id)
        return self._meeting

    def refresh(self) -> Meeting:
        self._meeting = self.portfolio.meeting(self.meeting_id)
        return self._meeting

    @property
    def locked(self) -> bool:
        return self.meeting.locked

    @property
    def readonly(self) -> bool:
        return self.portfolio.readonly or self.locked

    def write(self, what: str, action: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run one store call; on success refresh, emit ``saved`` and ``changed(what)``."""
        was_locked = self.meeting.locked
        try:
            result = action(*args, **kwargs)
        except ReviewdeskError as exc:
            self.failed.emit(str(exc))
            return None
        self.refresh()
        self.saved.emit()
        self.changed.emit(what)
        if self.meeting.locked != was_locked:
            self.lock_changed.emit(self.meeting.locked)
        return result
