"""A page built in slices: what is in view first, the rest in later event-loop turns.

A long page made in one go keeps the window from answering (each widget is made, styled and
laid out before anything paints). A page builds what shows at its top, paints, and hands the
rest to a ``Slicer``: a few steps per turn of the event loop, each turn within a small budget,
until every step has run. A step that shows what earlier steps made hidden has a turn of its own
(``alone``): its cost comes after it, as layout and paint. ``finish()`` runs what is left at once
(anything that needs the whole page calls it).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from time import perf_counter
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QBoxLayout, QWidget

SLICE_SECONDS = 0.01  # a turn runs steps until this much time went by (at least one step)
# Slicers whose timers are due together all run in one pass of the event loop, and to the user
# that is one stall: a slice starts only once this long has passed since any slice ended, so
# the window gets a turn (input, a paint) between two slices, whichever slicers they are of
GAP_SECONDS = 0.001

_last_end = float("-inf")  # when the latest slice of any slicer ended


class Slicer(QObject):
    """Steps run in order, a slice per event-loop turn; ``finished`` once none is left."""

    finished = Signal()

    def __init__(self, parent: QObject | None = None, budget: float = SLICE_SECONDS):
        super().__init__(parent)
        self.budget = budget
        self._steps: deque[tuple[Callable[[], object], bool]] = deque()
        self._announced = True  # ``finished`` was emitted for the steps added so far
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    @property
    def done(self) -> bool:
        return not self._steps

    def add(self, step: Callable[[], object], *, alone: bool = False) -> None:
        """Run ``step`` after the steps added before it, in a later turn.

        ``alone``: a step that shows what earlier steps made hidden runs first in its turn and
        ends it, so the layout and paint its showing brings are the turn's only other work."""
        self._steps.append((step, alone))
        self._announced = False
        if not self._timer.isActive():
            self._timer.start()

    def add_next(self, step: Callable[[], object], *, alone: bool = False) -> None:
        """Run ``step`` before the steps waiting, in a later turn (a step's own follow-up);
        ``alone`` as for :meth:`add`."""
        self._steps.appendleft((step, alone))
        self._announced = False
        if not self._timer.isActive():
            self._timer.start()

    def cancel(self) -> None:
        """Drop the steps not run yet (what they would make is made anew)."""
        self._timer.stop()
        self._steps.clear()
        self._announced = True

    def finish(self) -> None:
        """Run every step left now."""
        self._timer.stop()
        if self._steps:
            self._run(None)

    def _slice(self) -> None:
        global _last_end
        start = perf_counter()
        if start - _last_end < GAP_SECONDS:  # another slice just ran in this pass: next turn
            self._timer.start(1)
            return
        self._timer.setInterval(0)
        try:
            self._run(start + self.budget)
        finally:
            _last_end = perf_counter()

    def _run(self, until: float | None) -> None:
        first = True
        while self._steps:
            step, alone = self._steps[0]
            if alone and not first and until is not None:
                break  # a showing step starts a turn of its own
            self._steps.popleft()
            step()
            first = False
            if until is not None and (alone or perf_counter() >= until):
                break
        if self._steps:
            self._timer.start()
        elif not self._announced:  # once, even when a step called finish()
            self._announced = True
            self.finished.emit()


class BuiltInSlices:
    """A page whose later parts a ``Slicer`` (``self.slicer``) makes in later turns: reading
    one of the attributes named in ``_DEFERRED`` before its slice ran builds what is left of
    the page first. Mixed in before the widget class."""

    _DEFERRED: frozenset[str] = frozenset()
    slicer: Slicer

    def __getattr__(self, name: str):
        if name in type(self)._DEFERRED and "slicer" in self.__dict__ and not self.slicer.done:
            self.slicer.finish()
            return self.__dict__[name]
        raise AttributeError(name)

    @property
    def complete(self) -> bool:
        return self.slicer.done

    def finish(self) -> None:
        """Build what is left of the page now."""
        self.slicer.finish()

    def _card_later(self, body: QBoxLayout) -> None:
        """End the page's ``body`` with a stretch; ``_build_editor`` makes the page's card in the
        next turn of the event loop (hidden), and ends by adding ``_show_card`` for the turn
        after."""
        body.addStretch(1)
        self.slicer = Slicer(self)  # type: ignore[arg-type]
        self.slicer.add(self._build_editor)  # type: ignore[attr-defined]

    def _editor_in_two_turns(self, part: QWidget) -> None:
        """Put ``part``, an editor made in two parts (the rest by its ``make_rest()``), in the
        page's (hidden) ``card``; the next step makes the rest. The page's ``editor`` is set
        only once it is whole: anything that asks for it sooner finishes the page first."""
        self.card.body.addWidget(part)  # type: ignore[attr-defined]
        self._editor_part = part
        self.slicer.add(self._finish_editor)

    def _finish_editor(self) -> None:
        """A slice: the rest of the editor made; from now on it is the page's ``editor``."""
        self._editor_part.make_rest()  # type: ignore[attr-defined]
        self.editor = self._editor_part

    def _show_card(self) -> None:
        """A slice: put the page's ``card`` (made hidden by an earlier slice) above the stretch
        that ends the page's layout, and show it."""
        body = self.layout()  # type: ignore[attr-defined]
        body.insertWidget(body.count() - 1, self.card)  # type: ignore[attr-defined]
        self.card.show()  # type: ignore[attr-defined]
