"""Make a large portfolio: PARTNERSHIPS × REVIEWS meetings with ratings, actions and goals.

    python benchmarks/generate_portfolio.py OUT.sqlite [--partnerships 200] [--reviews 20]
    python benchmarks/generate_portfolio.py OUT.sqlite --partnerships 2000   # 40,000 meetings
    python benchmarks/generate_portfolio.py OUT.sqlite --big-meeting         # add the big one
    python benchmarks/generate_portfolio.py --check    # bulk rows == what import would write

Defaults give the scale target of the cross-review features: 4,000 meetings, 72,000 questions
rated by both sides (144,000 ratings) and 40,000 action items (ten new a review, and up to eight
still-open ones carried into the next). Every review but a partnership's last is signed off by
one person of each side; the last is in progress.

The rows are written in bulk (``executemany`` into the tables of reviewdesk/store/schema.py, a
few thousand meetings per transaction, the full-text index filled by the schema's own
triggers) instead of through ``Portfolio.import_meeting``, which re-reads a partnership's whole
history for every meeting it imports. The bulk writer repeats import's decisions — a carried
action joins the open action of the same text, a goal the goal of the same title, people are
upserted per partnership — and gives every row the id import would give it: ``--check`` builds
a small portfolio both ways and compares every table and a few searches.

``--big-meeting`` adds one partnership with three ordinary signed-off reviews and then a big
review in progress (300 actions, 50 goals, a 100 KB note in the first section), through
``import_meeting``; it prints the big meeting's id.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewdesk.record.model import (  # noqa: E402
    Action,
    Decision,
    Goal,
    Meeting,
    Participant,
    Partnership,
    Signature,
)
from reviewdesk.store.opening import open_portfolio  # noqa: E402
from reviewdesk.store.schema import SEARCHABLE  # noqa: E402
from reviewdesk.store.templates import default_agenda  # noqa: E402

WORDS = [
    "backlog",
    "invoice",
    "customs",
    "scan",
    "turnaround",
    "accuracy",
    "escalation",
    "staffing",
    "checklist",
    "upgrade",
    "shipment",
    "manifest",
    "container",
    "demurrage",
    "audit",
    "rework",
    "training",
    "night",
    "shift",
    "weekend",
    "peak",
    "forecast",
    "dashboard",
    "handover",
    "queue",
    "priority",
    "billing",
    "freight",
    "broker",
    "carrier",
]

BATCH_MEETINGS = 2000  # meetings written per transaction
BIG_TITLE = "Big review"


def sentence(rng: random.Random, n: int = 10) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


@functools.cache
def _agenda():
    return default_agenda()


def build_meeting(
    rng: random.Random, p: int, r: int, open_texts: list[str], last: bool = False
) -> Meeting:
    """Review ``r`` of partnership ``p``; signed off unless it is the partnership's ``last``."""
    sections = _agenda().new_sections()
    for s in sections:
        s.notes = sentence(rng, 30)
        for q in s.questions:
            q.client_rating = rng.randint(1, 5)
            q.provider_rating = max(1, min(5, q.client_rating + rng.choice((-2, -1, 0, 1, 1))))
            q.comment = sentence(rng, 8) if rng.random() < 0.3 else ""
        s.decisions = [Decision(sentence(rng), s.key) for _ in range(rng.randint(0, 1))]
    date = dt.date(2021, 1, 1) + dt.timedelta(days=91 * r)
    people = [
        Participant(f"Client person {p}", "client"),
        Participant(f"Provider person {p}", "provider"),
    ]
    actions = []
    for text in open_texts:  # carried over: some get closed
        status = "done" if rng.random() < 0.5 else "open"
        actions.append(Action(text, owner=people[0].name, side="client", due=date, status=status))
    for i in range(10):  # ten new items a review: ~40,000 over 4,000 reviews
        side = rng.choice(("client", "provider", "joint"))
        actions.append(
            Action(
                f"{sentence(rng, 6)} #{p}-{r}-{i}",
                side=side,
                due=date + dt.timedelta(days=rng.randint(10, 120)),
                section=rng.choice(sections).key,
            )
        )
    goals = [
        Goal(
            f"Goal {g} of partnership {p}",
            measure="%",
            target="95%",
            current=f"{rng.randint(60, 99)}%",
            due=date + dt.timedelta(days=180),
            status=rng.choice(("on_track", "at_risk", "off_track")),
        )
        for g in range(3)
    ]
    signed = dt.datetime.combine(date, dt.time(17, 0), dt.UTC)
    return Meeting(
        partnership=Partnership(f"Client {p:03d}", f"Provider {p:03d}", "Back office"),
        title=f"Review {r + 1}",
        date=date,
        participants=people,
        sections=sections,
        goals=goals,
        actions=actions,
        status="in_progress" if last else "signed_off",
        signoff=[] if last else [Signature(x.name, x.side, signed) for x in people],
    )


def meetings_of(partnerships: int, reviews: int, seed: int = 7) -> Iterator[tuple[int, Meeting]]:
    """(partnership number, meeting) in import order, the same for both writers."""
    rng = random.Random(seed)
    for p in range(partnerships):
        open_texts: list[str] = []
        for r in range(reviews):
            meeting = build_meeting(rng, p, r, open_texts, last=r == reviews - 1)
            yield p, meeting
            open_texts = [a.text for a in meeting.actions if a.status == "open"][:8]


# ---- the bulk writer -----------------------------------------------------------------------

TABLES = {  # in foreign-key order; the columns import writes
    "partnership": "id, client, provider, service",
    "person": "id, partnership_id, name, side, role, email",
    "meeting": "id, partnership_id, title, date, location, facilitator, service, status, "
    "agenda_name",
    "participant": "id, meeting_id, position, name, side, role, email, present",
    "section": "id, meeting_id, position, key, title, guidance, timebox_minutes, notes",
    "question": "id, section_id, position, key, text, client_rating, provider_rating, comment",
    "decision": "id, section_id, position, text",
    "goal": "id, partnership_id, created_in",
    "goal_review": "id, goal_id, meeting_id, position, title, specific, measure, baseline, "
    "target, current, achievable, relevant, due, owner_side, status",
    "action": "id, partnership_id, raised_in",
    "action_state": "id, action_id, meeting_id, position, text, owner, side, due, status, section",
    "signature": "id, meeting_id, position, name, side, role, signed_at, png",
}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class BulkWriter:
    """Rows as ``Portfolio.import_meeting`` would write them, flushed with executemany."""

    def __init__(self, conn: sqlite3.Connection, batch: int = BATCH_MEETINGS):
        self.conn = conn
        self.batch = batch
        self.rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
        self.next_id = {
            t: conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {t}").fetchone()[0]
            for t in TABLES
        }
        self.partnership_ids: dict[tuple[str, str], int] = {
            (c, p): i for i, c, p in conn.execute("SELECT id, client, provider FROM partnership")
        }
        if conn.execute("SELECT COUNT(*) FROM meeting").fetchone()[0]:
            raise SystemExit("the bulk writer needs a portfolio without meetings")
        self.people: dict[tuple[int, str], list] = {}  # (pid, name) -> row (upserted)
        # per partnership, in order of first appearance (as queries.latest_* return them):
        self.goal_titles: dict[int, dict[int, str]] = {}  # goal id -> title as last reviewed
        self.action_states: dict[int, dict[int, tuple[str, str]]] = {}  # id -> (text, status)
        self.meetings = 0

    def _id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def _person(self, pid: int, x: Participant) -> None:
        row = self.people.get((pid, x.name))
        if row is None:  # [id, partnership, name, side, role, email, written]
            row = [self._id("person"), pid, x.name, x.side, x.role, x.email, False]
            self.people[(pid, x.name)] = row
        else:  # import's INSERT ... ON CONFLICT DO UPDATE
            row[3], row[4], row[5] = x.side, x.role or row[4], x.email or row[5]

    def add(self, meeting: Meeting) -> int:
        rows, p = self.rows, meeting.partnership
        pid = self.partnership_ids.get((p.client, p.provider))
        if pid is None:
            pid = self.partnership_ids[(p.client, p.provider)] = self._id("partnership")
            rows["partnership"].append((pid, p.client, p.provider, p.service))
        mid = self._id("meeting")
        rows["meeting"].append(
            (
                mid,
                pid,
                meeting.title,
                meeting.date.isoformat(),
                meeting.location,
                meeting.facilitator,
                p.service,
                meeting.status,
                meeting.agenda_name,
            )
        )
        for pos, x in enumerate(meeting.participants):
            self._person(pid, x)
            rows["participant"].append(
                (self._id("participant"), mid, pos, x.name, x.side, x.role, x.email, int(x.present))
            )
        for pos, s in enumerate(meeting.sections):
            sid = self._id("section")
            rows["section"].append(
                (sid, mid, pos, s.key, s.title, s.guidance, s.timebox_minutes, s.notes)
            )
            for qpos, q in enumerate(s.questions):
                rows["question"].append(
                    (
                        self._id("question"),
                        sid,
                        qpos,
                        q.key,
                        q.text,
                        q.client_rating,
                        q.provider_rating,
                        q.comment,
                    )
                )
            for dpos, d in enumerate(s.decisions):
                rows["decision"].append((self._id("decision"), sid, dpos, d.text))
        titles = self.goal_titles.setdefault(pid, {})
        goal_ids = {title: gid for gid, title in titles.items()}  # queries.goal_ids_by_title
        for pos, g in enumerate(meeting.goals):
            gid = goal_ids.get(g.title)
            if not gid:
                gid = self._id("goal")
                rows["goal"].append((gid, pid, mid))
            rows["goal_review"].append(
                (
                    self._id("goal_review"),
                    gid,
                    mid,
                    pos,
                    g.title,
                    g.specific,
                    g.measure,
                    g.baseline,
                    g.target,
                    g.current,
                    g.achievable,
                    g.relevant,
                    _iso(g.due),
                    g.owner_side,
                    g.status,
                )
            )
            titles[gid] = g.title
        states = self.action_states.setdefault(pid, {})
        open_by_text: dict[str, list[int]] = {}  # queries.open_action_ids_by_text
        for aid, (text, status) in states.items():
            if status == "open":
                open_by_text.setdefault(text, []).append(aid)
        for pos, a in enumerate(meeting.actions):
            candidates = open_by_text.get(a.text)
            if candidates:
                aid = candidates.pop(0)
            else:
                aid = self._id("action")
                rows["action"].append((aid, pid, mid))
            rows["action_state"].append(
                (
                    self._id("action_state"),
                    aid,
                    mid,
                    pos,
                    a.text,
                    a.owner,
                    a.side,
                    _iso(a.due),
                    a.status,
                    a.section,
                )
            )
            states[aid] = (a.text, a.status)
        for pos, s in enumerate(meeting.signoff):
            rows["signature"].append(
                (self._id("signature"), mid, pos, s.name, s.side, s.role, s.signed_at_iso, None)
            )
        self.meetings += 1
        if self.meetings % self.batch == 0:
            self.flush()
        return mid

    def flush(self) -> None:
        """Write what is collected in one transaction (people as they stand now)."""
        people = self.people.values()
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.executemany(
                "UPDATE person SET side = ?, role = ?, email = ? WHERE id = ?",
                [(r[3], r[4], r[5], r[0]) for r in people if r[6]],
            )
            self.rows["person"] = [tuple(r[:6]) for r in people if not r[6]]
            for table, columns in TABLES.items():
                batch = self.rows[table]
                if batch:
                    marks = ", ".join("?" for _ in columns.split(","))
                    self.conn.executemany(
                        f"INSERT INTO {table} ({columns}) VALUES ({marks})", batch
                    )
                    batch.clear()
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        for r in people:
            r[6] = True


def generate(
    path: Path, partnerships: int, reviews: int, seed: int = 7, batch: int = BATCH_MEETINGS
) -> None:
    """A new portfolio at ``path`` with partnerships × reviews meetings (bulk writer)."""
    with open_portfolio(path) as portfolio:
        conn = portfolio.conn
        conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while building the indexes
        writer = BulkWriter(conn, batch)
        for _p, meeting in meetings_of(partnerships, reviews, seed):
            writer.add(meeting)
        writer.flush()
        conn.execute("PRAGMA optimize")


def generate_by_import(path: Path, partnerships: int, reviews: int, seed: int = 7) -> None:
    """The same portfolio through ``Portfolio.import_meeting`` (slow: for --check and --slow)."""
    with open_portfolio(path) as portfolio:
        current, atomic = None, None
        for p, meeting in meetings_of(partnerships, reviews, seed):
            if p != current:
                if atomic is not None:
                    atomic.__exit__(None, None, None)
                atomic = portfolio.db.atomic()
                atomic.__enter__()
                current = p
            portfolio.import_meeting(meeting)
        if atomic is not None:
            atomic.__exit__(None, None, None)


# ---- the big meeting -----------------------------------------------------------------------


def big_note(rng: random.Random, size: int = 100 * 1024) -> str:
    """About ``size`` characters of paragraphs (a facilitator's running notes)."""
    paragraphs, total = [], 0
    while total < size:
        paragraph = " ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(3, 7)))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


def big_meeting(rng: random.Random, open_texts: list[str], goal_titles: list[str]) -> Meeting:
    """300 actions, 50 goals, a 100 KB note in the first section, 12 people, every rating."""
    client, provider = "Northwind Freight", "Big Data Entry"
    meeting = build_meeting(rng, 0, 3, [], last=True)
    people = [
        Participant(f"{('Client', 'Provider')[i % 2]} person {i}", ("client", "provider")[i % 2])
        for i in range(12)
    ]
    meeting.partnership = Partnership(client, provider, "Back office")
    meeting.title = BIG_TITLE
    meeting.participants = people
    meeting.sections[0].notes = big_note(rng)
    for s in meeting.sections:
        for q in s.questions:
            q.comment = sentence(rng, 20)
    due = meeting.date
    actions = [
        Action(t, owner=people[0].name, side="client", due=due, status="open") for t in open_texts
    ]
    while len(actions) < 300:
        i = len(actions)
        actions.append(
            Action(
                f"{sentence(rng, rng.randint(6, 14))} #big-{i}",
                owner=people[i % len(people)].name,
                side=("client", "provider", "joint")[i % 3],
                due=due + dt.timedelta(days=rng.randint(-30, 120)),
                status="open" if i % 5 else "done",
                section=rng.choice(meeting.sections).key,
            )
        )
    meeting.actions = actions
    titles = goal_titles + [f"Goal {g}: {sentence(rng, 5)}" for g in range(50 - len(goal_titles))]
    meeting.goals = [
        Goal(
            title,
            specific=sentence(rng, 12),
            measure="Share of entries right first time",
            baseline=f"{rng.randint(50, 80)}%",
            target="98%",
            current=f"{rng.randint(60, 99)}%",
            achievable=sentence(rng, 8),
            relevant=sentence(rng, 8),
            due=due + dt.timedelta(days=rng.randint(30, 365)),
            owner_side=("client", "provider", "joint")[g % 3],
            status=("on_track", "at_risk", "off_track")[g % 3],
        )
        for g, title in enumerate(titles)
    ]
    return meeting


def add_big_meeting(path: Path, seed: int = 11) -> int:
    """Three ordinary signed-off reviews of a new partnership, then the big one; its id."""
    rng = random.Random(seed)
    with open_portfolio(path) as portfolio:
        open_texts: list[str] = []
        goal_titles: list[str] = []
        for r in range(3):
            meeting = build_meeting(rng, 0, r, open_texts)
            meeting.partnership = Partnership("Northwind Freight", "Big Data Entry", "Back office")
            portfolio.import_meeting(meeting)
            open_texts = [a.text for a in meeting.actions if a.status == "open"][:8]
            goal_titles = [g.title for g in meeting.goals]
        return portfolio.import_meeting(big_meeting(rng, open_texts, goal_titles))


# ---- --check ---------------------------------------------------------------------------------


def check(partnerships: int = 3, reviews: int = 6) -> bool:
    """Bulk and import give the same rows (ids included) and the same search results."""
    with tempfile.TemporaryDirectory() as folder:
        bulk, slow = Path(folder) / "bulk.sqlite", Path(folder) / "import.sqlite"
        generate(bulk, partnerships, reviews, batch=5)  # several transactions
        generate_by_import(slow, partnerships, reviews)
        same = True
        with open_portfolio(bulk) as a, open_portfolio(slow) as b:
            for table in TABLES:
                rows_a = a.conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                rows_b = b.conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
                verdict = "same" if rows_a == rows_b else "DIFFERENT"
                same &= rows_a == rows_b
                print(f"{table:13} {len(rows_a):6} rows bulk, {len(rows_b):6} import: {verdict}")
            for word in ("backlog", "demurrage shipment", "goal"):
                hits_a, hits_b = a.search(word, limit=None), b.search(word, limit=None)
                verdict = "same" if hits_a == hits_b else "DIFFERENT"
                same &= hits_a == hits_b
                print(f"search {word!r}: {len(hits_a)} hits bulk, {len(hits_b)} import: {verdict}")
            for m in a.meetings():
                same &= a.meeting(m.id) == b.meeting(m.id)
            print(f"{len(a.meetings())} meetings loaded whole: {'same' if same else 'DIFFERENT'}")
            for name, p in (("bulk", a), ("import", b)):
                for table in SEARCHABLE:  # raises when an index disagrees with its table
                    p.conn.execute(
                        f"INSERT INTO {table}_fts ({table}_fts) VALUES ('integrity-check')"
                    )
                print(f"integrity check ({name}): {p.integrity_check()}, full-text indexes ok")
        return same


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--partnerships", type=int, default=200)
    parser.add_argument("--reviews", type=int, default=20)
    parser.add_argument(
        "--big-meeting",
        action="store_true",
        help="add the big meeting (to OUT, which may exist already, or to a new file)",
    )
    parser.add_argument(
        "--slow", action="store_true", help="write through Portfolio.import_meeting (for timing)"
    )
    parser.add_argument("--check", action="store_true", help="compare bulk and import; exit 1")
    args = parser.parse_args()
    if args.check:
        sys.exit(0 if check() else 1)
    if args.out is None:
        parser.error("OUT is needed (or --check)")
    start = time.perf_counter()
    if args.big_meeting:
        mid = add_big_meeting(args.out)
        print(f"{args.out}: big meeting {mid} in {time.perf_counter() - start:.1f} s")
        return
    if args.out.exists():
        sys.exit(f"{args.out} exists; choose a new file")
    (generate_by_import if args.slow else generate)(args.out, args.partnerships, args.reviews)
    print(
        f"{args.out}: {args.partnerships * args.reviews} meetings "
        f"in {time.perf_counter() - start:.1f} s, {args.out.stat().st_size / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
