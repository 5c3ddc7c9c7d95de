"""Command line: whole-process wall time of `reviewdesk search` / `dump` vs importing the CLI.

    python benchmarks/bench_cli.py [--runs 7] [--sizes empty,demo,4000,40000] [--cache DIR]
                                   [--no-bytecode]

The floor is ``python -c "import reviewdesk.cli"``: what every command pays before it does
anything. Each round runs, for every size and command in turn (the order rotates), the floor
and then the command, each a fresh process timed from spawn until reaped (peak RSS from
wait4); medians over rounds, and the median of each command's ratio to the floor run just
before it. Commands: ``search backlog`` (a word in thousands of notes; the default 200 most
recent matches), ``dump`` of the middle meeting, and ``list`` (every meeting; information).
Targets: search and dump ≤ 2× the floor at every size; RSS < 150 MiB.

Children run from compiled bytecode (kept in the cache folder), as an installed app does.
``--no-bytecode`` runs reviewdesk's own modules from source instead, compiled in every process
(``PYTHONDONTWRITEBYTECODE=1`` in a checkout): the standard library's and site-packages'
bytecode is kept, reviewdesk's is not.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import harness
from harness import IMPORT_FLOOR, RSS_TARGET_MIB, Report, median, ms, reviewdesk_command, verdict

RATIO_TARGET = 2.0


def commands(p: harness.Portfolio) -> dict[str, list[str]]:
    db = ["--db", str(p.path)]
    out = {"search backlog": reviewdesk_command("search", "backlog", *db)}
    middle = p.big_meeting or p.middle_meeting()
    if middle is not None:
        out[f"dump {middle}"] = reviewdesk_command("dump", str(middle), *db)
    out["list"] = reviewdesk_command("list", *db)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    harness.common_arguments(parser, ["empty", "demo", "4000", "40000"], runs=7)
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="reviewdesk's own modules compiled from source in every process, as in a checkout "
        "with PYTHONDONTWRITEBYTECODE=1 (the standard library's bytecode kept)",
    )
    args = parser.parse_args()
    print(harness.machine())
    sizes = harness.chosen_sizes(args.sizes)
    found = harness.portfolios(sizes, args.cache, args.fresh)
    env = harness.child_env(args.cache)
    jobs = [(size, name, cmd) for size in sizes for name, cmd in commands(found[size]).items()]
    for _ in range(2):  # warm up: bytecode, the files in the page cache
        harness.spawn(IMPORT_FLOOR, env).check()
        for _size, _name, command in jobs:
            harness.spawn(command, env).check()
    if args.no_bytecode:
        env = _without_own_bytecode(env)
    floors: dict[tuple[str, str], list[harness.Run]] = {(s, n): [] for s, n, _ in jobs}
    runs: dict[tuple[str, str], list[harness.Run]] = {(s, n): [] for s, n, _ in jobs}
    for round_ in range(args.runs):
        shift = round_ % len(jobs)
        for size, name, command in jobs[shift:] + jobs[:shift]:
            floors[(size, name)].append(harness.spawn(IMPORT_FLOOR, env).check())
            runs[(size, name)].append(harness.spawn(command, env).check())
        print(f"round {round_ + 1} of {args.runs} done", flush=True)

    all_floors = [r.wall for rs in floors.values() for r in rs]
    floor = median(all_floors)
    mode = "reviewdesk from source" if args.no_bytecode else "from bytecode"
    report = Report(f"Command line, whole process ({mode}; {args.runs} rounds, medians)")
    floor_cpu = median([r.cpu for rs in floors.values() for r in rs])
    report.add(
        'floor: python -c "import reviewdesk.cli"',
        f"{ms(floor)}, CPU {ms(floor_cpu)}, "
        f"RSS {median([r.maxrss_mib for rs in floors.values() for r in rs]):.0f} MiB",
    )
    for size, name, _ in jobs:
        walls = [r.wall for r in runs[(size, name)]]
        pairs = median(
            [r.wall / f.wall for r, f in zip(runs[(size, name)], floors[(size, name)], strict=True)]
        )
        rss = max(r.maxrss_mib for r in runs[(size, name)])
        wall = median(walls)
        label = f"{size} ({found[size].meetings} meetings): reviewdesk {name}"
        cpu = median([r.cpu for r in runs[(size, name)]])
        value = (
            f"{ms(wall)} = {wall / floor:.2f}× floor (pairs {pairs:.2f}×; "
            f"CPU {cpu / floor_cpu:.2f}×), RSS {rss:.0f} MiB"
        )
        if name == "list":
            report.add(label, value, "(information)")
            continue
        ok = verdict(wall / floor, RATIO_TARGET)
        if verdict(rss, RSS_TARGET_MIB) != "ok":
            ok = "MISSED"
        report.add(label, value, f"≤ {RATIO_TARGET:.0f}× floor, RSS < {RSS_TARGET_MIB:.0f}", ok)
    report.print()
    return 0


def _without_own_bytecode(env: dict[str, str]) -> dict[str, str]:
    """The children's environment with reviewdesk's bytecode gone and none written again."""
    cache = Path(env["PYTHONPYCACHEPREFIX"])
    own = harness.ROOT / "reviewdesk"
    shutil.rmtree(cache / own.relative_to(own.anchor), ignore_errors=True)
    return {**env, "PYTHONDONTWRITEBYTECODE": "1"}


if __name__ == "__main__":
    raise SystemExit(main())
