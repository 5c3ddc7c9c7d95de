"""Work done in idle moments after the first paint, so that no later click waits for it.

PySide makes each Qt class (with its enums) the first time Python touches it: 270 ms of CPU for
the three modules the window uses, in slices of 1–40 ms (the ``Qt`` namespace is the largest),
and all of it at once the first time a Qt-internal object of a class PySide does not wrap is
handed to Python. :class:`QtTypes` makes them on the UI thread, a few at a time on each turn
of the event loop (never on a worker thread: PySide's lazy type creation is not safe when two
threads make the same type at once). Once they exist, worker threads may import the window's
modules (:func:`import_modules`) without making a Qt type.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer

QT_MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")
SLICE_S = 0.012  # the UI thread's time per turn of the event loop


class QtTypes(QObject):
    """Makes every type of QT_MODULES on the UI thread, in slices; ``done()`` after."""

    def __init__(self, parent: QObject | None, done: Callable[[], None]) -> None:
        super().__init__(parent)
        self._done = done
        self._todo: list[tuple[object, str]] = []
        for name in QT_MODULES:
            module = importlib.import_module(name)
            # dir() of a PySide module lists the types not made yet too
            self._todo += [(module, n) for n in sorted(dir(module)) if not n.startswith("_")]
        self.finished = False
        QTimer.singleShot(0, self, self._slice)

    def _slice(self) -> None:
        end = time.perf_counter() + SLICE_S
        while self._todo and time.perf_counter() < end:
            module, name = self._todo.pop()
            getattr(module, name, None)
        if self._todo:
            QTimer.singleShot(0, self, self._slice)
            return
        self.finished = True
        self._done()


def import_modules(names: Iterable[str]) -> None:
    """Import modules (on a worker thread once :class:`QtTypes` is done)."""
    for name in names:
        importlib.import_module(name)
