"""A table in a scrolling page shows every row; the page is the one that scrolls, and follows the
current row when it is moved from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from reviewdesk.ui.widgets.cards import scrolled
from reviewdesk.ui.widgets.page_table import every_row_shown


def _page(qtbot, rows: int):
    page = QWidget()
    body = QVBoxLayout(page)
    guidance = QLabel("Guidance above the table, wrapped as on every page")
    guidance.setWordWrap(True)  # a page of wrapped text is as tall as its width makes it
    body.addWidget(guidance)
    model = QStandardItemModel(0, 2)
    for row in range(rows):
        model.appendRow([QStandardItem(f"Goal {row}"), QStandardItem("On track")])
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().hide()
    every_row_shown(table, 96)
    body.addWidget(table)
    body.addWidget(QLabel("The editor below the table"))
    area = scrolled(page)
    qtbot.addWidget(area)
    area.resize(500, 400)
    area.show()
    qtbot.waitExposed(area)
    return area, table, model


def test_a_long_table_shows_every_row_and_only_the_page_scrolls(qtbot):
    area, table, model = _page(qtbot, rows=60)
    rows = sum(table.rowHeight(r) for r in range(model.rowCount()))
    qtbot.waitUntil(lambda: table.height() >= rows)
    assert not table.verticalScrollBar().isVisible()
    assert table.verticalScrollBar().maximum() == 0  # nothing of its own to scroll
    assert area.verticalScrollBar().isVisible()


def test_a_short_table_is_as_short_as_its_rows(qtbot):
    area, table, _ = _page(qtbot, rows=2)
    _many_area, many, _ = _page(qtbot, rows=8)
    qtbot.waitUntil(lambda: many.height() > table.height() >= 2 * table.rowHeight(0))
    assert not area.verticalScrollBar().isVisible()


def test_the_page_follows_the_current_row_moved_from_the_keyboard(qtbot):
    area, table, model = _page(qtbot, rows=60)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(model.index(0, 0))
    for _ in range(30):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 30
    assert area.verticalScrollBar().value() > 0
    rect = table.visualRect(table.currentIndex())
    top = table.viewport().mapTo(area.viewport(), rect.topLeft())
    bottom = table.viewport().mapTo(area.viewport(), rect.bottomLeft() + QPoint(0, 1))
    assert top.y() >= 0 and bottom.y() <= area.viewport().height()  # the row in view


def test_a_row_chosen_by_the_page_leaves_the_page_where_it_is(qtbot):
    area, table, model = _page(qtbot, rows=60)
    assert not table.hasFocus()
    table.selectionModel().setCurrentIndex(
        model.index(50, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    assert area.verticalScrollBar().value() == 0
