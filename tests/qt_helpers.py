"""Helpers for tests that drive real widgets: strokes on a signature pad, a session's failures,
a page made a step at a time, a window at rest, a Qt process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from reviewdesk.ui.meeting.session import MeetingSession
from reviewdesk.ui.widgets.signature_pad import SignaturePad

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
T = TypeVar("T")


def draw(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """One stroke with real mouse press, moves and release."""
    first = QPoint(*points[0])
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    last = QPoint(*points[-1])
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)


class Failures:
    """Collects the session's ``failed`` messages."""

    def __init__(self, session: MeetingSession):
        self.messages: list[str] = []
        session.failed.connect(self.messages.append)


def step_by_step(page, observe: Callable[[Any], T]) -> list[T]:
    """Run a page's slicer one step at a time until the page is whole (each step a turn of
    its own, its timer stopped), ``observe(page)`` after each step."""
    page.slicer._timer.stop()
    seen = []
    while not page.complete:
        page.slicer._run(0.0)  # one step
        seen.append(observe(page))
    return seen


class _Resizes(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.last: list[str] = []  # who was resized or laid out lately

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.count += 1
            name = watched.objectName() or type(watched).__name__
            self.last = [*self.last[-11:], f"{name} {event.type().name}"]
        return False


def wait_at_rest(qtbot, passes: int = 10, timeout_ms: int = 10_000) -> None:
    """Turn the event loop until ``passes`` turns in a row resize and lay out nothing (layouts
    settle in waves: a size asks for a layout, which gives another size); fails when the
    window never comes to rest (a layout that keeps undoing itself)."""
    app = QApplication.instance()
    resizes = _Resizes()
    app.installEventFilter(resizes)
    quiet = 0

    def at_rest() -> bool:
        nonlocal quiet
        before = resizes.count
        app.processEvents()
        quiet = quiet + 1 if resizes.count == before else 0
        return quiet >= passes

    try:
        qtbot.waitUntil(at_rest, timeout=timeout_ms)
    except qtbot.TimeoutError:
        raise AssertionError(
            f"not at rest after {timeout_ms} ms ({resizes.count} resizes and layouts), lately: "
            + ", ".join(resizes.last)
        ) from None
    finally:
        app.removeEventFilter(resizes)


def parentless_made_by(make: Callable[[], T]) -> tuple[T, list[str]]:
    """``make()``'s result, and the type names of the widgets without a parent it left."""
    app = QApplication.instance()
    before = {id(w) for w in app.allWidgets() if w.parentWidget() is None}
    made = make()
    left = [w for w in app.allWidgets() if w.parentWidget() is None and id(w) not in before]
    return made, [type(w).__name__ for w in left]


def first_section(view) -> None:
    """Show the agenda's first section (after Attendees, Scorecard and Register)."""
    view.go_to(next(k for k in view.navigator.keys() if k.startswith("section:")))  # noqa: SIM118


def run_qt_child(code: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a Python process of its own on Qt's offscreen platform (settings under
    tmp_path): for checks whose failure is a crash, which must not take the test run with it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
