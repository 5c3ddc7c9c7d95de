"""Table models of the home screen: partnerships with their latest scores, and their reviews."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

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
from reviewdesk.store.overview import Figures
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.ui.home import cadence
from reviewdesk.ui.widgets.list_model import Index, ListTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2  # what the filter matches: names and service
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # what a column sorts by (ui.home.cadence.sort_key)
TREND_EPSILON = 0.05
SERVICE_COLUMN = 1
REVIEWS_COLUMN = 2  # "Reviews", then "Last review"
OPEN_COLUMN = 6  # "Open actions", then "Overdue"
NEXT_COLUMN = 8  # "Next review"
# On a narrow window the columns that matter least give way, first ones first: the reviews
# below repeat the count and the last date, the service is context; the next review stays.
GIVE_WAY = (REVIEWS_COLUMN, REVIEWS_COLUMN + 1, SERVICE_COLUMN, OPEN_COLUMN, OPEN_COLUMN + 1)
REASON_CHARS = 28  # a reopening's reason in the reviews' status column (whole in its tooltip)
PARTIAL = "(partial)"


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


@dataclass
class PartnershipRow:
    """A partnership and its figures; ``known`` is False until they have been read (the home
    page lists the partnerships first and fills the figures in as they arrive)."""

    partnership: Partnership
    reviews: int = 0
    last_date: dt.date | None = None
    client_average: float | None = None
    provider_average: float | None = None
    client_trend: str = ""
    provider_trend: str = ""
    open_actions: int | None = 0  # None until counted
    overdue: int | None = 0
    known: bool = True
    coverage: Coverage | None = None  # of the review the averages come from

    @property
    def id(self) -> int:
        return self.partnership.id or 0

    @property
    def partial(self) -> bool:
        return self.coverage is not None and self.coverage.partial

    def set_figures(self, figures: Figures) -> None:
        oldest_first = list(reversed(figures.averages))  # the store gives newest first
        client, client_prev = _latest_two([a[0] for a in oldest_first])
        provider, provider_prev = _latest_two([a[1] for a in oldest_first])
        self.reviews, self.last_date = figures.reviews, figures.last_date
        self.client_average, self.provider_average = client, provider
        # a partial review (not every question rated by both sides) is never compared: its
        # averages say "(partial)" and no arrow claims a rise or a fall from or to it
        whole = all(not a.coverage.partial for a in oldest_first)
        self.client_trend = trend(client, client_prev) if whole else ""
        self.provider_trend = trend(provider, provider_prev) if whole else ""
        self.coverage = oldest_first[-1].coverage if oldest_first else None
        self.open_actions, self.overdue = figures.open_actions, figures.overdue
        self.known = True


def _latest_two(values: list[float | None]) -> tuple[float | None, float | None]:
    known = [v for v in values if v is not None]
    latest = known[-1] if known else None
    previous = known[-2] if len(known) > 1 else None
    return latest, previous


def unknown_row(partnership: Partnership) -> PartnershipRow:
    """A partnership whose figures are still being read (shown as '…')."""
    return PartnershipRow(partnership, open_actions=None, overdue=None, known=False)


def partnership_rows(portfolio: Portfolio, today: dt.date) -> list[PartnershipRow]:
    """One row per partnership: reviews, last date, latest averages with trend, open actions
    (every figure read here, on this thread: the window reads them off its UI thread)."""
    figures = portfolio.partnership_figures(today)
    rows = []
    for p in portfolio.partnerships():
        row = unknown_row(p)
        row.set_figures(figures.get(p.id or 0, Figures()))
        rows.append(row)
    return rows


_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
WAITING = "…"  # a figure still being read


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
        "Next review",
    )
    COLOURED = (4, 5, 7, NEXT_COLUMN)  # columns with a text colour of their own
    # the widest text a figure column shows (its width is measured from it)
    WIDEST: ClassVar[dict[int, str]] = {
        2: "8888",
        3: date_short(dt.date(2026, 9, 30)),
        4: f"8.8 {PARTIAL}",
        5: f"8.8 {PARTIAL}",
        6: "88888",
        7: "88888",
        NEXT_COLUMN: f"{date_short(dt.date(2026, 9, 30))} · overdue",
    }
    today: dt.date | None = None  # for "overdue" (the day the rows were read)

    def set_rows(self, rows: list[PartnershipRow]) -> None:
        self._reset(rows)

    def rows(self) -> list[PartnershipRow]:
        return list(self._rows)

    def set_figures(self, figures: dict[int, Figures]) -> None:
        """Fill in the figures of the partnerships in ``figures`` (partnership id -> figures)."""
        changed = [i for i, r in enumerate(self._rows) if r.id in figures]
        for i in changed:
            self._rows[i].set_figures(figures[self._rows[i].id])
        if changed:
            self.dataChanged.emit(
                self.index(min(changed), 2), self.index(max(changed), len(self.HEADERS) - 1)
            )

    def set_partnership(self, partnership: Partnership) -> bool:
        """Show a listed partnership as read again (its name, service, cadence); False when it
        is not listed."""
        row = self.row_of(partnership.id or 0)
        if row is None:
            return False
        self._rows[row].partnership = partnership
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        return True

    def row_at(self, row: int) -> PartnershipRow:
        return self._rows[row]

    def row_of(self, partnership_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == partnership_id:
                return i
        return None

    def _text(self, r: PartnershipRow, col: int) -> str | None:
        if col == 0:
            return r.partnership.label
        if col == 1:
            return r.partnership.service
        if not r.known and col < OPEN_COLUMN:
            return WAITING
        if col == 2:
            return str(r.reviews)
        if col == 3:
            return date_short(r.last_date)
        if col == 4:
            return score_text(r.client_average, r.client_trend, r.partial)
        if col == 5:
            return score_text(r.provider_average, r.provider_trend, r.partial)
        if col == OPEN_COLUMN:
            return WAITING if r.open_actions is None else str(r.open_actions)
        if col == OPEN_COLUMN + 1:
            return WAITING if r.overdue is None else (str(r.overdue) if r.overdue else NO_VALUE)
        return None

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not 0 <= row < len(self._rows) or not index.isValid():
            return None
        r = self._rows[row]
        col = index.column()
        if col == NEXT_COLUMN or role == SORT_ROLE:
            return self._cadence(r, col, role)
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._text(r, col)
        if role == ID_ROLE:
            return r.id
        if role == FILTER_ROLE:
            return f"{r.partnership.label} {r.partnership.service}" if col == 0 else None
        if role == _FOREGROUND:
            if col == 4:
                return QColor(look.CLIENT)
            if col == 5:
                return QColor(look.PROVIDER)
            if col == 7 and r.overdue:
                return QColor(look.GAP)
            return None
        if role == _ALIGNMENT:
            return _CENTRE if col >= 2 else _LEFT
        if role == _TOOLTIP:
            return self._tooltip(r, col)
        return None

    def _cadence(self, r: PartnershipRow, col: int, role: int) -> Any:
        """The Next review column ('overdue' in words and red), and every column's sort key."""
        today = self.today or dt.date.today()
        if role == SORT_ROLE:
            return cadence.sort_key(r, col)
        if role in (_DISPLAY, _ACCESSIBLE):
            return cadence.next_text(r, today) if r.known else WAITING
        if role == _FOREGROUND and r.known and cadence.is_overdue(r, today):
            return QColor(look.GAP)
        if role == _ALIGNMENT:
            return _CENTRE
        if role == _TOOLTIP:
            return cadence.next_tip(r, today) if r.known else None
        if role == ID_ROLE:
            return r.id
        return None

    @staticmethod
    def _tooltip(r: PartnershipRow, col: int) -> str | None:
        if col in (0, 1):
            return r.partnership.label if col == 0 else r.partnership.service or None
        if col in (4, 5):
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
        return None


def _review_texts(m: MeetingSummary) -> tuple[str, ...]:
    return (
        date_short(m.date),
        m.title,
        reopened_status(m.reopened, REASON_CHARS)
        if m.reopened
        else meeting_status_text(m.status) + (" ✓" if m.status == "signed_off" else ""),
        score_text(m.client_average),
        score_text(m.provider_average),
        f"{m.rated} of {m.questions}" if m.questions else NO_VALUE,
    )


class ReviewModel(ListTableModel[MeetingSummary]):
    """The reviews (meetings) of one partnership, newest first."""

    HEADERS = ("Date", "Title", "Status", "Client", "Provider", "Rated")
    GIVE_WAY = (5, 4, 3, 2)  # on a narrow page: coverage, the scores (in the chart beside), status
    COLOURED = (2, 3, 4, 5)
    # the widest text of the columns sized from it (the title stretches)
    WIDEST: ClassVar[dict[int, str]] = {
        0: date_short(dt.date(2026, 9, 30)),
        2: meeting_status_text("in_progress") + " ✓",
        3: "Provider",
        4: "Provider",
        5: "88 of 88",
    }

    def __init__(self, rows: list[MeetingSummary] | None = None, parent=None):
        super().__init__(rows, parent)
        self._texts = [_review_texts(m) for m in self._rows]

    def set_meetings(self, meetings: list[MeetingSummary]) -> None:
        rows = sorted(meetings, key=lambda m: (m.date, m.id), reverse=True)
        self._texts = [_review_texts(m) for m in rows]  # worded once, not at every paint
        self._reset(rows)

    def meeting_at(self, row: int) -> MeetingSummary:
        return self._rows[row]

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        row = index.row()
        if not 0 <= row < len(self._rows) or not index.isValid():
            return None
        col = index.column()
        if role in (_DISPLAY, _ACCESSIBLE):
            texts = self._texts[row]
            return texts[col] if 0 <= col < len(texts) else None
        if role == ID_ROLE:
            return self._rows[row].id
        if role == _FOREGROUND:
            if col == 3:
                return QColor(look.CLIENT)
            if col == 4:
                return QColor(look.PROVIDER)
            if col == 2 and self._rows[row].status == "signed_off":
                return QColor(look.OK_GREEN)
            if col == 5 and self._rows[row].coverage.partial:
                return QColor(look.AMBER)
            return None
        if role == _ALIGNMENT:
            return _CENTRE if col >= 3 else _LEFT
        m = self._rows[row]
        if role == _TOOLTIP and col == 2 and m.reopened:
            return reopened_status(m.reopened)
        if role == _TOOLTIP and col in (3, 4, 5) and m.questions:
            note = partial_note(m.coverage)
            return note or f"Whole review: {coverage_text(m.coverage)}"
        return None
