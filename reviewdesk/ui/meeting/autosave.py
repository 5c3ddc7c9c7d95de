"""Save-as-you-type, the one way every text field of a meeting saves.

A field commits 300 ms after the last key, on focus-out and on flush. Whether the write reached
the file is the session's business (it keeps and retries what failed); the saver only hands the
text over. The field's own undo is off: Ctrl+Z and the Edit menu go to the meeting's undo stack,
where each settled text is one step (see docs/decisions.md).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

DEBOUNCE_MS = 300
_STACK_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class TextSaver(QObject):
    """Watches one QLineEdit or QPlainTextEdit and calls ``save(text)`` when it settles."""

    pending = Signal()  # typed text is waiting for its commit
    settled = Signal()  # nothing typed waits any more (handed over, or back to the stored text)

    def __init__(
        self, editor: QLineEdit | QPlainTextEdit, save: Callable[[str], object], parent=None
    ):
        super().__init__(parent or editor)
        self.editor = editor
        self._save = save
        self._saved_text = self.text()
        # whether the text differs from _saved_text, worked out when the text changes: asked
        # after every step change for every field, a long note's text is not read each time
        self._dirty = False
        # ``pending`` was said and ``settled`` not yet: a flush with nothing announced says
        # nothing (leaving a meeting flushes every field, and each word redraws the status bar)
        self._announced = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        if isinstance(editor, QPlainTextEdit):
            editor.setUndoRedoEnabled(False)
        editor.textChanged.connect(self._edited)
        editor.installEventFilter(self)

    def text(self) -> str:
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        return self.editor.toPlainText()

    @property
    def dirty(self) -> bool:
        """Typed text not handed over yet (the debounce is running)."""
        return self._dirty

    def reset(self, text: str) -> None:
        """Show ``text`` as the stored value without saving it (the caret stays where it was)."""
        self._timer.stop()
        editor = self.editor
        editor.blockSignals(True)
        if isinstance(editor, QLineEdit):
            position = editor.cursorPosition()
            editor.setText(text)
            editor.setCursorPosition(min(position, len(text)))
        else:
            position = editor.textCursor().position()
            editor.setPlainText(text)
            cursor = editor.textCursor()
            cursor.setPosition(min(position, len(editor.toPlainText())))
            editor.setTextCursor(cursor)
        editor.blockSignals(False)
        self._saved_text = text
        self._dirty = False

    def show(self, text: str) -> None:
        """The stored text changed (an undo, a retry): show it unless the user is typing."""
        if not self.dirty and text != self.text():
            self.reset(text)

    def _edited(self, *_: object) -> None:
        self._dirty = self.text() != self._saved_text
        if self._dirty:
            self._announced = True
            self.pending.emit()
            self._timer.start()

    def flush(self) -> None:
        """Hand the text over now if it differs from what was last handed over."""
        self._timer.stop()
        if self._dirty:
            text = self.text()
            self._saved_text = text
            self._dirty = False
            self._save(text)
        if self._announced:
            self._announced = False
            self.settled.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.editor:
            return False
        kind = event.type()
        if kind == QEvent.Type.FocusOut:
            self.flush()
        elif kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            if any(event.matches(key) for key in _STACK_KEYS):
                return True  # not the field's own undo: the window's Edit menu takes it
        return False
