"""Reflow (a row that becomes a column when narrow) and TableFit (a table shown whole)."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QPushButton, QTableView, QVBoxLayout, QWidget

from reviewdesk.ui.widgets.reflow import Reflow
from reviewdesk.ui.widgets.table_fit import TableFit


def test_a_reflow_stacks_its_parts_when_they_do_not_fit_side_by_side(qtbot):
    page = QWidget()  # a page holding the row: it may be as narrow as the row allows
    qtbot.addWidget(page)
    row = Reflow()
    QVBoxLayout(page).addWidget(row)
    parts = [QPushButton(f"A rather wide button number {i}") for i in range(3)]
    for part in parts:
        row.add(part, 1)
    page.show()
    margins = page.width() - row.width()
    page.resize(row.side_by_side_width() + margins + 10, 100)
    qtbot.waitUntil(lambda: row.wide and parts[0].y() == parts[2].y())
    page.resize(row.side_by_side_width() + margins - 10, 300)
    qtbot.waitUntil(lambda: not row.wide and parts[0].y() < parts[1].y() < parts[2].y())
    assert all(p.x() + p.width() <= row.width() for p in parts)
    # the page holding it can be as narrow as its widest part
    assert row.minimumSizeHint().width() == max(p.minimumSizeHint().width() for p in parts)


def test_a_fitted_table_shows_every_row_and_never_scrolls(qtbot):
    model = QStandardItemModel(0, 3)
    for i in range(12):
        model.appendRow([QStandardItem(f"Row {i} " + "long words " * 8) for _ in range(3)])
    view = QTableView()
    view.setModel(model)
    view.setWordWrap(True)
    qtbot.addWidget(view)
    fit = TableFit(view, (0,))
    view.resize(420, 100)
    view.show()
    qtbot.waitUntil(lambda: view.height() >= view.verticalHeader().length())
    assert not view.verticalScrollBar().isVisible()
    assert not view.horizontalScrollBar().isVisible()
    header = view.horizontalHeader()
    assert header.length() <= view.viewport().width()  # the columns share the width
    assert fit.by_contents is False
    model.appendRow([QStandardItem("one more") for _ in range(3)])
    qtbot.waitUntil(lambda: view.height() >= view.verticalHeader().length())
