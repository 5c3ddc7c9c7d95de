"""Save-as-you-type: a text field commits 300 ms after the last key, on focus-out and on flush."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

DEBOUNCE_MS = 300


class TextSaver(QObject):
    """Watches one QLineEdit or QPlainTextEdit and calls ``save(text)`` when it settles."""

    pending = Signal()  # typed text is waiting for its commit
    settled = Signal()  # the text is back to what is stored: nothing waits any more

    def __init__(
        self, editor: QLineEdit | QPlainTextEdit, save: Callable[[str], object], parent=None
    ):
        super().__init__(parent or editor)
        self.editor = editor
        self._save = save
        self._saved_text = self.text()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        if isinstance(editor, QLineEdit):
            editor.textChanged.connect(self._edited)
        else:
            editor.textChanged.connect(self._edited)
        editor.installEventFilter(self)

    def text(self) -> str:
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        return self.editor.toPlainText()

    @property
    def dirty(self) -> bool:
        return self.text() != self._saved_text

    def reset(self, text: str) -> None:
        """Show ``text`` as the stored value without saving it."""
        self._timer.stop()
        self.editor.blockSignals(True)
        if isinstance(self.editor, QLineEdit):
            self.editor.setText(text)
        else:
            self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self._saved_text = text

    def _edited(self, *_: object) -> None:
        if self.dirty:
            self.pending.emit()
            self._timer.start()

    def flush(self) -> None:
        """Commit now if the text differs from what was last stored."""
        self._timer.stop()
        text = self.text()
        if text == self._saved_text:
            self.settled.emit()
            return
        self._saved_text = text
        self._save(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False
