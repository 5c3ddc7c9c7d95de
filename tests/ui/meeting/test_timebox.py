"""Section timers: time left, amber in the last two minutes, red "+mm:ss over"; keyboard order."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewdesk.ui.meeting.pages.section import SectionPage
from reviewdesk.ui.meeting.timebox import Stopwatch, Timebox, TimeboxWidget, hhmmss


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_stopwatch_pauses_and_resumes():
    clock = FakeClock()
    watch = Stopwatch(clock)
    watch.start()
    clock.now += 30
    watch.pause()
    clock.now += 100  # paused: does not count
    watch.start()
    clock.now += 5
    assert watch.elapsed() == 35


def test_timebox_counts_down_then_amber_then_over(qtbot):
    clock = FakeClock()
    box = Timebox(10, now=clock)
    widget = TimeboxWidget(box)
    qtbot.addWidget(widget)
    assert box.short() == "10 min"
    assert widget.button.text() == "▶ Start"
    qtbot.mouseClick(widget.button, Qt.MouseButton.LeftButton)
    assert box.running and widget.button.text() == "❚❚ Pause"
    clock.now += 7 * 60 + 18
    box.ticked.emit()
    assert widget.label.text() == "02:42 left"
    assert widget.label.property("state") == "normal"
    clock.now += 60
    box.ticked.emit()
    assert widget.label.text() == "01:42 left"
    assert widget.label.property("state") == "amber"
    clock.now += 102 + 130
    box.ticked.emit()
    assert widget.label.text() == "+02:10 over"
    assert widget.label.property("state") == "over"
    assert box.short() == "+02:10"


def test_timebox_without_budget_counts_up():
    clock = FakeClock()
    box = Timebox(None, now=clock)
    box.toggle()
    clock.now += 75
    assert box.text() == "01:15"
    assert box.state() == "normal"
    assert hhmmss(3725) == "01:02:05"


def test_tab_moves_from_row_to_row(qtbot, session):
    page = SectionPage(session, session.meeting.sections[0].key)
    qtbot.addWidget(page)
    page.show()
    first = next(iter(page.cards.values()))
    first.rows["client"].setFocus()
    qtbot.waitUntil(first.rows["client"].hasFocus)
    qtbot.keyClick(first.rows["client"], Qt.Key.Key_Tab)
    assert first.rows["provider"].hasFocus()
    qtbot.keyClick(first.rows["provider"], Qt.Key.Key_Tab)
    assert first.comment.hasFocus()
