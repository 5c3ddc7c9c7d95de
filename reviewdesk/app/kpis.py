"""Service-level values from a CSV file the provider's systems produce (``import-kpis``).

Columns (a header row names them, in any order and case): ``measure`` and ``value`` are
required; ``period`` (the review's date, YYYY-MM-DD) picks the review — without it, the
partnership's latest review that is not signed off; ``unit``, ``direction`` (higher | lower),
``target``, ``amber``, ``side`` (client | provider | joint), ``section``, ``description`` and
``note`` define a new measure or change one. Comma or semicolon separated (Excel's ``;`` files
may write decimal commas: ``97,5``; Excel's ``sep=;`` first line is understood); UTF-8, with or
without a byte-order mark; empty columns and empty rows are ignored. Every row is checked before
anything is written: a bad row is refused with its number and field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.limits import MAX_KPI_BYTES
from reviewdesk.record.numbers import read_number
from reviewdesk.record.rules import check_measure
from reviewdesk.record.scorecard import DIRECTIONS, MEASURE_SIDES, Measure

if TYPE_CHECKING:
    from reviewdesk.record.model import Meeting
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
    if len(raw) > MAX_KPI_BYTES:
        raise KpiImportRefused(f"{where}larger than {MAX_KPI_BYTES // (1024 * 1024)} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise KpiImportRefused(
            f"{where}row {line}: not UTF-8 text (byte {exc.start}); save the file as "
            "\u201cCSV UTF-8\u201d"
        ) from None
    first, _, rest = text.partition("\n")
    hint = first.strip().lower()
    if hint.startswith("sep=") and len(hint) == 5:  # Excel's line naming the separator
        delimiter, text, offset = hint[4], rest, 1
    else:
        delimiter = ";" if first.count(";") > first.count(",") else ","
        offset = 0
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise KpiImportRefused(f"{where}the file is empty") from None
    except csv.Error as exc:
        raise KpiImportRefused(f"{where}row {1 + offset}: {exc}") from None
    names = [h.strip().lower() for h in header]
    unknown = [h for h in names if h and h not in COLUMNS]
    if unknown:
        raise KpiImportRefused(
            f"{where}row {1 + offset}: unknown column {unknown[0]!r} "
            f"(columns: {', '.join(COLUMNS)})"
        )
    for needed in REQUIRED:
        if needed not in names:
            raise KpiImportRefused(f"{where}row {1 + offset}: the column {needed!r} is missing")
    named = [h for h in names if h]  # a spreadsheet's empty columns have no name
    if len(set(named)) != len(named):
        raise KpiImportRefused(f"{where}row {1 + offset}: a column is named twice")
    rows = []
    try:
        for number, cells in enumerate(reader, start=2 + offset):
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise KpiImportRefused(f"{where}more than {MAX_ROWS:,} rows")
            if len(cells) > len(names):
                raise KpiImportRefused(f"{where}row {number}: more cells than columns")
            stray = next((i for i, c in enumerate(cells) if c.strip() and not names[i]), None)
            if stray is not None:
                raise KpiImportRefused(
                    f"{where}row {number}: column {stray + 1}: a value under a column "
                    "without a name"
                )
            row = {n: c.strip() for n, c in zip(names, cells, strict=False) if n}
            rows.append(_row(number, row, delimiter, where))
    except csv.Error as exc:
        raise KpiImportRefused(f"{where}row {reader.line_num + offset}: {exc}") from None
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


def _number(text: str, delimiter: str, fail) -> float | None:
    try:
        return read_number(text, decimal_comma=delimiter == ";")  # Excel's ';' files: '97,5'
    except ValueError as exc:
        raise fail(str(exc)) from None


def import_kpis(
    portfolio: Portfolio, source: Path | str, partnership_id: int, meeting_id: int | None = None
) -> int:
    """Import the file's values into the partnership's reviews in one transaction; the number
    of values written. With ``meeting_id`` (the window's open review) every row goes there, and
    a row whose period names another date is refused."""
    from reviewdesk.store.files import read_input

    raw = read_input(source, MAX_KPI_BYTES, "service-level file")  # a regular file, bounded
    rows = parse_kpis(raw, str(source))
    return write_kpis(portfolio, partnership_id, rows, str(source), meeting_id)


def write_kpis(
    portfolio: Portfolio,
    partnership_id: int,
    rows: list[KpiRow],
    source: str,
    meeting_id: int | None = None,
) -> int:
    portfolio.partnership(partnership_id)  # NotFound names it
    meetings = portfolio.meetings(partnership_id)
    by_date = {m.date: m for m in meetings}
    open_ones = [m for m in meetings if m.status != "signed_off"]
    only = next((m for m in meetings if m.id == meeting_id), None)
    if meeting_id is not None and only is None:
        raise KpiImportRefused(f"{source}: review {meeting_id} is not one of this partnership's")
    plan: list[tuple[int, KpiRow]] = []
    for row in rows:
        if only is not None:
            if row.period and row.period != only.date:
                raise KpiImportRefused(
                    f"{source}: row {row.number}: period: {row.period.isoformat()} is not the "
                    f"date of this review ({only.date.isoformat()})"
                )
            meeting = only
        elif row.period:
            meeting = by_date.get(row.period)
        else:
            meeting = open_ones[-1] if open_ones else None
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
    loaded = {mid: portfolio.meeting(mid) for mid, _ in plan}
    records = {mid: {m.name: m for m in meeting.measures} for mid, meeting in loaded.items()}
    for mid, row in plan:  # every row checked against the rules before anything is written
        if "section" in row.definition:
            row.definition["section"] = _section_key(
                loaded[mid], str(row.definition["section"]), f"{source}: row {row.number}"
            )
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


def _section_key(meeting: Meeting, given: str, where: str) -> str:
    """The key of the review's section named by its key or its title, in any case."""
    wanted = given.casefold()
    for section in meeting.sections:
        if wanted in (section.key.casefold(), section.title.casefold()):
            return section.key
    keys = ", ".join(s.key for s in meeting.sections)
    raise KpiImportRefused(
        f"{where}: section: {given!r} is not a section of the review of "
        f"{meeting.date.isoformat()} ({keys})"
    )
