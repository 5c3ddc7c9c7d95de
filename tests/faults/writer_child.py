"""Child process for the kill tests: commit edits forever, reporting each one (never Qt).

Usage: python writer_child.py DB MEETING_ID SEED FIRST_SEQ

Before each edit it prints ``B <op> <args...>`` and after the edit's commit has returned it
prints ``OK`` (``REFUSED`` when the store refused it whole, as a full meeting refuses one
more action); the parent kills it at random moments and checks the file against these lines.
"""

from __future__ import annotations

import random
import sys

from reviewdesk.record.errors import LimitReached
from reviewdesk.record.exchange.meeting_format import parse_meeting
from reviewdesk.record.model import Action
from reviewdesk.store.opening import open_portfolio

SECTIONS = ("trust", "delivery", "people")
QUESTIONS = ("q1", "q2", "q3")


def import_doc(seq: int) -> dict:
    """A small meeting document with several sections, unique by ``seq``."""
    return {
        "format": "reviewdesk.meeting/1",
        "partnership": {"client": f"Client {seq}", "provider": "Provider", "service": "s"},
        "meeting": {"title": f"Import {seq}", "date": "2026-06-30"},
        "participants": [
            {"name": "Cleo", "side": "client"},
            {"name": "Pat", "side": "provider"},
        ],
        "sections": [
            {
                "key": key,
                "title": key.title(),
                "notes": f"notes {seq} {key} " + "x" * (seq % 500),
                "questions": [
                    {
                        "key": q,
                        "text": f"{key} {q}?",
                        "client_rating": (seq + i) % 5 + 1,
                        "provider_rating": None,
                    }
                    for i, q in enumerate(QUESTIONS)
                ],
                "decisions": [f"decision {seq} {key}"],
            }
            for key in SECTIONS
        ],
        "actions": [{"text": f"import action {seq}", "owner": "Pat", "status": "open"}],
    }


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    db, meeting_id, seed, seq = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    portfolio = open_portfolio(db, create=False)
    say("READY")
    while True:
        seq += 1
        op = rng.choice(("notes", "notes", "rating", "rating", "action", "import"))
        if op == "notes":
            key = rng.choice(SECTIONS)
            say(f"B notes {key} n{seq}")
            portfolio.set_notes(meeting_id, key, f"n{seq}")
        elif op == "rating":
            key, q = rng.choice(SECTIONS), rng.choice(QUESTIONS)
            side = rng.choice(("client", "provider"))
            value = rng.randint(1, 5)
            say(f"B rating {key} {q} {side} {value}")
            portfolio.set_rating(meeting_id, key, q, side, value)
        elif op == "action":
            say(f"B action a{seq}")
            try:
                portfolio.add_action(
                    meeting_id, Action(text=f"a{seq}", owner="Pat", side="provider")
                )
            except LimitReached:  # the meeting is full: refused whole, nothing written
                say("REFUSED")
                continue
        else:
            say(f"B import {seq}")
            portfolio.import_meeting(parse_meeting(import_doc(seq)))
        say("OK")


if __name__ == "__main__":
    main()
