"""Start-up: spawn → first PAINTED window of reviewdesk vs a bare QApplication + QMainWindow.

    python benchmarks/bench_startup.py [--runs 7] [--sizes empty,demo,4000,40000]
                                       [--platform offscreen|xvfb] [--cache DIR]

Every figure comes from fresh processes run through benchmarks/launch.py, which times the end of
the first paint pass of the main window (an application-wide event filter; see launch.py), not
a timer tick. Each round runs, for every portfolio size in turn (the order rotates between
rounds), a bare window and then reviewdesk: so the bare window is timed in the same minutes as
the app it is compared with. Medians over the rounds, and the median of the ratios of each app
run to the bare run just before it (less sensitive to a busy machine).

Per size: first paint (whatever the window shows first), home painted (the portfolio on
screen), the longest UI-thread stall from the first paint until the window settles (the
watchdog's heartbeat), peak RSS at that point, and for reference the app's own
REVIEWDESK_STARTUP_TRACE "shown" mark (a QTimer tick; not a measure of what a user sees).
Targets: first paint ≤ 1.3× the bare window at every size; no stall over 100 ms after it;
RSS < 150 MiB.
"""

from __future__ import annotations

import argparse
import json

import harness
from harness import RSS_TARGET_MIB, STALL_TARGET_MS, Report, median, ms, verdict

RATIO_TARGET = 1.3
DEADLINE = 180.0  # seconds for one start-up (the 40,000 portfolio settles in ~15 s)


def check(size: str, result: dict) -> dict:
    if not result.get("ok"):
        raise SystemExit(f"{size}: {json.dumps(result)}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    harness.common_arguments(parser, ["empty", "demo", "4000", "40000"], runs=7)
    args = parser.parse_args()
    print(harness.machine())
    sizes = harness.chosen_sizes(args.sizes)
    found = harness.portfolios(sizes, args.cache, args.fresh)
    bare: dict[str, list[dict]] = {s: [] for s in sizes}
    app: dict[str, list[dict]] = {s: [] for s in sizes}
    with harness.Window(args.cache, args.platform) as window:
        for size in sizes:  # warm up: bytecode, font cache, the file in the page cache
            window.run("bare", deadline=DEADLINE)
            check(size, window.run("app", found[size].path, deadline=DEADLINE).result)
        for round_ in range(args.runs):
            order = sizes[round_ % len(sizes) :] + sizes[: round_ % len(sizes)]
            for size in order:
                b = window.run("bare", deadline=DEADLINE).result
                a = window.run("app", found[size].path, trace=True, deadline=DEADLINE).result
                for result, into in ((b, bare), (a, app)):
                    into[size].append(check(size, result)["startup"])
            print(f"round {round_ + 1} of {args.runs} done", flush=True)

    report = Report(f"Start-up to first paint ({args.platform}, {args.runs} rounds, medians)")
    for size in sizes:
        b_runs, a_runs = bare[size], app[size]
        b_first = median([r["first_paint"] for r in b_runs])
        first = median([r["first_paint"] for r in a_runs])
        home = median([r["home_paint"] for r in a_runs])
        pairs = median(
            [a["first_paint"] / b["first_paint"] for a, b in zip(a_runs, b_runs, strict=True)]
        )
        home_pairs = median(
            [a["home_paint"] / b["first_paint"] for a, b in zip(a_runs, b_runs, strict=True)]
        )
        stall = median([r["stall_ms"] for r in a_runs])
        worst_stall = max(r["stall_ms"] for r in a_runs)
        where = max(a_runs, key=lambda r: r["stall_ms"])["where"]
        rss = median([r.get("vmhwm") for r in a_runs])
        shown = median([r.get("trace_shown") for r in a_runs])
        label = f"{size} ({found[size].meetings} meetings)"
        report.add(f"{label}: bare QMainWindow first paint", ms(b_first))
        report.add(
            f"{label}: reviewdesk first paint",
            f"{ms(first)} = {first / b_first:.2f}× bare (pairs {pairs:.2f}×)",
            f"≤ {RATIO_TARGET}×",
            verdict(first / b_first, RATIO_TARGET),
        )
        b_cpu = median([r["first_paint_cpu_ms"] for r in b_runs])
        cpu = median([r["first_paint_cpu_ms"] for r in a_runs])
        report.add(
            f"{label}: CPU time until first paint (less disturbed by a busy machine)",
            f"{cpu:.0f} ms = {cpu / b_cpu:.2f}× bare ({b_cpu:.0f} ms)",
        )
        report.add(
            f"{label}: home painted (portfolio on screen)",
            f"{ms(home)} = {home / b_first:.2f}× bare (pairs {home_pairs:.2f}×)",
            f"≤ {RATIO_TARGET}×",
            verdict(home / b_first, RATIO_TARGET),
        )
        report.add(
            f"{label}: longest stall after first paint",
            f"{stall:.0f} ms median, {worst_stall:.0f} ms worst",
            f"≤ {STALL_TARGET_MS:.0f} ms",
            verdict(stall, STALL_TARGET_MS),
        )
        if worst_stall > STALL_TARGET_MS and where:
            report.note(f"{size}: the longest stall after first paint was in {where}")
        report.add(
            f"{label}: peak RSS once settled",
            f"{rss:.0f} MiB",
            f"< {RSS_TARGET_MIB:.0f} MiB",
            verdict(rss, RSS_TARGET_MIB),
        )
        if shown is not None:
            report.add(
                f"{label}: app's own 'shown' trace (QTimer tick; reference only)",
                f"{ms(shown)} = {shown / b_first:.2f}× bare",
            )
    report.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
