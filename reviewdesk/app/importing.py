"""Importing a meeting from a ``reviewdesk.meeting`` JSON file: all of it, or nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.record.errors import FormatError, ReviewdeskError

if TYPE_CHECKING:
    from reviewdesk.record.model import Meeting
    from reviewdesk.store.portfolio import Portfolio


class ImportRefused(ReviewdeskError):
    """A file that cannot be imported; nothing was written."""


def read_source(source: Path | str) -> bytes:
    """The file's bytes (``-`` is standard input)."""
    if str(source) == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise ImportRefused(f"{source}: cannot read ({exc.strerror})") from None


def parse_source(raw: bytes, source: Path | str) -> Meeting:
    """The meeting a file describes (a file without sections follows the default agenda)."""
    from reviewdesk.record.exchange.meeting_format import loads, parse_meeting
    from reviewdesk.store.templates import default_agenda

    try:
        return parse_meeting(loads(raw), default_agenda())
    except FormatError as exc:
        message = str(exc) if exc.where else f"{source}: {exc.problem}"
        raise ImportRefused(message, detail=exc.detail) from None


def import_file(portfolio: Portfolio, source: Path | str) -> int:
    """Import one meeting file into the portfolio in one transaction; the new meeting's id."""
    return portfolio.import_meeting(parse_source(read_source(source), source))
