"""Reflow: a row that becomes a column when narrow."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from reviewdesk.ui.widgets.reflow import Reflow


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
