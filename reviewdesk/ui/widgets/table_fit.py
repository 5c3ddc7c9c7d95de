"""A table that never scrolls sideways: on a narrow page (or with larger text) the columns that
matter least give way, in a given order, so the main column keeps a readable width. What they
held stays in the page's editor of the chosen row."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

from reviewdesk.ui import style


def fit_columns(
    table: QTableView,
    give_way: Sequence[int],
    main: int,
    main_min_px: int = 160,
    flexible: Mapping[int, int] | None = None,
) -> list[int]:
    """Hide the columns of ``give_way`` (first ones first) while the visible columns would not fit
    the table's width with ``main`` at least ``main_min_px`` wide (at scale 1); show them again
    when they fit. ``flexible`` columns (stretched and cut with "…", like ``main``) count with the
    least width given for them (at scale 1) instead of their text's. Returns the hidden columns."""
    header = table.horizontalHeader()
    model = table.model()
    if model is None:
        return []
    room = table.viewport().width() or table.width()

    least = flexible or {}

    def wanted(column: int) -> int:
        if column in least:
            return style.px(least[column])
        # sectionSizeHint is 0 for a hidden column: ask for its title's size itself
        title = max(header.sectionSizeFromContents(column).width(), header.minimumSectionSize())
        return max(title, table.sizeHintForColumn(column))

    columns = [c for c in range(model.columnCount()) if c != main]
    hidden: list[int] = []
    need = style.px(main_min_px) + sum(wanted(c) for c in columns)
    for column in give_way:
        if need <= room:
            break
        hidden.append(column)
        need -= wanted(column)
    for column in columns:
        table.setColumnHidden(column, column in hidden)
    return hidden


class ColumnFitter(QObject):
    """Keeps :func:`fit_columns` true for a table: when it is resized and when its rows change."""

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
        table.installEventFilter(self)
        table.viewport().installEventFilter(self)  # its width is the room, set after the table's
        model = table.model()
        model.modelReset.connect(self.fit)
        model.dataChanged.connect(self.fit)

    def fit(self, *_: object) -> None:
        self.hidden = fit_columns(
            self.table, self.give_way, self.main, self.main_min_px, self.flexible
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and watched in (
            self.table,
            self.table.viewport(),
        ):
            self.fit()
        return False
