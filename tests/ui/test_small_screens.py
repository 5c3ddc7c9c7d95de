"""Small screens and projectors: every page at 1024×600, at the normal, a larger and the largest
text size, at rest, without sideways scrolling and without a scroll area scrolling inside the
page's own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget
from qt_helpers import wait_at_rest

from reviewdesk.app.demo import load_demo
from reviewdesk.record.model import Action
from reviewdesk.ui import style

SIZE = (1024, 600)


def _name(widget: QWidget) -> str:
    path = []
    while widget is not None and len(path) < 4:
        path.append(widget.accessibleName() or widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return " in ".join(path)


def _outer_area(area: QWidget) -> QAbstractScrollArea | None:
    widget = area.parentWidget()
    while widget is not None:
        if isinstance(widget, QAbstractScrollArea) and widget.isVisible():
            return widget
        widget = widget.parentWidget()
    return None


def scroll_problems(root: QWidget) -> list[str]:
    """Visible sideways scroll bars, scroll bars of a scroll area inside another, and a scroll
    area without a vertical bar that is shorter than what it shows."""
    problems = []
    for area in root.findChildren(QAbstractScrollArea):
        if not area.isVisible():
            continue
        if area.horizontalScrollBar().isVisible():
            problems.append(f"{_name(area)} scrolls sideways")
        outer = _outer_area(area)
        bars = (area.horizontalScrollBar(), area.verticalScrollBar())
        if outer is not None and any(bar.isVisible() for bar in bars):
            problems.append(f"{_name(area)} scrolls inside {_name(outer)}")
        off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if area.verticalScrollBarPolicy() == off and area.verticalScrollBar().maximum() > 0:
            problems.append(f"{_name(area)} hides rows it has no scroll bar to reach")
    return problems


@pytest.mark.parametrize("scale", [1.0, 1.5, style.MAX_SCALE])
def test_every_page_fits_1024_by_600_without_sideways_or_nested_scrolling(
    qtbot, window, portfolio, scale
):
    ids = load_demo(portfolio)
    for number in range(12):  # lists longer than a screen: the register's linked actions
        portfolio.add_action(ids[-1], Action(f"Follow-up {number} agreed in the review"))
    window.home.refresh()
    window.resize(*SIZE)
    qtbot.waitExposed(window)
    while style.scale() < scale - 1e-6:
        window.zoom(+1)
    assert style.scale() == pytest.approx(scale)
    wait_at_rest(qtbot)
    problems = [f"home: {p}" for p in scroll_problems(window)]
    for meeting_id in (ids[-1], ids[-2]):  # in progress, then signed off
        window.open_meeting(meeting_id)
        view = window.meeting_view
        steps = view.navigator.keys()
        for key in steps:
            view.go_to(key)
            page = view.current_page()  # made in slices: every part there, then laid out
            qtbot.waitUntil(lambda page=page: getattr(page, "complete", True))
            wait_at_rest(qtbot)
            assert window.width() <= SIZE[0]
            problems += [f"{meeting_id} {key}: {p}" for p in scroll_problems(window)]
    assert problems == [], "\n".join(problems)


def _small_and_largest(qtbot, window, portfolio) -> list[int]:
    """The demo in the window at 1024×600 and the largest text; the reviews' ids."""
    ids = load_demo(portfolio)
    window.resize(*SIZE)
    qtbot.waitExposed(window)
    while style.scale() < style.MAX_SCALE:
        window.zoom(+1)
    return ids


def test_the_scorecard_at_the_largest_text_on_a_small_screen_comes_to_rest(
    qtbot, window, portfolio
):
    # its measure names wrapped on one line fewer when the scroll bar went: the rows got
    # shorter, the bar came back, the names wrapped again, and so on for ever (a busy window)
    ids = _small_and_largest(qtbot, window, portfolio)
    window.open_meeting(ids[-2])
    window.meeting_view.go_to("scorecard")
    page = window.meeting_view.current_page()
    qtbot.waitUntil(lambda: page.complete)
    wait_at_rest(qtbot)  # fails on a table that keeps laying itself out
    assert not page.table.verticalScrollBar().isVisible()  # its rows fit: no scrolling inside


def test_the_status_bar_at_the_largest_text_keeps_the_meeting_time_whole(
    qtbot, window, portfolio, db_path
):
    # "Meeting time 00:00:0": the file's path kept its whole width and the time was cut
    ids = _small_and_largest(qtbot, window, portfolio)
    window.open_meeting(ids[-1])
    qtbot.waitUntil(lambda: window.meeting_time.text().startswith("Meeting time"))
    wait_at_rest(qtbot)
    for part in (window.save_state, window.meeting_time):
        assert part.width() >= part.sizeHint().width(), part.accessibleName()
    path = window.path_label
    assert path.text() == str(db_path) and path.toolTip() == str(db_path)
    assert path.isVisible() and path.width() < path.sizeHint().width()  # it gave way
    assert not window.round_progress.isVisible()  # no round: no empty part taking room
