"""A meeting at every limit of record.limits: what each command and the Actions page cost there.

Prints figures (median of --runs whole processes, CPU and wall, peak RSS); no asserts. The
limits are chosen so these stay near the figures of bench_export's large meeting:

    export of the meeting at the limits   well under a few seconds (whole process)
    dump, import, search --limit 0        under a second, RSS < 150 MiB
    an edit at the limits (size check)    p99 <= 1.1x a raw UPDATE + COMMIT (bench_store)
    Actions page, first visit             < 100 ms beyond opening the meeting

Run: .venv/bin/python benchmarks/bench_limits.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewdesk.record import limits  # noqa: E402
from reviewdesk.record.exchange.meeting_format import parse_meeting  # noqa: E402

WORDS = [
    "turnaround",
    "backlog",
    "invoices",
    "customs",
    "entries",
    "accuracy",
    "escalation",
    "weekly",
    "report",
    "branch",
    "scanner",
    "settings",
    "provider",
    "client",
    "review",
    "quality",
    "checklist",
    "training",
    "handover",
    "peak",
    "season",
]


def prose(n: int, seed: int) -> str:
    rng = random.Random(seed)
    out, size = [], 0
    while size < n:
        word = rng.choice(WORDS)
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:n]


def meeting_at_the_limits() -> dict:
    """Every count at its limit; the text budget spent on a 100 KB note and comments."""
    people = [
        {"name": f"Person {i:02d}", "side": ("client", "provider", "facilitator")[i % 3]}
        for i in range(limits.MAX_ATTENDEES)
    ]
    per_section = limits.MAX_DECISIONS // limits.MAX_SECTIONS
    sections = [
        {
            "key": f"s{s}",
            "title": f"Section {s}",
            "questions": [
                {
                    "key": f"q{q}",
                    "text": prose(60, q),
                    "client_rating": 1 + q % 5,
                    "provider_rating": 1 + (q * 3) % 5,
                    "comment": "",
                }
                for q in range(limits.MAX_QUESTIONS)
            ],
            "notes": "",
            "decisions": [prose(60, s * 100 + d) for d in range(per_section)],
        }
        for s in range(limits.MAX_SECTIONS)
    ]
    doc = {
        "format": "reviewdesk.meeting/2",
        "partnership": {"client": "Northwind Freight", "provider": "Limits Data Entry"},
        "meeting": {"title": "Review at the limits", "date": "2026-11-27"},
        "participants": people,
        "sections": sections,
        "goals": [
            {"title": f"Goal {g}", "status": "on_track", "specific": prose(80, g)}
            for g in range(limits.MAX_GOALS)
        ],
        "actions": [
            {
                "text": prose(80, a),
                "status": "open",
                "owner": people[a % len(people)]["name"],
                "section": f"s{a % limits.MAX_SECTIONS}",
            }
            for a in range(limits.MAX_ACTIONS)
        ],
        "measures": [
            {"name": f"Service level {m}", "direction": "higher", "target": 95, "value": 90 + m % 9}
            for m in range(limits.MAX_MEASURES)
        ],
        "register": [
            {
                "kind": ("risk", "issue", "escalation")[r % 3],
                "title": prose(50, 500 + r),
                "severity": "medium",
                "status": "open",
                "client_view": prose(80, 600 + r),
            }
            for r in range(limits.MAX_REGISTER)
        ],
    }
    left = limits.MAX_TEXT - limits.meeting_size(parse_meeting(doc)).text
    sections[0]["notes"] = prose(min(100_000, left), 1)
    left -= len(sections[0]["notes"])
    questions = [q for s in sections for q in s["questions"]]
    for i, q in enumerate(questions):
        q["comment"] = prose(left // len(questions), 1000 + i)
    assert limits.over_limit(limits.meeting_size(parse_meeting(doc))) is None
    return doc


def run(*args: str) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MiB) of one ``reviewdesk ARGS`` process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewdesk", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"reviewdesk {' '.join(args)} failed: {err.decode()}")
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def figure(label: str, runs: int, *args: str) -> None:
    results = [run(*args) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    rss = max(r[2] for r in results)
    print(f"{label:<34} wall {wall:5.2f} s   CPU {cpu:5.2f} s   peak RSS {rss:5.0f} MiB")


def edit_latency(db: Path, meeting_id: int, edits: int = 400) -> None:
    """set_notes on the meeting at the limits (with its size check) vs a raw UPDATE + COMMIT."""
    from reviewdesk.store.opening import open_portfolio

    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("PRAGMA synchronous=FULL")
    (sid,) = raw.execute(
        "SELECT id FROM section WHERE meeting_id = ? AND key = 's1'", (meeting_id,)
    ).fetchone()
    ours, bare = [], []
    with open_portfolio(db) as portfolio:
        for i in range(edits):
            text = f"typed so far {i}"
            t0 = time.perf_counter()
            portfolio.set_notes(meeting_id, "s1", text)
            ours.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("UPDATE section SET notes = ? WHERE id = ?", (text, sid))
            raw.execute("COMMIT")
            bare.append(time.perf_counter() - t0)
    raw.close()
    ours.sort()
    bare.sort()
    p99 = int(edits * 0.99)
    print(
        f"{'edit at the limits (set_notes)':<34} median {statistics.median(ours) * 1000:.2f} ms"
        f" p99 {ours[p99] * 1000:.2f} ms; raw UPDATE + COMMIT median "
        f"{statistics.median(bare) * 1000:.2f} ms p99 {bare[p99] * 1000:.2f} ms "
        f"(p99 ratio {ours[p99] / bare[p99]:.2f}, target <= 1.1)"
    )


ACTIONS_PAGE = """
import sys, time
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui.main_window import MainWindow
portfolio = open_portfolio(sys.argv[1])
window = MainWindow(portfolio, portfolio.path)
window.resize(1366, 768)
window.show()
app.processEvents()
t0 = time.perf_counter()
window.open_meeting(int(sys.argv[2]))
app.processEvents()
t1 = time.perf_counter()
window.meeting_view.go_to("actions")
app.processEvents()
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.0f} {(t2 - t1) * 1000:.0f}")
"""


def actions_page(db: Path, meeting_id: int, runs: int) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    opened, actions = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", ACTIONS_PAGE, str(db), str(meeting_id)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout.split()
        opened.append(float(out[0]))
        actions.append(float(out[1]))
    print(
        f"{'window: open the meeting':<34} median {statistics.median(opened):.0f} ms; "
        f"then the Actions page {statistics.median(actions):.0f} ms (target < 100 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "limits.json"
        source.write_text(json.dumps(meeting_at_the_limits()), encoding="utf-8")
        db = folder / "limits.sqlite"
        print(
            f"meeting at the limits: {limits.MAX_SECTIONS} sections x {limits.MAX_QUESTIONS} "
            f"questions, {limits.MAX_DECISIONS} decisions, {limits.MAX_GOALS} goals, "
            f"{limits.MAX_ACTIONS} actions, {limits.MAX_ATTENDEES} attendees, "
            f"{limits.MAX_MEASURES} service levels, {limits.MAX_REGISTER} register entries, "
            f"{limits.MAX_TEXT:,} characters ({source.stat().st_size / 1024:.0f} KB of JSON)"
        )
        figure("import (new portfolio)", 1, "import", str(source), "--db", str(db))
        figure("import (into it again)", args.runs, "import", str(source), "--db", str(db))
        figure(
            "export (PDF minutes)", args.runs, "export", "1", "-o", f"{tmp}/m.pdf", "--db", str(db)
        )
        figure("dump", args.runs, "dump", "1", "--db", str(db))
        figure(
            "search backlog --limit 0",
            args.runs,
            "search",
            "backlog",
            "--limit",
            "0",
            "--db",
            str(db),
        )
        edit_latency(db, 1)
        actions_page(db, 1, args.runs)


if __name__ == "__main__":
    main()
