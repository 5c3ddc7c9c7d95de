"""The window's last line of defence: an unexpected error becomes a dialog, never a traceback.

Every edit is committed when it is made, so an error in a slot loses at most the edit it was
making. The full traceback goes to ``errors.log`` beside the portfolio for a bug report; the
user reads one line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOG_NAME = "reviewdesk-errors.log"  # beside the portfolio
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def install(log_path: Path, show: Callable[[str], None]) -> ExceptHook:
    """Route uncaught exceptions to ``log_path`` and ``show(one_line)``; returns the old hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        logged = _log(log_path, kind, error, tb)
        where = f" Details were written to {log_path}." if logged else ""
        first = (str(error).splitlines() or [kind.__name__])[0]
        with contextlib.suppress(Exception):  # the guard itself never raises
            show(
                f"Something went wrong ({kind.__name__}: {first}). Everything already shown as "
                f"saved is in the file; the last action may not have been done.{where}"
            )

    sys.excepthook = hook
    return previous


def _log(path: Path, kind, error, tb) -> bool:  # noqa: ANN001 - the excepthook triple
    return note(path, "".join(traceback.format_exception(kind, error, tb)))


def note(path: Path, text: str) -> bool:
    """Append a dated entry to the error log; False when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {dt.datetime.now(dt.UTC).isoformat()}\n")
            fh.write(text if text.endswith("\n") else text + "\n")
        return True
    except OSError:
        return False
