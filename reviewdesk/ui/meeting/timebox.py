"""Section timers (start/pause, time left, amber then red "over") and the meeting clock."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from reviewdesk.ui import style

AMBER_SECONDS = 120


def mmss(seconds: float) -> str:
    seconds = int(abs(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def hhmmss(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


class Stopwatch:
    """Elapsed seconds that can be paused; ``now`` is injectable for tests."""

    def __init__(self, now=time.monotonic, banked: float = 0.0):
        self._now = now
        self._banked = banked
        self._started: float | None = None

    def now(self) -> float:
        return self._now()

    @property
    def running(self) -> bool:
        return self._started is not None

    def start(self) -> None:
        if self._started is None:
            self._started = self._now()

    def pause(self) -> None:
        if self._started is not None:
            self._banked += self._now() - self._started
            self._started = None

    def elapsed(self) -> float:
        live = self._now() - self._started if self._started is not None else 0.0
        return self._banked + live


class Timebox(QObject):
    """One section's time budget; never blocks anything, only shows.

    ``spent`` is the time the section had when the meeting was opened (kept in the file);
    ``saved`` and ``saved_at`` say what of it the file holds and when it was last written."""

    ticked = Signal()
    paused = Signal()

    def __init__(
        self,
        minutes: int | None,
        parent: QObject | None = None,
        now=time.monotonic,
        spent: int = 0,
    ):
        super().__init__(parent)
        self.minutes = minutes
        self.watch = Stopwatch(now, banked=spent)
        self.saved = spent
        self.saved_at = self.watch.now()

    def seconds(self) -> int:
        """Whole seconds spent on the section, as the file keeps them."""
        return int(self.watch.elapsed())

    @property
    def running(self) -> bool:
        return self.watch.running

    def toggle(self) -> None:
        if self.running:
            self.watch.pause()
            self.paused.emit()
        else:
            self.watch.start()
        self.ticked.emit()

    def left(self) -> float | None:
        """Seconds left (negative when over), or None without a budget."""
        if not self.minutes:
            return None
        return self.minutes * 60 - self.watch.elapsed()

    def state(self) -> str:
        left = self.left()
        if left is None or left > AMBER_SECONDS:
            return "normal"
        return "amber" if left >= 0 else "over"

    def text(self) -> str:
        left = self.left()
        if left is None:
            return mmss(self.watch.elapsed())
        if left < 0:
            return f"+{mmss(-left)} over"
        return f"{mmss(left)} left"

    def short(self) -> str:
        """For the navigator: "10 min" before it starts, else the time left or over."""
        if self.watch.elapsed() == 0 and not self.running:
            return f"{self.minutes} min" if self.minutes else ""
        left = self.left()
        if left is None:
            return mmss(self.watch.elapsed())
        return f"+{mmss(-left)}" if left < 0 else mmss(left)


class MeetingClock:
    """The meeting's time: the sum of its sections' timers, so it runs when one of them runs
    and survives a restart with them."""

    def __init__(self, timeboxes: dict[str, Timebox]):
        self._timeboxes = timeboxes

    @property
    def running(self) -> bool:
        return any(tb.running for tb in self._timeboxes.values())

    def elapsed(self) -> float:
        return sum(tb.watch.elapsed() for tb in self._timeboxes.values())


class TimeboxWidget(QWidget):
    """Shows a Timebox: time left in mm:ss and a start/pause button."""

    def __init__(self, timebox: Timebox, parent: QWidget | None = None):
        super().__init__(parent)
        self.timebox = timebox
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.px(8))
        self.label = QLabel()
        self.label.setObjectName("timebox")
        self.label.setAccessibleName("Section time")
        self.button = QPushButton()
        self.button.setAccessibleName("Start or pause the section timer")
        self.button.clicked.connect(timebox.toggle)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        timebox.ticked.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.label.setText(self.timebox.text())
        state = self.timebox.state()
        if self.label.property("state") != state:
            self.label.setProperty("state", state)
            style.repolish(self.label)
        self.button.setText("❚❚ Pause" if self.timebox.running else "▶ Start")
