"""Where output files may go: a new file or an existing regular file of the user's, never the
portfolio or SQLite's files beside it."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.store import open_guard
from reviewdesk.store.fileformat import own_files
from reviewdesk.store.files import writable_target


class OutputRefused(ReviewdeskError):
    """An output file the app will not write (the portfolio itself, one of SQLite's files)."""


def refuse_portfolio_file(target: Path, db_path: Path) -> None:
    """Refuse ``target`` when it is the portfolio or one of the files SQLite keeps beside it,
    under any name (a hard link too), or any other portfolio file open in this process."""
    if Path(target).resolve() in own_files(db_path) or open_guard.is_held(target):
        raise OutputRefused(f"{target}: is the portfolio's own file; choose another output file")


def check_output(target: Path, db_path: Path) -> None:
    """Refuse, before anything is rendered, a target that cannot be written: the portfolio's own
    files, and anything but a new file or an existing regular file the user may write
    (store.files.writable_target, which writing checks again)."""
    refuse_portfolio_file(target, db_path)
    writable_target(Path(target))
