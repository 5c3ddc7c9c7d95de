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


WRAPPING_TEXTS = (
    "",
    "OK",
    "On-time delivery",
    "Invoices keyed within one working day of receipt, checked twice",
    "two\nlines",
    "Ærøskøbing · Nguyễn Văn An · 山田 太郎 · a long line of words to wrap",
    "x" * 90,  # no place to break
)


def test_the_caching_delegate_answers_what_the_default_delegate_does(qtbot):
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    from reviewdesk.ui.widgets.table_sizing import SizeCachingDelegate

    model = QStandardItemModel(0, 1)
    for text in WRAPPING_TEXTS:
        model.appendRow(QStandardItem(text))
    table = QTableView()
    table.setModel(model)
    table.setWordWrap(True)
    qtbot.addWidget(table)
    cached, plain = SizeCachingDelegate(table), QStyledItemDelegate(table)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
    wrapped = set()
    for _twice in range(2):  # the second answers come from the cache
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            option.rect = QRect()  # no width: on one line
            one_line = plain.sizeHint(option, index)
            near = [one_line.width() + d for d in (-3, -2, -1, 0, 1, 2)]  # where wrap begins
            for width in (0, 1, 30, 61, 80, 120, 200, 333, 2000, *near):
                option.rect = QRect(0, 0, width, 24)
                expected = plain.sizeHint(option, index)
                assert cached.sizeHint(option, index) == expected, (row, width)
                if expected.height() > one_line.height():
                    wrapped.add(row)
    assert wrapped == {2, 3, 5}  # wrapped at some widths (4: two lines at any; 6: no break)
    model.item(2, 0).setText("On-time delivery of every container to the port")  # forgets
    option.rect = QRect(0, 0, 80, 24)
    assert cached.sizeHint(option, model.index(2, 0)) == plain.sizeHint(option, model.index(2, 0))


def test_the_caching_delegate_measures_again_in_a_larger_font(qtbot):
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    from reviewdesk.ui.widgets.table_sizing import SizeCachingDelegate

    model = QStandardItemModel(0, 1)
    model.appendRow(QStandardItem("On-time delivery"))
    table = QTableView()
    table.setModel(model)
    qtbot.addWidget(table)
    cached, plain = SizeCachingDelegate(table), QStyledItemDelegate(table)

    def asked() -> QStyleOptionViewItem:  # as the view asks: its font, no width
        option = QStyleOptionViewItem()
        option.initFrom(table)
        option.font = table.font()
        option.rect = QRect()
        return option

    small = cached.sizeHint(asked(), model.index(0, 0))
    font = table.font()
    font.setPointSizeF(font.pointSizeF() * 2)  # View → Larger text, as the view hears it
    table.setFont(font)
    larger = cached.sizeHint(asked(), model.index(0, 0))
    assert larger == plain.sizeHint(asked(), model.index(0, 0))
    assert larger.height() > small.height()
