"""Make a large portfolio: PARTNERSHIPS × REVIEWS meetings with ratings, actions and goals.

    python benchmarks/generate_portfolio.py OUT.sqlite [--partnerships 200] [--reviews 20]
    python benchmarks/generate_portfolio.py OUT.sqlite --partnerships 2000   # 40,000 meetings
    python benchmarks/generate_portfolio.py OUT.sqlite --big-meeting         # add the big one
    python benchmarks/generate_portfolio.py --check    # bulk rows == what import would write

Defaults give the scale target of the cross-review features: 4,000 meetings, 72,000 questions
rated by both sides (144,000 ratings) and 40,000 action items (ten new a review, and up to eight
still-open ones carried into the next). Every partnership has a tier, 10 service levels with a
value in every review (40,000 measure records) and 20 register entries (one raised a review,
open ones carried with both views until about a quarter close each review). Every review but a
partnership's last is signed off by one person of each side; the last is in progress.

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

from reviewdesk.record.model import (
    Action,
    Decision,
    Goal,
    Meeting,
    Participant,
    Partnership,
    Signature,
)
from reviewdesk.record.scorecard import TIERS, Measure, RegisterEntry
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.templates import default_agenda

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
# (name, unit, direction, target, amber, side) of each partnership's ten service levels
MEASURES = [
    ("Entry accuracy", "%", "higher", 99.5, 99.0, "provider"),
    ("Same-day turnaround", "%", "higher", 95.0, 90.0, "provider"),
    ("Customs holds", "holds", "lower", 2.0, 5.0, "client"),
    ("Escalations answered in 4 h", "%", "higher", 90.0, 80.0, "joint"),
    ("Backlog at month end", "files", "lower", 40.0, 60.0, "provider"),
    ("Rework rate", "%", "lower", 2.0, 4.0, "client"),
    ("First-contact resolution", "%", "higher", 85.0, 75.0, "provider"),
    ("Invoices posted in 2 days", "%", "higher", 92.0, 85.0, "provider"),
    ("Audit findings", "findings", "lower", 1.0, 3.0, "client"),
    ("Cost per entry", "EUR", "lower", 1.2, 1.4, "provider"),
]
BIG_TITLE = "Big review"


def sentence(rng: random.Random, n: int = 10) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


@functools.cache
def _agenda():
    return default_agenda()


def scorecard(
    rng: random.Random, p: int, r: int, sections: list, open_entries: list[RegisterEntry]
) -> tuple[list[Measure], list[RegisterEntry]]:
    """The review's ten service levels with values, and its register: the open entries carried
    (about a quarter closing, with an agreed note) and one raised here."""
    measures = []
    for k, (name, unit, direction, target, amber, side) in enumerate(MEASURES):
        spread = abs(target - amber) * 2 or 1.0
        value = round(target + rng.uniform(-spread, spread / 2), 2)
        section = sections[k % len(sections)].key if k < len(sections) else ""
        measures.append(Measure(name, unit, direction, target, amber, side, "", section, value))
    register = []
    for e in open_entries:
        closing = rng.random() < 0.25
        register.append(
            RegisterEntry(
                e.kind,
                e.title,
                e.severity,
                e.likelihood,
                e.client_view,
                e.provider_view,
                cause=e.cause,
                next_step=e.next_step,
                owner_side=e.owner_side,
                status="closed" if closing else rng.choice(("open", "mitigating")),
                agreed="Both sides agree it is resolved." if closing else "",
            )
        )
    kind = rng.choice(("risk", "issue", "escalation"))
    register.append(
        RegisterEntry(
            kind,
            f"Register entry {p}-{r}: {sentence(rng, 4)}",
            rng.choice(("low", "medium", "high", "critical")),
            rng.choice(("possible", "likely")) if kind == "risk" else None,
            client_view=sentence(rng, 14),
            provider_view=sentence(rng, 14),
            cause=sentence(rng, 6),
            next_step=sentence(rng, 6),
            owner_side=rng.choice(("client", "provider", "joint")),
        )
    )
    return measures, register


def build_meeting(
    rng: random.Random,
    p: int,
    r: int,
    open_texts: list[str],
    last: bool = False,
    open_entries: list[RegisterEntry] | None = None,
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
    measures, register = scorecard(rng, p, r, sections, open_entries or [])
    register[-1].actions = [actions[-10].text]  # the new entry's next step: a new action
    return Meeting(
        partnership=Partnership(
            f"Client {p:03d}", f"Provider {p:03d}", "Back office", tier=TIERS[p % len(TIERS)]
        ),
        title=f"Review {r + 1}",
        date=date,
        participants=people,
        sections=sections,
        goals=goals,
        actions=actions,
        status="in_progress" if last else "signed_off",
        signoff=[] if last else [Signature(x.name, x.side, signed) for x in people],
        measures=measures,
        register=register,
    )


def meetings_of(partnerships: int, reviews: int, seed: int = 7) -> Iterator[tuple[int, Meeting]]:
    """(partnership number, meeting) in import order, the same for both writers."""
    rng = random.Random(seed)
    for p in range(partnerships):
        open_texts: list[str] = []
        open_entries: list[RegisterEntry] = []
        for r in range(reviews):
            meeting = build_meeting(rng, p, r, open_texts, r == reviews - 1, open_entries)
            yield p, meeting
            open_texts = [a.text for a in meeting.actions if a.status == "open"][:8]
            open_entries = [e for e in meeting.register if e.is_open]


# ---- the bulk writer -----------------------------------------------------------------------

TABLES = {  # in foreign-key order; the columns import writes
    "partnership": "id, client, provider, service, tier, review_interval_months",
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
    "measure": "id, partnership_id, created_in",
    "measure_review": "id, measure_id, meeting_id, position, name, unit, direction, target, "
    "amber, side, description, section, value, note",
    "register_entry": "id, partnership_id, raised_in",
    "register_state": "id, entry_id, meeting_id, position, kind, title, severity, likelihood, "
    "client_view, provider_view, cause, next_step, owner_side, status, agreed",
    "register_action": "entry_id, action_id",
}
ID_TABLES = [t for t, columns in TABLES.items() if columns.startswith("id,")]


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
            for t in ID_TABLES
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
        self.measure_ids: dict[int, dict[str, int]] = {}  # name -> id (queries.latest_measures)
        self.entries: dict[int, dict[int, tuple[str, bool]]] = {}  # id -> (title, open)
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
            rows["partnership"].append(
                (pid, p.client, p.provider, p.service, p.tier, p.review_interval_months)
            )
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
        action_ids: dict[str, int] = {}
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
            action_ids.setdefault(a.text, aid)
        self._scorecard(pid, mid, meeting, action_ids)
        for pos, s in enumerate(meeting.signoff):
            rows["signature"].append(
                (self._id("signature"), mid, pos, s.name, s.side, s.role, s.signed_at_iso, None)
            )
        self.meetings += 1
        if self.meetings % self.batch == 0:
            self.flush()
        return mid

    def _scorecard(self, pid: int, mid: int, meeting: Meeting, action_ids: dict[str, int]) -> None:
        """Measures join by name, entries the open entry of the same title (store.scorecard's
        _import_scorecard), linked to this meeting's actions by text."""
        rows = self.rows
        by_name = self.measure_ids.setdefault(pid, {})
        for pos, m in enumerate(meeting.measures):
            measure_id = by_name.get(m.name)
            if not measure_id:
                measure_id = by_name[m.name] = self._id("measure")
                rows["measure"].append((measure_id, pid, mid))
            rows["measure_review"].append(
                (self._id("measure_review"), measure_id, mid, pos, m.name, m.unit, m.direction,
                 m.target, m.amber, m.side, m.description, m.section, m.value, m.note)
            )  # fmt: skip
        entries = self.entries.setdefault(pid, {})
        open_by_title: dict[str, list[int]] = {}
        for eid, (title, is_open) in entries.items():
            if is_open:
                open_by_title.setdefault(title, []).append(eid)
        for pos, e in enumerate(meeting.register):
            candidates = open_by_title.get(e.title)
            if candidates:
                eid = candidates.pop(0)
            else:
                eid = self._id("register_entry")
                rows["register_entry"].append((eid, pid, mid))
            rows["register_state"].append(
                (self._id("register_state"), eid, mid, pos, e.kind, e.title, e.severity,
                 e.likelihood, e.client_view, e.provider_view, e.cause, e.next_step,
                 e.owner_side, e.status, e.agreed)
            )  # fmt: skip
            entries[eid] = (e.title, e.is_open)
            for text in e.actions:
                if text in action_ids:
                    rows["register_action"].append((eid, action_ids[text]))

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
                rows_a = a.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                rows_b = b.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                verdict = "same" if rows_a == rows_b else "DIFFERENT"
                same &= rows_a == rows_b
                print(f"{table:13} {len(rows_a):6} rows bulk, {len(rows_b):6} import: {verdict}")
            for word in ("backlog", "demurrage shipment", "goal", "register entry"):
                hits_a, hits_b = a.search(word, limit=None), b.search(word, limit=None)
                verdict = "same" if hits_a == hits_b else "DIFFERENT"
                same &= hits_a == hits_b
                print(f"search {word!r}: {len(hits_a)} hits bulk, {len(hits_b)} import: {verdict}")
            for m in a.meetings():
                same &= a.meeting(m.id) == b.meeting(m.id)
            print(f"{len(a.meetings())} meetings loaded whole: {'same' if same else 'DIFFERENT'}")
            for name, p in (("bulk", a), ("import", b)):
                for (index,) in p.conn.execute(  # raises when an index disagrees with its table
                    "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"
                ).fetchall():
                    p.conn.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")
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
