"""Save-as-you-type: what counts as typed text not handed over yet."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from reviewdesk.ui.meeting.autosave import TextSaver


def test_dirty_follows_the_text_against_what_was_handed_over(qtbot):
    for editor in (QLineEdit(), QPlainTextEdit()):
        saved: list[str] = []
        qtbot.addWidget(editor)
        saver = TextSaver(editor, saved.append)
        assert not saver.dirty
        (editor.setText if isinstance(editor, QLineEdit) else editor.setPlainText)("abc")
        assert saver.dirty
        (editor.setText if isinstance(editor, QLineEdit) else editor.setPlainText)("")
        assert not saver.dirty  # typed back to what was handed over
        (editor.setText if isinstance(editor, QLineEdit) else editor.setPlainText)("note")
        saver.flush()
        assert saved[-1] == "note" and not saver.dirty
        saver.flush()  # nothing new: not handed over again
        assert saved.count("note") == 1
        saver.reset("stored")  # shown without saving
        assert not saver.dirty and saver.text() == "stored"
        saver.show("other")
        assert saver.text() == "other" and not saver.dirty
        assert saved == ["note"]
