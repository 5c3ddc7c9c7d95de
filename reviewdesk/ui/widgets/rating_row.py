"""One side's 1–5 rating of a question: big buttons plus "–", and keys 1–5, 0 or Backspace.

Keys rate only when the row was reached from the keyboard (Tab): a click on a button rates and
leaves the focus where the row's owner puts it (``clicked``), never on the row, so text typed
after a click cannot change a rating.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QWidget

from reviewdesk.record.wording import NOT_RATED, side_text
from reviewdesk.ui import style
from reviewdesk.ui.widgets.reflow import Reflow

CLEAR = 0  # the "–" (not rated) button's id


class RatingRow(QWidget):
    """Tab to the row, then 1–5 rate, 0 or Backspace clear; ``rated`` carries the new value."""

    rated = Signal(object)  # int 1..5 or None
    clicked = Signal()  # a button was clicked: the owner decides where the focus goes

    def __init__(self, side: str, question_text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.side = side
        self._value: int | None = None
        self._readonly = False
        self.setProperty("side", side)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click on a button does not focus it
        self._keys_rate = True  # False only if a click ever gave the row focus
        label_text = side_text(side)
        self.setAccessibleName(f"{label_text} rating")
        self.setAccessibleDescription(
            f"{question_text} — press 1 to 5 to rate, 0 or Backspace to clear"
        )
        outer = QHBoxLayout(self)
        style.scaled(outer, margins=(8, 4, 8, 4))
        row = Reflow(spacing=8)  # the side's name above its buttons on a narrow screen
        outer.addWidget(row)
        self.label = QLabel(label_text)
        self.label.setProperty("side", side)
        style.scaled(self.label, min_width=72)
        row.add(self.label)
        layout = QHBoxLayout()
        style.scaled(layout, spacing=8)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[int, QPushButton] = {}
        for value in (1, 2, 3, 4, 5, CLEAR):
            button = QPushButton("–" if value == CLEAR else str(value))
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("rating", True)
            button.setProperty("side", side)
            if value == CLEAR:
                button.setProperty("clear", True)
                button.setAccessibleName(f"{label_text}: {NOT_RATED}")
                button.setToolTip("Not rated (0 or Backspace)")
            else:
                button.setAccessibleName(f"{label_text} rates {value}")
                button.setToolTip(f"{label_text} rates {value} (key {value})")
            self.group.addButton(button, value)
            self.buttons[value] = button
            layout.addWidget(button)
            if value == 5:
                layout.addSpacing(style.px(8))
        layout.addStretch(1)
        row.add(layout, 1)
        self.group.idClicked.connect(self._clicked)
        self._show()

    @property
    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        """Show a stored value (no signal)."""
        self._value = value
        self._show()

    def set_readonly(self, readonly: bool) -> None:
        self._readonly = readonly
        for button in self.buttons.values():
            button.setEnabled(not readonly or button.isChecked())
            button.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, readonly)

    def _show(self) -> None:
        self.buttons[self._value or CLEAR].setChecked(True)
        if self._readonly:
            self.set_readonly(True)

    def _clicked(self, value: int) -> None:
        self._choose(value or None)
        self.clicked.emit()

    def _choose(self, value: int | None) -> None:
        if self._readonly:
            self._show()
            return
        if value == self._value:
            self._show()
            return
        self._value = value
        self._show()
        self.rated.emit(value)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._keys_rate = event.reason() != Qt.FocusReason.MouseFocusReason
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self._keys_rate:
            super().keyPressEvent(event)
            return
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self._choose(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Minus):
            self._choose(None)
        elif key == Qt.Key.Key_Right:
            self._choose(min(5, (self._value or 0) + 1))
        elif key == Qt.Key.Key_Left and self._value:
            self._choose(self._value - 1 or None)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
