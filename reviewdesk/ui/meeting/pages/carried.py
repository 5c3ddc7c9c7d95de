"""Open from last time: the actions carried over, reviewed before the agenda starts.

Each carried action shows its owner and due date (overdue ones in red, judged at the meeting's
date) and a status that is saved at once, so "done since last time" is recorded up front.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QWidget

from reviewdesk.record.model import ACTION_STATUSES, Action
from reviewdesk.record.wording import action_details, plural, status_label
from reviewdesk.ui import style
from reviewdesk.ui.meeting import edits
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import Card, label, muted, section_heading
from reviewdesk.ui.widgets.slicing import Slicer

ROWS_PER_STEP = 4  # carried actions made per slice step

GUIDANCE = (
    "Actions carried over from earlier reviews. Go through them first: mark what was done "
    "since, or cancel what no longer applies; the rest stays open on the Actions step."
)


class CarriedActions(Card):
    """The carried-over actions with a status each; hidden when nothing was carried over."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Open from last time")
        self.heading = section_heading("Open from last time")
        self.body.addWidget(self.heading)
        self.body.addWidget(muted(GUIDANCE))
        self.grid = QGridLayout()
        style.scaled(self.grid, hspacing=12, vspacing=6)
        self.body.addLayout(self.grid)
        self._statuses: dict[int, QComboBox] = {}
        self._details: dict[int, QWidget] = {}
        self._shown: list[int] | None = None
        # the rows come in slices after the page shows (a big review carries many actions)
        self.slicer = Slicer(self)
        self.reload()
        session.changed.connect(self._changed)
        session.lock_changed.connect(lambda _locked: self.reload(rebuild=True))

    def _changed(self, change: Change) -> None:
        if change in (Change.ACTIONS, Change.SIGNOFF):
            self.reload()

    def actions(self) -> list[Action]:
        return self.session.meeting.carried_actions

    @property
    def statuses(self) -> dict[int, QComboBox]:
        """Each carried action's status field by action id (every row made first)."""
        self.slicer.finish()
        return self._statuses

    @property
    def details(self) -> dict[int, QWidget]:
        """Each carried action's owner and due date by action id (every row made first)."""
        self.slicer.finish()
        return self._details

    def reload(self, rebuild: bool = False) -> None:
        meeting = self.session.meeting
        actions = self.actions()
        ids = [a.id or 0 for a in actions]
        if rebuild or ids != self._shown:
            self._build(actions)
        overdue = 0
        for action in actions:
            overdue += action.is_overdue(meeting.date)
            if (action.id or 0) in self._statuses:
                self._show_row(action)
        title = "Open from last time"
        if actions:
            title += f" ({plural(len(actions), 'action')}"
            title += f", {overdue} overdue)" if overdue else ")"
        self.heading.setText(title)
        self.setVisible(bool(actions))

    def _show_row(self, action: Action) -> None:
        date = self.session.meeting.date
        combo = self._statuses[action.id or 0]
        combo.setCurrentIndex(max(0, combo.findData(action.status)))
        combo.setEnabled(not self.session.readonly)
        details = self._details[action.id or 0]
        details.setText(action_details(action, date))
        style.set_property(details, "alert", action.is_overdue(date))  # red: overdue

    def _build(self, actions: list[Action]) -> None:
        self.slicer.cancel()
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self._statuses, self._details = {}, {}
        self._shown = [a.id or 0 for a in actions]
        for start in range(0, len(actions), ROWS_PER_STEP):
            ids = self._shown[start : start + ROWS_PER_STEP]
            self.slicer.add(lambda s=start, i=ids: self._add_rows(s, i))
        self.grid.setColumnStretch(0, 1)

    def _add_rows(self, start: int, ids: list[int]) -> None:
        """Rows of the actions ``ids`` (from row ``start``), as they are in the record now."""
        now = {a.id or 0: a for a in self.actions()}
        for row, action_id in enumerate(ids, start):
            action = now.get(action_id)
            if action is None:
                continue
            text = label(action.text, wrap=True)
            details = label("", "muted", wrap=True)
            combo = QComboBox()
            combo.setAccessibleName(f"Status of {action.text}")
            for status in ACTION_STATUSES:
                combo.addItem(status_label(status), status)
            combo.activated.connect(
                lambda _i, a=action.id, c=combo: self.set_status(a, c.currentData())
            )
            self._statuses[action_id] = combo
            self._details[action_id] = details
            self.grid.addWidget(text, 2 * row, 0)
            self.grid.addWidget(combo, 2 * row, 1, 2, 1)
            self.grid.addWidget(details, 2 * row + 1, 0)
            if self.isVisible():  # now, not in a later turn as a layout does
                for widget in (text, combo, details):
                    widget.show()
            self._show_row(action)

    def set_status(self, action_id: int | None, status: str) -> None:
        if action_id is not None:
            edits.update_action(self.session, action_id, status=status)
            self.reload()  # the stored status, also after a refusal
