"""Small builders of meeting documents and portfolios for tests."""

from __future__ import annotations

import copy
import datetime as dt
import os
import struct
import zlib
from pathlib import Path
from typing import Any

from reviewdesk.record import limits
from reviewdesk.record.exchange.meeting_format import parse_meeting
from reviewdesk.record.model import Meeting, Participant
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.templates import default_agenda


def _png(width: int, height: int, noise: bool = False) -> bytes:
    """A real PNG image (white, or random noise that does not compress), no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    if noise:
        rows = b"".join(b"\x00" + os.urandom(3 * width) for _ in range(height))
    else:
        rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG_1PX = _png(1, 1)


def noisy_png(width: int, height: int) -> bytes:
    """A valid PNG of about 3 × width × height bytes (random pixels)."""
    return _png(width, height, noise=True)


BASE_DOC: dict[str, Any] = {
    "format": "reviewdesk.meeting/1",
    "partnership": {"client": "Acme Logistics", "provider": "Manila Back Office", "service": "AP"},
    "meeting": {
        "title": "Q1 review",
        "date": "2026-03-31",
        "location": "Video",
        "facilitator": "Fay",
    },
    "participants": [
        {
            "name": "Cleo Client",
            "side": "client",
            "role": "COO",
            "email": "c@a.example",
            "present": True,
        },
        {"name": "Pat Provider", "side": "provider", "role": "Account lead", "present": True},
        {"name": "Fay", "side": "facilitator"},
    ],
    "sections": [
        {
            "key": "trust",
            "title": "Trust",
            "guidance": "Be open.",
            "timebox_minutes": 10,
            "notes": "Some notes",
            "questions": [
                {
                    "key": "q1",
                    "text": "Open?",
                    "client_rating": 2,
                    "provider_rating": 5,
                    "comment": "x",
                },
                {"key": "q2", "text": "Early?", "client_rating": None, "provider_rating": 3},
            ],
            "decisions": ["Share the backlog weekly"],
        }
    ],
    "goals": [
        {
            "title": "Turnaround 24h",
            "measure": "% in 24h",
            "target": "95%",
            "current": "80%",
            "due": "2026-09-30",
            "owner_side": "provider",
            "status": "at_risk",
        }
    ],
    "actions": [
        {
            "text": "Send report",
            "owner": "Pat Provider",
            "side": "provider",
            "due": "2026-04-15",
            "status": "open",
            "section": "trust",
        }
    ],
}


def doc(**changes: Any) -> dict[str, Any]:
    d = copy.deepcopy(BASE_DOC)
    d.update(changes)
    return d


def new_portfolio(tmp_path: Path, name: str = "p.sqlite") -> Portfolio:
    return open_portfolio(tmp_path / name)


def new_meeting(
    portfolio: Portfolio, *, title: str = "Q1", date: dt.date = dt.date(2026, 3, 31)
) -> int:
    partnership = portfolio.find_partnership("Acme", "Bolt") or portfolio.add_partnership(
        "Acme", "Bolt", "Data entry"
    )
    return portfolio.create_meeting(
        partnership.id,
        title=title,
        date=date,
        agenda=default_agenda(),
        participants=[
            Participant("Cleo", "client", "COO"),
            Participant("Pat", "provider", "Lead"),
        ],
    )


MEETING_DATE = dt.date(2026, 11, 27)  # the date of the window tests' review


def on_disk(path: Path, meeting_id: int) -> Meeting:
    """The meeting as a fresh connection to the file reads it."""
    with open_portfolio(path, create=False) as other:
        return other.meeting(meeting_id)


def at_the_limits(*, signed: bool = True) -> dict:
    """A meeting document holding as much as a meeting may, every limit reached (but signers,
    when not ``signed``: an editable meeting)."""
    d = doc()
    d["participants"] = [
        {"name": f"Person {i}", "side": ("client", "provider", "facilitator")[i % 3]}
        for i in range(limits.MAX_ATTENDEES)
    ]
    per_section = limits.MAX_DECISIONS // limits.MAX_SECTIONS
    d["sections"] = [
        {
            "key": f"s{s}",
            "title": f"Section {s}",
            "questions": [
                {"key": f"q{q}", "text": "?", "client_rating": 3, "provider_rating": 4}
                for q in range(limits.MAX_QUESTIONS)
            ],
            "decisions": [f"d{n}" for n in range(per_section)],
        }
        for s in range(limits.MAX_SECTIONS)
    ]
    d["goals"] = [{"title": f"G{g}", "status": "on_track"} for g in range(limits.MAX_GOALS)]
    d["actions"] = [{"text": f"A{a}", "status": "open"} for a in range(limits.MAX_ACTIONS)]
    d["signoff"] = [
        {
            "name": f"Signer {i}",
            "side": ("client", "provider")[i % 2],
            "signed_at": "2026-04-01T10:00:00Z",
        }
        for i in range(limits.MAX_SIGNERS if signed else 0)
    ]
    d["format"] = "reviewdesk.meeting/2"
    d["measures"] = [{"name": f"M{m}", "direction": "higher"} for m in range(limits.MAX_MEASURES)]
    d["register"] = [
        {"kind": "risk", "title": f"R{r}", "severity": "low", "status": "open"}
        for r in range(limits.MAX_REGISTER)
    ]
    used = limits.meeting_size(parse_meeting(copy.deepcopy(d))).text
    d["sections"][0]["notes"] = "n" * (limits.MAX_TEXT - used)
    return d
