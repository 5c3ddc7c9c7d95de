"""The scripted tour: UI-thread stalls and step times, home → meeting → every page → back → CSV.

    python benchmarks/bench_tour.py [--runs 3] [--sizes demo,4000,40000,big]
                                    [--platform offscreen|xvfb] [--cache DIR]

Each run is a fresh process (benchmarks/launch.py, mode "tour") that starts the window on the
portfolio, waits until it has settled, then drives the real window through
benchmarks/app_adapter.py: open the review the home page has selected (for "big", the big
meeting), visit every step of the navigator in order, go back to the home page, export the
actions of the partnership in view as CSV (File menu; the file dialog answers a temp path),
then the actions of every partnership. Runs are interleaved over the sizes; medians over runs.

Per step: **idle** — from the call until the UI thread is quiet again (its own paint and the
work it queued included); **painted** — until the first paint pass after the call ended;
**stall** — the longest gap in the UI thread's 5 ms heartbeat within the step (the watchdog;
the call itself is part of it); peak RSS within the step. For every stall over 100 ms the
watchdog's stack samples name where the UI thread was.

Targets: no stall over 100 ms after the first paint (start-up) nor in any step; back to the
home page < 100 ms; on the big meeting the first visit to Actions (300 actions), Goals (50
goals) and the section with the 100 KB note < 100 ms each; the CSV of every action off the UI
thread (no stall) and < 1 s at 4,000 meetings; RSS < 150 MiB throughout.
"""

from __future__ import annotations

import argparse
import re

import harness
from harness import RSS_TARGET_MIB, STALL_TARGET_MS, Report, median, verdict

QUICK_MS = 100.0  # back home; first visits on the big meeting
CSV_4000_MS = 1000.0


def step_key(name: str) -> str:
    return re.sub(r"^open meeting \d+$", "open meeting", name)


def targets(size: str, key: str, first_section: str | None) -> tuple[float | None, str]:
    """(idle limit in ms or None, why) for a step; every step also has the stall limit."""
    if key == "back to home":
        return QUICK_MS, "back to the home page"
    if size == "big" and key in ("page actions", "page goals", first_section):
        return QUICK_MS, "first visit on the big meeting"
    if size == "4000" and key == "CSV: every action":
        return CSV_4000_MS, "CSV of every action at 4,000"
    return None, ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    harness.common_arguments(parser, ["demo", "4000", "40000", "big"], runs=3)
    args = parser.parse_args()
    print(harness.machine())
    sizes = harness.chosen_sizes(args.sizes)
    found = harness.portfolios(sizes, args.cache, args.fresh)
    results: dict[str, list[dict]] = {s: [] for s in sizes}
    with harness.Window(args.cache, args.platform) as window:
        for round_ in range(args.runs):
            order = sizes[round_ % len(sizes) :] + sizes[: round_ % len(sizes)]
            for size in order:
                p = found[size]
                extra = ["--meeting", str(p.big_meeting)] if p.big_meeting else []
                result = window.run("tour", p.path, *extra).result
                if not result.get("ok"):
                    raise SystemExit(f"{size}: {result.get('error')} {result.get('stack', '')}")
                results[size].append(result)
            print(f"round {round_ + 1} of {args.runs} done", flush=True)

    for size in sizes:
        runs = results[size]
        report = Report(
            f"Tour of {size} ({found[size].meetings} meetings; {args.platform}, "
            f"{len(runs)} runs, medians)"
        )
        stalls = [r["startup"]["stall_ms"] for r in runs]
        report.add(
            "start-up: longest stall after the first paint",
            f"{median(stalls):.0f} ms (worst {max(stalls):.0f} ms)",
            f"≤ {STALL_TARGET_MS:.0f} ms",
            verdict(median(stalls), STALL_TARGET_MS),
        )
        where: list[str] = []  # where the UI thread was in the worst run's long stalls
        worst_start = max(runs, key=lambda r: r["startup"]["stall_ms"])["startup"]
        if worst_start["stall_ms"] > STALL_TARGET_MS:
            where.append(f"start-up: {worst_start['where']}")
        steps: dict[str, list[dict]] = {}
        opened = set()
        for r in runs:
            for s in r.get("steps", []):
                steps.setdefault(step_key(s["name"]), []).append(s)
                if s["name"].startswith("open meeting "):
                    opened.add(s["name"].rsplit(" ", 1)[1])
        if opened:
            report.note(f"the tour opened meeting {', '.join(sorted(opened))}")
        first_section = next((k for k in steps if k.startswith("page section:")), None)
        for key, records in steps.items():
            errors = {s["error"] for s in records if s.get("error")}
            messages = {m for s in records for m in s.get("messages", [])}
            idle = median([s["idle_ms"] for s in records])
            painted = median([s["painted_ms"] for s in records])
            stall = median([s["stall_ms"] for s in records])
            worst = max(s["stall_ms"] for s in records)
            limit, why = targets(size, key, first_section)
            value = f"idle {idle:.0f} ms"
            if painted is not None:
                value += f", painted {painted:.0f} ms"
            value += f", stall {stall:.0f} ms (worst {worst:.0f})"
            value += f", CPU {median([s.get('cpu_ms') for s in records]):.0f} ms"
            target = f"stall ≤ {STALL_TARGET_MS:.0f} ms"
            ok = verdict(stall, STALL_TARGET_MS)
            if limit is not None:
                target = f"idle < {limit:.0f} ms ({why}), " + target
                if verdict(idle, limit) != "ok":
                    ok = "MISSED"
            name = key + (" (100 KB note)" if size == "big" and key == first_section else "")
            report.add(name, value, target, "MISSED" if errors else ok)
            if worst > STALL_TARGET_MS:
                place = max(records, key=lambda s: s["stall_ms"])["where"]
                where.append(f"{key}: {place or 'no stack sampled'}")
            for problem in sorted(errors | messages):
                report.note(f"{key}: {problem}")
        peak = max(
            max([r["startup"].get("vmhwm", 0)] + [s.get("vmhwm", 0) for s in r.get("steps", [])])
            for r in runs
        )
        report.add(
            "peak RSS during the tour (worst run)",
            f"{peak:.0f} MiB",
            f"< {RSS_TARGET_MIB:.0f} MiB",
            verdict(peak, RSS_TARGET_MIB),
        )
        if where:
            report.note("where the UI thread was in stalls over 100 ms (worst run):")
            for text in where:
                report.note(f"  {text}")
        report.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
