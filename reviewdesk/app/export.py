"""Exporting a meeting: PDF minutes (render → write → log), JSON, and CSV of actions or goals.

Every file is written whole or not at all, and never over the portfolio. The window runs
:meth:`MinutesJob.run` on a worker thread (it touches no database); the command line runs
:func:`export_minutes`, which does all three steps in order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.app.csv_table import write_csv
from reviewdesk.app.outputs import refuse_portfolio_file
from reviewdesk.store.files import atomic_output, write_atomically

if TYPE_CHECKING:
    from reviewdesk.record.analytics import History
    from reviewdesk.record.model import Meeting
    from reviewdesk.store.portfolio import Portfolio

PAPERS = ("a4", "letter")
CSV_TABLES = ("actions", "goals", "register")


@dataclass(frozen=True)
class Written:
    """A PDF on disk: its SHA-256, the record's fingerprint, pages, characters no font had."""

    target: Path
    sha256: str
    fingerprint: str
    pages: int
    missing_glyphs: int


@dataclass
class MinutesJob:
    """What the minutes are made from, read from the portfolio; ``run`` renders and writes."""

    meeting: Meeting
    history: History | None
    target: Path
    paper: str = "a4"

    def run(self) -> Written:
        """Render and write the PDF (no database access: safe on a worker thread)."""
        from reviewdesk.minutes.render import render_minutes  # reportlab loads on first use

        result = render_minutes(self.meeting, paper=self.paper, history=self.history)
        write_atomically(self.target, result.pdf)
        return Written(
            self.target,
            hashlib.sha256(result.pdf).hexdigest(),
            result.fingerprint,
            result.pages,
            result.missing_glyphs,
        )


def prepare_minutes(
    portfolio: Portfolio, meeting_id: int, target: Path, paper: str = "a4"
) -> MinutesJob:
    """Read what the minutes of a meeting need; refuse a target that is the portfolio."""
    target = Path(target)
    refuse_portfolio_file(target, portfolio.path)
    meeting, history = portfolio.minutes_record(meeting_id)
    return MinutesJob(meeting, history, target, paper)


def log_export(portfolio: Portfolio, job: MinutesJob, written: Written) -> None:
    """Record the export, so ``verify`` knows these bytes."""
    assert job.meeting.id is not None
    portfolio.record_export(job.meeting.id, written.sha256, written.fingerprint)


def export_minutes(
    portfolio: Portfolio, meeting_id: int, target: Path, paper: str = "a4"
) -> Written:
    """Render, write and log a meeting's PDF minutes."""
    job = prepare_minutes(portfolio, meeting_id, target, paper)
    written = job.run()
    log_export(portfolio, job, written)
    return written


def export_json(portfolio: Portfolio, meeting_id: int, target: Path) -> None:
    """Write a meeting as ``reviewdesk.meeting`` JSON, whole or not at all."""
    from reviewdesk.record.exchange.meeting_format import dumps, meeting_to_doc

    target = Path(target)
    refuse_portfolio_file(target, portfolio.path)
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
    refuse_portfolio_file(target, portfolio.path)
    if partnership_id is not None:
        portfolio.partnership(partnership_id)  # NotFound names it before a file is made
    columns, rows = spreadsheets.TABLES[what]
    kwargs = {"today": today} if what == "actions" and today else {}
    with atomic_output(target) as out:
        return write_csv(out, columns, rows(portfolio, partnership_id, **kwargs))
