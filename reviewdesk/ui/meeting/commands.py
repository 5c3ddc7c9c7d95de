"""Undoable edits of the open meeting: each a QUndoCommand over the session's writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from reviewdesk.store import rows

if TYPE_CHECKING:
    from reviewdesk.ui.meeting.session import Change, MeetingSession

MERGING = 1  # QUndoCommand.id() of edits that may merge (their merge_key must match too)


class Edit(QUndoCommand):
    """One edit: ``forward`` makes it and ``backward`` takes it back, each one committed write.

    In the manner of orange-canvas-core's commands, ``redo()`` and ``undo()`` do the work — here
    through :meth:`MeetingSession.attempt`, so an undo is saved at once like any edit and a
    refusal is reported like any other. ``ok`` tells whether the last redo/undo reached the
    file. The session makes the first write itself (:meth:`first`) and puts only an edit that
    succeeded on the stack, so the ``redo()`` that ``QUndoStack.push`` calls does nothing.
    """

    def __init__(
        self,
        session: MeetingSession,
        change: Change,
        text: str,
        forward: Callable[[], object],
        backward: Callable[[], object],
        merge_key: tuple[Any, ...] | None = None,
        words: tuple[str, str, str] | None = None,
    ):
        super().__init__(text)
        self.session = session
        self.change = change
        self._forward = forward
        self._backward = backward
        self._skip = True
        self.ok = True
        self.merge_key = merge_key  # edits with one key in a row are one step (a date typed)
        self.words = words  # (what, old, new) of a one-field change, to name a merged step

    def id(self) -> int:
        return MERGING if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """A later change of the same field joins this step: undo goes back to before both."""
        if not isinstance(other, Edit) or other.merge_key != self.merge_key:
            return False
        self._forward = other._forward
        if self.words and other.words:
            what, old, _ = self.words
            self.words = (what, old, other.words[2])
            self.setText(f"{what} {old} → {other.words[2]}")
        return True

    def first(self) -> Any:
        """The write that makes the edit the first time (returns what the store returns)."""
        return self._forward()

    def done(self, result: Any) -> None:
        """Called once the first write succeeded, with its result."""

    def skip_once(self) -> None:
        """The next redo() or undo() writes nothing (the stack only moves back into step)."""
        self._skip = True

    def redo(self) -> None:
        self._run(self._forward)

    def undo(self) -> None:
        self._run(self._backward)

    def _run(self, write: Callable[[], object]) -> None:
        if self._skip:
            self._skip = False
            return
        self.ok, _ = self.session.attempt(self.change, write)


class AddRows(Edit):
    """Adding a decision, an action or a goal: undo drops its rows, redo puts them back whole
    (same id, so later edits on the stack still find it)."""

    def __init__(
        self,
        session: MeetingSession,
        change: Change,
        text: str,
        table: str,
        add: Callable[[], int],
    ):
        super().__init__(session, change, text, self._put, self._drop)
        self.table = table
        self._add = add
        self.rows: rows.Rows | None = None
        self.row_id: int | None = None

    def first(self) -> int:
        return self._add()

    def done(self, result: Any) -> None:
        self.row_id = int(result)
        self.rows = rows.take(self.session.portfolio, self.table, self.row_id)

    def _put(self) -> None:
        assert self.rows is not None
        rows.put(self.session.portfolio, self.session.meeting_id, self.rows)

    def _drop(self) -> None:
        assert self.rows is not None
        rows.drop(self.session.portfolio, self.session.meeting_id, self.rows)


class RemoveRows(Edit):
    """Removing a decision or an action: its rows are taken first and put back on undo."""

    def __init__(
        self,
        session: MeetingSession,
        change: Change,
        text: str,
        table: str,
        row_id: int,
        remove: Callable[[], object],
    ):
        super().__init__(session, change, text, self._drop, self._put)
        self._remove = remove
        self.rows = rows.take(session.portfolio, table, row_id)

    def first(self) -> Any:
        return self._remove()  # the store's own removal, with its checks

    def _put(self) -> None:
        rows.put(self.session.portfolio, self.session.meeting_id, self.rows)

    def _drop(self) -> None:
        rows.drop(self.session.portfolio, self.session.meeting_id, self.rows)
