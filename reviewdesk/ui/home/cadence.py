"""The review cadence on the home page: each partnership's next review (the column, overdue in
words), how the columns sort, and the small dialog that sets a partnership's tier and interval."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.model import Partnership
from reviewdesk.record.scorecard import MAX_INTERVAL_MONTHS, TIER_MONTHS, TIERS, next_review_due
from reviewdesk.record.wording import NO_VALUE, date_short, plural
from reviewdesk.ui.widgets.cards import label, muted

if TYPE_CHECKING:
    from reviewdesk.store.portfolio import Portfolio
    from reviewdesk.ui.home.models import PartnershipRow

NEVER = "9999-12-31"  # sorts partnerships without a cadence after every date


def next_due(row: PartnershipRow) -> dt.date | None:
    p = row.partnership
    return next_review_due(row.last_date, p.tier, p.review_interval_months)


def next_text(row: PartnershipRow, today: dt.date) -> str:
    """'27 Feb 2027', '27 Aug 2026 · overdue', or '–' without a cadence or a review yet."""
    return words.next_review_text(next_due(row), today)


def is_overdue(row: PartnershipRow, today: dt.date) -> bool:
    due = next_due(row)
    return due is not None and due < today


def next_tip(row: PartnershipRow, today: dt.date) -> str:
    """The cadence behind the date, and how to set one."""
    p = row.partnership
    cadence = words.cadence_text(p.tier, p.review_interval_months)
    if next_due(row) is None:
        if row.last_date is None:
            return f"{cadence}; no review yet"
        return f"{cadence}: set one with “Review cadence…”"
    lateness = ""
    if is_overdue(row, today):
        days = (today - next_due(row)).days  # type: ignore[operator]
        lateness = f" — overdue by {plural(days, 'day')}"
    return f"{cadence}, after the last review of {date_short(row.last_date)}{lateness}"


def sort_key(row: PartnershipRow, column: int) -> Any:
    """What a column sorts by: names without case, numbers as numbers, dates in order (a missing
    figure first, a missing next review last)."""
    keys: tuple[Any, ...] = (
        row.partnership.label.casefold(),
        row.partnership.service.casefold(),
        row.reviews,
        row.last_date.isoformat() if row.last_date else "",
        -1.0 if row.client_average is None else row.client_average,
        -1.0 if row.provider_average is None else row.provider_average,
        row.open_actions or 0,
        row.overdue or 0,
        due.isoformat() if (due := next_due(row)) else NEVER,
    )
    return keys[column] if 0 <= column < len(keys) else None


class CadenceDialog(QDialog):
    """A partnership's tier and, if it differs from the tier's, its own review interval."""

    def __init__(
        self,
        portfolio: Portfolio,
        partnership: Partnership,
        last_review: dt.date | None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.portfolio = portfolio
        self.partnership = partnership
        self.last_review = last_review
        self.setWindowTitle("Review cadence")
        layout = QVBoxLayout(self)
        layout.addWidget(label(partnership.label, "heading", wrap=True))
        layout.addWidget(
            muted(
                "How often this partnership meets for its review. The home page shows when the "
                "next one is due, and New review proposes that date."
            )
        )
        form = QFormLayout()
        self.tier = QComboBox()
        self.tier.setAccessibleName("Tier")
        self.tier.addItem(f"{NO_VALUE} not set", None)
        for tier in TIERS:
            months = TIER_MONTHS[tier]
            every = "every month" if months == 1 else f"every {plural(months, 'month')}"
            self.tier.addItem(f"{words.tier_text(tier)} ({every})", tier)
        self.tier.setCurrentIndex(max(0, self.tier.findData(partnership.tier)))
        form.addRow("&Tier", self.tier)
        self.months = QSpinBox()
        self.months.setAccessibleName("Own interval in months")
        self.months.setRange(0, MAX_INTERVAL_MONTHS)
        self.months.setSpecialValueText("the tier's")
        self.months.setSuffix(" months")
        self.months.setValue(partnership.review_interval_months or 0)
        form.addRow("Own &interval", self.months)
        layout.addLayout(form)
        self.preview = muted("")
        self.preview.setAccessibleName("Next review")
        layout.addWidget(self.preview)
        self.error = label("", "error", wrap=True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.tier.currentIndexChanged.connect(self._show_preview)
        self.months.valueChanged.connect(self._show_preview)
        self._show_preview()

    def chosen(self) -> tuple[str | None, int | None]:
        return self.tier.currentData(), (self.months.value() or None)

    def _show_preview(self, *_: object) -> None:
        tier, months = self.chosen()
        cadence = words.cadence_text(tier, months)
        due = next_review_due(self.last_review, tier, months)
        if due is None:
            when = "no review yet" if self.last_review is None else "no next review proposed"
            self.preview.setText(f"{cadence}: {when}.")
        else:
            self.preview.setText(f"{cadence}: next review due {date_short(due)}.")

    def accept(self) -> None:
        tier, months = self.chosen()
        try:
            assert self.partnership.id is not None
            self.portfolio.set_cadence(self.partnership.id, tier, months)
        except ReviewdeskError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


def ask_cadence(parent: QWidget | None, portfolio: Portfolio, partnership_id: int) -> bool:
    """The partnership's tier and interval in the dialog; True when saved."""
    meetings = portfolio.meetings(partnership_id)
    last = max((m.date for m in meetings), default=None)
    dialog = CadenceDialog(portfolio, portfolio.partnership(partnership_id), last, parent)
    saved = dialog.exec() == CadenceDialog.DialogCode.Accepted
    dialog.deleteLater()
    return saved
