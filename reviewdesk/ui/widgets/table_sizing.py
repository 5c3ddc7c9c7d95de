"""Sizing a table of many rows without asking every cell its size.

A view whose rows and columns resize to their (wrapped) contents asks each cell of every row for
its size hint, through about ten data() roles each, on every layout: a few hundred rows take
seconds. Here rows are one line of one height, and the short columns are sized once from the
model's own texts (``texts(column)``: every text the column shows) when the rows change. A long
value shows elided; the model gives it whole as the cell's tooltip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

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
    fit = _WidthFit(table, stretch)
    table.installEventFilter(fit)
    # its own scroll bar coming or going narrows the cells without resizing the table
    table.viewport().installEventFilter(fit)


class _WidthFit(QObject):
    """Keeps a table's columns within its width (a small screen, larger text): when the sized
    columns do not fit, each gives way in proportion, its text elided, so the table never
    scrolls sideways. Widths only: no cell is asked anything."""

    def __init__(self, table: QTableView, stretch: Iterable[int]):
        super().__init__(table)
        self.table = table
        self.stretch = set(stretch)
        self.natural: dict[int, int] = {}  # column -> width from its texts
        self.watched = (table, table.viewport())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # (the view is not asked for its viewport here: a dying table still sends it events)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and watched in self.watched:
            fit_width(self.table)
        return False


def fit_width(table: QTableView) -> None:
    """The sized columns at their natural widths (``size_columns``) when they fit beside the
    stretching ones at their minimum, else narrowed in proportion."""
    fit = table.findChild(_WidthFit)
    if fit is None or not fit.natural:
        return
    header, natural = table.horizontalHeader(), fit.natural
    least = header.minimumSectionSize()
    room = table.viewport().width() - len(fit.stretch) * least
    widths = dict(natural)
    if sum(widths.values()) > room:  # narrow in proportion; a column at its least stays there
        floor: set[int] = set()
        while True:
            free = room - least * len(floor)
            rest = {c: natural[c] for c in natural if c not in floor}
            total = sum(rest.values())
            factor = max(free, 0) / total if total else 1.0
            widths = {c: least if c in floor else int(natural[c] * factor) for c in natural}
            below = {c for c, w in widths.items() if w < least and c not in floor}
            if not below:
                break
            floor |= below
    for col, width in widths.items():
        if header.sectionSize(col) != width:
            header.resizeSection(col, width)


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
    natural: dict[int, int] = {}
    for col in range(model.columnCount()):
        if col in skipped:
            continue
        widest = max((metrics.horizontalAdvance(t) for t in texts(col)), default=0) + pad
        width = max(widest, header.sectionSizeHint(col))
        natural[col] = min(width, header.maximumSectionSize())
    fit = table.findChild(_WidthFit)
    if fit is None:
        for col, width in natural.items():
            header.resizeSection(col, width)
        return
    fit.natural = natural
    fit_width(table)


class SizeCachingDelegate(QStyledItemDelegate):
    """The default delegate, asking each cell its size once per font, and again per width only
    where its text wraps.

    A view whose rows and columns resize to their (wrapped) contents asks every cell its size on
    each layout, and each answer takes a dozen ``data()`` roles; the sizes are the same until the
    model's rows change. A cell's size with no width is its text on one line; at any width wider
    than that, the text still takes one line and the size is the same (the style only uses the
    width to wrap). Painting and editing are the default delegate's.

    The sizes are kept for the view's font and features as they are (the option a view asks
    with carries both): a change of font or style forgets them, and so does any change of the
    model's rows. Asked a few hundred times a layout, an answer from the cache reads no more
    than the cell's row, column and width."""

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self._sizes: dict[tuple, QSize] = {}
        model = view.model()
        for signal in (
            model.modelReset,
            model.dataChanged,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.columnsInserted,
            model.columnsRemoved,
        ):
            signal.connect(self.forget)
        view.installEventFilter(_ForgetOnRestyle(self))

    def forget(self, *_: object) -> None:
        self._sizes.clear()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        cell = (index.row(), index.column())
        natural = self._sizes.get(cell)
        if natural is None:
            unbounded = QStyleOptionViewItem(option)
            unbounded.rect = QRect()  # no width to wrap in: the text on one line
            natural = self._sizes[cell] = super().sizeHint(unbounded, index)
        width = option.rect.width()
        if width <= 0 or natural.width() < width:  # (< : the style rounds to whole pixels)
            return natural  # (Qt takes a copy)
        key = (*cell, width)
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = super().sizeHint(option, index)
        return size


class _ForgetOnRestyle(QObject):
    """Empties a ``SizeCachingDelegate``'s sizes when its view's font or style changes (larger
    text): the delegate's own event filter is the one its editors use."""

    def __init__(self, delegate: SizeCachingDelegate):
        super().__init__(delegate)
        self.delegate = delegate

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.delegate.forget()
        return False
