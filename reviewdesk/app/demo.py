"""A realistic sample portfolio: a freight forwarder and its offshore data-entry provider.

The four reviews (three signed off, one in progress) are meeting files in ``resources/demo/``,
imported in date order; running it again adds nothing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from reviewdesk.resources import resource

if TYPE_CHECKING:
    from reviewdesk.store.portfolio import Portfolio


def demo_documents() -> list[dict[str, Any]]:
    """The sample reviews as ``reviewdesk.meeting`` documents, oldest first."""
    folder = resource("demo")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def load_demo(portfolio: Portfolio) -> list[int]:
    """Add the sample partnership's reviews; running it again adds nothing."""
    from reviewdesk.record.exchange.meeting_format import parse_meeting

    docs = demo_documents()
    first = docs[0]["partnership"]
    existing = portfolio.find_partnership(first["client"], first["provider"])
    have = {m.title: m.id for m in portfolio.meetings(existing.id)} if existing else {}
    ids = []
    for doc in docs:
        title = doc["meeting"]["title"]
        if title in have:
            ids.append(have[title])
            continue
        ids.append(portfolio.import_meeting(parse_meeting(doc)))
    return ids
