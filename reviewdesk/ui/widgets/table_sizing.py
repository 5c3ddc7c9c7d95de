"""Sizing a table of many rows without asking every cell its size.

A view whose rows and columns resize to their (wrapped) contents asks each cell of every row for
its size hint, through about ten data() roles each, on every layout: a few hundred rows take
seconds. Here rows are one line of one height, and the short columns are sized once from the
model's own texts (``texts(column)``: every text the column shows) when the rows change. A long
value shows elided; the model gives it whole as the cell's tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from reviewdesk.ui import style

ROW_PADDING_PX = 14  # above and below a row's one line of text
CELL_PADDING_PX = 24  # either side of a cell's text


def one_line_rows(table: QTableView, stretch: Iterable[int], max_column_px: int) -> None:
    """Rows of one height, no word wrap, elided text; ``stretch`` columns share what is left."""
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for col in stretch:
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
    header.setMaximumSectionSize(style.px(max_column_px))


def size_columns(
    table: QTableView, texts: Callable[[int], Iterable[str]], skip: Iterable[int] = ()
) -> None:
    """Row height from the font; each column but ``skip`` as wide as its widest text or its
    header, within the header's maximum (call when the rows change)."""
    metrics = table.fontMetrics()
    table.verticalHeader().setDefaultSectionSize(metrics.height() + style.px(ROW_PADDING_PX))
    header = table.horizontalHeader()
    model = table.model()
    pad = style.px(CELL_PADDING_PX)
    skipped = set(skip)
    for col in range(model.columnCount()):
        if col in skipped:
            continue
        widest = max((metrics.horizontalAdvance(t) for t in texts(col)), default=0) + pad
        width = max(widest, header.sectionSizeHint(col))
        header.resizeSection(col, min(width, header.maximumSectionSize()))
