"""What every command shares: its errors, printing (control characters shown as escapes), the
portfolio to open and the arguments' checks."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk import paths

if TYPE_CHECKING:
    from reviewdesk.store.portfolio import Portfolio

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A problem to print as one line, with the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SPACED = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029")


def _unsafe(ch: str) -> bool:
    return ch < " " or "\x7f" <= ch <= "\x9f" or ch in _SPACED or ch in _BIDI


# any character _unsafe() accepts: most text has none, and one search finds that out
_ANY_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _clean(text: object) -> str:
    """Text safe to print on one terminal line: every printed word of record text, every path
    and error goes through here. Line breaks and tabs become spaces; other control characters
    (an ANSI escape, a carriage return) are shown as escapes such as ``\\x1b``."""
    text = str(text)
    if _ANY_UNSAFE.search(text) is None:
        return text
    return "".join(
        (" " if ch in _SPACED else repr(ch)[1:-1] if ch < "\xa0" else f"\\u{ord(ch):04x}")
        if _unsafe(ch)
        else ch
        for ch in text
    )


def _out(*fields: object) -> None:
    """One line on standard output: the fields, each cleaned, separated by tabs."""
    line = "\t".join(_clean(f) for f in fields)
    sys.stdout.buffer.write(line.encode("utf-8", "surrogateescape") + b"\n")
    sys.stdout.flush()


def _err(line: str) -> None:
    """One line on standard error, cleaned."""
    sys.stderr.write(_clean(line) + "\n")
    sys.stderr.flush()


def _db_path(args: argparse.Namespace) -> Path:
    from reviewdesk.store.fileformat import SIDE_FILES

    db = paths.resolve_db(args.db)
    if db.name.endswith(SIDE_FILES):
        raise CommandError(f"{db}: is the name of one of SQLite's own files, not a portfolio")
    return db


def _open(args: argparse.Namespace, *, create: bool = True) -> Portfolio:
    from reviewdesk.store.opening import open_portfolio

    return open_portfolio(_db_path(args), create=create)


def _meeting_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a meeting number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a meeting number")
    return value


def _rating_value(text: str) -> int:
    if text.strip() not in ("1", "2", "3", "4", "5"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a rating from 1 to 5")
    return int(text)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return value


# ---- commands -----------------------------------------------------------------------------
