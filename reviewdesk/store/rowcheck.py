"""Values read from the file, held to the schema's rules before they become record objects.

reviewdesk writes only values its rules allow, but the file is a file: a row written with the
CHECK constraints switched off (``PRAGMA ignore_check_constraints``), by another program, or a
damaged page can hold anything SQLite can store. Every value the store reads passes one of these
checks; a bad one is a :class:`DamagedRecord` naming the table, the row and the column
(``goal_review 12: status 'x<img…' is not one of on_track, …``) — never a traceback further on,
and never markup in the minutes.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import sqlite3
from collections.abc import Callable, Collection
from typing import Any, NoReturn, TypeVar

from reviewdesk.record.errors import DamagedRecord, FormatError
from reviewdesk.record.exchange import checks
from reviewdesk.record.exchange.png import is_png
from reviewdesk.record.model import RATING_MAX, RATING_MIN

_HEX64 = re.compile(r"[0-9a-f]{64}")


def fail(table: str, row_id: object, column: str, problem: str) -> NoReturn:
    raise DamagedRecord(f"{table} {row_id}: {column} {problem}")


def _bad(value: Any, expected: str) -> str:
    """'<value> is not <expected>', with binary data and undecodable text described."""
    if isinstance(value, Undecodable):
        return "is text that is not valid UTF-8"
    if isinstance(value, bytes):
        return f"is binary data, not {expected}"
    return f"{checks.describe(value)} is not {expected}"


def text(table: str, row_id: object, column: str, value: Any, *, nonblank: bool = False) -> str:
    if type(value) is not str:
        fail(table, row_id, column, _bad(value, "text"))
    if nonblank and not value.strip():
        fail(table, row_id, column, "is empty")
    return value


def choice(
    table: str,
    row_id: object,
    column: str,
    value: Any,
    allowed: Collection[str],
    *,
    nullable: bool = False,
) -> Any:
    if (value in allowed and type(value) is str) or (value is None and nullable):
        return value
    options = ", ".join(allowed) + (" or empty" if nullable else "")
    fail(table, row_id, column, _bad(value, f"one of {options}"))


def date(
    table: str, row_id: object, column: str, value: Any, *, nullable: bool = False
) -> dt.date | None:
    if value is None and nullable:
        return None
    if type(value) is str:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    fail(table, row_id, column, _bad(value, "a date (YYYY-MM-DD)"))


def moment(table: str, row_id: object, column: str, value: Any) -> dt.datetime:
    """An ISO-8601 time with its UTC offset, as reviewdesk writes every time it keeps."""
    try:
        return checks.timestamp(value, column)
    except FormatError as exc:
        problem = exc.problem if type(value) is str else _bad(value, "a time")
        fail(table, row_id, column, problem)


def rating(
    table: str, row_id: object, column: str, value: Any, *, nullable: bool = True
) -> int | None:
    if (value is None and nullable) or (type(value) is int and RATING_MIN <= value <= RATING_MAX):
        return value
    fail(table, row_id, column, _bad(value, f"a rating ({RATING_MIN} to {RATING_MAX})"))


def score(table: str, row_id: object, column: str, value: Any) -> float:
    """A side's mean of ratings: a number from 1 to 5."""
    if type(value) in (int, float) and RATING_MIN <= value <= RATING_MAX:
        return value
    fail(table, row_id, column, _bad(value, f"a mean rating ({RATING_MIN} to {RATING_MAX})"))


def number(
    table: str, row_id: object, column: str, value: Any, *, nullable: bool = True
) -> float | None:
    """A measured value, target or threshold: a finite number (or empty)."""
    if (value is None and nullable) or (type(value) in (int, float) and math.isfinite(value)):
        return value
    fail(table, row_id, column, _bad(value, "a number"))


def whole(
    table: str, row_id: object, column: str, value: Any, low: int, high: int, *, nullable: bool
) -> int | None:
    if (value is None and nullable) or (type(value) is int and low <= value <= high):
        return value
    fail(table, row_id, column, _bad(value, f"a whole number from {low} to {high}"))


def reference(table: str, row_id: object, column: str, value: Any) -> int | None:
    """Another row's id, or empty."""
    return whole(table, row_id, column, value, 1, 2**63 - 1, nullable=True)


def flag(table: str, row_id: object, column: str, value: Any) -> bool:
    if value in (0, 1) and type(value) is int:
        return bool(value)
    fail(table, row_id, column, _bad(value, "0 or 1"))


def png(table: str, row_id: object, column: str, value: Any) -> bytes | None:
    if value is None or (type(value) is bytes and is_png(value)):
        return value
    fail(table, row_id, column, "is not a whole PNG image")


def names(table: str, row_id: object, column: str, value: Any) -> list[str]:
    """A JSON list of names (a reopening's voided signers)."""
    if type(value) is str:
        import json  # only a meeting with a reopening has such a list

        try:
            found = json.loads(value)
        except (ValueError, RecursionError):
            found = None
        if isinstance(found, list) and all(type(n) is str for n in found):
            return found
    fail(table, row_id, column, _bad(value, "a list of names"))


def digest(table: str, row_id: object, column: str, value: Any) -> str:
    """A SHA-256 as 64 lower-case hex digits."""
    if type(value) is str and _HEX64.fullmatch(value):
        return value
    fail(table, row_id, column, _bad(value, "a SHA-256 (64 hex digits)"))


class Undecodable(bytes):
    """Stored text that is not UTF-8 (only ever made while naming the row that holds it)."""


def _tolerant(raw: bytes) -> str | Undecodable:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return Undecodable(raw)


R = TypeVar("R")


def reads(fn: Callable[..., R]) -> Callable[..., R]:
    """Turn what SQLite cannot hand over as text into a DamagedRecord that names the row.

    Python refuses stored text that is not UTF-8 for the whole query. The read is then run once
    more with a decoder that lets such text through as :class:`Undecodable`, which the checks
    above refuse with the table, row and column; the first argument must be the connection.
    """

    @functools.wraps(fn)
    def wrapper(conn: sqlite3.Connection, *args: Any, **kwargs: Any) -> R:
        try:
            return fn(conn, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc):
                raise
            column = re.search(r"column '([^']*)'", str(exc))
            previous = conn.text_factory
            conn.text_factory = _tolerant
            try:
                fn(conn, *args, **kwargs)
            finally:
                conn.text_factory = previous
            where = f" (column '{column.group(1)}')" if column else ""
            raise DamagedRecord(f"the file holds text that is not UTF-8{where}") from None

    return wrapper
