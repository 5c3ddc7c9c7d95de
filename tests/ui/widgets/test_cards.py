"""The page scroll area: a page whose size hints change with each resize cannot loop it; a
growing text is as tall as its lines, all of them."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget
from qt_helpers import run_qt_child, wait_at_rest

from reviewdesk.ui.widgets.cards import GrowingTextEdit, scrolled

FICKLE_PAGE_CHILD = """
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from reviewdesk.ui.widgets.cards import page_scroll

app = QApplication([])


class Flipper(QObject):
    # on each resize of the page, before the area hears of it, its minimum height flips: the
    # way a table whose scroll bar comes and goes with its wrapped rows behaved
    def eventFilter(self, page, event):
        if event.type() == QEvent.Type.Resize:
            page.setMinimumHeight(1010 if page.height() == 1000 else 1000)
        return False


area = page_scroll()
page = QWidget()
area.setWidget(page)
flipper = Flipper()
page.installEventFilter(flipper)  # called before the area's own filter
area.resize(400, 300)
area.show()
for _ in range(5):
    app.processEvents()
print("settled", page.height() in (1000, 1010), area.verticalScrollBar().maximum() > 0)
"""


def test_a_page_whose_size_flips_on_each_resize_settles(tmp_path):
    # Qt's scroll area fits its page from inside the page's resize: with a page like this one
    # (the scorecard, its editor made a turn later) that recursed until the stack overflowed
    done = run_qt_child(FICKLE_PAGE_CHILD, tmp_path)
    assert (done.returncode, done.stdout.split()) == (0, ["settled", "True", "True"]), done.stderr


def _lines_tall(edit) -> int:
    """How many lines the edit is tall: min_lines, and one laid-out line's height more for
    each line past them (its frame and margins are those it has empty)."""
    text, full = edit.toPlainText(), edit.height()
    block = edit.document().firstBlock()
    edit.blockBoundingRect(block)  # (laid out)
    line = block.layout().lineAt(0).height()  # as Qt lays a line out
    edit.setPlainText("")
    extra = full - edit.height()
    edit.setPlainText(text)
    assert edit.height() == full
    assert extra % line == 0, (extra, line)
    return edit.min_lines + round(extra / line)


def test_a_growing_text_grows_with_its_lines_blank_and_wrapped_ones_too(qtbot):
    edit = GrowingTextEdit(min_lines=3)
    qtbot.addWidget(edit)
    edit.resize(300, edit.height())
    edit.show()
    empty = edit.height()
    edit.setPlainText("one\ntwo")
    assert edit.height() == empty  # fewer lines than min_lines: min_lines tall
    edit.setPlainText("1\n\n3\n\n5\n6")
    assert _lines_tall(edit) == 6
    edit.setPlainText("word " * 200)  # one paragraph, wrapped at 300 px
    qtbot.waitUntil(lambda: edit.document().lineCount() > 3)
    wrapped = edit.document().lineCount()
    edit.setPlainText("word " * 200)  # laid out at the width: as tall as its wrapped lines
    assert _lines_tall(edit) == wrapped > 3


def test_a_growing_text_of_a_hundred_kilobytes_is_as_tall_as_its_lines(qtbot):
    edit = GrowingTextEdit(min_lines=3)
    qtbot.addWidget(edit)
    edit.setPlainText("\n".join(f"line {i}" for i in range(7000)))
    assert _lines_tall(edit) == 7000


def test_a_long_wrapped_note_in_a_page_can_be_read_to_its_end(qtbot):
    # its paragraphs' lines are counted as they are laid out (as they show): the edit grew
    # once, to its first count, and kept the rest of a 100 KB note below its edge, with no
    # scroll bar to reach it (2,000 px of the big meeting's note)
    page = QWidget()
    body = QVBoxLayout(page)
    edit = GrowingTextEdit(min_lines=3)
    body.addWidget(edit)
    area = scrolled(page)
    qtbot.addWidget(area)
    area.resize(500, 400)
    area.show()
    qtbot.waitExposed(area)
    paragraph = "A sentence of the note that wraps over lines at this width. " * 8
    edit.setPlainText("\n".join(f"{i}. {paragraph}" for i in range(60)))
    bar = area.verticalScrollBar()
    for _ in range(60):  # down the page, as a reader scrolls
        bar.setValue(bar.value() + area.viewport().height() // 2)
        wait_at_rest(qtbot)
    assert bar.value() == bar.maximum()  # at the end of the page
    assert edit.verticalScrollBar().maximum() == 0  # and nothing of the note below the edit
    assert edit.document().lineCount() > 60 * 3  # its paragraphs wrapped and counted
