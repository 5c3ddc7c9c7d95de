"""PDF export: `reviewdesk export` of the big meeting as a whole process, then in-process figures.

    python benchmarks/bench_export.py [--runs 5] [--process-only] [--cache DIR] [--fresh]

First the figure a user waits for: ``reviewdesk export BIG -o FILE.pdf`` as a whole process
(spawn until reaped, peak RSS from wait4) on the cached "big" portfolio (harness.py: three
reviews, then a meeting with 300 actions, 50 goals and a 100 KB note), interleaved with the
floor ``python -c "import reviewdesk.cli"``; medians. Target: < 1 s wall.

Then, in this process (CPU s): the export of a large meeting against bare Paragraphs of the same
text, the same export with 20 reviews of history ("Across reviews"), and the demo's meeting 4.
Prints figures; no asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import struct
import tempfile
import time
import zlib
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from reviewdesk.app.demo import load_demo
from reviewdesk.minutes import styles
from reviewdesk.minutes.fonts import no_fallback
from reviewdesk.minutes.render import render_minutes
from reviewdesk.minutes.tracking import _details
from reviewdesk.record.analytics import GoalReviewRow, History, RatingRow, ReviewRef
from reviewdesk.record.model import (
    Action,
    Decision,
    Goal,
    Meeting,
    Participant,
    Partnership,
    Question,
    Section,
    Signature,
)
from reviewdesk.record.smart import missing_letters
from reviewdesk.record.wording import date_short, goal_change_text, status_text
from reviewdesk.store.opening import open_portfolio

RUNS = 15
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


def prose(n_chars: int, seed: int) -> str:
    out, i = [], seed
    while sum(len(w) + 1 for w in out) < n_chars:
        out.append(WORDS[(i * 7 + len(out) * 3) % len(WORDS)])
        i += 1
    return (" ".join(out)[:n_chars]).rstrip() + "."


def small_png(width: int = 160, height: int = 48) -> bytes:
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def large_meeting() -> Meeting:
    """5 sections x 5 questions with comments, 2 KB notes each, 50 goals, 300 actions, 4 signers."""
    people = [
        Participant("Maren Holt", "client", "Head of Operations"),
        Participant("Tomasz Wójcik", "client", "Customs lead"),
        Participant("Lourdes Dela Cruz", "provider", "Account Manager"),
        Participant("Nguyễn Văn An", "provider", "Supervisor"),
        Participant("Priya Raman", "facilitator", "Vendor Manager"),
    ]
    sections = []
    for s in range(5):
        questions = [
            Question(
                f"q{q}",
                prose(90, s * 5 + q) + "?",
                client_rating=1 + (s + q) % 5,
                provider_rating=1 + (s * 2 + q) % 5,
                comment=prose(220, 100 + s * 5 + q),
            )
            for q in range(5)
        ]
        decisions = [Decision(prose(120, 300 + s * 3 + d), f"s{s}") for d in range(3)]
        sections.append(
            Section(
                f"s{s}",
                f"Section {s + 1}",
                guidance=prose(160, 50 + s),
                notes="\n".join(prose(500, 200 + s * 4 + n) for n in range(4)),
                questions=questions,
                decisions=decisions,
            )
        )
    goals = [
        Goal(
            f"Goal {g}: " + prose(60, 400 + g),
            specific=prose(80, 500 + g),
            measure="Share of entries right first time",
            target="99%",
            current=f"{90 + g % 9}%",
            achievable="With the checklist",
            relevant="Each correction costs time",
            due=dt.date(2027, 1 + g % 12, 1 + g % 28),
            status=("on_track", "at_risk", "off_track", "done")[g % 4],
            previous=Goal("prev", status="on_track", current="90%") if g % 2 else None,
        )
        for g in range(50)
    ]
    actions = [
        Action(
            f"Action {a}: " + prose(80, 600 + a),
            owner=people[a % 4].name,
            side=("client", "provider", "joint")[a % 3],
            due=dt.date(2026, 1 + a % 12, 1 + a % 28),
            status="open" if a % 5 else "done",
            raised_in=(1, 2)[a % 2],
            closed_in=2 if a % 5 == 0 else None,
            carried_reviews=a % 2,
        )
        for a in range(300)
    ]
    png = small_png()
    when = dt.datetime(2026, 9, 30, 17, 0, tzinfo=dt.UTC)
    signers = [Signature(p.name, p.side, when, p.role, png) for p in people[:4]]
    return Meeting(
        Partnership("Harbourline Freight", "Cebu DataWorks", "Customs data entry"),
        "Q3 partnership review",
        dt.date(2026, 9, 30),
        "Room Kestrel",
        "Priya Raman",
        participants=people,
        sections=sections,
        goals=goals,
        actions=actions,
        signoff=signers,
        status="signed_off",
        id=2,
    )


def same_text(meeting: Meeting) -> list[str]:
    """The strings the minutes show, one per paragraph or cell (the bare-Paragraph baseline)."""
    p = meeting.partnership
    texts = [meeting.title, p.label, p.service, meeting.location, meeting.facilitator]
    texts += [f"{x.name} ({x.role})" for x in meeting.participants]
    for s in meeting.sections:
        texts += [s.title, s.guidance]
        for q in s.questions:
            texts += [q.text, f"Client {q.client_rating} · Provider {q.provider_rating}"]
            texts += [f"Comment: {q.comment}"] if q.comment else []
        texts += s.notes.splitlines() + [d.text for d in s.decisions]
        texts += [f"{s.title} averages and gap"]
    for g in meeting.goals:
        texts += [g.title, status_text(g.status), f"{g.current} / target {g.target}"]
        texts += [date_short(g.due), " ".join(missing_letters(g)), goal_change_text(g), _details(g)]
    for a in meeting.actions:
        texts += [a.text, a.owner, a.side or "", date_short(a.due), status_text(a.status)]
    texts += [f"{s.name} {s.side} {s.role} {s.signed_at}" for s in meeting.signoff]
    return [t for t in texts if t]


def bare(texts: list[str]) -> tuple[bytes, int]:
    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, invariant=1)
    doc.build([Paragraph(escape(t), styles.BODY) for t in texts])
    return out.getvalue(), doc.page


def timed(fn, *args, **kw):  # noqa: ANN001, ANN002, ANN003
    """(CPU seconds, wall seconds, result) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = fn(*args, **kw)
    return time.process_time() - cpu, time.perf_counter() - wall, result


HISTORY_REVIEWS = 20


def large_history(meeting: Meeting, reviews: int = HISTORY_REVIEWS) -> History:
    """``reviews`` quarterly reviews ending at ``meeting``: every question rated in each, every
    goal reviewed in each, and the meeting's 300 actions raised and closed along the way."""
    ids = [*range(1001, 1000 + reviews), meeting.id]
    refs = [
        ReviewRef(i, meeting.date - dt.timedelta(days=91 * (reviews - 1 - n)), f"Review {n + 1}")
        for n, i in enumerate(ids)
    ]
    ratings = [
        RatingRow(r.id, s.key, s.title, q.key, q.text, 1 + (n + k) % 5, 1 + (n * 3 + k + j) % 5)
        for n, r in enumerate(refs)
        for j, s in enumerate(meeting.sections)
        for k, q in enumerate(s.questions)
    ]
    goals = [
        GoalReviewRow(g, r.id, goal.title, goal.status, f"{80 + (g + n) % 20}%", goal.target)
        for n, r in enumerate(refs)
        for g, goal in enumerate(meeting.goals)
    ]
    actions = []
    for a, action in enumerate(meeting.actions):
        copy = Action(action.text, action.owner, action.side, action.due, action.status, id=a + 1)
        copy.raised_in = ids[a % (reviews - 1)]
        copy.closed_in = ids[a % (reviews - 1) + 1] if action.status == "done" else None
        actions.append(copy)
    return History(reviews=refs, ratings=ratings, actions=actions, goal_reviews=goals)


def median_export(meeting: Meeting, **kw) -> tuple[float, float, object]:  # noqa: ANN003
    """(CPU median, wall median, last result) of RUNS exports."""
    cpu_s, wall_s, result = [], [], None
    for _ in range(RUNS):
        cpu, wall, result = timed(render_minutes, meeting, fallback_fonts=no_fallback, **kw)
        cpu_s.append(cpu)
        wall_s.append(wall)
    return statistics.median(cpu_s), statistics.median(wall_s), result


def history_figures(meeting: Meeting) -> None:
    """The large meeting with 20 reviews of history, and the demo's meeting 4 with its own."""
    history = large_history(meeting)
    plain_cpu, _, plain = median_export(meeting)
    cpu, wall, result = median_export(meeting, history=history)
    print(
        f"with {HISTORY_REVIEWS} reviews of history: {cpu:.3f} s CPU median of {RUNS}, "
        f"{wall:.3f} s wall; {result.pages} pages (+{result.pages - plain.pages}), "
        f"{len(result.pdf) / 1024:.0f} KiB; history part costs {cpu - plain_cpu:+.3f} s CPU"
    )
    with tempfile.TemporaryDirectory() as folder, open_portfolio(Path(folder) / "d.sqlite") as p:
        ids = load_demo(p)
        demo = p.meeting(ids[-1])
        query_cpu, _, demo_history = timed(p.history, demo.partnership.id, upto_meeting_id=demo.id)
        plain_cpu, _, plain = median_export(demo)
        cpu, wall, result = median_export(demo, history=demo_history)
    print(
        f"demo meeting 4 ({len(demo_history.reviews)} reviews): {plain_cpu:.3f} s CPU without "
        f"history ({plain.pages} pages), {cpu:.3f} s CPU / {wall:.3f} s wall with it "
        f"({result.pages} pages, {len(result.pdf) / 1024:.0f} KiB); "
        f"portfolio.history took {query_cpu * 1000:.1f} ms CPU"
    )


EXPORT_TARGET_S = 1.0


def process_figures(runs: int, cache: Path, fresh: bool) -> None:
    """Whole-process `reviewdesk export` of the big meeting vs the import floor."""
    import harness

    big = harness.portfolio("big", cache, fresh)
    env = harness.child_env(cache)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "big.pdf"
        command = harness.reviewdesk_command(
            "export", str(big.big_meeting), "-o", str(target), "--db", str(big.path)
        )
        for _ in range(2):  # warm up: bytecode, fonts, the file in the page cache
            harness.spawn(harness.IMPORT_FLOOR, env).check()
            last = harness.spawn(command, env).check()
        floors, exports = [], []
        for _ in range(runs):
            floors.append(harness.spawn(harness.IMPORT_FLOOR, env).check())
            exports.append(harness.spawn(command, env).check())
            last = exports[-1]
        size = target.stat().st_size / 1024
    wall = harness.median([r.wall for r in exports])
    floor = harness.median([r.wall for r in floors])
    report = harness.Report(f"`reviewdesk export` of the big meeting ({runs} runs, medians)")
    report.add('floor: python -c "import reviewdesk.cli"', harness.ms(floor))
    report.add(
        f"export meeting {big.big_meeting}, whole process ({last.out.strip().split(': ')[-1]}, "
        f"{size:.0f} KiB)",
        f"{harness.ms(wall)} (best {harness.ms(min(r.wall for r in exports))}; "
        f"CPU {harness.ms(harness.median([r.cpu for r in exports]))}), "
        f"RSS {max(r.maxrss_mib for r in exports):.0f} MiB",
        f"< {EXPORT_TARGET_S:.0f} s",
        harness.verdict(wall, EXPORT_TARGET_S),
    )
    report.print()


def main() -> None:
    import harness

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=harness.DEFAULT_CACHE)
    parser.add_argument("--fresh", action="store_true", help="remake the big portfolio")
    parser.add_argument("--process-only", action="store_true", help="skip in-process figures")
    args = parser.parse_args()
    print(harness.machine())
    process_figures(args.runs, args.cache, args.fresh)
    if args.process_only:
        return
    print()
    in_process()


def in_process() -> None:
    meeting = large_meeting()
    texts = same_text(meeting)
    _, first, _ = timed(render_minutes, meeting, fallback_fonts=no_fallback)  # loads the fonts
    timed(bare, texts)
    minutes_cpu, minutes_wall, bare_cpu = [], [], []
    for _ in range(RUNS):
        cpu, wall, result = timed(render_minutes, meeting, fallback_fonts=no_fallback)
        minutes_cpu.append(cpu)
        minutes_wall.append(wall)
        cpu, _, (_, bare_pages) = timed(bare, texts)
        bare_cpu.append(cpu)
    m, b = statistics.median(minutes_cpu), statistics.median(bare_cpu)
    chars = sum(len(t) for t in texts)
    print("meeting: 5x5 questions, 2 KB notes/section, 50 goals, 300 actions, 4 signatures")
    print(f"text: {len(texts)} strings, {chars:,} characters")
    print(f"first export in this process (fonts loaded): {first:.3f} s wall")
    print(
        f"minutes export: {m:.3f} s CPU median of {RUNS} ({min(minutes_cpu):.3f} best), "
        f"{statistics.median(minutes_wall):.3f} s wall median; "
        f"{result.pages} pages, {len(result.pdf) / 1024:.0f} KiB"
    )
    print(f"bare paragraphs: {b:.3f} s CPU median of {RUNS}, {bare_pages} pages")
    best = min(minutes_cpu) / min(bare_cpu)
    print(f"ratio minutes / bare: {m / b:.2f} median, {best:.2f} best-to-best (target <= 1.5)")
    signing_figures(result.pdf, m)
    history_figures(meeting)


def signing_figures(pdf: bytes, render_cpu: float) -> None:
    """The signature's share: reading the key and signing (the first time with the imports of
    cryptography), against the render's CPU median."""
    with tempfile.TemporaryDirectory() as folder:
        from reviewdesk.app.keys import signing_key

        def sign() -> bytes:
            from reviewdesk.minutes.pades import sign_pdf

            key = signing_key("Benchmark Facilitator", Path(folder))
            return sign_pdf(pdf, key.private_key(), key.certificate)

        first, _, signed = timed(sign)  # imports cryptography, makes the key
        runs = [timed(sign)[0] for _ in range(RUNS)]
    s = statistics.median(runs)
    print(
        f"signing (read the key, CMS, incremental update): first {first * 1000:.0f} ms CPU "
        f"(imports, new key), then {s * 1000:.1f} ms median = {100 * s / render_cpu:.1f} % of "
        f"the render; signed file {len(signed) / 1024:.0f} KiB "
        f"(+{(len(signed) - len(pdf)) / 1024:.1f} KiB)"
    )


if __name__ == "__main__":
    main()
