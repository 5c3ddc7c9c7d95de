"""A realistic sample portfolio: a freight forwarder and its offshore data-entry provider."""

from __future__ import annotations

import base64
import functools
import math
import struct
import zlib
from typing import Any

from reviewdesk.record.exchange.agenda import default_agenda
from reviewdesk.record.exchange.meeting_format import FORMAT, parse_meeting
from reviewdesk.store.portfolio import Portfolio

CLIENT = "Harbourline Freight"
PROVIDER = "Cebu DataWorks"
SERVICE = "Customs and shipment data entry (CargoWise)"

PEOPLE = [
    {
        "name": "Maren Holt",
        "side": "client",
        "role": "Head of Operations",
        "email": "maren.holt@harbourline.example",
    },
    {
        "name": "Tomasz Wójcik",
        "side": "client",
        "role": "Customs Team Lead",
        "email": "t.wojcik@harbourline.example",
    },
    {
        "name": "Lourdes Dela Cruz",
        "side": "provider",
        "role": "Account Manager",
        "email": "lourdes@cebudataworks.example",
    },
    {
        "name": "Nguyễn Văn An",
        "side": "provider",
        "role": "Data Entry Supervisor",
        "email": "an.nguyen@cebudataworks.example",
    },
    {
        "name": "Priya Raman",
        "side": "facilitator",
        "role": "Vendor Manager",
        "email": "priya.raman@harbourline.example",
    },
]

# (client, provider) ratings per quarter for the 18 default-agenda questions, in agenda order.
RATINGS = {
    "Q1": [
        (2, 4),
        (2, 4),
        (3, 3),
        (2, 3),
        (2, 3),
        (3, 2),
        (2, 4),
        (3, 3),
        (3, 4),
        (2, 2),
        (3, 4),
        (2, 4),
        (3, 3),
        (3, 4),
        (2, 3),
        (2, 4),
        (3, 3),
        (3, 4),
    ],
    "Q2": [
        (3, 4),
        (2, 4),
        (3, 4),
        (3, 3),
        (3, 4),
        (3, 3),
        (2, 4),
        (4, 4),
        (3, 3),
        (3, 2),
        (3, 4),
        (3, 4),
        (3, 3),
        (4, 4),
        (3, 4),
        (3, 4),
        (4, 4),
        (3, 4),
    ],
    "Q3": [
        (4, 4),
        (3, 5),
        (4, 4),
        (4, 4),
        (4, 4),
        (4, 3),
        (3, 4),
        (4, 5),
        (4, 4),
        (3, 3),
        (4, 4),
        (4, 5),
        (3, 5),
        (4, 4),
        (4, 4),
        (4, 5),
        (4, 4),
        (4, 4),
    ],
}

COMMENTS = {
    "transparency": {
        "Q1": "Backlog of 600 bills of lading only surfaced in week 6.",
        "Q2": "Weekly backlog report started in May; client says it helps.",
        "Q3": "Backlog visible daily on the shared dashboard.",
    },
    "bad_news_early": {
        "Q3": "Provider flagged the typhoon shutdown 3 days ahead; "
        "client still felt late on the CargoWise upgrade.",
    },
    "expectations_written": {
        "Q1": "Turnaround is read as 24 h by the client and 24 business hours by the provider.",
        "Q2": "SLA annex drafted; not yet signed.",
    },
    "balance": {
        "Q1": "Changes to the entry checklist are announced, not discussed.",
        "Q3": "Joint change board now meets fortnightly.",
    },
    "viewpoints": {"Q2": "Rework root-cause session looked at both the scans and the checklist."},
    "shared_success": {"Q3": "Both sides name first-time-right rate as the measure that matters."},
}

NOTES = {
    "Q1": {
        "trust": "Both sides agree the backlog surprise hurt confidence. Provider explained the "
        "hiring freeze; client had not heard of it.",
        "smart_goals": "Current goals are 'faster' and 'fewer errors' with no numbers.",
        "communication": "Escalations go by email to whoever is online; nothing is tracked.",
    },
    "Q2": {
        "trust": "Weekly backlog report welcomed. Client asks for the same openness on staffing.",
        "teamwork": "Provider team lead invited to the client's Monday operations call.",
    },
    "Q3": {
        "trust": "Good quarter. The typhoon contingency worked and was announced early.",
        "smart_goals": "Turnaround goal met two months running. Accuracy goal close.",
        "same_page": "Agree to focus next quarter on the CargoWise upgrade and peak season.",
    },
    "Q4": {
        "trust": "Peak season planning shared six weeks ahead — a first.",
    },
}

DECISIONS = {
    "Q1": {
        "smart_goals": ["Define turnaround as 24 clock hours from scan upload to entry complete."],
        "communication": ["Escalations go to the shared queue with a 4-hour response target."],
    },
    "Q2": {"teamwork": ["Set up a joint change board for checklist and process changes."]},
    "Q3": {
        "same_page": ["Q4 priorities: CargoWise 2026.3 upgrade and peak-season staffing."],
        "trust": ["Provider shares monthly staffing and attrition figures."],
    },
    "Q4": {},
}

GOALS = {
    "turnaround": {
        "title": "Entry turnaround within 24 hours",
        "specific": "Customs entries completed within 24 clock hours of the scan upload.",
        "measure": "Share of entries completed within 24 h, from the CargoWise audit log.",
        "baseline": "71%",
        "target": "95%",
        "achievable": "Needs two more staff on the night shift; budget approved.",
        "relevant": "Late entries cause demurrage charges for Harbourline's customers.",
        "owner_side": "provider",
    },
    "accuracy": {
        "title": "First-time-right rate of 99%",
        "specific": "Entries accepted by customs without correction.",
        "measure": "Corrections logged per 1,000 entries.",
        "baseline": "96.5%",
        "target": "99%",
        "achievable": "",
        "relevant": "Each correction costs both sides about 20 minutes.",
        "owner_side": "joint",
    },
    "scans": {
        "title": "Legible scans from all branches",
        "specific": "Every branch uploads scans at 300 dpi, one document per file.",
        "measure": "",
        "baseline": "",
        "target": "",
        "achievable": "Scanner settings can be pushed centrally.",
        "relevant": "Illegible scans are the main cause of rework.",
        "owner_side": "client",
    },
}

GOAL_PROGRESS = {
    # quarter: {goal: (status, current, due)}
    "Q1": {
        "turnaround": ("off_track", "71%", "2026-09-30"),
        "accuracy": ("at_risk", "96.5%", None),
    },
    "Q2": {
        "turnaround": ("at_risk", "84%", "2026-09-30"),
        "accuracy": ("at_risk", "97.4%", "2026-12-31"),
        "scans": ("on_track", "9 of 14 branches", None),
    },
    "Q3": {
        "turnaround": ("done", "96%", "2026-09-30"),
        "accuracy": ("on_track", "98.6%", "2026-12-31"),
        "scans": ("at_risk", "11 of 14 branches", "2026-11-30"),
    },
    "Q4": {
        "accuracy": ("on_track", "98.8%", "2026-12-31"),
        "scans": ("off_track", "11 of 14 branches", "2026-11-30"),
    },
}

ACTIONS: dict[str, list[dict[str, Any]]] = {
    "Q1": [
        {
            "text": "Share a weekly backlog report every Monday",
            "owner": "Lourdes Dela Cruz",
            "side": "provider",
            "due": "2026-06-30",
            "status": "open",
            "section": "trust",
        },
        {
            "text": "Draft an SLA annex with turnaround and accuracy definitions",
            "owner": "Maren Holt",
            "side": "client",
            "due": "2026-05-01",
            "status": "open",
            "section": "smart_goals",
        },
        {
            "text": "Set up a shared escalation queue",
            "owner": "Nguyễn Văn An",
            "side": "provider",
            "due": "2026-04-30",
            "status": "open",
            "section": "communication",
        },
    ],
    "Q2": [
        {
            "text": "Share a weekly backlog report every Monday",
            "owner": "Lourdes Dela Cruz",
            "side": "provider",
            "due": "2026-06-30",
            "status": "done",
            "section": "trust",
        },
        {
            "text": "Draft an SLA annex with turnaround and accuracy definitions",
            "owner": "Maren Holt",
            "side": "client",
            "due": "2026-09-30",
            "status": "open",
            "section": "smart_goals",
        },
        {
            "text": "Set up a shared escalation queue",
            "owner": "Nguyễn Văn An",
            "side": "provider",
            "due": "2026-04-30",
            "status": "done",
            "section": "communication",
        },
        {
            "text": "Push 300 dpi scanner settings to all branches",
            "owner": "Tomasz Wójcik",
            "side": "client",
            "due": "2026-08-15",
            "status": "open",
            "section": "teamwork",
        },
    ],
    "Q3": [
        {
            "text": "Draft an SLA annex with turnaround and accuracy definitions",
            "owner": "Maren Holt",
            "side": "client",
            "due": "2026-09-30",
            "status": "done",
            "section": "smart_goals",
        },
        {
            "text": "Push 300 dpi scanner settings to all branches",
            "owner": "Tomasz Wójcik",
            "side": "client",
            "due": "2026-08-15",
            "status": "open",
            "section": "teamwork",
        },
        {
            "text": "Staffing plan for peak season (Oct–Dec)",
            "owner": "Lourdes Dela Cruz",
            "side": "provider",
            "due": "2026-10-15",
            "status": "open",
            "section": "same_page",
        },
        {
            "text": "Joint test plan for the CargoWise 2026.3 upgrade",
            "side": "joint",
            "due": "2026-11-15",
            "status": "open",
            "section": "same_page",
        },
    ],
}

MEETINGS = [
    (
        "Q1",
        "Q1 2026 partnership review",
        "2026-03-31",
        "Harbourline HQ, Rotterdam (video link to Cebu)",
    ),
    ("Q2", "Q2 2026 partnership review", "2026-06-30", "Video call"),
    ("Q3", "Q3 2026 partnership review", "2026-09-30", "Cebu DataWorks office, Cebu City"),
    ("Q4", "Q4 2026 partnership review", "2026-11-27", "Video call"),
]

SIGNED_AT = {
    "Q1": "2026-03-31T16:40:00+02:00",
    "Q2": "2026-06-30T16:25:00+02:00",
    "Q3": "2026-09-30T17:05:00+08:00",
}


@functools.cache
def _signature_png(seed: int) -> bytes:
    """A deterministic handwritten-looking stroke as a PNG (no Qt needed)."""
    width, height, radius = 600, 180, 3.2
    ink = bytearray(width * height)
    steps = 4000
    for i in range(steps):
        t = i / steps
        x = 30 + t * (width - 60)
        y = (
            height / 2
            + 45 * math.sin(t * math.pi * (5 + seed)) * math.cos(t * math.pi * (1.5 + seed / 3))
            + 18 * math.sin(t * math.pi * 17)
        )
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                dist = math.hypot(dx, dy)
                if dist <= radius:
                    px, py = int(x) + dx, int(y) + dy
                    if 0 <= px < width and 0 <= py < height:
                        alpha = 255 if dist <= radius - 1 else int(255 * (radius - dist))
                        ink[py * width + px] = max(ink[py * width + px], alpha)
    rows = b"".join(
        b"\x00" + b"".join(bytes((20, 40, 90, a)) for a in ink[y * width : (y + 1) * width])
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def demo_documents() -> list[dict[str, Any]]:
    """The four reviews as ``reviewdesk.meeting/1`` documents, oldest first."""
    agenda = default_agenda()
    docs = []
    for quarter, title, date, location in MEETINGS:
        ratings = iter(RATINGS.get(quarter, []))
        sections = []
        for s in agenda.sections:
            questions = []
            for q in s.questions:
                client, provider = next(ratings, (None, None))
                if quarter == "Q4" and s.key == "trust":
                    client, provider = {"transparency": (4, 4), "bad_news_early": (3, 5)}.get(
                        q.key, (None, None)
                    )
                questions.append(
                    {
                        "key": q.key,
                        "text": q.text,
                        "client_rating": client,
                        "provider_rating": provider,
                        "comment": COMMENTS.get(q.key, {}).get(quarter, ""),
                    }
                )
            sections.append(
                {
                    "key": s.key,
                    "title": s.title,
                    "guidance": s.guidance,
                    "timebox_minutes": s.timebox_minutes,
                    "notes": NOTES.get(quarter, {}).get(s.key, ""),
                    "questions": questions,
                    "decisions": DECISIONS.get(quarter, {}).get(s.key, []),
                }
            )
        goals = []
        for key, (status, current, due) in GOAL_PROGRESS[quarter].items():
            goals.append({**GOALS[key], "status": status, "current": current, "due": due})
        actions = ACTIONS.get(quarter)
        if actions is None:  # the review in progress starts with what the last one left open
            actions = [a for a in ACTIONS["Q3"] if a["status"] == "open"]
        participants = [
            dict(p, present=not (quarter == "Q2" and p["name"] == "Tomasz Wójcik")) for p in PEOPLE
        ]
        doc: dict[str, Any] = {
            "format": FORMAT,
            "partnership": {"client": CLIENT, "provider": PROVIDER, "service": SERVICE},
            "meeting": {
                "title": title,
                "date": date,
                "location": location,
                "facilitator": "Priya Raman",
            },
            "participants": participants,
            "sections": sections,
            "goals": goals,
            "actions": actions,
        }
        if quarter in SIGNED_AT:
            doc["signoff"] = [
                {
                    "name": "Maren Holt",
                    "side": "client",
                    "role": "Head of Operations",
                    "signed_at": SIGNED_AT[quarter],
                    "signature_png": base64.b64encode(_signature_png(1)).decode(),
                },
                {
                    "name": "Lourdes Dela Cruz",
                    "side": "provider",
                    "role": "Account Manager",
                    "signed_at": SIGNED_AT[quarter],
                    "signature_png": base64.b64encode(_signature_png(4)).decode(),
                },
            ]
        docs.append(doc)
    return docs


def load_demo(portfolio: Portfolio) -> list[int]:
    """Add the sample partnership's four reviews; running it again adds nothing."""
    existing = portfolio.find_partnership(CLIENT, PROVIDER)
    have = {}
    if existing:
        have = {m.title: m.id for m in portfolio.meetings(existing.id)}
    ids = []
    for doc in demo_documents():
        title = doc["meeting"]["title"]
        if title in have:
            ids.append(have[title])
            continue
        ids.append(portfolio.import_meeting(parse_meeting(doc)))
    return ids
