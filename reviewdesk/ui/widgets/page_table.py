"""A table in a scrolling page: as tall as its rows, so the page's scroll bar is the only one.

A table of at most a few hundred pixels inside a page that scrolls had a scroll bar of its own
once its rows outgrew it (ten measures on the scorecard, fifty goals): two scroll bars, one in
the other, and a wheel that scrolls the table or the page depending on where the pointer rests.
Here the table shows every row and the page scrolls; a row made current from the keyboard is
scrolled into the page's view, as the table would have scrolled it into its own.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QScrollArea, QSizePolicy, QTableView

from reviewdesk.ui import style


def every_row_shown(table: QTableView, min_height_px: int) -> None:
    """``table`` as tall as its rows (at least ``min_height_px`` at scale 1: room for the
    header and a row when there are none), without a vertical scroll bar of its own."""
    table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # its height is its rows': a page shorter than its parts scrolls, it does not squeeze this
    table.setSizePolicy(table.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
    style.scaled(table, min_height=min_height_px)
    _CurrentRowInView(table)


class _CurrentRowInView(QObject):
    """Scrolls the page to the current row when it moves while the table has the focus (arrow
    keys, Page Down, typing to search); a row chosen by the page itself leaves the page where
    the facilitator put it."""

    def __init__(self, table: QTableView):
        super().__init__(table)
        self.table = table
        table.selectionModel().currentChanged.connect(self._current_changed)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or not self.table.hasFocus():
            return
        area = self._page_area()
        if area is None or area.widget() is None:
            return
        rect = self.table.visualRect(current)
        if not rect.isValid():
            return
        centre = self.table.viewport().mapTo(area.widget(), rect.center())
        area.ensureVisible(centre.x(), centre.y(), 0, rect.height() // 2 + 1)

    def _page_area(self) -> QScrollArea | None:
        widget = self.table.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        return widget
