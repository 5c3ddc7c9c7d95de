"""Start-up: time to the first shown window of ``reviewdesk --db tmp`` vs a bare QMainWindow.

Both run in fresh subprocesses (the same Python, the same Qt platform). Each prints the wall-clock
time at which its window was shown (the first turn of the event loop after ``show()``); the time
from spawning the process to that moment is compared over several alternating runs (medians).
reviewdesk also reports when its home screen was filled from the opened portfolio ("ready").
Goal: shown ratio <= 1.3.  Usage: python benchmarks/bench_startup.py [--runs N] [--demo]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 740)
window.show()
import time
QTimer.singleShot(0, lambda: print(f"shown {time.time():.6f}", file=sys.stderr, flush=True))
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def reviewdesk_command(db: Path) -> list[str]:
    script = Path(sys.executable).with_name("reviewdesk")
    if script.exists():
        return [str(script), "--db", str(db)]
    return [sys.executable, "-m", "reviewdesk", "--db", str(db)]


def timed(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawning ``command`` to each mark it printed ("shown", "ready"), and exit."""
    start = time.time()
    done = subprocess.run(command, env=env, capture_output=True, timeout=120)
    marks = {"exit": time.time() - start}
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    for line in done.stderr.decode().splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("shown", "ready"):
            marks[parts[0]] = float(parts[1]) - start
    if "shown" not in marks:
        raise SystemExit(f"{command[0]} printed no 'shown' mark")
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--demo", action="store_true", help="load the sample partnership first")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="reviewdesk-bench-"))
    try:
        db = tmp / "bench.sqlite"
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["REVIEWDESK_EXIT_AFTER_SHOW"] = "1"
        env["REVIEWDESK_STARTUP_TRACE"] = "1"
        env["REVIEWDESK_SETTINGS"] = str(tmp / "settings.ini")
        # An installed app runs from compiled bytecode; keep it in tmp, not in the source tree
        # (this checkout's environment sets PYTHONDONTWRITEBYTECODE, which would time compiling).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        if args.demo:
            subprocess.run(
                reviewdesk_command(db)[:1] + ["--db", str(db), "demo"],
                env=env,
                check=True,
                capture_output=True,
            )
        app_cmd = reviewdesk_command(db)
        bare_cmd = [sys.executable, "-c", BARE]
        for _ in range(2):  # warm the file cache, write bytecode, create the portfolio
            timed(app_cmd, env)
            timed(bare_cmd, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):
            bare_times.append(timed(bare_cmd, env))
            app_times.append(timed(app_cmd, env))

        def median(times: list[dict[str, float]], mark: str) -> float:
            return statistics.median(t[mark] for t in times)

        bare = median(bare_times, "shown")
        shown = median(app_times, "shown")
        ready = median(app_times, "ready")
        ratio = shown / bare
        print(f"bare QMainWindow shown       median {bare * 1000:7.1f} ms  ({args.runs} runs)")
        print(f"reviewdesk window shown      median {shown * 1000:7.1f} ms")
        print(f"reviewdesk home ready        median {ready * 1000:7.1f} ms  (portfolio open)")
        print(f"ratio shown {ratio:.2f}  (goal <= 1.30: {'met' if ratio <= 1.3 else 'NOT met'})")
        print(f"ratio ready {ready / bare:.2f}  (for information)")
        best = min(t["shown"] for t in app_times) / min(t["shown"] for t in bare_times)
        print(f"ratio of the fastest runs {best:.2f}  (less sensitive to a busy machine)")
        return 0 if ratio <= 1.3 else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
