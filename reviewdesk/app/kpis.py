"""Service-level values from a CSV file the provider's systems produce (``import-kpis``).

Columns (a header row names them, in any order and case): ``measure`` and ``value`` are
required; ``period`` (the review's date, YYYY-MM-DD) picks the review — without it, the
partnership's latest review that is not signed off; ``unit``, ``direction`` (higher | lower),
``target``, ``amber``, ``side`` (client | provider | joint), ``section``, ``description`` and
``note`` define a new measure or change one. Comma or semicolon separated (Excel's ``;`` files
may write decimal commas: ``97,5``); UTF-8, with or without a byte-order mark. Every row is
checked before anything is written: a bad row is refused with its number and field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.rules import check_measure
from reviewdesk.record.scorecard import DIRECTIONS, MEASURE_SIDES, Measure

if TYPE_CHECKING:
    from reviewdesk.store.portfolio import Portfolio

COLUMNS = (
    "measure",
    "value",
    "period",
    "unit",
    "direction",
    "target",
    "amber",
    "side",
    "section",
    "description",
    "note",
)
REQUIRED = ("measure", "value")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000


class KpiImportRefused(ReviewdeskError):
    """A KPI file that cannot be imported; nothing was written."""


@dataclass
class KpiRow:
    number: int  # the row's line in the file, the header being row 1
    measure: str
    value: float | None
    period: dt.date | None
    definition: dict[str, object] = field(default_factory=dict)


def parse_kpis(raw: bytes, source: str = "") -> list[KpiRow]:
    """The file's rows, every value checked; KpiImportRefused names the row and the field."""
    where = f"{source}: " if source else ""
    if len(raw) > MAX_BYTES:
        raise KpiImportRefused(f"{where}larger than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KpiImportRefused(f"{where}not UTF-8 text (byte {exc.start})") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise KpiImportRefused(f"{where}the file is empty") from None
    except csv.Error as exc:
        raise KpiImportRefused(f"{where}row 1: {exc}") from None
    names = [h.strip().lower() for h in header]
    unknown = [h for h in names if h and h not in COLUMNS]
    if unknown:
        raise KpiImportRefused(
            f"{where}row 1: unknown column {unknown[0]!r} (columns: {', '.join(COLUMNS)})"
        )
    for needed in REQUIRED:
        if needed not in names:
            raise KpiImportRefused(f"{where}row 1: the column {needed!r} is missing")
    if len(set(names)) != len(names):
        raise KpiImportRefused(f"{where}row 1: a column is named twice")
    rows = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise KpiImportRefused(f"{where}more than {MAX_ROWS:,} rows")
            if len(cells) > len(names):
                raise KpiImportRefused(f"{where}row {number}: more cells than columns")
            row = dict(zip(names, [c.strip() for c in cells], strict=False))
            rows.append(_row(number, row, delimiter, where))
    except csv.Error as exc:
        raise KpiImportRefused(f"{where}row {reader.line_num}: {exc}") from None
    if not rows:
        raise KpiImportRefused(f"{where}no rows after the header")
    return rows


def _row(number: int, row: dict[str, str], delimiter: str, where: str) -> KpiRow:
    def fail(column: str, problem: str) -> KpiImportRefused:
        return KpiImportRefused(f"{where}row {number}: {column}: {problem}")

    measure = row.get("measure", "")
    if not measure:
        raise fail("measure", "must not be empty")
    value = _number(row.get("value", ""), delimiter, lambda p: fail("value", p))
    period = None
    if row.get("period"):
        try:
            period = dt.date.fromisoformat(row["period"])
        except ValueError:
            raise fail("period", f"{row['period']!r} is not a date (YYYY-MM-DD)") from None
    definition: dict[str, object] = {}
    for column in ("unit", "section", "description", "note"):
        if row.get(column):
            definition[column] = row[column]
    if row.get("direction"):
        if row["direction"].lower() not in DIRECTIONS:
            raise fail("direction", f"{row['direction']!r} is not higher or lower")
        definition["direction"] = row["direction"].lower()
    if row.get("side"):
        if row["side"].lower() not in MEASURE_SIDES:
            raise fail("side", f"{row['side']!r} is not client, provider or joint")
        definition["side"] = row["side"].lower()
    for column in ("target", "amber"):
        if row.get(column):
            definition[column] = _number(row[column], delimiter, lambda p, c=column: fail(c, p))
    return KpiRow(number, measure, value, period, definition)


def _number(text: str, delimiter: str, fail) -> float | None:  # noqa: ANN001 - error maker
    if not text:
        return None
    cleaned = text.replace("\u00a0", "").replace(" ", "").removesuffix("%")
    if delimiter == ";" and "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # a decimal comma from a ';' spreadsheet
    try:
        value = float(cleaned)
    except ValueError:
        raise fail(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")) or abs(value) > 1e15:
        raise fail(f"{text!r} is not a number")
    return value


def import_kpis(portfolio: Portfolio, source: Path | str, partnership_id: int) -> int:
    """Import the file's values into the partnership's reviews in one transaction; the number
    of values written."""
    from reviewdesk.record.limits import MAX_KPI_BYTES
    from reviewdesk.store.files import read_input

    raw = read_input(source, MAX_KPI_BYTES, "service-level file")  # a regular file, bounded
    rows = parse_kpis(raw, str(source))
    return write_kpis(portfolio, partnership_id, rows, str(source))


def write_kpis(portfolio: Portfolio, partnership_id: int, rows: list[KpiRow], source: str) -> int:
    portfolio.partnership(partnership_id)  # NotFound names it
    meetings = portfolio.meetings(partnership_id)
    by_date = {m.date: m for m in meetings}
    open_ones = [m for m in meetings if m.status != "signed_off"]
    plan: list[tuple[int, KpiRow]] = []
    for row in rows:
        meeting = by_date.get(row.period) if row.period else (open_ones[-1] if open_ones else None)
        if meeting is None:
            problem = (
                f"period: no review of this partnership on {row.period.isoformat()}"
                if row.period
                else "period: every review of this partnership is signed off; give the period"
            )
            raise KpiImportRefused(f"{source}: row {row.number}: {problem}")
        if meeting.status == "signed_off":
            raise KpiImportRefused(
                f"{source}: row {row.number}: period: the review of "
                f"{meeting.date.isoformat()} is signed off and locked"
            )
        plan.append((meeting.id, row))
    seen: dict[tuple[int, str], int] = {}
    for mid, row in plan:
        first = seen.setdefault((mid, row.measure), row.number)
        if first != row.number:
            raise KpiImportRefused(
                f"{source}: row {row.number}: measure: {row.measure!r} has a value for this "
                f"review already (row {first})"
            )
    records = {mid: {m.name: m for m in portfolio.meeting(mid).measures} for mid, _ in plan}
    for mid, row in plan:  # every row checked against the rules before anything is written
        current = records[mid].get(row.measure)
        merged = Measure(
            **{**(vars(current) if current else {"name": row.measure}), **row.definition}
        )
        merged.value = row.value
        if current is None and "direction" not in row.definition:
            raise KpiImportRefused(
                f"{source}: row {row.number}: measure: {row.measure!r} is not a measure of this "
                "review (give its direction, and a target, to add it)"
            )
        try:
            check_measure(merged)
        except ReviewdeskError as exc:
            raise KpiImportRefused(f"{source}: row {row.number}: {exc}") from None
        records[mid][row.measure] = merged
    with portfolio.batch():
        for mid, row in plan:
            measure = records[mid][row.measure]
            if measure.id is None:
                measure.id = portfolio.add_measure(mid, measure)
            else:
                portfolio.update_measure(mid, measure.id, value=row.value, **row.definition)
    return len(plan)
