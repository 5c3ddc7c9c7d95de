"""CSV of every action: time, UI-thread stall and peak RSS, in the window and on the command line.

    python benchmarks/bench_csv.py [--runs 3] [--sizes demo,4000,40000] [--cache DIR]

Window: a fresh process (benchmarks/launch.py, mode "csv") starts the window on the portfolio,
waits until it has settled, resets the process's peak RSS, then exports every action of every
partnership through the window's CSV code (the file dialog answers a temp path). Timed from
the call until the file exists and the UI thread is quiet again; the watchdog's longest
stall; the peak RSS during the export, and how much it rose above the RSS before it.

Command line: ``reviewdesk export-csv actions -o FILE`` as a whole process, timed from spawn
until reaped, with its peak RSS (wait4). Rounds interleave the sizes and the two ways.

Targets: off the UI thread (no stall over 100 ms); streaming, so RSS stays flat as the
portfolio grows (peak < 150 MiB at any size; the rise during the export within 15 MiB of the
smallest size's); < 1 s at 4,000 meetings (window: until the file is there; command line:
whole process).
"""

from __future__ import annotations

import argparse

import harness
from harness import RSS_TARGET_MIB, STALL_TARGET_MS, Report, median, ms, verdict

TIME_4000_S = 1.0
FLAT_MIB = 15.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    harness.common_arguments(parser, ["demo", "4000", "40000"], runs=3)
    args = parser.parse_args()
    print(harness.machine())
    sizes = harness.chosen_sizes(args.sizes)
    found = harness.portfolios(sizes, args.cache, args.fresh)
    window_runs: dict[str, list[dict]] = {s: [] for s in sizes}
    cli_runs: dict[str, list[harness.Run]] = {s: [] for s in sizes}
    rows: dict[str, int] = {}
    with harness.Window(args.cache, args.platform) as window:
        out = window.work / "cli.csv"
        for round_ in range(args.runs):
            order = sizes[round_ % len(sizes) :] + sizes[: round_ % len(sizes)]
            for size in order:
                path = found[size].path
                result = window.run("csv", path).result
                if not result.get("ok") or not result.get("steps"):
                    raise SystemExit(f"{size}: {result.get('error')}")
                step = result["steps"][0]
                step["rss_before"] = result["startup"].get("vmrss")
                window_runs[size].append(step)
                command = harness.reviewdesk_command(
                    "export-csv", "actions", "--db", str(path), "-o", str(out)
                )
                run = harness.spawn(command, window.env).check()
                cli_runs[size].append(run)
                rows[size] = int(run.out.rsplit(": ", 1)[-1].split()[0])  # "FILE: N actions"
            print(f"round {round_ + 1} of {args.runs} done", flush=True)

    report = Report(f"CSV of every action ({args.platform}, {args.runs} rounds, medians)")
    base_rise = None
    for size in sizes:
        label = f"{size} ({found[size].meetings} meetings, {rows[size]} actions)"
        steps = window_runs[size]
        done = median([s["idle_ms"] for s in steps]) / 1000
        stall = median([s["stall_ms"] for s in steps])
        peak = max(s.get("vmhwm", 0) for s in steps)
        rise = median([s.get("vmhwm", 0) - (s.get("rss_before") or 0) for s in steps])
        base_rise = rise if base_rise is None else base_rise
        time_target = size == "4000"
        cpu = median([s["cpu_ms"] for s in steps])
        report.add(
            f"{label}: window, until written",
            f"{ms(done)} (CPU {cpu:.0f} ms)",
            f"< {TIME_4000_S:.0f} s" if time_target else "",
            verdict(done, TIME_4000_S) if time_target else "",
        )
        report.add(
            f"{label}: window, longest UI stall",
            f"{stall:.0f} ms",
            f"≤ {STALL_TARGET_MS:.0f} ms",
            verdict(stall, STALL_TARGET_MS),
        )
        if stall > STALL_TARGET_MS:
            worst = max(steps, key=lambda s: s["stall_ms"])
            report.note(f"{size}: the UI thread was in {worst['where']}")
        report.add(
            f"{label}: window, peak RSS (rise during the export)",
            f"{peak:.0f} MiB (+{rise:.0f} MiB)",
            f"< {RSS_TARGET_MIB:.0f} MiB, rise ≤ +{base_rise + FLAT_MIB:.0f} MiB",
            "ok"
            if verdict(peak, RSS_TARGET_MIB) == "ok" and rise <= base_rise + FLAT_MIB
            else "MISSED",
        )
        wall = median([r.wall for r in cli_runs[size]])
        cli_peak = max(r.maxrss_mib for r in cli_runs[size])
        report.add(
            f"{label}: `reviewdesk export-csv`, whole process",
            f"{ms(wall)} (CPU {ms(median([r.cpu for r in cli_runs[size]]))})",
            f"< {TIME_4000_S:.0f} s" if time_target else "",
            verdict(wall, TIME_4000_S) if time_target else "",
        )
        report.add(
            f"{label}: `reviewdesk export-csv`, peak RSS",
            f"{cli_peak:.0f} MiB",
            f"< {RSS_TARGET_MIB:.0f} MiB",
            verdict(cli_peak, RSS_TARGET_MIB),
        )
    report.print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
