"""A table that never scrolls sideways: on a narrow page (or with larger text) the columns that
matter least give way, in a given order, so the main column keeps a readable width. What they
held stays in the page's editor of the chosen row (or the rows below it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

from reviewdesk.ui import style


def wanted_widths(
    table: QTableView, main: int, flexible: Mapping[int, int] | None = None
) -> dict[int, int]:
    """Each column's width but ``main``'s: its title's or its widest text's (of the rows the
    header's resize precision takes), ``flexible`` columns (stretched and cut with "…", like
    ``main``) the least width given for them (at scale 1)."""
    header = table.horizontalHeader()
    model = table.model()
    least = flexible or {}
    widths = {}
    for column in range(model.columnCount() if model is not None else 0):
        if column == main:
            continue
        if column in least:
            widths[column] = style.px(least[column])
            continue
        # sectionSizeHint is 0 for a hidden column: ask for its title's size itself
        title = max(header.sectionSizeFromContents(column).width(), header.minimumSectionSize())
        widths[column] = max(title, table.sizeHintForColumn(column))
    return widths


def room_for_columns(table: QTableView) -> int:
    """The width the columns may take: the table's inside, less its vertical scroll bar whether
    the bar shows or not (widths that followed the bar would bring it back; see
    :func:`hide_to_fit`)."""
    room = table.viewport().width() or table.width()
    bar = table.verticalScrollBar()
    if (
        not bar.isVisible()
        and table.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    ):
        room -= bar.sizeHint().width()
    return room


def hide_to_fit(
    table: QTableView, widths: Mapping[int, int], give_way: Sequence[int], main_min_px: int = 160
) -> list[int]:
    """Hide the columns of ``give_way`` (first ones first) while the visible columns would not fit
    the table's width with the main column at least ``main_min_px`` wide (at scale 1); show them
    again when they fit. Returns the hidden columns.

    The room counts the vertical scroll bar as shown, whether it is or not: a column shown when
    the bar goes narrows the main column, its text wraps, the rows get taller, the bar comes
    back and the column goes again — for ever, at some widths (the bar follows the rows a
    layout later)."""
    room = room_for_columns(table)
    hidden: list[int] = []
    need = style.px(main_min_px) + sum(widths.values())
    for column in give_way:
        if need <= room:
            break
        hidden.append(column)
        need -= widths.get(column, 0)
    for column in widths:
        table.setColumnHidden(column, column in hidden)
    return hidden


def fit_columns(
    table: QTableView,
    give_way: Sequence[int],
    main: int,
    main_min_px: int = 160,
    flexible: Mapping[int, int] | None = None,
) -> list[int]:
    """Measure the columns and hide the ones of ``give_way`` that do not fit (see
    :func:`wanted_widths` and :func:`hide_to_fit`)."""
    return hide_to_fit(table, wanted_widths(table, main, flexible), give_way, main_min_px)


class ColumnFitter(QObject):
    """Keeps the columns fitted to a table: when it is resized and after its rows or fonts change.

    A shown column counts with the width Qt gave it (``ResizeToContents`` measures it at each
    layout); a hidden one with the width it had when it was hidden. Measuring every column here
    again would ask the delegate for every sampled cell once more (about 50 ms on a 200-row home
    table). After a change of the rows the fit waits for the next turn of the event loop, when
    Qt has sized the columns to their new text."""

    def __init__(
        self,
        table: QTableView,
        give_way: Sequence[int],
        main: int,
        main_min_px: int = 160,
        flexible: Mapping[int, int] | None = None,
    ):
        super().__init__(table)
        self.table = table
        self.give_way, self.main, self.main_min_px = tuple(give_way), main, main_min_px
        self.flexible = dict(flexible or {})
        self.hidden: list[int] = []
        self._kept: dict[int, int] = {}  # the width of each column when it was hidden
        self._pending = False
        table.installEventFilter(self)
        table.viewport().installEventFilter(self)  # its width is the room, set after the table's
        model = table.model()
        for signal in (
            model.modelReset,
            model.dataChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            signal.connect(self._rows_changed)
        # a column shown again, or text of a new width: Qt sizes it, then the fit follows
        table.horizontalHeader().sectionResized.connect(self.fit_soon)

    def _rows_changed(self, *_: object) -> None:
        self.fit_soon()

    def fit_soon(self, *_: object) -> None:
        """Fit once on the next turn of the event loop (changes in a row come as one)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.fit)

    def _widths(self) -> dict[int, int]:
        header = self.table.horizontalHeader()
        model = self.table.model()
        widths = {}
        for column in range(model.columnCount() if model is not None else 0):
            if column == self.main:
                continue
            if column in self.flexible:
                widths[column] = style.px(self.flexible[column])
            elif not self.table.isColumnHidden(column):
                widths[column] = header.sectionSize(column)
            elif column in self._kept:
                widths[column] = self._kept[column]
            else:  # hidden by someone else: measure it
                widths[column] = wanted_widths(self.table, self.main, {}).get(column, 0)
        return widths

    def fit(self, *_: object) -> None:
        self._pending = False
        widths = self._widths()
        for column in hide_to_fit(self.table, widths, self.give_way, self.main_min_px):
            if column not in self.hidden:
                self._kept[column] = widths[column]
        self.hidden = [c for c in self.give_way if self.table.isColumnHidden(c)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.table and kind in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_soon()
        elif kind in (QEvent.Type.Resize, QEvent.Type.Show) and watched in (
            self.table,
            self.table.viewport(),
        ):
            self.fit()
        return False


class WrappedRowsFitter(ColumnFitter):
    """A :class:`ColumnFitter` for a table whose rows are as tall as their wrapped text: every
    width is set here, and none follows the vertical scroll bar.

    A main column that stretched into the bar's room when the bar went would wrap its text on
    fewer lines, the rows would get shorter, the bar would come back, and so on for ever at some
    widths (the scorecard at the largest text on a 1024 px screen). Here the short columns are
    as wide as their title or widest text, at most ``max_column_px`` (at scale 1), measured when
    the rows or the font change; the main column takes the rest of the room with the bar
    counted as shown (beside rows that need no bar a strip as wide as the bar stays empty)."""

    def __init__(
        self,
        table: QTableView,
        give_way: Sequence[int],
        main: int,
        max_column_px: int,
        main_min_px: int = 160,
    ):
        self.max_column_px = max_column_px
        self._wanted: dict[int, int] | None = None  # measured once per rows and font
        super().__init__(table, give_way, main, main_min_px)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def _rows_changed(self, *_: object) -> None:
        self._wanted = None  # measured again at the fit
        super()._rows_changed()

    def _widths(self) -> dict[int, int]:
        if self._wanted is None:
            cap = style.px(self.max_column_px)
            measured = wanted_widths(self.table, self.main)
            self._wanted = {column: min(width, cap) for column, width in measured.items()}
        return dict(self._wanted)

    def fit(self, *_: object) -> None:
        super().fit()
        header = self.table.horizontalHeader()
        widths = self._widths()
        for column, width in widths.items():
            if not self.table.isColumnHidden(column) and header.sectionSize(column) != width:
                header.resizeSection(column, width)
        shown = sum(w for c, w in widths.items() if not self.table.isColumnHidden(c))
        main = max(room_for_columns(self.table) - shown, header.minimumSectionSize())
        if header.sectionSize(self.main) != main:
            header.resizeSection(self.main, main)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() in (
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ):
            self._wanted = None  # measured again at the fit (larger text)
        return super().eventFilter(watched, event)
