"""Where output files may go — never over the portfolio or SQLite's files beside it — and which
input files are never read: a portfolio open in this process (reading it outside SQLite would
drop SQLite's locks on it)."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.store import open_guard
from reviewdesk.store.fileformat import own_files


class OutputRefused(ReviewdeskError):
    """An output file the app will not write (the portfolio itself, one of SQLite's files)."""


def refuse_portfolio_file(target: Path, db_path: Path) -> None:
    """Refuse ``target`` when it is the portfolio or one of the files SQLite keeps beside it,
    under any name (a hard link too), or any other portfolio file open in this process."""
    if Path(target).resolve() in own_files(db_path) or open_guard.is_held(target):
        raise OutputRefused(f"{target}: is the portfolio's own file; choose another output file")


def refuse_open_portfolio(source: Path | str, error: type[ReviewdeskError], what: str) -> None:
    """Raise ``error`` when ``source`` is a portfolio file open in this process, before anything
    opens it ("FILE: is an open portfolio, not WHAT")."""
    if open_guard.is_held(source):
        raise error(f"{source}: is an open portfolio, not {what}")
