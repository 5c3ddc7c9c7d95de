"""The wrap-up's "Across reviews" card: trend chart, persistent gaps and follow-through per side."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout, QWidget

from reviewdesk.record import analytics
from reviewdesk.record.analytics import History, Trend
from reviewdesk.record.wording import date_short, plural
from reviewdesk.ui import style
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import Card, muted, section_heading
from reviewdesk.ui.widgets.history_panels import (
    FollowThroughTable,
    PersistentGapsPanel,
    SectionCombo,
)
from reviewdesk.ui.widgets.reflow import Reflow
from reviewdesk.ui.widgets.trend_chart import TrendChart

REFRESH_KINDS = frozenset({Change.RATINGS, Change.ACTIONS})


class AcrossReviews(Card):
    """This review against up to seven earlier ones, as known at this meeting."""

    def __init__(
        self, session: MeetingSession, parent: QWidget | None = None, *, load: bool = True
    ):
        """``load=False``: the card's parts only; ``reload()`` reads and shows the history."""
        super().__init__(parent)
        self.session = session
        self.history: History | None = None
        self.trend: Trend | None = None
        self._stale = False

        self.head = head = Reflow(spacing=12)  # the choice under the title on a narrow screen
        title = QHBoxLayout()
        style.scaled(title, spacing=12)
        title.addWidget(section_heading("Across reviews"))
        self.scope = muted("")  # wraps: gives way first when the text is large
        title.addWidget(self.scope, 1)
        head.add(title, 1)
        choice = QHBoxLayout()
        self.section_combo = SectionCombo.placed_in(choice, self._show_chart)
        head.add(choice)
        self.body.addWidget(head)

        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        style.scaled(self.row, spacing=16)
        self.chart = TrendChart()
        self.row.addWidget(self.chart, 5)
        self.side_panel = QWidget()
        side = QVBoxLayout(self.side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        style.scaled(side, spacing=10)
        self.gaps = PersistentGapsPanel()
        side.addWidget(self.gaps)
        self.follow = FollowThroughTable()
        side.addWidget(self.follow)
        side.addStretch(1)
        self.row.addWidget(self.side_panel, 6)
        self.body.addLayout(self.row)

        session.changed.connect(self.on_changed)
        if load:
            self.reload()

    # ---- data ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Recompute the history up to this meeting and show it."""
        meeting = self.session.meeting
        self._stale = False
        self.history = self.session.portfolio.history(
            meeting.partnership.id, upto_meeting_id=meeting.id
        )
        self.trend = analytics.trend(self.history)
        earlier = len(self.trend.reviews) - 1
        self.scope.setText(
            f"this review and {plural(earlier, 'earlier one')}"
            if earlier > 0
            else "the first review of this partnership"
        )
        self.section_combo.set_sections(self.trend.sections)
        self._show_chart()
        self.gaps.set_gaps(analytics.persistent_gaps(self.history))
        self.follow.set_values(
            analytics.follow_through(self.history, meeting.date), date_short(meeting.date)
        )

    def section_key(self) -> str:
        """The chosen section's key ('' for overall)."""
        return self.section_combo.section_key()

    def _show_chart(self) -> None:
        if self.trend is None:
            return
        points, title = self.section_combo.points(self.trend)
        self.chart.set_points(points, title, current_id=self.session.meeting.id)

    # ---- layout --------------------------------------------------------------------------

    def _side_by_side_width(self) -> int:
        m = self.body.contentsMargins()
        return (
            self.chart.minimumSizeHint().width()
            + self.row.spacing()
            + self.side_panel.minimumSizeHint().width()
            + m.left()
            + m.right()
        )

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for the stacked layout; the chart and lists go side by side when wide."""
        m = self.body.contentsMargins()
        inner = max(
            self.chart.minimumSizeHint().width(),
            self.side_panel.minimumSizeHint().width(),
            self.head.minimumSizeHint().width(),
        )
        return QSize(inner + m.left() + m.right(), super().minimumSizeHint().height())

    def resizeEvent(self, event: Any) -> None:
        wide = self.width() >= self._side_by_side_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
        super().resizeEvent(event)

    # ---- refresh -------------------------------------------------------------------------

    def on_changed(self, change: Change) -> None:
        """Ratings or actions changed: recompute now, or when next shown."""
        if change not in REFRESH_KINDS:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)
