"""Home page panel: one partnership's trend, follow-through per side and goal histories.

API for the home page::

    insights = PartnershipInsights()
    insights.set_partnership(portfolio, partnership_id)   # None shows a "choose one" line
    insights.refresh()                                     # re-read after edits
    insights.load(portfolio, partnership_id)              # the same, read off the UI thread

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
from dataclasses import dataclass, field
from html import escape
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from reviewdesk import look
from reviewdesk.record import analytics
from reviewdesk.record.analytics import FollowThrough, GoalHistory, History, Trend
from reviewdesk.record.wording import date_short, plural, status_text
from reviewdesk.store.history import history
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.ui import ops, style
from reviewdesk.ui.widgets.cards import Card, label, muted, rich, section_heading
from reviewdesk.ui.widgets.history_panels import FollowThroughTable, SectionCombo
from reviewdesk.ui.widgets.trend_chart import TrendChart

CHART_H = 170
WIDE_PX = 720  # at scale 1: from this width the chart sits left of the lists
CHOOSE = "Choose a partnership to see its trend, follow-through and goals."
# The next slice of work on a timer of its own, not a queued call (``singleShot(0)``): Qt runs
# queued calls posted meanwhile in the same pass, so a chain of them is one long stall; between
# two timers the window's input, other timers and paint have their turn.
TURN_MS = 1


def goal_path(goal: GoalHistory) -> str:
    """'off track → at risk → done': the goal's status at each review that looked at it."""
    return " → ".join(status_text(status) for _review, status, _current in goal.steps)


def goal_steps_text(goal: GoalHistory) -> str:
    """Each step with its date and value, for the tooltip and screen readers."""
    return "; ".join(
        f"{date_short(r.date)}: {status_text(s)}{f' ({c})' if c else ''}" for r, s, c in goal.steps
    )


def goals_html(goals: list[GoalHistory]) -> str:
    """Each goal: title, latest status (coloured word) and value, then its path in grey."""
    if not goals:
        return f'<span style="color:{look.MUTED}">No goals recorded yet.</span>'
    rows = []
    for g in goals:
        _review, status, current = g.steps[-1]
        colour = look.goal_status_colour(status)
        value = f" · {escape(current)}" if current else ""
        path = escape(goal_path(g)) if len(g.steps) > 1 else "first review"
        rows.append(
            f'<p style="margin:0 0 6px 0"><b>{escape(g.title)}</b><br>'
            f'<span style="color:{colour}; font-weight:600">{escape(status_text(status))}</span>'
            f'{value} <span style="color:{look.MUTED}">· {path}</span></p>'
        )
    return "".join(rows)


@dataclass(frozen=True)
class InsightValues:
    """What the panel shows of one partnership, worked out from its history (any thread)."""

    history: History
    as_of: dt.date
    trend: Trend | None = None
    follow: dict[str, FollowThrough] = field(default_factory=dict)
    goals: list[GoalHistory] = field(default_factory=list)
    goals_html: str = ""
    goals_tooltip: str = ""
    goals_description: str = ""


def insight_values(history: History, as_of: dt.date) -> InsightValues:
    """Trend of every review, follow-through as of ``as_of``, goal histories and their text."""
    if not history.reviews:
        return InsightValues(history, as_of)
    goals = analytics.goal_histories(history)
    return InsightValues(
        history,
        as_of,
        trend=analytics.trend(history, last=None),  # every review, at home
        follow=analytics.follow_through(history, as_of),
        goals=goals,
        goals_html=goals_html(goals),
        goals_tooltip=(
            "<qt>"
            + "<br>".join(escape(f"{g.title}: {goal_steps_text(g)}") for g in goals)
            + "</qt>"
            if goals
            else ""
        ),
        goals_description="; ".join(f"{g.title}: {goal_steps_text(g)}" for g in goals)
        or "no goals",
    )


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
        self._loads = 0  # which load() the values on their way belong to
        self._op: Any = None
        self.setAccessibleName("Partnership insights")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.frame = Card()
        outer.addWidget(self.frame)
        card = self.frame.body
        style.scaled(card, margins=(12, 10, 12, 10), spacing=6)

        head = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        style.scaled(head, spacing=8)
        self.title = section_heading("Across reviews")
        head.addWidget(self.title)
        self.scope = label("", "muted")
        self.scope.setAccessibleName("Reviews shown")
        head.addWidget(self.scope, 1)
        self.section_combo = SectionCombo.placed_in(head, self._show_chart)
        card.addLayout(head)

        self.pages = QStackedLayout()
        card.addLayout(self.pages, 1)
        self.message = muted(CHOOSE)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setAccessibleName("Partnership insights")
        self.pages.addWidget(self.message)

        self._area: QScrollArea | None = None  # chart and lists: built when first needed
        self._parts_built = 0

    AREA_PARTS = 3  # the chart, the follow-through table, the goals: a turn of their own each

    def _build_area(self) -> QScrollArea:
        """The chart, the follow-through table and the goals (a partnership is shown)."""
        while self.build_part():
            pass
        assert self._area is not None
        return self._area

    def build_part(self) -> bool:
        """Build the next part of the chart and lists; False once every part is built."""
        if self._parts_built >= self.AREA_PARTS:
            return False
        part = (self._build_chart, self._build_follow, self._build_goals)[self._parts_built]
        self._parts_built += 1
        part()
        return True

    def _build_chart(self) -> None:
        self._area = area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        area.setProperty("role", "inCard")
        # in the area's viewport from the start (styled as it will be shown), handed to the
        # area once whole: a scroll area measures its widget once, when it is set
        self._content = content = QWidget(area.viewport())
        content.hide()
        self._row = QBoxLayout(QBoxLayout.Direction.TopToBottom, content)
        style.scaled(self._row, margins=(0, 0, 4, 0), spacing=10)
        self._chart = TrendChart()
        style.scaled(self._chart, min_height=CHART_H, max_height=CHART_H + 40)
        self._row.addWidget(self._chart, 0, Qt.AlignmentFlag.AlignTop)
        self._lists = lists = QWidget()
        side = QVBoxLayout(lists)
        side.setContentsMargins(0, 0, 0, 0)
        style.scaled(side, spacing=10)
        self._row.addWidget(lists, 1, Qt.AlignmentFlag.AlignTop)
        self.pages.addWidget(area)  # not shown until values come: the message stays
        area.ensurePolished()  # styled now, not all at once when first shown

    def _build_follow(self) -> None:
        self._follow_table = FollowThroughTable()
        style.scaled(self._follow_table.grid, hspacing=10, vspacing=2)  # fits a 440 px panel
        self._lists.layout().addWidget(self._follow_table)
        self._follow_table.ensurePolished()
        # its wrapping labels lay their texts out now (each keeps them), not when first shown
        self._follow_table.minimumSizeHint()
        self._follow_table.table_width()

    def _build_goals(self) -> None:
        side = self._lists.layout()
        self._goals_heading = label("Goals", "strong")
        side.addWidget(self._goals_heading)
        self._goals_label = rich("Goals")
        side.addWidget(self._goals_label)
        side.addStretch(1)
        self._goals_heading.ensurePolished()
        self._goals_label.ensurePolished()
        assert self._area is not None
        self._area.setWidget(self._content)
        self._lay_out()

    @property
    def area(self) -> QScrollArea:
        return self._build_area()

    @property
    def row(self) -> QBoxLayout:
        self._build_area()
        return self._row

    @property
    def chart(self) -> TrendChart:
        self._build_area()
        return self._chart

    @property
    def follow_table(self) -> FollowThroughTable:
        self._build_area()
        return self._follow_table

    @property
    def goals_heading(self) -> QLabel:
        self._build_area()
        return self._goals_heading

    @property
    def goals_label(self) -> QLabel:
        self._build_area()
        return self._goals_label

    # ---- API -----------------------------------------------------------------------------

    def set_partnership(
        self, portfolio: Portfolio | None, partnership_id: int | None, as_of: dt.date | None = None
    ) -> None:
        """Show ``partnership_id`` of ``portfolio`` as of ``as_of`` (today), or the empty line."""
        self._loads += 1  # a load still on its way is not shown over this
        self.portfolio = portfolio
        self.partnership_id = partnership_id
        self._fixed_as_of = as_of
        self.refresh()

    def refresh(self) -> None:
        """Re-read the partnership's history from the portfolio and show it."""
        if self.portfolio is None or self.partnership_id is None:
            self._clear(CHOOSE)
            return
        as_of = self._fixed_as_of or dt.date.today()
        self.show_values(insight_values(self.portfolio.history(self.partnership_id), as_of))

    def load(self, portfolio: Portfolio | None, partnership_id: int | None) -> None:
        """Show ``partnership_id`` as of today, its history read and worked out off the UI
        thread (the home page: moving through a long list never waits for it)."""
        self.portfolio, self.partnership_id, self._fixed_as_of = portfolio, partnership_id, None
        self._loads += 1
        if self._op is not None:
            self._op.cancel()
            self._op = None
        if portfolio is None or partnership_id is None:
            self._clear(CHOOSE)
            return
        load, as_of = self._loads, dt.date.today()

        def arrived(values: InsightValues) -> None:
            if not shiboken6.isValid(self) or load != self._loads:
                return
            self._op = None
            if values.history.reviews and self.build_part():
                # a part of the chart and lists per turn of the event loop, the values last
                QTimer.singleShot(TURN_MS, self, lambda: arrived(values))
                return
            if not values.history.reviews or self.pages.currentWidget() is self._area:
                self.show_values(values)
                return
            # the first time: the values go in while hidden, the chart and lists show next turn
            self._fill(values)
            QTimer.singleShot(TURN_MS, self, lambda: reveal())

        def reveal() -> None:
            if shiboken6.isValid(self) and load == self._loads:
                self.pages.setCurrentWidget(self.area)

        self._op = ops.run_read(
            self,
            portfolio.path,
            lambda conn: insight_values(history(conn, partnership_id), as_of),
            arrived,
            lambda _message: None,
        )

    def show_values(self, values: InsightValues) -> None:
        """Show worked-out values (of :func:`insight_values`)."""
        if self._fill(values):
            self.pages.setCurrentWidget(self.area)

    def _fill(self, values: InsightValues) -> bool:
        """Put the values in the chart and lists; False when there is nothing to show."""
        self.as_of, self.history = values.as_of, values.history
        if not values.history.reviews:
            self._clear("No reviews of this partnership yet.")
            return False
        self.trend, self.follow, self.goals = values.trend, values.follow, values.goals
        total = len(self.history.reviews)
        self.scope.setText(plural(total, "review"))
        self.section_combo.set_sections(values.trend.sections if values.trend else [])
        self._show_chart()
        self.follow_table.set_values(self.follow, date_short(self.as_of))
        self.goals_heading.setText(f"Goals ({len(self.goals)})" if self.goals else "Goals")
        self.goals_label.setText(values.goals_html)
        self.goals_label.setToolTip(values.goals_tooltip)
        self.goals_label.setAccessibleDescription(values.goals_description)
        return True

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

    def resizeEvent(self, event: Any) -> None:
        self._lay_out()
        super().resizeEvent(event)

    def _lay_out(self) -> None:
        if self._parts_built < self.AREA_PARTS:
            return
        wide = self.width() >= style.px(WIDE_PX)
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._row.direction() != direction:
            self._row.setDirection(direction)
            # Side by side the chart and lists share the width; stacked, the lists take the rest.
            self._row.setStretch(0, 5 if wide else 0)
            self._row.setStretch(1, 6 if wide else 1)
