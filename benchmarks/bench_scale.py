"""Scale figures on a 200 × 20 portfolio: search, opening a meeting, one partnership's trend, RSS.

    python benchmarks/bench_scale.py [PORTFOLIO.sqlite]

Without an argument a portfolio is generated first (benchmarks/generate_portfolio.py, ~15 s).
Targets on a 2-core machine: search < 50 ms, open a meeting < 100 ms, trend < 20 ms,
RSS < 150 MiB; then the window on the same file: the portfolio painted < 0.3 s after the
window's first paint, its stalls and RSS.
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

from reviewdesk.record import analytics
from reviewdesk.store.opening import open_portfolio


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


def window_figures(path: Path, runs: int = 5) -> None:
    """The window on this portfolio: first paint and home painted after spawn, stall, RSS.

    Through benchmarks/launch.py (the end of the paint pass, not a timer tick); the full
    comparison with a bare window is bench_startup.py.
    """
    import harness

    with harness.Window(harness.DEFAULT_CACHE, "offscreen") as window:
        results = [window.run("app", path).result for _ in range(runs)]
    bad = [r for r in results if not r.get("ok")]
    if bad:
        print(f"window: {bad[0].get('error')}")
        return
    starts = [r["startup"] for r in results]
    home = statistics.median(s["home_paint"] for s in starts)
    after = statistics.median(s["home_after_first_ms"] for s in starts)
    stall = statistics.median(s["stall_ms"] for s in starts)
    rss = max(s.get("vmhwm", 0.0) for s in starts)
    print(
        f"window: home painted {home * 1000:.0f} ms after spawn, {after:.0f} ms after the first "
        f"paint (median of {runs}; target < 300 ms: {'ok' if after < 300 else 'OVER TARGET'})"
    )
    print(f"window: longest stall after the first paint {stall:.0f} ms (target < 100 ms)")
    print(f"window: peak RSS {rss:.0f} MiB (target < 150 MiB)")


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
