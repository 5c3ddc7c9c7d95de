"""CSV for spreadsheets: UTF-8 with a byte-order mark, CRLF rows, no cell read as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import BinaryIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """Text as a spreadsheet shows it; a leading = + - @ is quoted so it is never a formula."""
    kind = type(value)
    if kind is str:
        text = value
    elif value is None:
        return ""
    elif kind is int:
        text = str(value)
        if value >= 0:
            return text  # digits only
    else:
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def write_csv(out: BinaryIO, columns: list[str], rows: Iterable[list[object]]) -> int:
    """Stream the header and ``rows`` to ``out`` as they come; returns the number of rows."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([cell(v) for v in row])
        count += 1
    text.flush()
    text.detach()  # ``out`` stays open for its owner
    return count
