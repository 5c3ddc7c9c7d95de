"""One-line tables: columns sized from their texts stay within the view's width."""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from reviewdesk.ui.widgets.table_sizing import one_line_rows, size_columns


def _table(qtbot, rows: int) -> tuple[QTableView, QStandardItemModel]:
    model = QStandardItemModel(0, 4)
    model.setHorizontalHeaderLabels(["Text", "Owner", "Due", "Status"])
    for r in range(rows):
        model.appendRow(
            [QStandardItem(f"Item {r} " * 3), *(QStandardItem("x" * 18) for _ in "abc")]
        )
    table = QTableView()
    table.setModel(model)
    one_line_rows(table, (0,), 260)
    qtbot.addWidget(table)
    return table, model


def test_the_columns_give_way_when_the_views_own_scroll_bar_comes(qtbot):
    table, model = _table(qtbot, 2)
    texts = lambda col: [model.item(r, col).text() for r in range(model.rowCount())]  # noqa: E731
    table.resize(520, 400)
    table.show()
    qtbot.waitExposed(table)
    size_columns(table, texts, skip=(0,))
    for r in range(2, 60):  # rows enough for a vertical scroll bar: the viewport narrows
        model.appendRow([QStandardItem(f"Item {r}"), *(QStandardItem("x" * 18) for _ in "abc")])
    qtbot.waitUntil(table.verticalScrollBar().isVisible)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0)


def test_a_sized_table_is_deleted_cleanly(qtbot):
    table, model = _table(qtbot, 3)
    table.show()
    qtbot.waitExposed(table)
    size_columns(table, lambda col: [model.item(0, col).text()], skip=(0,))
    shiboken6.delete(table)  # its viewport's events while it dies reach no dead view
    assert not shiboken6.isValid(table)
