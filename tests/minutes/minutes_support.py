"""Builders of meetings and readers of rendered PDFs for the minutes tests."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import struct
import subprocess
import zlib
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from reviewdesk.record.exchange.meeting_format import parse_meeting
from reviewdesk.record.model import Goal, Meeting, Reopening, Signature

MEETING_ID = 7
UTC2 = dt.timezone(dt.timedelta(hours=2))


def png(width: int, height: int) -> bytes:
    """A small valid RGB PNG of the given size (a dark diagonal stroke on white)."""
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            ink = abs(x * height - y * width) < max(width, height)
            row += b"\x10\x10\x40" if ink else b"\xff\xff\xff"
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


RICH_DOC: dict[str, Any] = {
    "format": "reviewdesk.meeting/1",
    "partnership": {
        "client": "Harbourline Freight",
        "provider": "Cebu DataWorks",
        "service": "Customs data entry",
    },
    "meeting": {
        "title": "Q3 partnership review",
        "date": "2026-09-30",
        "location": "Room Kestrel",
        "facilitator": "Priya Raman",
    },
    "participants": [
        {"name": "Maren Holt", "side": "client", "role": "Head of Operations"},
        {"name": "Tomasz Wojcik", "side": "client", "role": "Customs lead", "present": False},
        {"name": "Lourdes Dela Cruz", "side": "provider", "role": "Account Manager"},
        {"name": "Ana Bautista", "side": "provider", "role": "Supervisor", "present": False},
        {"name": "Priya Raman", "side": "facilitator", "role": "Vendor Manager"},
    ],
    "sections": [
        {
            "key": "trust",
            "title": "Trust",
            "guidance": "Share worries and bad news early.",
            "notes": "Peak season plan shared early.\nSecond line of trust notes.",
            "questions": [
                {
                    "key": "open",
                    "text": "Was each side open about problems?",
                    "client_rating": 2,
                    "provider_rating": 5,
                    "comment": "Client learnt of the outage late.",
                },
                {
                    "key": "early",
                    "text": "Did bad news arrive early?",
                    "client_rating": None,
                    "provider_rating": 3,
                    "comment": "",
                },
            ],
            "decisions": ["Send the backlog report every Monday"],
        },
        {
            "key": "teamwork",
            "title": "Teamwork",
            "guidance": "Both sides shape the plan.",
            "notes": "",
            "questions": [
                {
                    "key": "one_team",
                    "text": "Does the provider feel like part of the team?",
                    "client_rating": 4,
                    "provider_rating": 4,
                    "comment": "Joint stand-ups help a lot.",
                },
            ],
            "decisions": ["Invite provider leads to the planning day"],
        },
    ],
    "goals": [
        {
            "title": "First-time-right rate of 99%",
            "specific": "Entries accepted without correction",
            "measure": "Corrections per 1,000 entries",
            "target": "99%",
            "current": "98.6%",
            "achievable": "With the new checklist",
            "relevant": "Each correction costs 20 minutes",
            "due": "2026-12-31",
            "owner_side": "joint",
            "status": "on_track",
        },
        {
            "title": "Legible scans from all branches",
            "measure": "Branches at 300 dpi",
            "target": "14 branches",
            "current": "11 branches",
            "status": "off_track",
        },
    ],
    "actions": [
        {
            "text": "Publish the escalation ladder",
            "owner": "Lourdes Dela Cruz",
            "side": "provider",
            "due": "2026-10-15",
            "status": "open",
        },
        {
            "text": "Push scanner settings to all branches",
            "owner": "Maren Holt",
            "side": "client",
            "due": "2026-08-15",
            "status": "open",
        },
        {
            "text": "Draft the SLA annex",
            "owner": "Maren Holt",
            "side": "joint",
            "due": "2026-07-31",
            "status": "done",
        },
    ],
}


def rich_doc(**changes: Any) -> dict[str, Any]:
    d = copy.deepcopy(RICH_DOC)
    d.update(changes)
    return d


def rich_meeting(*, signed: bool = False, doc: dict[str, Any] | None = None) -> Meeting:
    """A meeting with every part filled in: carried and closed actions, goal history."""
    meeting = parse_meeting(doc or rich_doc())
    meeting.id = MEETING_ID
    for action in meeting.actions:
        action.raised_in = MEETING_ID
    if len(meeting.actions) >= 3:
        _, carried, closed = meeting.actions[:3]
        carried.raised_in, carried.carried_reviews = 3, 2
        closed.raised_in, closed.closed_in, closed.carried_reviews = 3, MEETING_ID, 1
    if meeting.goals:
        first = meeting.goals[0]
        first.previous = Goal(title=first.title, status="at_risk", current="97.1%")
    if signed:
        sign(meeting)
    return meeting


SIGNATURE_SIZES = {"Maren Holt": (120, 40), "Lourdes Dela Cruz": (60, 60)}


def sign(meeting: Meeting) -> None:
    meeting.signoff = [
        Signature(
            "Maren Holt",
            "client",
            dt.datetime(2026, 9, 30, 17, 5, tzinfo=UTC2),
            role="Head of Operations",
            signature_png=png(*SIGNATURE_SIZES["Maren Holt"]),
        ),
        Signature(
            "Lourdes Dela Cruz",
            "provider",
            dt.datetime(2026, 9, 30, 15, 7, tzinfo=dt.UTC),
            role="Account Manager",
            signature_png=png(*SIGNATURE_SIZES["Lourdes Dela Cruz"]),
        ),
        Signature("Priya Raman", "facilitator", dt.datetime(2026, 9, 30, 15, 9, tzinfo=dt.UTC)),
    ]
    meeting.status = "signed_off"


def reopened(meeting: Meeting, reason: str) -> Meeting:
    meeting.reopenings.append(Reopening(dt.datetime(2026, 10, 2, 9, 0, tzinfo=dt.UTC), reason))
    return meeting


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page as ``pdftotext -raw`` extracts it."""
    path = tmp_path / "extract.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def body_lines(pages: list[str]) -> list[str]:
    """The lines of all pages without the page furniture (draft banner, footer)."""
    furniture = re.compile(r"DRAFT — not signed off$| — page \d+ of \d+|^[0-9a-f]{16}$")
    return [
        line for page in pages for line in page.splitlines() if not furniture.search(line.strip())
    ]


def flat(text: str) -> str:
    """Whitespace-normalised text (lines joined by single spaces)."""
    return " ".join(text.split())


def all_text(pdf: bytes, tmp_path: Path) -> str:
    return flat(" ".join(page_texts(pdf, tmp_path)))


def pypdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return flat(" ".join(page.extract_text() or "" for page in reader.pages))


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))
