"""The page scroll area: a page whose size hints change with each resize cannot loop it."""

from __future__ import annotations

from qt_helpers import run_qt_child

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
