"""Child process for the kill test: the real app on a portfolio; types a note, then waits.

Usage: python window_child.py DB TEXT
Prints TYPED once the text is in the Trust notes field (as a user's typing puts it there),
then keeps the event loop running until it is killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit

from reviewdesk.ui import app as app_module


def find_notes(window):
    for kind in (QTextEdit, QPlainTextEdit):
        for widget in window.findChildren(kind):
            if widget.accessibleName() == "Notes on Trust" and widget.isVisible():
                return widget
    return None


def drive(text: str) -> None:
    qapp = QApplication.instance()
    window = next(w for w in qapp.topLevelWidgets() if hasattr(w, "open_meeting"))
    if getattr(window, "portfolio", None) is None:
        QTimer.singleShot(50, lambda: drive(text))
        return
    window.open_meeting(4)
    attempts = {"n": 0}

    def step() -> None:
        notes = find_notes(window)
        if notes is None:
            attempts["n"] += 1
            if attempts["n"] > 100:
                print("NO NOTES FIELD", flush=True)
                qapp.exit(3)
                return
            if window.meeting_view.current_key() != "section:trust":
                # the next step, as the facilitator moves: Ctrl+PgDown
                QTest.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
            # on Trust: the page shows its first question first, its notes a moment later
            QTimer.singleShot(50, step)
            return
        notes.setFocus()
        cursor = notes.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        notes.setTextCursor(cursor)
        notes.insertPlainText(text)  # what typing does: the field changes, autosave reacts
        print("TYPED", flush=True)

    QTimer.singleShot(100, step)


def main() -> None:
    db, text = sys.argv[1], sys.argv[2]
    QTimer.singleShot(0, lambda: drive(text))
    sys.exit(app_module.run(Path(db)))


if __name__ == "__main__":
    main()
