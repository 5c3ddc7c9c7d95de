"""Importing a meeting: from a ``reviewdesk.meeting`` JSON file, or from signed PDF minutes
(the record they carry, once they verify). All of it, or nothing."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.record.errors import FormatError, ReviewdeskError

if TYPE_CHECKING:
    from reviewdesk.app.proof import Proof
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
        raise ImportRefused(str(exc) if exc.where else f"{source}: {exc.problem}") from None


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


def is_pdf(raw: bytes) -> bool:
    return raw[:1024].lstrip().startswith(b"%PDF-")


@dataclass
class Minutes:
    """The record a PDF carries, with what verifying the PDF found."""

    meeting: Meeting
    proof: Proof

    @property
    def verified(self) -> bool:
        return self.proof.ok


def read_minutes(raw: bytes, source: Path | str, *, unverified: bool = False) -> Minutes:
    """The record inside signed minutes, after the checks of ``verify`` (slow: it renders the
    minutes again; touches no portfolio). Refused with the first failing check unless
    ``unverified``; the record is then taken from the file as a PDF reader shows it."""
    from reviewdesk.app.proof import check_minutes
    from reviewdesk.minutes.pdf_read import PdfFile, PdfReadError
    from reviewdesk.minutes.render import RECORD_FILE

    proof = check_minutes(raw)
    record = proof.record if proof.ok else None
    if not proof.ok:
        check = proof.failed()[0]
        if not unverified:
            raise ImportRefused(
                f"{source}: the minutes do not verify ({check.name}: {check.message}); nothing "
                "was imported (--unverified imports them anyway)"
            )
        try:
            record = PdfFile(raw).embedded_files().get(RECORD_FILE)
        except PdfReadError as exc:
            raise ImportRefused(f"{source}: not reviewdesk minutes ({exc})") from None
    if record is None:
        raise ImportRefused(f"{source}: carries no meeting record ({RECORD_FILE})")
    return Minutes(parse_source(record, source), proof)


def already_there(portfolio: Portfolio, meeting: Meeting) -> int | None:
    """The meeting of the portfolio that is this record (the same fingerprint), if any."""
    from reviewdesk.record.fingerprint import fingerprint

    p = portfolio.find_partnership(meeting.partnership.client, meeting.partnership.provider)
    if p is None:
        return None
    wanted = fingerprint(meeting)
    for summary in portfolio.meetings(p.id):
        same = summary.date == meeting.date and summary.title == meeting.title
        if same and fingerprint(portfolio.meeting(summary.id)) == wanted:
            return summary.id
    return None


def import_minutes(portfolio: Portfolio, minutes: Minutes) -> tuple[int, bool]:
    """(the meeting's id, whether it was added): minutes imported twice add nothing."""
    found = already_there(portfolio, minutes.meeting)
    if found is not None:
        return found, False
    return portfolio.import_meeting(minutes.meeting), True


def import_minutes_into(db_path: Path, minutes: Minutes) -> tuple[int, bool]:
    """:func:`import_minutes` into the portfolio at ``db_path``, made when there is none (and
    then left behind only when the import succeeds, as :func:`import_into`)."""
    from reviewdesk.store.opening import create_portfolio, open_portfolio

    db_path = Path(db_path)
    if not os.path.lexists(db_path):
        return create_portfolio(db_path, lambda portfolio: import_minutes(portfolio, minutes))
    with open_portfolio(db_path) as portfolio:
        return import_minutes(portfolio, minutes)
