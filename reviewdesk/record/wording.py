"""How the minutes word dates, times, ratings, statuses and sides (locale-independent)."""

from __future__ import annotations

import datetime as dt

from reviewdesk.record.numbers import one_decimal

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
STATUS_WORDS = {
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "done": "done",
    "dropped": "dropped",
    "open": "open",
    "cancelled": "cancelled",
}
STATUS_HEX = {
    "on_track": "#15803D",
    "at_risk": "#B45309",
    "off_track": "#DC2626",
    "done": "#475569",
    "dropped": "#64748B",
}
SIDE_WORDS = {
    "client": "Client",
    "provider": "Provider",
    "joint": "Joint",
    "facilitator": "Facilitator",
}


def date_text(day: dt.date | None, *, short: bool = False) -> str:
    """'30 September 2026' ('30 Sep 2026' when short), or '–' when there is no date."""
    if day is None:
        return "–"
    month = MONTHS[day.month - 1]
    return f"{day.day} {month[:3] if short else month} {day.year}"


def moment_text(moment: dt.datetime) -> str:
    """A time as recorded, in its own zone: '30 September 2026, 16:42 UTC+02:00' ('… UTC')."""
    offset = moment.utcoffset()
    zone = ""
    if offset is not None and not offset:
        zone = " UTC"
    elif offset is not None:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        zone = f" UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{date_text(moment.date())}, {moment:%H:%M}{zone}"


def rating_text(value: int | None) -> str:
    return "–" if value is None else str(value)


def average_text(value: float | None) -> str:
    return "–" if value is None else one_decimal(value)


def status_text(status: str) -> str:
    return STATUS_WORDS.get(status, status)


def side_text(side: str | None) -> str:
    return SIDE_WORDS.get(side or "", "–")


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


# What the minutes' digest covers, said where it is printed.
DIGEST_COVERS = (
    "SHA-256 of everything these minutes show: the record, its amendments, the earlier reviews "
    "and the paper size"
)


def imported_text(imported_at: dt.datetime) -> str:
    """How a sign-off that came with an imported record is marked (window and minutes alike)."""
    return (
        "Signed off elsewhere; imported into this portfolio on "
        f"{date_text(imported_at.date())}, not signed here."
    )
