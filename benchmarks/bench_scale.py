"""Scale figures on a 200 × 20 portfolio: search, opening a meeting, one partnership's trend, RSS.

    python benchmarks/bench_scale.py [PORTFOLIO.sqlite]

Without an argument a portfolio is generated first (benchmarks/generate_portfolio.py, ~1 min).
Targets on a 2-core machine: search < 50 ms, open a meeting < 100 ms, trend < 20 ms,
RSS < 150 MiB; then the window on the same file: the portfolio on screen < 0.3 s, its RSS.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reviewdesk.record import analytics  # noqa: E402
from reviewdesk.store.opening import open_portfolio  # noqa: E402


def timed(label: str, target_ms: float, func, runs: int = 20) -> None:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        func()
        samples.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(samples)
    verdict = "ok" if median < target_ms else "OVER TARGET"
    print(
        f"{label}: median {median:.1f} ms, max {max(samples):.1f} ms "
        f"(target < {target_ms:.0f} ms: {verdict})"
    )


WINDOW = """
import sys, time
print("start", time.time(), file=sys.stderr, flush=True)
from reviewdesk.cli import main
main(["--db", sys.argv[1]])
"""


def window_figures(path: Path, runs: int = 5) -> None:
    """The window on this portfolio: time to show, and until the portfolio is on screen."""
    import os
    import subprocess

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        REVIEWDESK_STARTUP_TRACE="1",
        REVIEWDESK_EXIT_AFTER_SHOW="1",
        REVIEWDESK_SETTINGS=str(Path(tempfile.mkdtemp()) / "s.ini"),
    )
    ready, rss = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", WINDOW + RSS_TAIL, str(path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        ).stderr
        marks = {
            line.split()[0]: float(line.split()[1])
            for line in out.splitlines()
            if line.split()[:1] and line.split()[0] in ("start", "shown", "ready", "rss")
        }
        ready.append((marks["ready"] - marks["shown"]) * 1000)
        rss.append(marks.get("rss", 0.0))
    median = statistics.median(ready)
    verdict = "ok" if median < 300 else "OVER TARGET"
    print(
        f"window: portfolio on screen {median:.0f} ms after the window shows "
        f"(median of {runs}; target < 300 ms: {verdict})"
    )
    print(f"window: peak RSS {max(rss):.0f} MiB (target < 150 MiB)")


RSS_TAIL = """
import resource
print("rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, file=sys.stderr)
"""


def run(path: Path) -> None:
    t0 = time.perf_counter()
    portfolio = open_portfolio(path)
    print(f"open the portfolio file (checks included): {(time.perf_counter() - t0) * 1000:.0f} ms")
    summaries = portfolio.meetings()
    partnerships = portfolio.partnerships()
    print(f"{len(partnerships)} partnerships, {len(summaries)} meetings")
    timed("list every meeting with its averages", 300, portfolio.meetings, runs=5)
    timed("list partnerships", 50, portfolio.partnerships)
    for word in ("backlog", "demurrage shipment", "turn"):
        timed(
            f"search {word!r} ({len(portfolio.search(word))} hits)",
            50,
            lambda w=word: portfolio.search(w),
        )
    middle = summaries[len(summaries) // 2].id
    timed("open a meeting (full record)", 100, lambda: portfolio.meeting(middle))
    pid = partnerships[len(partnerships) // 2].id

    def one_trend():
        h = portfolio.history(pid)
        analytics.trend(h)
        analytics.persistent_gaps(h)
        analytics.follow_through(h, h.reviews[-1].date)

    timed("trend + persistent gaps + follow-through of one partnership", 20, one_trend)
    from reviewdesk.app.export import export_csv

    out = Path(tempfile.mkdtemp()) / "out.csv"

    # Our own target: the window writes CSV on the UI thread behind a wait cursor.
    timed("CSV of every action item", 1000, lambda: export_csv(portfolio, "actions", out), 3)
    timed(
        "CSV of every goal with its history", 1000, lambda: export_csv(portfolio, "goals", out), 3
    )
    window_figures(path)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:.0f} MiB (target < 150 MiB)")
    portfolio.close()


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run(Path(sys.argv[1]))
    else:
        from generate_portfolio import generate

        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "scale.sqlite"
            generate(target, 200, 20)
            run(target)
