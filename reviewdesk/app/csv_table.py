"""CSV for spreadsheets: UTF-8 with a byte-order mark, CRLF rows.

The rows come as the store makes them (store/spreadsheets.py): in blocks, each cell already the
text a spreadsheet should show (no cell read as a formula). A block none of whose cells needs
quotes is joined as it is; any other block goes through ``csv.writer`` (the same bytes, as the
writer only quotes a cell holding a comma, a double quote or a line break). The text is handed
to the file about a megabyte at a time, so memory stays flat however many rows there are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import BinaryIO

CHUNK = 1 << 18  # characters held before they are encoded and written


def write_csv(out: BinaryIO, columns: list[str], blocks: Iterable[list[Sequence[object]]]) -> int:
    """Stream the header and the rows of ``blocks`` to ``out`` as they come; the row count."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    out.write(b"\xef\xbb\xbf")  # the byte-order mark: spreadsheets then read UTF-8
    writer.writerow(columns)
    count = 0
    for block in blocks:
        plain = _plain(block, len(columns))
        if plain is None:
            writer.writerows(block)
        else:
            text.write(plain)
        count += len(block)
        if text.tell() >= CHUNK:
            out.write(text.getvalue().encode("utf-8"))
            text.seek(0)
            text.truncate()
    out.write(text.getvalue().encode("utf-8"))
    return count


def _plain(block: list[Sequence[object]], width: int) -> str | None:
    """The block's lines when every row has ``width`` (> 1) text cells and none of them holds a
    comma, a double quote or a line break (what csv.writer would write); else None."""
    if not block or width < 2 or set(map(len, block)) != {width}:
        return None
    try:
        body = "\r\n".join(map(",".join, block))  # type: ignore[arg-type]
    except TypeError:  # a cell that is not text
        return None
    lines = len(block)
    if (
        body.count(",") != (width - 1) * lines
        or body.count("\n") != lines - 1
        or body.count("\r") != lines - 1
        or '"' in body
    ):
        return None
    return body + "\r\n"
