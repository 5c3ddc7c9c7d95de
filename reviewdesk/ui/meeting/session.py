"""The open meeting as the window edits it: every write goes through here and signals the result."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from reviewdesk.record.analytics import History, RatingRow, last_ratings
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.model import Meeting
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.ui.meeting.commands import Edit

T = TypeVar("T")

RETRY_WAIT_MS = 50  # while text is unsaved, a write waits at most this for another program
BACKOFF_MS = (1000, 2000, 4000, 8000, 15000, 30000)  # between retries of unsaved text


class Change(enum.Enum):
    """What a write changed; each page listens for the kinds it shows."""

    RATINGS = "ratings"
    COMMENTS = "comments"
    NOTES = "notes"
    DECISIONS = "decisions"
    ATTENDEES = "attendees"
    GOALS = "goals"
    ACTIONS = "actions"
    SIGNOFF = "signoff"  # signed off or reopened
    MEASURES = "measures"  # the scorecard: values and definitions of service levels
    REGISTER = "register"  # risks, issues and escalations, and their linked actions
    ROUNDS = "rounds"  # a private round started, was rated in (hidden) or handed on
    TIME = "time"  # a section's time spent (written as its timer runs; not undone)


@dataclass(frozen=True)
class TextField:
    """A text of the meeting that a field saves as you type."""

    key: tuple[Any, ...]  # e.g. ("notes", "trust")
    change: Change
    label: str  # for people: "notes of Trust"
    read: Callable[[Meeting], str]  # the stored text
    write: Callable[[str], object]  # the store call that saves a text


@dataclass
class Unsaved:
    """Typed text whose write failed: what the file holds and what was typed."""

    field: TextField
    old: str
    text: str


class MeetingSession(QObject):
    """Wraps one meeting of an open portfolio.

    Pages never talk to each other: they write through the session (an undoable :meth:`push`,
    a typed text's :meth:`save_text`, or a plain :meth:`write`) and listen to ``changed``.
    ``saved`` fires only after a commit returned, so the status bar's "Saved" is honest.
    ``failed`` carries every refusal as one line; ``alert`` is the one the window shows in a
    dialog — every refused edit, but only the first failure of typed text until it is saved.
    Typed text that could not be written is kept (:meth:`unsaved_labels`), retried with backoff
    and after the next write that succeeds, and undo waits until it is in the file.
    """

    saved = Signal()
    failed = Signal(str)
    alert = Signal(str)
    changed = Signal(object)  # a Change
    lock_changed = Signal(bool)
    unsaved_changed = Signal()  # typed text not in the file (failed or a draft) came or went
    history_changed = Signal()  # what Undo / Redo would do changed

    def __init__(self, portfolio: Portfolio, meeting_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self.meeting_id = meeting_id
        self._meeting: Meeting | None = None
        self._last_ratings: dict[tuple[str, str], RatingRow] | None = None
        self._partnership_history: History | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self.history_changed)
        self.unsaved_changed.connect(self.history_changed)
        self.lock_changed.connect(self._lock_changed)
        self.saved_once = False
        self.undo_paused = False  # a person's private turn: the meeting's edits are not theirs
        self.last_failure: str | None = None
        self._unsaved: dict[tuple[Any, ...], Unsaved] = {}
        self._drafts: dict[tuple[Any, ...], tuple[str, str]] = {}
        self._retrying = False
        self._stopped = False
        self._muted = False
        self._retry_round = 0
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.retry_unsaved)

    @property
    def meeting(self) -> Meeting:
        """The record as last read (re-read after each change that others show)."""
        if self._meeting is None:
            self._meeting = self.portfolio.meeting(self.meeting_id)
        return self._meeting

    def last_ratings(self) -> dict[tuple[str, str], RatingRow]:
        """The partnership's previous review's ratings, by (section, question) key (read once:
        an earlier review does not change while this one is open)."""
        if self._last_ratings is None:
            self._last_ratings = last_ratings(self.partnership_history(), self.meeting_id)
        return self._last_ratings

    def partnership_history(self) -> History:
        """The partnership's reviews up to this one, read once: an earlier review does not
        change while this one is open (this review's own rows are as first read; ``meeting``
        has them as they are now)."""
        if self._partnership_history is None:
            self._partnership_history = self.portfolio.history(
                self.meeting.partnership.id, upto_meeting_id=self.meeting_id
            )
        return self._partnership_history

    def read_ahead(self) -> None:
        """Read the partnership's history now, before a page needs it; a history that cannot
        be read (a damaged row, a file closed meanwhile) is left for that page to report."""
        import sqlite3

        with contextlib.suppress(ReviewdeskError, sqlite3.Error):
            self.partnership_history()

    def refresh(self) -> Meeting:
        self._meeting = self.portfolio.meeting(self.meeting_id)
        return self._meeting

    @property
    def locked(self) -> bool:
        return self.meeting.locked

    @property
    def readonly(self) -> bool:
        return self.portfolio.readonly or self.locked

    # ---- writing -------------------------------------------------------------------------

    def write(
        self, change: Change, action: Callable[..., T], *args: Any, **kwargs: Any
    ) -> T | None:
        """Run one store call that is not undone from the Edit menu (sign-off, reopen)."""
        return self.attempt(change, action, *args, **kwargs)[1]

    def attempt(
        self,
        change: Change,
        action: Callable[..., T],
        *args: Any,
        alert: bool = True,
        patient: bool = False,
        **kwargs: Any,
    ) -> tuple[bool, T | None]:
        """Run one store call; on success refresh, emit ``saved`` and ``changed(change)``.

        Returns (succeeded, the call's result). A refusal emits ``failed`` (and ``alert`` when
        ``alert``) and changes nothing. While typed text is unsaved the write waits only
        briefly for a busy file, unless ``patient``.
        """
        was_locked = self.meeting.locked
        try:
            with self._waiting(patient):
                result = action(*args, **kwargs)
        except ReviewdeskError as exc:
            self.last_failure = str(exc)
            self.failed.emit(str(exc))
            if alert:
                self._alert(str(exc))
            return False, None
        self.refresh()
        self.last_failure = None
        self.saved_once = True
        self.saved.emit()
        self.changed.emit(change)
        if self.meeting.locked != was_locked:
            self.lock_changed.emit(self.meeting.locked)
        if self._unsaved and not self._retrying:
            self.retry_unsaved()  # the file took a write: what waits goes in now
        return True, result

    def refused(self, message: str) -> None:
        """An edit refused before it reached the store (the record changed elsewhere)."""
        self.last_failure = message
        self.failed.emit(message)
        self._alert(message)

    def _alert(self, message: str) -> None:
        if not self._muted:
            self.alert.emit(message)

    @contextlib.contextmanager
    def muted_alerts(self) -> Iterator[None]:
        """No dialog for failures inside (leaving asks about what is unsaved instead)."""
        muted, self._muted = self._muted, True
        try:
            yield
        finally:
            self._muted = muted

    @contextlib.contextmanager
    def _waiting(self, patient: bool) -> Iterator[None]:
        """While typed text waits for a busy file, a write does not hold up the window."""
        if self._unsaved and not patient:
            with self.portfolio.waiting_at_most(RETRY_WAIT_MS):
                yield
        else:
            yield

    def push(self, edit: Edit, alert: bool = True) -> bool:
        """Make an undoable edit; only one that reached the file goes on the undo stack.

        ``alert=False`` when the page shows a refusal itself (``last_failure`` holds it)."""
        ok, result = self.attempt(edit.change, edit.first, alert=alert)
        if not ok:
            return False
        edit.done(result)
        if not self.meeting.locked:
            self.undo_stack.push(edit)  # its first redo() does not write again
        return True

    # ---- typed text ----------------------------------------------------------------------

    def save_text(self, field: TextField, text: str) -> bool:
        """Save a typed text; if the file refuses, keep it, say so and retry it later.

        Only the first failure while nothing else is unsaved raises ``alert``: typing on while
        the file is busy does not bring a dialog per pause.
        """
        waiting = self._unsaved.get(field.key)
        old = waiting.old if waiting else field.read(self.meeting)
        busy = bool(self._unsaved)
        retrying, self._retrying = self._retrying, True  # older text of this field must not win
        try:
            ok, _ = self.attempt(field.change, field.write, text, alert=False)
        finally:
            self._retrying = retrying
        if not ok:
            self._unsaved[field.key] = Unsaved(field, old, text)
            self._schedule_retry()
            self.unsaved_changed.emit()
            if not busy:  # kept first, so text typed while the dialog is up brings no other
                self._alert(self.last_failure or "")
            return False
        self._unsaved.pop(field.key, None)
        if text != old and not self.meeting.locked:
            self.undo_stack.push(_typed(self, field, old, text))
        if busy:
            self.retry_unsaved()  # the rest, now that the file took a write
        return True

    def text_to_show(self, key: tuple[Any, ...], stored: str) -> str:
        """What a field shows: its text that is not in the file yet, else the stored one."""
        waiting = self._unsaved.get(key)
        return waiting.text if waiting else stored

    def unsaved_labels(self) -> list[str]:
        """Typed text the file does not hold: "notes of Trust", …"""
        return [u.field.label for u in self._unsaved.values()]

    def retry_unsaved(self, patient: bool = False) -> bool:
        """Write the unsaved text again (``patient`` waits the file's usual time); all saved?"""
        if not self._unsaved or self._retrying:
            return not self._unsaved
        self._retry_timer.stop()
        self._retrying = True
        try:
            for key, waiting in list(self._unsaved.items()):
                field = waiting.field
                ok, _ = self.attempt(
                    field.change, field.write, waiting.text, alert=False, patient=patient
                )
                if not ok:
                    break
                del self._unsaved[key]
                if waiting.text != waiting.old and not self.meeting.locked:
                    self.undo_stack.push(_typed(self, field, waiting.old, waiting.text))
        finally:
            self._retrying = False
        if self._unsaved:
            self._schedule_retry()
        else:
            self._retry_round = 0
        self.unsaved_changed.emit()
        return not self._unsaved

    def _schedule_retry(self) -> None:
        if not self._stopped and not self._retry_timer.isActive():
            self._retry_timer.start(BACKOFF_MS[min(self._retry_round, len(BACKOFF_MS) - 1)])
            self._retry_round += 1

    # ---- drafts: text typed where it is only added on request ----------------------------

    def set_draft(self, key: tuple[Any, ...], label: str, text: str) -> None:
        """Remember text typed but not added yet (a decision), or forget it when empty."""
        had = key in self._drafts
        if text.strip():
            self._drafts[key] = (label, text)
        else:
            self._drafts.pop(key, None)
        if had != (key in self._drafts):
            self.unsaved_changed.emit()

    def draft(self, key: tuple[Any, ...]) -> str:
        return self._drafts.get(key, ("", ""))[1]

    def drafts(self) -> dict[tuple[Any, ...], tuple[str, str]]:
        """Every draft: key -> (label, text)."""
        return dict(self._drafts)

    def stop(self) -> None:
        """The meeting closes: no more retries (what is unsaved was asked about already)."""
        self._stopped = True
        self._retry_timer.stop()
        self._unsaved.clear()
        self._drafts.clear()

    def discard_unsaved(self) -> None:
        """Forget unsaved text and drafts (the user chose to leave without them)."""
        self._retry_timer.stop()
        self._unsaved.clear()
        self._drafts.clear()
        self.unsaved_changed.emit()

    # ---- undo ----------------------------------------------------------------------------

    def can_undo(self) -> bool:
        return self._may_step() and self.undo_stack.canUndo()

    def can_redo(self) -> bool:
        return self._may_step() and self.undo_stack.canRedo()

    def _may_step(self) -> bool:
        return not self._unsaved and not self.readonly and not self.undo_paused

    def undo_label(self) -> str:
        """ "Undo Client rating 5 → 2", or "Undo" when there is nothing to undo."""
        return f"Undo {self.undo_stack.undoText()}" if self.can_undo() else "Undo"

    def redo_label(self) -> str:
        return f"Redo {self.undo_stack.redoText()}" if self.can_redo() else "Redo"

    def undo(self) -> bool:
        """Take back the last edit with a write of its own; a refused one stays where it was."""
        if not self.can_undo():
            return False
        edit = self.undo_stack.command(self.undo_stack.index() - 1)
        self.undo_stack.undo()
        if isinstance(edit, Edit) and not edit.ok:
            edit.skip_once()
            self.undo_stack.redo()  # the index goes back; nothing was written
            return False
        return True

    def redo(self) -> bool:
        if not self.can_redo():
            return False
        edit = self.undo_stack.command(self.undo_stack.index())
        self.undo_stack.redo()
        if isinstance(edit, Edit) and not edit.ok:
            edit.skip_once()
            self.undo_stack.undo()
            return False
        return True

    def _lock_changed(self, locked: bool) -> None:
        if locked:
            self.undo_stack.clear()  # a signed-off meeting has nothing to undo
        self.history_changed.emit()


def _typed(session: MeetingSession, field: TextField, old: str, new: str) -> Edit:
    """The undo step of a typed text that reached the file."""
    return Edit(
        session,
        field.change,
        f"typing in {field.label}",
        lambda: field.write(new),
        lambda: field.write(old),
    )
