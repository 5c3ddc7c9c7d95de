"""Child process of the window benchmarks: start a window, time its first paint, watch the UI.

    python benchmarks/launch.py bare                 # a bare QApplication + QMainWindow
    python benchmarks/launch.py app DB               # reviewdesk's window on DB
    python benchmarks/launch.py tour DB [--meeting ID] --out DIR
    python benchmarks/launch.py csv DB --out DIR     # start, then CSV of every action

Prints one line ``BENCH-RESULT {json}`` on stdout and exits; the parent (harness.py) reads it.

What is measured, in this process:

* **first paint**: an application-wide event filter delivers each Expose / UpdateRequest of a
  top-level window itself (``obj.event(ev)`` inside the filter) and notes the wall-clock time
  when a delivery that painted a widget of the main QMainWindow *returns*: the whole paint pass
  (every widget painted, the backing store flushed) is done then. "home painted" is the first
  such pass that painted reviewdesk's home page (the portfolio is on screen). The parent turns
  these wall times into seconds since it spawned this process. A paint outside such a delivery
  (a synchronous ``repaint()``) counts at its Paint event.
* **UI-thread stalls**: a QTimer on the UI thread beats every 5 ms (a monotonic clock); a stall
  is a gap between two beats. A watchdog *thread* checks the last beat every 10 ms and, while a
  gap exceeds 100 ms, samples the UI thread's Python stack, so each long stall says where the
  time went. A UI thread silent for two minutes ends the process with a result saying so.
* **settled**: after a step, when the UI thread has answered every 25 ms for 300 ms in a row
  (and the step's file, if any, exists); a step's "idle" time ends at the last busy moment.
* **CPU**: the process's CPU time (all threads) at the first paint and over each step, a
  figure a busy machine disturbs less than wall time.
* **RSS**: VmRSS and VmHWM from /proc/self/status; before each tour step the peak is reset
  (``5 > /proc/self/clear_refs``) so each step's own peak shows.

Only ``app_adapter.py`` knows the window's structure.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

BEAT_MS = 5
QUIET_GAP = 0.025  # a gap this long counts as busy
QUIET_FOR = 0.3  # settled after this long without a busy gap
STALL = 0.1  # the watchdog samples the stack in gaps longer than this
HANG = 120.0  # no beat for this long: give up
STEP_LIMIT = 180.0  # a step that has not settled by then is reported as such
PAINT, EXPOSE, UPDATE = QEvent.Type.Paint, QEvent.Type.Expose, QEvent.Type.UpdateRequest
RESULT_PREFIX = "BENCH-RESULT "
BIG_PAINT = 0.05  # a paint pass that painted a widget of 5% of the window or more


def _memory() -> dict[str, float]:
    """VmRSS and VmHWM of this process in MiB (empty when /proc is not there)."""
    out = {}
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line[:5].lower()] = round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return out


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        return True
    except OSError:
        return False


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


class Heartbeat(QObject):
    """Beats every BEAT_MS on the UI thread; remembers every gap of QUIET_GAP or more."""

    def __init__(self) -> None:
        super().__init__()
        self.last = time.perf_counter()
        self.gaps: list[tuple[float, float]] = []
        self.last_busy_end = 0.0
        self.beats = 0
        self.loop_stack: tuple[str, ...] = ()  # the Python frames under the event loop
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self.beat)
        self.timer.start()

    def beat(self) -> None:
        now = time.perf_counter()
        self.beats += 1
        if not self.loop_stack:
            self.loop_stack = _stack(sys._getframe(1))
        if now - self.last >= QUIET_GAP:
            self.gaps.append((self.last, now))
            self.last_busy_end = now
        self.last = now

    def stalls(self, start: float, end: float) -> list[float]:
        """Lengths of the gaps within [start, end] (clipped to it), longest first."""
        spans = [*self.gaps, (self.last, time.perf_counter())]
        out = [min(b, end) - max(a, start) for a, b in spans if b > start and a < end]
        return sorted((x for x in out if x > 0), reverse=True)


class Watchdog(threading.Thread):
    """Notices a silent UI thread and samples where it is (Python frames)."""

    def __init__(self, heartbeat: Heartbeat, on_hang) -> None:
        super().__init__(name="bench-watchdog", daemon=True)
        self.heartbeat = heartbeat
        self.on_hang = on_hang
        self.ui_thread = threading.main_thread().ident
        self.samples: list[tuple[float, tuple[str, ...]]] = []
        self.running = True

    def run(self) -> None:
        while self.running:
            time.sleep(0.01)
            if not self.heartbeat.beats:  # the event loop has not started: not a stall
                continue
            now = time.perf_counter()
            gap = now - self.heartbeat.last
            if gap > STALL:
                self.samples.append((now, self.ui_stack()))
                time.sleep(0.015)
            if gap > HANG:
                self.on_hang(gap, self.ui_stack())

    def ui_stack(self) -> tuple[str, ...]:
        """The UI thread's frames as text. No frame is kept: a frame kept alive keeps its
        locals, and a Python wrapper outliving its Qt object can be handed out again by
        PySide for a new object at the same address, with the wrong type."""
        frames = sys._current_frames()
        frame = frames.pop(self.ui_thread, None)
        del frames
        try:
            return _stack(frame)
        finally:
            del frame

    def where(self, start: float, end: float) -> str:
        """The UI thread's most sampled place during the stalls within [start, end]."""
        stacks = [s for t, s in self.samples if start <= t <= end + 0.05]
        loop = self.heartbeat.loop_stack
        places = collections.Counter(QT_ONLY if s == loop else _place(s) for s in stacks)
        return "; ".join(f"{p} ({n}/{len(stacks)})" for p, n in places.most_common(2))


def _stack(frame) -> tuple[str, ...]:
    out = []
    while frame is not None and len(out) < 80:
        code = frame.f_code
        path = code.co_filename.replace("\\", "/")
        if "/reviewdesk/" in path:
            path = "reviewdesk/" + path.rsplit("/reviewdesk/", 1)[1]
        else:
            path = path.rsplit("/", 1)[-1]
        out.append(f"{path}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return tuple(out)


QT_ONLY = "Qt's C++ in the event loop (layout, paint, style; no Python frame)"
PAINTING = "painting the window (Qt's paint pass and the widgets' paintEvent)"


def _place(stack: tuple[str, ...]) -> str:
    """The innermost frames of reviewdesk's own code (up to three), else the innermost."""
    if stack and stack[0].startswith("launch.py:") and stack[0].endswith(" _deliver"):
        return PAINTING
    ours = [f for f in stack if f.startswith("reviewdesk/")]
    if not ours:
        return stack[0] if stack else "?"
    return " < ".join(ours[:3])


class Probe(QObject):
    """Application-wide event filter: when was the main window (and its home) first painted."""

    def __init__(self, home_of) -> None:
        super().__init__()
        self.home_of = home_of  # main window -> the widget whose painting means "home painted"
        self.main: QMainWindow | None = None
        # (time.time, perf_counter, process_time): wall for the parent, CPU so far
        self.first_paint: tuple[float, float, float] | None = None
        self.home_paint: tuple[float, float, float] | None = None
        self.pass_ends: list[float] = []
        self.unwrapped = 0
        self.wrap_failed = ""
        self.on_home_painted = None
        self._pass: dict[str, bool] | None = None

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == PAINT:
            self._paint(obj, event)
        elif (
            (kind == UPDATE or kind == EXPOSE)  # noqa: SIM109 - cheapest on enums
            and self._pass is None
            and not self.wrap_failed
            and (obj.isWindowType() or (obj.isWidgetType() and obj.isWindow()))
        ):
            return self._deliver(obj, event)
        return False

    def _deliver(self, obj, event) -> bool:
        """Deliver the event here, so that the end of the paint pass it causes is seen."""
        self._pass = {"main": False, "home": False, "area": 0}
        try:
            obj.event(event)
        except Exception as exc:  # noqa: BLE001 - fall back to Paint events alone
            self._pass = None
            self.wrap_failed = f"{type(exc).__name__}: {exc}"
            return False
        painted, self._pass = self._pass, None
        if painted["main"]:
            self._painted(painted["home"], painted["area"])
        return True

    def _paint(self, obj, event) -> None:
        if not obj.isWidgetType():
            return
        window = obj.window()
        if not isinstance(window, QMainWindow):
            return
        self.main = window
        home = self.home_paint is None and self._is_home(window, obj)
        rect = event.rect()
        area = rect.width() * rect.height() / max(1, window.width() * window.height())
        if self._pass is not None:
            self._pass["main"] = True
            self._pass["home"] = self._pass["home"] or home
            self._pass["area"] = max(self._pass["area"], area)
        else:
            self.unwrapped += 1
            self._painted(home, area)

    def _is_home(self, window, obj) -> bool:
        try:
            home = self.home_of(window)
        except Exception:  # noqa: BLE001
            return False
        return home is not None and (obj is home or home.isAncestorOf(obj))

    def _painted(self, home: bool, area: float) -> None:
        stamp = (time.time(), time.perf_counter(), time.process_time())
        self.pass_ends.append((stamp[1], area))
        if self.first_paint is None:
            self.first_paint = stamp
        if home and self.home_paint is None:
            self.home_paint = stamp
            if self.on_home_painted is not None:
                QTimer.singleShot(0, self.on_home_painted)

    def painted_after(self, t: float) -> float | None:
        """The end of the first paint pass after ``t`` that painted a sizeable part of the
        window (not just the status bar's clock, which ticks every second)."""
        return next((x for x, area in self.pass_ends if x > t and area >= BIG_PAINT), None)


def _open_windows() -> list[str]:
    """The visible top-level windows (a modal message box names itself here)."""
    out = []
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            text = getattr(widget, "text", None)
            detail = f": {text()}" if callable(text) else ""
            out.append(f"{type(widget).__name__} {widget.windowTitle()!r}{detail}")
    return out


class Step:
    def __init__(self, name: str, action, done=None) -> None:
        self.name, self.action, self.done = name, action, done


class Session:
    """One benchmark run in this process: start-up, then the mode's steps, then the result."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.result: dict = {"mode": args.mode, "ok": False, "pid": os.getpid()}
        self.printed = False
        self.app = QApplication(sys.argv[:1])
        self.heartbeat = Heartbeat()
        self.watchdog = Watchdog(self.heartbeat, self._hang)
        self.watchdog.start()
        self.adapter = None
        if args.mode == "bare":
            home_of = lambda window: window  # noqa: E731 - the bare window is its own "home"
        else:
            import app_adapter

            self.adapter = app_adapter
            home_of = app_adapter.home_widget
        self.probe = Probe(home_of)
        self.probe.on_home_painted = self._home_painted
        self.app.installEventFilter(self.probe)
        self.dialogs = None
        self.steps: list[dict] = []
        QTimer.singleShot(int(args.deadline * 1000), self._deadline)

    # ---- running ---------------------------------------------------------------------------

    def run(self) -> int:
        if self.args.mode == "bare":
            window = QMainWindow()
            window.resize(1280, 800)
            window.show()
            code = self.app.exec()
        else:
            try:
                start = self.adapter.entry()
            except Exception as exc:  # noqa: BLE001
                return self.finish(error=str(exc))
            code = start(Path(self.args.db))
        if not self.printed:
            self.finish(error=f"the window closed (exit code {code}) before the benchmark ended")
        return 0

    def _home_painted(self) -> None:
        self.when_settled(self.probe.home_paint[1], self._started)

    def _started(self, settled: float) -> None:
        probe, hb = self.probe, self.heartbeat
        first = probe.first_paint[1]
        stalls = hb.stalls(first, settled)
        self.result["startup"] = {
            "first_paint_wall": probe.first_paint[0],
            "home_paint_wall": probe.home_paint[0],
            "first_paint_cpu_ms": _ms(probe.first_paint[2]),
            "home_paint_cpu_ms": _ms(probe.home_paint[2]),
            "home_after_first_ms": _ms(probe.home_paint[1] - first),
            "settled_after_first_ms": _ms(settled - first),
            "stall_ms": _ms(stalls[0] if stalls else 0.0),
            "stalls_over_100": sum(s > STALL for s in stalls),
            "where": self.watchdog.where(first, settled),
            **_memory(),
        }
        if self.args.mode in ("bare", "app"):
            self.finish()
            return
        try:
            self.dialogs = self.adapter.Dialogs()
            self.dialogs.install()
            window = self.probe.main
            plan = tour(self, window) if self.args.mode == "tour" else csv_only(self, window)
        except Exception as exc:  # noqa: BLE001
            self.finish(error=f"{type(exc).__name__}: {exc}")
            return
        self.next_step(plan)

    def next_step(self, plan) -> None:
        try:
            step = next(plan)
        except StopIteration:
            self.finish()
            return
        except Exception as exc:  # noqa: BLE001
            self.finish(error=f"{type(exc).__name__}: {exc}")
            return
        QTimer.singleShot(20, lambda: self._run_step(step, plan))

    def _run_step(self, step: Step, plan) -> None:
        _reset_peak()
        messages = len(self.dialogs.messages)
        t0, cpu0 = time.perf_counter(), time.process_time()
        error = ""
        try:
            step.action()
        except Exception as exc:  # noqa: BLE001
            error = f"{type(exc).__name__}: {exc}"
        called = time.perf_counter()

        def settled(end: float, timed_out: bool = False) -> None:
            stalls = self.heartbeat.stalls(t0, end)
            painted = self.probe.painted_after(called)
            record = {
                "name": step.name,
                "call_ms": _ms(called - t0),
                "cpu_ms": _ms(time.process_time() - cpu0),
                "painted_ms": _ms(painted - t0) if painted is not None else None,
                "idle_ms": _ms(end - t0),
                "stall_ms": _ms(stalls[0] if stalls else 0.0),
                "stalls_over_100": sum(s > STALL for s in stalls),
                "where": self.watchdog.where(t0, end),
                "passes": [
                    (_ms(x - t0), round(a, 3)) for x, a in self.probe.pass_ends if t0 <= x <= end
                ][:6],
                **_memory(),
            }
            if timed_out:
                record["error"] = f"not settled after {STEP_LIMIT:.0f} s"
            if error:
                record["error"] = error
            if len(self.dialogs.messages) > messages:
                record["messages"] = self.dialogs.messages[messages:]
            self.steps.append(record)
            self.next_step(plan)

        self.when_settled(called, settled, step.done)

    def when_settled(self, since: float, then, done=None) -> None:
        """Call ``then(end)`` once the UI thread has been quiet for QUIET_FOR (and done()).

        ``end`` is the last of: ``since``, the end of the last busy gap, done() turning true,
        the end of the first paint pass after ``since`` (the step's own paint; later passes
        are the clock's ticks).
        """
        state = {"done_at": None if done else since}
        poll = QTimer(self.app)
        poll.setInterval(10)

        def check() -> None:
            now = time.perf_counter()
            if state["done_at"] is None:
                try:
                    finished = bool(done())
                except Exception:  # noqa: BLE001
                    finished = False
                if finished:
                    state["done_at"] = now
                elif now - since > STEP_LIMIT:
                    poll.stop()
                    then(now, True)
                    return
                else:
                    return
            painted = self.probe.painted_after(since) or since
            end = max(since, self.heartbeat.last_busy_end, state["done_at"], painted)
            if now - end >= QUIET_FOR:
                poll.stop()
                poll.deleteLater()
                then(end)

        poll.timeout.connect(check)
        poll.start()

    # ---- ending ----------------------------------------------------------------------------

    def finish(self, error: str = "") -> int:
        if self.printed:
            return 0
        self.printed = True
        self.watchdog.running = False
        self.result["ok"] = not error
        if error:
            self.result["error"] = error
            self.result["windows"] = _open_windows()
            self.result["home_painted"] = self.probe.home_paint is not None
        if self.steps:
            self.result["steps"] = self.steps
        if self.probe.first_paint is None:
            self.result.setdefault("error", "the main window was never painted")
            self.result["ok"] = False
        self.result["paints_outside_delivery"] = self.probe.unwrapped
        if self.probe.wrap_failed:
            self.result["delivery_failed"] = self.probe.wrap_failed
        if self.dialogs is not None and self.dialogs.messages:
            self.result["messages"] = self.dialogs.messages
        self.result.update(_memory())
        print(RESULT_PREFIX + json.dumps(self.result), flush=True)
        QTimer.singleShot(0, self.app.quit)
        return 0

    def _deadline(self) -> None:
        self.finish(error=f"deadline of {self.args.deadline:.0f} s passed")

    def _hang(self, gap: float, stack: tuple[str, ...]) -> None:
        if not self.printed:
            self.printed = True
            self.result.update(ok=False, error=f"UI thread silent for {gap:.0f} s", stack=stack)
            print(RESULT_PREFIX + json.dumps(self.result), flush=True)
        os._exit(4)


# ---- the modes' steps ----------------------------------------------------------------------


def tour(session: Session, window):
    """Home → a meeting → every page → back home → CSV of the partnership in view, then of all."""
    adapter, args = session.adapter, session.args
    out = Path(args.out)
    meeting = args.meeting or adapter.selected_meeting(window)
    if meeting is None:
        return  # an empty portfolio: nothing to tour
    yield Step(f"open meeting {meeting}", lambda: adapter.open_meeting(window, meeting))
    first = adapter.current_step(window)
    for key in adapter.meeting_steps(window):
        if key != first:
            yield Step(f"page {key}", lambda k=key: adapter.go_to(window, k))
    yield Step("back to home", lambda: adapter.back_home(window))
    in_view, everything = out / "actions-in-view.csv", out / "actions-all.csv"
    yield Step(
        "CSV: actions of the partnership in view",
        lambda: adapter.export_csv_in_view(window, session.dialogs, in_view),
        done=in_view.exists,
    )
    yield Step(
        "CSV: every action",
        lambda: adapter.export_csv_everything(window, session.dialogs, everything),
        done=everything.exists,
    )


def csv_only(session: Session, window):
    target = Path(session.args.out) / "actions-all.csv"
    yield Step(
        "CSV: every action",
        lambda: session.adapter.export_csv_everything(window, session.dialogs, target),
        done=target.exists,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("bare", "app", "tour", "csv"))
    parser.add_argument("db", nargs="?")
    parser.add_argument("--meeting", type=int)
    parser.add_argument("--out", help="folder for the CSV files (tour, csv)")
    parser.add_argument("--deadline", type=float, default=600.0)
    args = parser.parse_args()
    if args.mode != "bare" and not args.db:
        parser.error("a portfolio file is needed")
    if args.mode in ("tour", "csv") and not args.out:
        parser.error("--out is needed")
    return Session(args).run()


if __name__ == "__main__":
    sys.exit(main())
