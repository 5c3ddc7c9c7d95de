"""Home: the portfolio's partnerships and their reviews, or a first-run screen for an empty file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.ui import messages, style
from reviewdesk.ui.home.models import ID_ROLE, PartnershipModel, ReviewModel, partnership_rows
from reviewdesk.ui.widgets.cards import label

PURPOSE = (
    "reviewdesk leads a client and its outsourcing provider through their quarterly partnership "
    "review: both sides rate each question, gaps show at once, decisions and actions are saved "
    "as you type, and the signed-off minutes export to PDF."
)


class KeepColourDelegate(QStyledItemDelegate):
    """A selected row keeps each cell's own text colour (side colours, red overdue counts);
    the light selection tint alone shows the selection."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        if colour is not None:
            option.palette.setBrush(QPalette.ColorRole.HighlightedText, QBrush(colour))


def _table(model, name: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setItemDelegate(KeepColourDelegate(view))
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(style.px(36))
    view.horizontalHeader().setHighlightSections(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move between rows
    return view


class HomePage(QWidget):
    """The portfolio screen; ``open_meeting(id)`` when the user opens or creates a review."""

    open_meeting = Signal(int)
    new_review_requested = Signal(int)  # the partnership to propose, or -1 for a new one

    def __init__(self, portfolio: Portfolio, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self.db_path = db_path
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.empty = self._build_empty()
        self.listing = self._build_listing()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.listing)
        self.refresh()

    # ---- building ------------------------------------------------------------------------

    def _build_empty(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        style.scaled(layout, margins=48)
        layout.addStretch(1)
        title = label("Partnership reviews", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        purpose = label(PURPOSE, "guidance", wrap=True)
        purpose.setAlignment(Qt.AlignmentFlag.AlignCenter)
        style.scaled(purpose, fixed_width=600)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(purpose)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(style.px(24))
        buttons = QHBoxLayout()
        style.scaled(buttons, spacing=16)
        buttons.addStretch(1)
        self.sample_button = QPushButton("Open a sample partnership")
        self.sample_button.setProperty("role", "big")
        self.sample_button.setAccessibleName("Open a sample partnership")
        self.sample_button.clicked.connect(self.load_sample)
        self.new_partnership_button = QPushButton("New partnership")
        self.new_partnership_button.setProperty("role", "big")
        self.new_partnership_button.setAccessibleName("New partnership")
        self.new_partnership_button.clicked.connect(lambda: self.new_review(new_partnership=True))
        buttons.addWidget(self.sample_button)
        buttons.addWidget(self.new_partnership_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    def _build_listing(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        style.scaled(layout, margins=16, spacing=12)
        head = QHBoxLayout()
        style.scaled(head, spacing=8)
        head.addWidget(label("Partnerships", "title"), 1)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by client, provider or service…")
        self.filter.setAccessibleName("Filter partnerships")
        self.filter.setClearButtonEnabled(True)
        style.scaled(self.filter, min_width=280)
        head.addWidget(self.filter)
        self.new_button = QPushButton("+ New review")
        self.new_button.setProperty("role", "primary")
        self.new_button.setAccessibleName("New review")
        self.new_button.clicked.connect(lambda: self.new_review())
        head.addWidget(self.new_button)
        layout.addLayout(head)

        self.partnership_model = PartnershipModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.partnership_model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.partnership_view = _table(self.proxy, "Partnerships")
        header = self.partnership_view.horizontalHeader()
        header.setResizeContentsPrecision(40)  # size columns from 40 rows, not every one
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.partnership_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.partnership_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.partnership_view.selectionModel().currentRowChanged.connect(self._partnership_chosen)
        layout.addWidget(self.partnership_view, 1)

        sub = QHBoxLayout()
        self.reviews_title = label("Reviews", "subtitle")
        sub.addWidget(self.reviews_title, 1)
        self.open_button = QPushButton("Open")
        self.open_button.setProperty("role", "primary")
        self.open_button.setAccessibleName("Open review")
        self.open_button.clicked.connect(self.open_selected)
        sub.addWidget(self.open_button)
        layout.addLayout(sub)
        self.review_model = ReviewModel(parent=self)
        self.review_view = _table(self.review_model, "Reviews")
        rh = self.review_view.horizontalHeader()
        rh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.review_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.review_view.doubleClicked.connect(lambda _index: self.open_selected())
        self.review_view.activated.connect(lambda _index: self.open_selected())
        self.review_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_buttons()
        )
        from reviewdesk.ui.home.insights import PartnershipInsights

        self.insights = PartnershipInsights()
        style.scaled(self.insights, min_width=440)
        bottom = QHBoxLayout()
        style.scaled(bottom, spacing=12)
        bottom.addWidget(self.review_view, 3)
        bottom.addWidget(self.insights, 2)
        layout.addLayout(bottom, 2)
        return page

    def rescale(self) -> None:
        """Row heights follow View → Larger / Smaller text."""
        for view in (self.partnership_view, self.review_view):
            view.verticalHeader().setDefaultSectionSize(style.px(36))

    # ---- state ---------------------------------------------------------------------------

    def refresh(self, select_partnership: int | None = None) -> None:
        """Re-read the portfolio; keep (or move to) the selected partnership.

        A file whose rows break the record's rules shows what could be read and a dialog naming
        the row (the File menu, e.g. Restore from backup, stays usable).
        """
        keep = select_partnership or self.selected_partnership()
        today = dt.date.today()
        try:
            rows = partnership_rows(self.portfolio, today, with_counts=False)
        except ReviewdeskError as exc:  # not the first-run screen: the file is not empty
            self.partnership_model.set_rows([])
            self.review_model.set_meetings([])
            self.stack.setCurrentWidget(self.listing)
            self._update_buttons()
            messages.show_error(self, "The portfolio cannot be listed", str(exc))
            return
        self.partnership_model.set_rows(rows)
        # the open/overdue counts read every action's history: fill them in after the paint
        QTimer.singleShot(0, self, lambda: self._fill_counts(today))
        self.stack.setCurrentWidget(self.listing if rows else self.empty)
        if rows:
            self.select_partnership(keep if keep is not None else rows[0].id)
        else:
            self.review_model.set_meetings([])
        self._update_buttons()

    def _fill_counts(self, today: dt.date) -> None:
        try:
            counts = self.portfolio.open_action_counts(today)
        except sqlite3.Error:  # the portfolio was closed or switched meanwhile
            return
        self.partnership_model.set_counts(counts)

    def selected_partnership(self) -> int | None:
        index = self.partnership_view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_partnership(self, partnership_id: int) -> None:
        row = self.partnership_model.row_of(partnership_id)
        if row is None:
            row = 0
        source = self.partnership_model.index(row, 0)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return
        self.partnership_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._show_reviews(partnership_id=index.data(ID_ROLE))

    def _partnership_chosen(self, current, _previous) -> None:
        self._show_reviews(current.data(ID_ROLE) if current.isValid() else None)

    def _show_reviews(self, partnership_id: int | None) -> None:
        try:
            self.insights.set_partnership(self.portfolio, partnership_id)
            if partnership_id is None:
                self.review_model.set_meetings([])
                self.reviews_title.setText("Reviews")
            else:
                p = self.portfolio.partnership(partnership_id)
                self.review_model.set_meetings(self.portfolio.meetings(partnership_id))
                self.reviews_title.setText(f"Reviews of {p.label}")
                if self.review_model.rowCount():
                    self.review_view.selectRow(0)
        except ReviewdeskError as exc:
            self.insights.set_partnership(None, None)
            messages.show_error(self, "The partnership cannot be shown", str(exc))
        self._update_buttons()

    def selected_meeting(self) -> int | None:
        index = self.review_view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_meeting() is not None)
        self.new_button.setEnabled(not self.portfolio.readonly)
        self.sample_button.setEnabled(not self.portfolio.readonly)
        self.new_partnership_button.setEnabled(not self.portfolio.readonly)

    # ---- actions -------------------------------------------------------------------------

    def open_selected(self) -> None:
        meeting_id = self.selected_meeting()
        if meeting_id is not None:
            self.open_meeting.emit(meeting_id)

    def new_review(self, new_partnership: bool = False) -> None:
        """Ask the shell for the New-review dialog (of the chosen partnership, or a new one)."""
        self.new_review_requested.emit(
            -1 if new_partnership else (self.selected_partnership() or -1)
        )

    def review_created(self, meeting_id: int | None, partnership_id: int | None) -> None:
        """After the New-review dialog: show the partnership, and open the review if made."""
        if meeting_id is not None:
            self.refresh(select_partnership=partnership_id)
            self.open_meeting.emit(meeting_id)
        else:
            self.refresh()

    def load_sample(self) -> None:
        """Load the demo partnership and show it."""
        try:
            from reviewdesk.app.demo import load_demo

            meeting_ids = load_demo(self.portfolio)
        except ReviewdeskError as exc:
            messages.show_error(self, "Sample partnership", str(exc))
            return
        pid = self.portfolio.meeting(meeting_ids[-1]).partnership.id if meeting_ids else None
        self.refresh(select_partnership=pid)
