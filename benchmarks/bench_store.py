"""Store figures: commit latency of one edit in a 1,000-meeting portfolio; import of a big meeting.

    python benchmarks/bench_store.py

The edit → committed latency is compared with a raw UPDATE + COMMIT of the same row on the same
connection (target: p99 ≤ 1.1× the raw one).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_portfolio import generate  # noqa: E402

from reviewdesk.record.exchange.meeting_format import loads, meeting_to_doc, parse_meeting  # noqa: E402
from reviewdesk.record.model import Action, Goal  # noqa: E402
from reviewdesk.store.opening import open_portfolio  # noqa: E402

EDITS = 1000
P99_RATIO_TARGET = 1.1


def _p99(times: list[float]) -> float:
    return sorted(times)[int(len(times) * 0.99)]


def commit_latency(folder: Path) -> None:
    """Edit → committed through the store vs the same UPDATE + COMMIT on the bare connection.

    Both write the same rows of the same file (WAL, synchronous=FULL, full-text triggers) and
    alternate, so the disk's mood falls on both alike. Target: p99 ≤ 1.1× the raw one.
    """
    path = folder / "thousand.sqlite"
    start = time.perf_counter()
    generate(path, partnerships=50, reviews=20)
    print(f"portfolio of 1,000 meetings built in {time.perf_counter() - start:.1f} s")
    with open_portfolio(path) as portfolio:
        mid = portfolio.meetings()[-1].id
        if portfolio.meeting_status(mid) == "signed_off":
            portfolio.reopen(mid, "benchmark")
        section = portfolio.meeting(mid).sections[0]
        key = section.questions[0].key
        conn = portfolio.conn
        sid = conn.execute(
            "SELECT id FROM section WHERE meeting_id = ? AND key = ?", (mid, section.key)
        ).fetchone()[0]
        qid = conn.execute(
            "SELECT id FROM question WHERE section_id = ? AND key = ?", (sid, key)
        ).fetchone()[0]

        def raw(sql: str, values: tuple) -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(sql, values)
            conn.execute("COMMIT")

        store, bare = [], []
        for i in range(2 * EDITS):
            notes = f"note typed so far {i} " * 5
            rating = 1 + i % 5
            t0 = time.perf_counter()
            if i % 4 == 0:
                portfolio.set_notes(mid, section.key, notes)
            elif i % 4 == 1:
                raw("UPDATE section SET notes = ? WHERE id = ?", (notes, sid))
            elif i % 4 == 2:
                portfolio.set_rating(mid, section.key, key, "client", rating)
            else:
                raw("UPDATE question SET client_rating = ? WHERE id = ?", (rating, qid))
            (store if i % 2 == 0 else bare).append(time.perf_counter() - t0)
    for label, times in (("store edit", store), ("raw UPDATE + COMMIT", bare)):
        print(
            f"{label:20}: median {statistics.median(times) * 1000:.2f} ms, "
            f"p99 {_p99(times) * 1000:.2f} ms, max {max(times) * 1000:.2f} ms ({len(times)} edits)"
        )
    ratio = _p99(store) / _p99(bare)
    verdict = "ok" if ratio <= P99_RATIO_TARGET else "MISSED"
    print(
        f"edit → committed p99 = {ratio:.2f}× the raw UPDATE + COMMIT "
        f"(target ≤ {P99_RATIO_TARGET}×: {verdict}); median ratio "
        f"{statistics.median(store) / statistics.median(bare):.2f}×"
    )


def big_meeting_json() -> bytes:
    from reviewdesk.record.model import Meeting, Participant, Partnership
    from reviewdesk.store.templates import default_agenda

    sections = default_agenda().new_sections()
    for s in sections:
        s.notes = "Long notes paragraph. " * 1000  # ~22 KB each (record.limits bounds a meeting)
        for q in s.questions:
            q.client_rating, q.provider_rating, q.comment = 3, 4, "comment " * 100
    people = [Participant(f"Person {i}", ("client", "provider")[i % 2]) for i in range(20)]
    meeting = Meeting(
        Partnership("Big client", "Big provider"),
        "Big review",
        __import__("datetime").date(2026, 6, 30),
        participants=people,
        sections=sections,
        goals=[Goal(f"Goal {i}", specific="s" * 500, status="on_track") for i in range(50)],
        actions=[Action(f"Action {i} " + "x" * 100, owner="Person 1") for i in range(300)],
    )
    import json

    return json.dumps(meeting_to_doc(meeting)).encode()


def import_time(folder: Path) -> None:
    raw = big_meeting_json()
    runs = []
    for i in range(5):
        with open_portfolio(folder / f"import{i}.sqlite") as portfolio:
            t0 = time.perf_counter()
            portfolio.import_meeting(parse_meeting(loads(raw)))
            runs.append(time.perf_counter() - t0)
    print(
        f"import of a {len(raw) / 1024:.0f} KB meeting file (parse + validate + write): "
        f"median {statistics.median(runs) * 1000:.0f} ms over {len(runs)} runs"
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        commit_latency(Path(tmp))
        import_time(Path(tmp))
