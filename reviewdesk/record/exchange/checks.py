"""Field checks for untrusted JSON: each failure names the field path and the problem."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import Any

from reviewdesk.record import limits
from reviewdesk.record.errors import FormatError

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_TEXT = limits.MAX_TEXT  # one text can be no longer than a whole meeting's may be


def describe(value: Any) -> str:
    """A short rendering of a bad value for an error message."""
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "a list"
    return repr(value)


def obj(value: Any, where: str, required: Collection[str], optional: Collection[str] = ()) -> dict:
    """A JSON object with exactly the listed keys (required ones present, no others)."""
    if not isinstance(value, dict):
        raise FormatError(where, f"expected an object, got {describe(value)}")
    for key in value:
        if key not in required and key not in optional:
            raise FormatError(_key_path(where, key), "unknown key")
    for key in required:
        if key not in value:
            raise FormatError(f"{where}.{key}" if where else key, "missing")
    return value


def _key_path(where: str, key: str) -> str:
    """``where.key``, or ``where['key']`` escaped when the key is not plain printable text."""
    if key.isprintable() and key.strip() == key and key and "." not in key and len(key) <= 60:
        return f"{where}.{key}" if where else key
    return f"{where}[{describe(key)}]"


def array(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise FormatError(where, f"expected a list, got {describe(value)}")
    return value


def text(value: Any, where: str, *, nonblank: bool = False) -> str:
    """A string of valid Unicode (no unpaired surrogates), kept exactly as given."""
    if not isinstance(value, str):
        raise FormatError(where, f"expected text, got {describe(value)}")
    if len(value) > MAX_TEXT:
        raise FormatError(
            where,
            f"a meeting may hold at most {MAX_TEXT:,} characters of text (this text has "
            f"{len(value):,})",
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FormatError(
            where, f"contains an unpaired surrogate (U+{ord(value[exc.start]):04X})"
        ) from None
    if nonblank and not value.strip():
        raise FormatError(where, "must not be empty")
    return value


def opt_text(d: dict, key: str, where: str) -> str:
    return text(d[key], f"{where}.{key}") if key in d else ""


def date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise FormatError(where, f"{describe(value)} is not a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FormatError(where, f"{describe(value)} is not a real date") from None


def opt_date(value: Any, where: str) -> dt.date | None:
    return None if value is None else date(value, where)


def timestamp(value: Any, where: str) -> dt.datetime:
    """An ISO-8601 time that carries its UTC offset."""
    if not isinstance(value, str) or len(value) > 64:
        raise FormatError(where, f"{describe(value)} is not an ISO-8601 time")
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise FormatError(where, f"{describe(value)} is not an ISO-8601 time") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise FormatError(where, f"{describe(value)} has no UTC offset (add Z or +HH:MM)")
    try:
        in_utc = moment.astimezone(dt.UTC)
    except OverflowError:
        in_utc = None
    if in_utc is None or not 1900 <= in_utc.year <= 9998:
        raise FormatError(where, f"{describe(value)} is not between the years 1900 and 9998")
    return moment


def choice(value: Any, where: str, allowed: Collection[str], *, nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or value not in allowed:
        options = ", ".join(allowed) + (" or null" if nullable else "")
        raise FormatError(where, f"{describe(value)} is not one of {options}")
    return value


def integer(value: Any, where: str, low: int, high: int, *, nullable: bool = False) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise FormatError(where, f"{describe(value)} is not a whole number")
    if not low <= value <= high:
        raise FormatError(where, f"{value} is not between {low} and {high}")
    return value


MAX_NUMBER = 1e15  # larger measures are a typing error, and floats lose whole digits beyond


def number(value: Any, where: str, *, nullable: bool = False) -> float | None:
    """A finite JSON number (an integer or a decimal), kept as a float."""
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FormatError(where, f"{describe(value)} is not a number")
    if not -MAX_NUMBER <= value <= MAX_NUMBER:
        raise FormatError(where, f"{describe(value)} is not a number between -1e15 and 1e15")
    return float(value)


def boolean(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise FormatError(where, f"expected true or false, got {describe(value)}")
    return value


def unique(items: list[tuple[str, str]], what: str) -> None:
    """Refuse a repeated key; ``items`` pairs each value with its field path."""
    seen: set[str] = set()
    for where, value in items:
        if value in seen:
            raise FormatError(where, f"duplicate {what} {describe(value)}")
        seen.add(value)
