"""Make a large portfolio: PARTNERSHIPS × REVIEWS meetings with ratings, actions and goals.

    python benchmarks/generate_portfolio.py OUT.sqlite [--partnerships 200] [--reviews 20]

Defaults give the scale target of the cross-review features: 4,000 meetings, 72,000 questions
rated by both sides (144,000 ratings) and 40,000 action items (ten new a review, and up to eight
still-open ones carried into the next).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewdesk.record.model import (  # noqa: E402
    Action,
    Decision,
    Goal,
    Meeting,
    Participant,
    Partnership,
)
from reviewdesk.store.opening import open_portfolio  # noqa: E402
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


def sentence(rng: random.Random, n: int = 10) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def build_meeting(rng: random.Random, p: int, r: int, open_texts: list[str]) -> Meeting:
    agenda = default_agenda()
    sections = agenda.new_sections()
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
    return Meeting(
        partnership=Partnership(f"Client {p:03d}", f"Provider {p:03d}", "Back office"),
        title=f"Review {r + 1}",
        date=date,
        participants=people,
        sections=sections,
        goals=goals,
        actions=actions,
    )


def generate(path: Path, partnerships: int, reviews: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open_portfolio(path) as portfolio:
        for p in range(partnerships):
            with portfolio.db.atomic():
                open_texts: list[str] = []
                for r in range(reviews):
                    meeting = build_meeting(rng, p, r, open_texts)
                    portfolio.import_meeting(meeting)
                    open_texts = [a.text for a in meeting.actions if a.status == "open"][:8]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--partnerships", type=int, default=200)
    parser.add_argument("--reviews", type=int, default=20)
    args = parser.parse_args()
    if args.out.exists():
        sys.exit(f"{args.out} exists; choose a new file")
    start = time.perf_counter()
    generate(args.out, args.partnerships, args.reviews)
    print(
        f"{args.out}: {args.partnerships * args.reviews} meetings "
        f"in {time.perf_counter() - start:.1f} s, {args.out.stat().st_size / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main()
