"""Columns that give way: which ones do is decided the same with or without the scroll bar."""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTableView

from reviewdesk.ui import style
from reviewdesk.ui.widgets.table_fit import hide_to_fit


def test_the_columns_that_give_way_do_not_follow_the_vertical_scroll_bar(qtbot):
    # a column shown when the bar went narrowed the main column, its text wrapped, the rows got
    # taller and the bar came back: the scorecard's table resized itself for ever at some widths
    model = QStandardItemModel(2, 3)
    table = QTableView()
    table.setModel(model)
    qtbot.addWidget(table)
    table.resize(500, 300)
    table.show()
    qtbot.waitExposed(table)
    bar = table.verticalScrollBar()
    assert not bar.isVisible()  # two rows: nothing to scroll
    wide = table.viewport().width()
    # fits beside the main column at its least only while the bar is hidden
    widths = {1: 100, 2: wide - style.px(160) - 100 - bar.sizeHint().width() // 2}
    without_bar = hide_to_fit(table, widths, give_way=(2,), main_min_px=160)
    model.setRowCount(200)
    qtbot.waitUntil(bar.isVisible)
    assert table.viewport().width() < wide
    with_bar = hide_to_fit(table, widths, give_way=(2,), main_min_px=160)
    assert without_bar == with_bar == [2]
