"""No widget of the window is ever shown as a window of its own.

A widget made visible before it has a parent becomes a top-level window for a moment: on a real
desktop it flashes, and it takes the keyboard from the main window (the offscreen platform then
leaves no active window, so shortcuts such as Ctrl+PgDown stop working).
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from reviewdesk.app.demo import load_demo
from reviewdesk.ui.main_window import MainWindow


class _Windows(QObject):
    def __init__(self, main: MainWindow) -> None:
        super().__init__()
        self.main = main
        self.shown: list[str] = []

    def eventFilter(self, obj, event) -> bool:
        is_window = getattr(obj, "isWindow", lambda: False)()
        if event.type() == QEvent.Type.Show and is_window and obj is not self.main:
            self.shown.append(f"{type(obj).__name__} {getattr(obj, 'text', lambda: '')()}")
        return False


def _every_step_of_every_review(qtbot, window: MainWindow, portfolio) -> None:
    """Show the window, then every step of each review of the first partnership, and home."""
    window.show()
    qtbot.waitExposed(window)
    for summary in portfolio.meetings(portfolio.partnerships()[0].id):
        window.open_meeting(summary.id)
        view = window.meeting_view
        for key in list(view.navigator.keys()):
            view.go_to(key)
            qtbot.wait(10)
        window.show_home()
        qtbot.wait(50)


def test_every_step_of_every_review_shows_no_stray_window(qtbot, portfolio, db_path):
    load_demo(portfolio)  # carried actions, last time's ratings, signed and open reviews
    window = MainWindow(portfolio, db_path)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    watcher = _Windows(window)
    QApplication.instance().installEventFilter(watcher)
    try:
        _every_step_of_every_review(qtbot, window, portfolio)
    finally:
        QApplication.instance().removeEventFilter(watcher)
    assert watcher.shown == []


def _parentless() -> dict[int, str]:
    """Every widget without a parent, by its address in memory (the Python wrapper of a widget
    Qt made may come and go)."""
    collecting = gc.isenabled()
    gc.disable()  # see style.apply: no collection while Qt's list is converted
    try:
        return {
            shiboken6.getCppPointer(w)[0]: f"{type(w).__name__} {getattr(w, 'text', str)()!r} "
            f"{w.accessibleName()!r} {w.objectName()!r}"
            for w in QApplication.allWidgets()
            if w.parentWidget() is None
        }
    finally:
        if collecting:
            gc.enable()


def test_every_widget_made_for_home_and_every_page_has_a_parent(qtbot, portfolio, db_path):
    # a widget without a parent is Python's alone: held in a cycle it lives until a collection,
    # which deletes it at an unforeseen moment (a crash if Qt was walking its widgets then);
    # made visible it flashes as a window of its own
    load_demo(portfolio)
    before = _parentless()
    window = MainWindow(portfolio, db_path)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    _every_step_of_every_review(qtbot, window, portfolio)
    windows = {shiboken6.getCppPointer(window)[0]} | set(before)
    made = [text for address, text in _parentless().items() if address not in windows]
    assert made == [], "\n".join(made)
