"""Exporting a meeting: PDF minutes (render → sign → log → put in place), JSON, and CSV.

Every file is written whole or not at all, and never over the portfolio. A PDF and its entry in
the export log land together or neither does: the PDF is written and synced beside its target,
the export is logged (committed), and only then is the PDF renamed into place — so a full disk
that stops the log leaves no PDF that ``verify`` would not know. The window runs
:meth:`MinutesJob.run` on a worker thread (it touches no database) and :func:`finish_export`
back on the UI thread; the command line runs :func:`export_minutes`, which does both. The
minutes are PDF/A-3b with the record and the minutes context inside, signed with the key of the
person using this computer account (``keys.py``; made on the first export).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.app.csv_table import write_csv
from reviewdesk.app.outputs import check_output
from reviewdesk.record.errors import ReviewdeskError, StorageError
from reviewdesk.store.files import StagedFile, atomic_output, stage_file, write_atomically

if TYPE_CHECKING:
    from reviewdesk.record.analytics import History
    from reviewdesk.record.exchange.minutes_context import MinutesContext
    from reviewdesk.record.model import Meeting
    from reviewdesk.store.portfolio import Portfolio

PAPERS = ("a4", "letter")
CSV_TABLES = ("actions", "goals", "register")


class MinutesRefused(ReviewdeskError):
    """Minutes that would not show what was signed; nothing was written."""


def prepare_one_export_process() -> None:
    """Tune a process that makes one export and ends (the command line's ``export``): no cyclic
    collector (it finds next to nothing to free in one render and walks the young objects ~11
    times, ~30 ms), and Pillow's ``PIL.Image`` loaded on first use (minutes.lazy_pil). Not for
    the window: two of its threads could be first to use Pillow at once, and Python 3.11's lazy
    modules are not safe for that."""
    import gc

    from reviewdesk.minutes.lazy_pil import defer_pil_image

    gc.disable()
    defer_pil_image()


@dataclass(frozen=True)
class Written:
    """A PDF rendered: its SHA-256, the record's fingerprint, pages, characters no font had.

    Until :func:`finish_export` it waits beside its target (``staged``); ``logged`` says whether
    the export log knows it (not when the portfolio is open read-only).
    """

    target: Path
    sha256: str
    fingerprint: str
    pages: int
    missing_glyphs: int
    key_name: str = ""
    key_fingerprint: str = ""  # SHA-256 of the signing certificate
    staged: StagedFile | None = field(default=None, compare=False, repr=False)
    logged: bool = False

    @property
    def note(self) -> str:
        """What the user should know besides the file: '' when the export is logged."""
        if self.logged:
            return ""
        return "not in the export log, as the portfolio is open read-only"


@dataclass
class MinutesJob:
    """What the minutes are made from, read from the portfolio; ``run`` renders and writes."""

    context: MinutesContext
    target: Path
    key_folder: Path | None = None  # where the signing key is (default: the per-user folder)

    @property
    def meeting(self) -> Meeting:
        return self.context.meeting

    @property
    def history(self) -> History | None:
        return self.context.history

    @property
    def paper(self) -> str:
        return self.context.paper

    def run(self) -> Written:
        """Render and sign the PDF and write it beside its target, not yet in place (no
        database access: safe on a worker thread)."""
        from reviewdesk.app.keys import signing_key
        from reviewdesk.minutes.pades import sign_pdf
        from reviewdesk.minutes.render import render_context  # reportlab loads on first use
        from reviewdesk.minutes.signoff import KeyMark

        key = signing_key(self.meeting.facilitator, self.key_folder)
        result = render_context(self.context, key=KeyMark(key.name, key.fingerprint))
        pdf = sign_pdf(result.pdf, key.private_key(), key.certificate)
        return Written(
            self.target,
            hashlib.sha256(pdf).hexdigest(),
            result.fingerprint,
            result.pages,
            result.missing_glyphs,
            key.name,
            key.fingerprint,
            staged=stage_file(self.target, pdf),
        )


def prepare_minutes(
    portfolio: Portfolio,
    meeting_id: int,
    target: Path,
    paper: str = "a4",
    key_folder: Path | None = None,
) -> MinutesJob:
    """Read what the minutes of a meeting need (without the ratings of a round not revealed
    yet: the record travels inside the minutes); refuse a target that cannot be written, and a
    signed-off meeting that is no longer the record that was signed."""
    from reviewdesk.record.fingerprint import changed_since_signed

    target = Path(target)
    check_output(target, portfolio.path)
    if paper not in PAPERS:
        raise MinutesRefused(f"paper: {paper!r} is not a4 or letter")
    context = portfolio.minutes_context(meeting_id, paper)
    problem = changed_since_signed(context.meeting)
    if problem:
        raise MinutesRefused(
            f"{problem}: its minutes would not show what was signed; reopen it (with a reason) "
            "and sign it off again"
        )
    return MinutesJob(context, target, key_folder)


def finish_export(portfolio: Portfolio, job: MinutesJob, written: Written) -> Written:
    """Log the export, then put the PDF in place: both happen, or neither does.

    A portfolio open read-only cannot log: its PDF is put in place unlogged (``note`` says so).
    Raises StorageError in one line when the log or the file cannot be written; then no PDF was
    put in place and no export is logged.
    """
    assert job.meeting.id is not None and written.staged is not None
    staged = written.staged
    if portfolio.readonly:
        staged.land()
        return _done(written, logged=False)
    try:
        export_id = portfolio.record_export(job.meeting.id, written.sha256, written.fingerprint)
    except ReviewdeskError as exc:
        staged.discard()
        raise StorageError(
            f"{job.target}: the PDF was not written, as its export could not be logged: {exc}"
        ) from None
    try:
        staged.land()
    except StorageError:
        # If even this fails, the entry names bytes no file holds: verify matches nothing by it.
        with contextlib.suppress(ReviewdeskError):
            portfolio.forget_export(export_id)
        raise
    return _done(written, logged=True)


def _done(written: Written, *, logged: bool) -> Written:
    return Written(
        written.target,
        written.sha256,
        written.fingerprint,
        written.pages,
        written.missing_glyphs,
        written.key_name,
        written.key_fingerprint,
        logged=logged,
    )


def export_minutes(
    portfolio: Portfolio,
    meeting_id: int,
    target: Path,
    paper: str = "a4",
    key_folder: Path | None = None,
) -> Written:
    """Render, sign, log and write a meeting's PDF minutes."""
    job = prepare_minutes(portfolio, meeting_id, target, paper, key_folder)
    return finish_export(portfolio, job, job.run())


def export_json(portfolio: Portfolio, meeting_id: int, target: Path) -> None:
    """Write a meeting as ``reviewdesk.meeting`` JSON, whole or not at all."""
    from reviewdesk.record.exchange.meeting_format import dumps, meeting_to_doc

    target = Path(target)
    check_output(target, portfolio.path)
    text = dumps(meeting_to_doc(portfolio.meeting(meeting_id))) + "\n"
    write_atomically(target, text.encode("utf-8"))


def export_csv(
    portfolio: Portfolio,
    what: str,
    target: Path,
    partnership_id: int | None = None,
    today: dt.date | None = None,
) -> int:
    """Stream the actions or goals (of one partnership, or all) to a CSV file; the row count."""
    from reviewdesk.store import spreadsheets

    if what not in CSV_TABLES:
        raise ValueError(f"what: {what!r} is not one of {', '.join(CSV_TABLES)}")
    target = Path(target)
    check_output(target, portfolio.path)
    if partnership_id is not None:
        portfolio.partnership(partnership_id)  # NotFound names it before a file is made
    columns, rows = spreadsheets.TABLES[what]
    kwargs = {"today": today} if what == "actions" and today else {}
    with atomic_output(target) as out:
        return write_csv(out, columns, rows(portfolio, partnership_id, **kwargs))
