"""Save actions or goals as a CSV file for a spreadsheet, asking where through a file dialog.

API for the window::

    path = export_csv(parent, portfolio, "actions", partnership_id)  # or "goals"; None = all
    if path is not None:
        status_bar.showMessage(f"Saved {path}")

``export_csv`` asks for the file name with :func:`ask_csv_path` (tests replace it), then writes
the CSV with ``reviewdesk.app.export.export_csv`` (UTF-8 with BOM, one row per item as it last
stood, whole or not at all). A refusal is shown as one line through
``reviewdesk.ui.messages.show_error``. Returns the path written, or None when cancelled or failed.
The suggested name is ``<client>-<provider>-<what>-<today>.csv``; the dialog starts in the
export folder (the documents folder, then the last one used), never beside the portfolio.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from reviewdesk.app.export import CSV_TABLES
from reviewdesk.app.export import export_csv as export_csv_file
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.ui import messages

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
    parent: QWidget | None, portfolio: Portfolio, what: str, partnership_id: int | None
) -> Path | None:
    """Ask for a file, write the actions or goals CSV there; the path, or None."""
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
    # Every partnership of a large portfolio takes a few seconds: say so with the cursor.
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        export_csv_file(portfolio, what, path, partnership_id)
    except ReviewdeskError as exc:
        problem = _one_line(str(exc))
    else:
        problem = None
    finally:
        QGuiApplication.restoreOverrideCursor()
    if problem is not None:
        messages.show_error(parent, ERROR_TITLE, problem)
        return None
    return path
