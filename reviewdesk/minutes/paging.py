"""A long table that measures each row once and breaks between items, repeating its header.

reportlab's own Table re-measures and re-styles every remaining row each time it splits, which
makes a 300-row table cost several times its text. ItemTable measures the whole table once,
then hands the frame page-sized Tables built with the known row heights.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Table, TableStyle

BIG = 1e9
SIZING = {"FONT", "FONTNAME", "FONTSIZE", "SIZE", "LEADING", "SPAN"} | {
    f"{side}PADDING" for side in ("TOP", "BOTTOM", "LEFT", "RIGHT")
}


def _rebase(cmd: tuple, start: int, end: int, header: int) -> tuple | None:
    """An item command (absolute rows) for a chunk holding rows [start, end), or None."""
    op, (c0, r0), (c1, r1), *args = cmd
    r0, r1 = max(r0, start), min(r1, end - 1)
    if r0 > r1:
        return None
    shift = header - start
    return (op, (c0, r0 + shift), (c1, r1 + shift), *args)


class ItemTable(Flowable):
    """Rows grouped in items; splits only between items unless one item outgrows a page."""

    def __init__(
        self,
        rows: list[list[Any]],
        header: int,
        widths: list[float],
        base: list[tuple],
        item_commands: list[tuple],
        starts: list[int],
        *,
        heights: list[float] | None = None,
        first: int | None = None,
    ) -> None:
        super().__init__()
        self.hAlign = "LEFT"
        self._rows, self._header, self._widths = rows, header, widths
        self._base, self._cmds, self._starts = base, item_commands, starts
        self._heights = heights
        self._first = header if first is None else first
        self._table: Table | None = None

    def _measure(self) -> list[float]:
        if self._heights is None:
            sizing = [c for c in self._base + self._cmds if c[0] in SIZING]
            whole = Table(self._rows, colWidths=self._widths, style=TableStyle(sizing))
            whole.wrap(sum(self._widths), BIG)
            self._heights = list(whole._rowHeights)
        return self._heights

    def _chunk(self, start: int, end: int) -> Table:
        heights = self._measure()
        commands = list(self._base)
        for cmd in self._cmds:
            rebased = _rebase(cmd, start, end, self._header)
            if rebased:
                commands.append(rebased)
        return Table(
            self._rows[: self._header] + self._rows[start:end],
            colWidths=self._widths,
            rowHeights=heights[: self._header] + heights[start:end],
            style=TableStyle(commands),
            repeatRows=self._header,
            hAlign="LEFT",
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        heights = self._measure()
        self.width = sum(self._widths)
        self.height = sum(heights[: self._header]) + sum(heights[self._first :])
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        heights = self._measure()
        room = availHeight - sum(heights[: self._header])
        end, used = self._first, 0.0
        while end < len(heights) and used + heights[end] <= room + 1e-6:
            used += heights[end]
            end += 1
        if end == len(heights):
            return [self]
        # the item holding the first row that does not fit: move it whole to the next page,
        # unless it is taller than a page anyway (then it continues here, row by row)
        item_start = max((r for r in self._starts if r <= end), default=self._first)
        item_end = min((r for r in self._starts if r > end), default=len(heights))
        item = sum(heights[: self._header]) + sum(heights[max(item_start, self._first) : item_end])
        frame = getattr(self, "_frame", None)
        page = frame._aH if frame is not None else availHeight
        boundary = end if item > page else max(item_start, self._first)
        if boundary <= self._first:
            if frame is None or not frame._atTop or end <= self._first:
                return []
            boundary = end
        rest = ItemTable(
            self._rows,
            self._header,
            self._widths,
            self._base,
            self._cmds,
            self._starts,
            heights=heights,
            first=boundary,
        )
        return [self._chunk(self._first, boundary), rest]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        table = self._chunk(self._first, len(self._measure()))
        table.wrapOn(canvas, self.width, self.height)
        table.drawOn(canvas, x, y, _sW)
