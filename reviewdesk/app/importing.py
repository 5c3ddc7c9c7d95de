"""Importing a meeting from a ``reviewdesk.meeting`` JSON file: all of it, or nothing."""

from __future__ import annotations

import os
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
    """The file's bytes (``-`` is standard input): a regular file of at most
    ``MAX_IMPORT_BYTES``, never a device or a pipe (see store.files.read_input)."""
    from reviewdesk.record.limits import MAX_IMPORT_BYTES
    from reviewdesk.store.files import read_input, read_stream

    if str(source) == "-":
        return read_stream(sys.stdin.buffer, MAX_IMPORT_BYTES, "meeting file")
    return read_input(source, MAX_IMPORT_BYTES, "meeting file")


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


def import_into(db_path: Path, meeting: Meeting) -> int:
    """Import a meeting into the portfolio at ``db_path``; the new meeting's id.

    Where there is no portfolio yet, one is made holding the meeting — and if the import fails,
    nothing is left behind: no empty portfolio, no -wal or -shm, no folder made for it.
    """
    from reviewdesk.store.opening import create_portfolio, open_portfolio

    db_path = Path(db_path)
    if not os.path.lexists(db_path):
        return create_portfolio(db_path, lambda portfolio: portfolio.import_meeting(meeting))
    with open_portfolio(db_path) as portfolio:
        return portfolio.import_meeting(meeting)
