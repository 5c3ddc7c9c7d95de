"""Save actions or goals as a CSV file for a spreadsheet, asking where through a file dialog.

API for the window::

    path = export_csv(parent, portfolio, "actions", partnership_id, on_done)  # None = all
    # on_done(path, None) once written; on_done(None, problem) after an error box

``export_csv`` asks for the file name with :func:`ask_csv_path` (tests replace it), then writes
the CSV with ``reviewdesk.app.export.export_csv`` (UTF-8 with BOM, one row per item as it last
stood, streamed row by row, whole or not at all) on a worker thread with a read-only connection
of its own, so the window stays usable. A refusal is shown as one line through
``reviewdesk.ui.messages.show_error``. Returns the path chosen, or None when cancelled.
The suggested name is ``<client>-<provider>-<what>-<today>.csv``; the dialog starts in the
export folder (the documents folder, then the last one used), never beside the portfolio.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtWidgets import QWidget

from reviewdesk.app.export import CSV_TABLES
from reviewdesk.app.export import export_csv as export_csv_file
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.reading import as_portfolio
from reviewdesk.ui import messages, ops
from reviewdesk.ui.ops import Done

CAPTIONS = {"actions": "Export action items as CSV", "goals": "Export goals as CSV"}
FILE_FILTER = "CSV files (*.csv)"
ERROR_TITLE = "CSV not saved"


def file_stem(text: str) -> str:
    """A safe file name part (letters, digits, dot, dash; accents kept)."""
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-") or "export"


def suggested_name(
    portfolio: Portfolio, what: str, partnership_id: int | None, today: dt.date | None = None
) -> str:
    """'Harbourline-Freight-Cebu-DataWorks-actions-2026-11-27.csv' (or 'all-partnerships-…')."""
    day = (today or dt.date.today()).isoformat()
    if partnership_id is None:
        who = "all-partnerships"
    else:
        p = portfolio.partnership(partnership_id)
        who = f"{p.client}-{p.provider}"
    return f"{file_stem(f'{who}-{what}-{day}')}.csv"


def ask_csv_path(
    parent: QWidget | None, suggested: str, caption: str = "Export CSV"
) -> Path | None:
    """Ask where to save (a save-file dialog); None when cancelled. '.csv' is added if missing."""
    chosen = messages.ask_save_file(parent, caption, Path(suggested), FILE_FILTER)
    if chosen is None:
        return None
    return chosen if chosen.suffix.lower() == ".csv" else chosen.with_name(chosen.name + ".csv")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def export_csv(
    parent: QWidget | None,
    portfolio: Portfolio,
    what: str,
    partnership_id: int | None,
    on_done: Done | None = None,
) -> Path | None:
    """Ask for a file, then write the actions or goals CSV there off the UI thread.

    Returns the chosen path (None when cancelled or refused); ``on_done(path, None)`` follows
    once the file is written, or ``on_done(None, problem)`` after the problem was shown.
    """
    if what not in CSV_TABLES:
        raise ValueError(f"what: {what!r} is not one of {', '.join(CSV_TABLES)}")
    try:
        name = suggested_name(portfolio, what, partnership_id)
    except ReviewdeskError as exc:
        messages.show_error(parent, ERROR_TITLE, _one_line(str(exc)))
        return None
    path = ask_csv_path(parent, name, CAPTIONS[what])
    if path is None:
        return None
    db_path = Path(portfolio.path)

    def work(conn) -> int:  # on a worker thread, with a connection of its own
        return export_csv_file(as_portfolio(db_path, conn), what, path, partnership_id)

    def written(_count: int) -> None:
        if on_done is not None:
            on_done(str(path), None)

    def failed(problem: str) -> None:
        messages.show_error(parent, ERROR_TITLE, _one_line(problem))
        if on_done is not None:
            on_done(None, problem)

    # Every action of a large portfolio takes seconds: the window stays usable meanwhile.
    ops.run_read(parent, db_path, work, written, failed, title=CAPTIONS[what])
    return path
