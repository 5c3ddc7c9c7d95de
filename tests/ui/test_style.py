"""The application's one style: no widget styles itself, and View → Larger text scales the
pages that are kept across a zoom — fonts and paddings alike."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QHBoxLayout, QWidget
from qt_helpers import run_qt_child

from reviewdesk.record.model import Goal
from reviewdesk.ui import style
from reviewdesk.ui.home.insights import PartnershipInsights
from reviewdesk.ui.meeting.pages.actions import ActionsPage
from reviewdesk.ui.meeting.pages.goals import GoalsPage
from reviewdesk.ui.meeting.pages.wrapup import WrapUpPage

PACKAGE = Path(__file__).resolve().parents[2] / "reviewdesk"


def test_no_widget_sets_a_stylesheet_of_its_own():
    found = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in PACKAGE.rglob("*.py")
        if path.name != "style.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.setStyleSheet\(", line)
    ]
    assert found == []


def test_scaled_sizes_follow_the_zoom(qtbot, qapp):
    widget = QWidget()
    qtbot.addWidget(widget)
    row = QHBoxLayout(widget)
    style.scaled(row, margins=(16, 8, 16, 8), spacing=12)
    style.scaled(widget, min_height=40)
    assert (row.contentsMargins().left(), row.spacing(), widget.minimumHeight()) == (16, 12, 40)
    style.apply(qapp, 1.5)
    assert (row.contentsMargins().left(), row.contentsMargins().top()) == (24, 12)
    assert (row.spacing(), widget.minimumHeight()) == (18, 60)
    with pytest.raises(TypeError):
        style.scaled(row, padding=3)


def _measure(goals: GoalsPage, actions: ActionsPage, wrapup: WrapUpPage, insights) -> dict:
    chip = next(iter(goals.smart.chips.values()))
    signer = wrapup.strip.rows[0]
    return {
        "goals page margin": goals.layout().contentsMargins(),
        "goals card padding": goals.card.body.contentsMargins().left(),
        "SMART chip height": chip.sizeHint().height(),
        "SMART chip font": chip.font().pointSizeF(),
        "actions page margin": actions.layout().contentsMargins().left(),
        "wrap-up card padding": wrapup.signoff_card.body.contentsMargins().left(),
        "signer row padding": signer.layout().contentsMargins().left(),
        "signer name width": signer.name.minimumWidth(),
        "sign button height": wrapup.strip.sign_button.minimumHeight(),
        "hint font": wrapup.strip.hint.font().pointSizeF(),
        "insights padding": insights.frame.body.contentsMargins().left(),
        "insights chart height": insights.chart.minimumHeight(),
    }


def test_goals_actions_wrapup_and_insights_scale_fonts_and_paddings(qtbot, qapp, session):
    session.portfolio.add_goal(session.meeting_id, Goal(title="On time"))
    session.refresh()
    goals, actions, wrapup = GoalsPage(session), ActionsPage(session), WrapUpPage(session)
    insights = PartnershipInsights()
    for page in (goals, actions, wrapup, insights):
        qtbot.addWidget(page)
    before = _measure(goals, actions, wrapup, insights)
    style.apply(qapp, 1.5)  # View → Larger text, as MainWindow.zoom does
    after = _measure(goals, actions, wrapup, insights)
    for name, value in before.items():
        if hasattr(value, "left"):
            value, grown = value.left(), after[name].left()
        else:
            grown = after[name]
        assert grown >= value * 1.4, f"{name}: {value} → {grown}"


ZOOM_WITH_GARBAGE_CHILD = """
import gc
from PySide6.QtWidgets import QApplication, QCalendarWidget, QDialog, QVBoxLayout, QWidget
from reviewdesk.ui import style


def closed_dialog():
    dialog = QDialog()
    rows = QVBoxLayout(dialog)
    for _ in range(5):
        rows.addWidget(QCalendarWidget())
    dialog.me = dialog  # a cycle: only the collector frees it


class App(QApplication):
    def setStyleSheet(self, sheet):  # apply() walks the widgets next
        super().setStyleSheet(sheet)
        closed_dialog()
        gc.set_threshold(1, 1, 1)  # so the next allocation collects


app = App([])
kept = QWidget()
for _ in range(5):
    QCalendarWidget(kept)  # widgets inside Qt's own, without a Python wrapper yet
style.apply(app, 1.1)
print("zoomed", style.scale())
"""


def test_zooming_survives_a_closed_window_the_collector_frees_meanwhile(tmp_path):
    # CI crashed in apply(): a collection set off inside allWidgets() freed a dialog kept only
    # by a cycle, and the list being converted then pointed at deleted widgets
    done = run_qt_child(ZOOM_WITH_GARBAGE_CHILD, tmp_path)
    assert (done.returncode, done.stdout.split()) == (0, ["zoomed", "1.1"]), done.stderr
