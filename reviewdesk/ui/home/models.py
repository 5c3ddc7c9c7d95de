"""Table models of the home screen: partnerships with their latest scores, and their reviews."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reviewdesk import look
from reviewdesk.record.model import Coverage, MeetingSummary, Partnership
from reviewdesk.record.wording import (
    NO_VALUE,
    average_text,
    coverage_text,
    date_short,
    meeting_status_text,
    partial_note,
    reopened_status,
    side_text,
)
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.ui.widgets.list_model import Index, ListTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
TREND_EPSILON = 0.05
OPEN_COLUMN = 6  # "Open actions", then "Overdue"
REASON_CHARS = 28  # a reopening's reason in the reviews' status column (whole in its tooltip)


def trend(latest: float | None, previous: float | None) -> str:
    """▲ when the average rose since the previous review, ▼ when it fell, else nothing."""
    if latest is None or previous is None or abs(latest - previous) < TREND_EPSILON:
        return ""
    return "▲" if latest > previous else "▼"


def score_text(value: float | None, arrow: str = "", partial: bool = False) -> str:
    """'4.0 ▲', or '4.0 (partial)' for an average over a review not wholly rated."""
    if value is None:
        return NO_VALUE
    return f"{average_text(value)} {PARTIAL if partial else arrow}".strip()


PARTIAL = "(partial)"


@dataclass
class PartnershipRow:
    partnership: Partnership
    reviews: int = 0
    last_date: dt.date | None = None
    client_average: float | None = None
    provider_average: float | None = None
    client_trend: str = ""
    provider_trend: str = ""
    open_actions: int | None = 0  # None until counted (filled in just after the first paint)
    overdue: int | None = 0
    coverage: Coverage | None = None  # of the review the averages come from

    @property
    def id(self) -> int:
        return self.partnership.id or 0

    @property
    def partial(self) -> bool:
        return self.coverage is not None and self.coverage.partial


def _latest_two(values: list[float | None]) -> tuple[float | None, float | None]:
    known = [v for v in values if v is not None]
    latest = known[-1] if known else None
    previous = known[-2] if len(known) > 1 else None
    return latest, previous


def partnership_rows(
    portfolio: Portfolio, today: dt.date, *, with_counts: bool = True
) -> list[PartnershipRow]:
    """One row per partnership: reviews, last date, latest averages with trend, open actions.

    A partial review (not every question rated by both sides) is never compared: its averages
    say "(partial)" and no arrow claims a rise or a fall from or to it.
    ``with_counts=False`` leaves the open and overdue counts as None (see ``set_counts``).
    """
    overview = portfolio.partnership_overview()
    counts = portfolio.open_action_counts(today) if with_counts else None
    rows = []
    for p in portfolio.partnerships():
        reviews, last_date, averages = overview.get(p.id or 0, (0, None, []))
        oldest_first = list(reversed(averages))  # the query gives newest first
        whole = all(not a.coverage.partial for a in oldest_first)
        client, client_prev = _latest_two([a.client for a in oldest_first])
        provider, provider_prev = _latest_two([a.provider for a in oldest_first])
        open_actions, overdue = (None, None) if counts is None else counts.get(p.id or 0, (0, 0))
        rows.append(
            PartnershipRow(
                partnership=p,
                reviews=reviews,
                last_date=last_date,
                client_average=client,
                provider_average=provider,
                client_trend=trend(client, client_prev) if whole else "",
                provider_trend=trend(provider, provider_prev) if whole else "",
                open_actions=open_actions,
                overdue=overdue,
                coverage=oldest_first[-1].coverage if oldest_first else None,
            )
        )
    return rows


class PartnershipModel(ListTableModel[PartnershipRow]):
    """Partnerships as rows for the home table."""

    HEADERS = (
        "Partnership",
        "Service",
        "Reviews",
        "Last review",
        "Client avg",
        "Provider avg",
        "Open actions",
        "Overdue",
    )

    def set_rows(self, rows: list[PartnershipRow]) -> None:
        self._reset(rows)

    def set_counts(self, counts: dict[int, tuple[int, int]]) -> None:
        """Fill in the open and overdue columns (partnership id -> (open, overdue))."""
        for r in self._rows:
            r.open_actions, r.overdue = counts.get(r.id, (0, 0))
        if self._rows:
            self.dataChanged.emit(
                self.index(0, OPEN_COLUMN), self.index(len(self._rows) - 1, OPEN_COLUMN + 1)
            )

    def row_at(self, row: int) -> PartnershipRow:
        return self._rows[row]

    def row_of(self, partnership_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == partnership_id:
                return i
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            values = (
                r.partnership.label,
                r.partnership.service,
                str(r.reviews),
                date_short(r.last_date),
                score_text(r.client_average, r.client_trend, r.partial),
                score_text(r.provider_average, r.provider_trend, r.partial),
                "…" if r.open_actions is None else str(r.open_actions),
                "…" if r.overdue is None else (str(r.overdue) if r.overdue else NO_VALUE),
            )
            return values[col] if 0 <= col < len(values) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 4:
                return QColor(look.CLIENT)
            if col == 5:
                return QColor(look.PROVIDER)
            if col == 7 and r.overdue:
                return QColor(look.GAP)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col >= 2:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 1):
            return r.partnership.label if col == 0 else r.partnership.service or None
        if role == Qt.ItemDataRole.ToolTipRole and col in (4, 5):
            arrow = r.client_trend if col == 4 else r.provider_trend
            side = side_text("client" if col == 4 else "provider")
            if r.partial and r.coverage is not None:
                return (
                    f"{side} average of a partial review ({coverage_text(r.coverage)}): "
                    "not compared with other reviews"
                )
            if arrow == "▲":
                return f"{side} average rose since the previous review"
            if arrow == "▼":
                return f"{side} average fell since the previous review"
            return f"{side} average of the latest rated review"
        if role == ID_ROLE:
            return r.id
        return None


class ReviewModel(ListTableModel[MeetingSummary]):
    """The reviews (meetings) of one partnership, newest first."""

    HEADERS = ("Date", "Title", "Status", "Client", "Provider", "Rated")

    def set_meetings(self, meetings: list[MeetingSummary]) -> None:
        self._reset(sorted(meetings, key=lambda m: (m.date, m.id), reverse=True))

    def meeting_at(self, row: int) -> MeetingSummary:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        m = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            values = (
                date_short(m.date),
                m.title,
                reopened_status(m.reopened, REASON_CHARS)
                if m.reopened
                else meeting_status_text(m.status) + (" ✓" if m.status == "signed_off" else ""),
                score_text(m.client_average),
                score_text(m.provider_average),
                f"{m.rated} of {m.questions}" if m.questions else NO_VALUE,
            )
            return values[col] if 0 <= col < len(values) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == 3:
                return QColor(look.CLIENT)
            if col == 4:
                return QColor(look.PROVIDER)
            if col == 2 and m.status == "signed_off":
                return QColor(look.OK_GREEN)
            if col == 5 and m.coverage.partial:
                return QColor(look.AMBER)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col >= 3:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 2 and m.reopened:
            return reopened_status(m.reopened)
        if role == Qt.ItemDataRole.ToolTipRole and col in (3, 4, 5) and m.questions:
            note = partial_note(m.coverage)
            return note or f"Whole review: {coverage_text(m.coverage)}"
        if role == ID_ROLE:
            return m.id
        return None
