"""Reflow: a row that becomes a column when narrow."""

from __future__ import annotations

import itertools

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


def test_parts_with_a_set_minimum_width_never_overlap(qtbot):
    """A part's own minimum width (a signature pad's) counts, not only its size hint: side by
    side only where every part gets its minimum, never one under the next."""
    page = QWidget()
    qtbot.addWidget(page)
    row = Reflow(spacing=16)
    QVBoxLayout(page).addWidget(row)
    pad = QWidget()
    pad.setMinimumSize(280, 100)  # a hint of (-1, -1), as a plain widget has
    buttons = QWidget()
    column = QVBoxLayout(buttons)
    for text in ("Clear", "Sign with name", "Remove"):
        column.addWidget(QPushButton(text))
    form = QPushButton("A form of some width")
    for part, stretch in ((form, 2), (pad, 3), (buttons, 0)):
        row.add(part, stretch)
    page.show()
    assert row.side_by_side_width() >= 280 + buttons.minimumSizeHint().width() + 2 * 16
    margins = page.width() - row.width()
    for width in range(row.side_by_side_width() - 60, row.side_by_side_width() + 60, 7):
        page.resize(width + margins, 400)
        qtbot.waitUntil(lambda w=width: row.width() == w)
        qtbot.wait(10)
        holders = row.parts()
        if row.wide:
            for left, right in itertools.pairwise(holders):
                assert left.x() + left.width() <= right.x(), width
        assert all(p.x() + p.width() <= row.width() for p in holders), width
