"""A page built in slices: steps in order, a few per event-loop turn, finish() at once."""

from __future__ import annotations

import time

from reviewdesk.ui.widgets.slicing import Slicer


def test_steps_run_in_order_in_later_turns_and_finished_comes_once(qtbot):
    slicer = Slicer(budget=0.0)  # one step a turn
    ran: list[int] = []
    finished: list[bool] = []
    slicer.finished.connect(lambda: finished.append(True))
    for i in range(5):
        slicer.add(lambda i=i: ran.append(i))
    assert ran == [] and not slicer.done  # nothing runs before the event loop turns
    qtbot.waitUntil(lambda: slicer.done)
    assert ran == [0, 1, 2, 3, 4]
    qtbot.wait(20)
    assert finished == [True]


def test_a_turn_runs_steps_until_its_budget_is_spent(qtbot):
    slicer = Slicer(budget=10.0)
    ran: list[int] = []
    for i in range(3):
        slicer.add(lambda i=i: (ran.append(i), time.sleep(0.001)))
    with qtbot.waitSignal(slicer.finished, timeout=2000):
        pass
    assert ran == [0, 1, 2]


def test_finish_runs_what_is_left_now_even_from_inside_a_step(qtbot):
    slicer = Slicer(budget=0.0)
    ran: list[str] = []
    finished: list[bool] = []
    slicer.finished.connect(lambda: finished.append(True))
    slicer.add(lambda: (ran.append("a"), slicer.finish()))
    slicer.add(lambda: ran.append("b"))
    slicer.add(lambda: ran.append("c"))
    qtbot.waitUntil(lambda: slicer.done)
    assert ran == ["a", "b", "c"]
    qtbot.wait(20)
    assert finished == [True]
    slicer.finish()  # nothing left: a no-op
    assert ran == ["a", "b", "c"]


def test_a_step_s_follow_up_runs_before_the_steps_waiting(qtbot):
    slicer = Slicer(budget=0.0)  # one step a turn
    ran: list[str] = []
    slicer.add(lambda: (ran.append("make"), slicer.add_next(lambda: ran.append("show"))))
    slicer.add(lambda: ran.append("next part"))
    slicer._timer.stop()  # one step at a time, here
    slicer._run(0.0)
    assert ran == ["make"]  # its follow-up is a step of its own
    slicer._run(0.0)
    assert ran == ["make", "show"]  # before the steps that were waiting
    qtbot.waitUntil(lambda: slicer.done)
    assert ran == ["make", "show", "next part"]


def test_cancel_drops_the_steps_not_run(qtbot):
    slicer = Slicer(budget=0.0)
    ran: list[int] = []
    slicer.add(lambda: ran.append(1))
    slicer.cancel()
    assert slicer.done
    qtbot.wait(20)
    assert ran == []


def test_two_slicers_due_together_take_turns_with_the_window(qtbot):
    from PySide6.QtCore import QTimer

    first, second = Slicer(budget=0.0), Slicer(budget=0.0)
    seen: list[str] = []
    # what the first slice leaves for the event loop runs before the other slicer's slice
    first.add(lambda: (seen.append("first"), QTimer.singleShot(0, lambda: seen.append("loop"))))
    second.add(lambda: seen.append("second"))
    qtbot.waitUntil(lambda: first.done and second.done)
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == ["first", "loop", "second"]


def test_a_showing_step_has_a_turn_of_its_own(qtbot):
    from PySide6.QtCore import QTimer

    slicer = Slicer(budget=10.0)  # room for every step in one turn
    passes = [0]  # turns of the event loop, counted by a timer due in every one
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: passes.__setitem__(0, passes[0] + 1))
    ticker.start()
    turn: dict[str, int] = {}
    for name in ("make a", "make b"):
        slicer.add(lambda n=name: turn.__setitem__(n, passes[0]))
    slicer.add(lambda: turn.__setitem__("show", passes[0]), alone=True)
    slicer.add(lambda: turn.__setitem__("after", passes[0]))
    slicer.add_next(lambda: turn.__setitem__("first", passes[0]), alone=True)
    with qtbot.waitSignal(slicer.finished, timeout=2000):
        pass
    ticker.stop()
    assert turn["first"] < turn["make a"] == turn["make b"] < turn["show"] < turn["after"]


def test_finish_runs_the_showing_steps_too_in_order(qtbot):
    slicer = Slicer(budget=10.0)
    ran: list[str] = []
    slicer.add(lambda: ran.append("make"))
    slicer.add(lambda: ran.append("show"), alone=True)
    slicer.add(lambda: ran.append("more"))
    slicer.finish()
    assert ran == ["make", "show", "more"] and slicer.done
