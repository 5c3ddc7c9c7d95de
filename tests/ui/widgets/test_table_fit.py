"""Columns that give way, and widths in a table of wrapped rows: decided the same with or
without the vertical scroll bar."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QTableView

from reviewdesk.ui import style
from reviewdesk.ui.widgets.table_fit import WrappedRowsFitter, hide_to_fit


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


def _wrapped_table(qtbot, rows: int) -> tuple[QTableView, QStandardItemModel]:
    model = QStandardItemModel(0, 3)
    for row in range(rows):
        wide = "A value wider than the cap " * 3
        texts = (f"Measure {row} " + "words that wrap " * 6, "78%", wide)
        model.appendRow([QStandardItem(text) for text in texts])
    table = QTableView()
    table.setModel(model)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    qtbot.addWidget(table)
    return table, model


def test_in_wrapped_rows_the_main_column_keeps_its_width_with_or_without_the_bar(qtbot):
    # a main column that grew into the bar's room when the bar went wrapped its text on fewer
    # lines, the rows got shorter and the bar came back: the scorecard's table re-laid itself
    # out for ever at the largest text on a 1024 px screen
    table, model = _wrapped_table(qtbot, rows=2)
    fitter = WrappedRowsFitter(table, give_way=(), main=0, max_column_px=120)
    table.resize(600, 400)
    table.show()
    qtbot.waitExposed(table)
    bar = table.verticalScrollBar()
    assert not bar.isVisible()
    qtbot.waitUntil(lambda: table.columnWidth(0) > 0 and not fitter._pending)
    without_bar = [table.columnWidth(c) for c in range(3)]
    for row in range(40):
        model.appendRow([QStandardItem(f"More {row}"), QStandardItem("1"), QStandardItem("x")])
    qtbot.waitUntil(bar.isVisible)
    qtbot.waitUntil(lambda: not fitter._pending)
    assert [table.columnWidth(c) for c in range(3)] == without_bar
    # the columns take the room with the bar counted as shown, and no more
    assert sum(without_bar) == table.viewport().width()


def test_in_wrapped_rows_a_short_column_is_at_most_its_cap_and_the_main_takes_the_rest(qtbot):
    table, _ = _wrapped_table(qtbot, rows=3)
    WrappedRowsFitter(table, give_way=(), main=0, max_column_px=120)
    table.resize(900, 300)
    table.show()
    qtbot.waitExposed(table)
    cap = style.px(120)
    qtbot.waitUntil(lambda: table.columnWidth(2) == cap)
    assert table.columnWidth(1) < cap  # "78%": its title's or its text's width
    room = table.viewport().width() - (
        0 if table.verticalScrollBar().isVisible() else table.verticalScrollBar().sizeHint().width()
    )
    qtbot.waitUntil(lambda: sum(table.columnWidth(c) for c in range(3)) == room)
    assert table.columnWidth(0) > cap  # the main column is not capped
