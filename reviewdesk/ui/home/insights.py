"""Home page panel: one partnership's trend, follow-through per side and goal histories.

API for the home page::

    insights = PartnershipInsights()
    insights.set_partnership(portfolio, partnership_id)   # None shows a "choose one" line
    insights.refresh()                                     # re-read after edits

Everything shown is computed by ``reviewdesk.record.analytics`` from ``portfolio.history(pid)``:
the client/provider averages of every review, overall or of the section picked in "Show"
(``trend``), each side's follow-through as of today (``follow_through``, worded by
``on_time_text``/``age_text``) and each goal's status review by review (``goal_histories``).
The computed values stay on the widget (``history``, ``trend``, ``follow``, ``goals``,
``as_of``) for the window and the tests.
The panel scrolls inside itself; at 720 px wide or more the chart sits left of the lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record import analytics
from reviewdesk.record.analytics import FollowThrough, GoalHistory, History, Trend
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.ui import style
from reviewdesk.ui.widgets.common import WHITE_SCROLL_AREA, fmt_date, section_heading
from reviewdesk.ui.widgets.history_panels import FollowThroughTable, SectionCombo
from reviewdesk.ui.widgets.text_fit import html_text
from reviewdesk.ui.widgets.trend_chart import TrendChart

STATUS_WORDS = {
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "done": "done",
    "dropped": "dropped",
}
STATUS_COLOURS = {
    "on_track": style.OK_GREEN,
    "at_risk": style.AMBER,
    "off_track": style.GAP,
    "done": style.JOINT,
    "dropped": style.MUTED,
}
CHART_H = 170
WIDE_PX = 720  # at scale 1: from this width the chart sits left of the lists
CHOOSE = "Choose a partnership to see its trend, follow-through and goals."


def status_word(status: str) -> str:
    return STATUS_WORDS.get(status, status.replace("_", " "))


def goal_path(goal: GoalHistory) -> str:
    """'off track → at risk → done': the goal's status at each review that looked at it."""
    return " → ".join(status_word(status) for _review, status, _current in goal.steps)


def goal_steps_text(goal: GoalHistory) -> str:
    """Each step with its date and value, for the tooltip and screen readers."""
    return "; ".join(
        f"{fmt_date(r.date)}: {status_word(s)}{f' ({c})' if c else ''}" for r, s, c in goal.steps
    )


def goals_html(goals: list[GoalHistory]) -> str:
    """Each goal: title, latest status (coloured word) and value, then its path in grey."""
    if not goals:
        return f'<span style="color:{style.MUTED}">No goals recorded yet.</span>'
    rows = []
    for g in goals:
        _review, status, current = g.steps[-1]
        colour = STATUS_COLOURS.get(status, style.TEXT)
        value = f" · {html_text(current)}" if current else ""
        path = html_text(goal_path(g)) if len(g.steps) > 1 else "first review"
        rows.append(
            f'<p style="margin:0 0 6px 0"><b>{html_text(g.title)}</b><br>'
            f'<span style="color:{colour}; font-weight:600">{html_text(status_word(status))}</span>'
            f'{value} <span style="color:{style.MUTED}">· {path}</span></p>'
        )
    return "".join(rows)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600;")
    return label


class PartnershipInsights(QWidget):
    """Trend of the last reviews, follow-through per side and goal histories of a partnership."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.portfolio: Portfolio | None = None
        self.partnership_id: int | None = None
        self.history: History | None = None
        self.trend: Trend | None = None
        self.follow: dict[str, FollowThrough] = {}
        self.goals: list[GoalHistory] = []
        self.as_of: dt.date | None = None
        self._fixed_as_of: dt.date | None = None
        self.setAccessibleName("Partnership insights")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.frame = QFrame()
        self.frame.setObjectName("insightsCard")
        self.frame.setStyleSheet(
            f"QFrame#insightsCard {{ background: white; border: 1px solid {style.BORDER};"
            f" border-radius: {style.px(6)}px; }}"
        )
        outer.addWidget(self.frame)
        card = QVBoxLayout(self.frame)
        card.setContentsMargins(style.px(12), style.px(10), style.px(12), style.px(10))
        card.setSpacing(style.px(6))

        head = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        head.setSpacing(style.px(8))
        self.title = section_heading("Across reviews")
        head.addWidget(self.title)
        self.scope = QLabel()
        self.scope.setStyleSheet(f"color: {style.MUTED};")
        self.scope.setTextFormat(Qt.TextFormat.PlainText)
        self.scope.setAccessibleName("Reviews shown")
        head.addWidget(self.scope, 1)
        self.section_combo = SectionCombo.placed_in(head, self._show_chart)
        card.addLayout(head)

        self.pages = QStackedLayout()
        card.addLayout(self.pages, 1)
        self.message = QLabel(CHOOSE)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setStyleSheet(f"color: {style.MUTED};")
        self.message.setAccessibleName("Partnership insights")
        self.pages.addWidget(self.message)

        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.area.setStyleSheet(WHITE_SCROLL_AREA)
        content = QWidget()
        self.row = QBoxLayout(QBoxLayout.Direction.TopToBottom, content)
        self.row.setContentsMargins(0, 0, style.px(4), 0)
        self.row.setSpacing(style.px(10))
        self.chart = TrendChart()
        self.chart.setMinimumHeight(style.px(CHART_H))
        self.chart.setMaximumHeight(style.px(CHART_H + 40))
        self.row.addWidget(self.chart, 0, Qt.AlignmentFlag.AlignTop)
        lists = QWidget()
        side = QVBoxLayout(lists)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(style.px(10))
        self.follow_table = FollowThroughTable()
        self.follow_table.grid.setHorizontalSpacing(style.px(10))  # fits a 440 px wide panel
        side.addWidget(self.follow_table)
        self.goals_heading = _heading("Goals")
        side.addWidget(self.goals_heading)
        self.goals_label = QLabel()
        self.goals_label.setTextFormat(Qt.TextFormat.RichText)
        self.goals_label.setWordWrap(True)
        self.goals_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.goals_label.setAccessibleName("Goals")
        self.goals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.goals_label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        side.addWidget(self.goals_label)
        side.addStretch(1)
        self.row.addWidget(lists, 1, Qt.AlignmentFlag.AlignTop)
        self.area.setWidget(content)
        self.pages.addWidget(self.area)
        self.pages.setCurrentWidget(self.message)

    # ---- API -----------------------------------------------------------------------------

    def set_partnership(
        self, portfolio: Portfolio | None, partnership_id: int | None, as_of: dt.date | None = None
    ) -> None:
        """Show ``partnership_id`` of ``portfolio`` as of ``as_of`` (today), or the empty line."""
        self.portfolio = portfolio
        self.partnership_id = partnership_id
        self._fixed_as_of = as_of
        self.refresh()

    def refresh(self) -> None:
        """Re-read the partnership's history from the portfolio and show it."""
        if self.portfolio is None or self.partnership_id is None:
            self._clear(CHOOSE)
            return
        self.as_of = self._fixed_as_of or dt.date.today()
        self.history = self.portfolio.history(self.partnership_id)
        if not self.history.reviews:
            self._clear("No reviews of this partnership yet.")
            return
        self.trend = analytics.trend(self.history, last=None)  # every review, at home
        self.follow = analytics.follow_through(self.history, self.as_of)
        self.goals = analytics.goal_histories(self.history)
        total = len(self.history.reviews)
        self.scope.setText(f"{total} review{'' if total == 1 else 's'}")
        self.section_combo.set_sections(self.trend.sections)
        self._show_chart()
        self.follow_table.set_values(self.follow, fmt_date(self.as_of))
        self.goals_heading.setText(f"Goals ({len(self.goals)})" if self.goals else "Goals")
        self.goals_label.setText(goals_html(self.goals))
        self.goals_label.setToolTip(
            "<qt>"
            + "<br>".join(html_text(f"{g.title}: {goal_steps_text(g)}") for g in self.goals)
            + "</qt>"
            if self.goals
            else ""
        )
        self.goals_label.setAccessibleDescription(
            "; ".join(f"{g.title}: {goal_steps_text(g)}" for g in self.goals) or "no goals"
        )
        self.pages.setCurrentWidget(self.area)

    def goal_line(self, goal_id: int) -> str:
        """The shown status path of one goal ('off track → at risk → done')."""
        for g in self.goals:
            if g.goal_id == goal_id:
                return goal_path(g)
        raise KeyError(goal_id)

    # ---- internals -----------------------------------------------------------------------

    def _show_chart(self) -> None:
        if self.trend is not None:
            points, title = self.section_combo.points(self.trend)
            self.chart.set_points(points, title, current_label="latest")

    def _clear(self, message: str) -> None:
        self.history = self.trend = None
        self.section_combo.set_sections([])
        self.follow = {}
        self.goals = []
        self.scope.setText("")
        self.message.setText(message)
        self.pages.setCurrentWidget(self.message)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        wide = self.width() >= style.px(WIDE_PX)
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
            # Side by side the chart and lists share the width; stacked, the lists take the rest.
            self.row.setStretch(0, 5 if wide else 0)
            self.row.setStretch(1, 6 if wide else 1)
        super().resizeEvent(event)
