"""Home: the portfolio's partnerships and their reviews, or a first-run screen for an empty file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.store.overview import Figures, partnership_figures
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.ui import messages, ops, style
from reviewdesk.ui.home.cadence import ask_cadence
from reviewdesk.ui.home.insights import TURN_MS, PartnershipInsights
from reviewdesk.ui.home.models import (
    FILTER_ROLE,
    GIVE_WAY,
    ID_ROLE,
    SERVICE_COLUMN,
    SORT_ROLE,
    PartnershipModel,
    PartnershipRow,
    ReviewModel,
    unknown_row,
)
from reviewdesk.ui.widgets.cards import label
from reviewdesk.ui.widgets.table_fit import ColumnFitter

PURPOSE = (
    "reviewdesk leads a client and its outsourcing provider through their quarterly partnership "
    "review: both sides rate each question, gaps show at once, decisions and actions are saved "
    "as you type, and the signed-off minutes export to PDF."
)
FIRST_BATCH = 60  # the rows read first (those in view), before the whole portfolio's
READ_HERE = 20  # at most this many partnerships' figures are read on the UI thread


_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText


class KeepColourDelegate(QStyledItemDelegate):
    """A selected row keeps each cell's own text colour (side colours, red overdue counts);
    the light selection tint alone shows the selection. Set only on the coloured columns."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        colour = index.data(_FOREGROUND)
        if colour is not None:
            option.palette.setBrush(_HIGHLIGHTED_TEXT, QBrush(colour))


def _table(model, name: str, coloured: tuple[int, ...]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    delegate = KeepColourDelegate(view)
    for column in coloured:
        view.setItemDelegateForColumn(column, delegate)
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
    listed = Signal()  # built in slices: the partnerships (or the first-run screen) are in place
    built = Signal()  # built in slices: the last part is in place

    def __init__(
        self,
        portfolio: Portfolio,
        db_path: Path,
        parent: QWidget | None = None,
        *,
        in_slices: bool = False,
    ):
        """``in_slices``: the list first, then the reviews, the insights card and its parts,
        each on a turn of the event loop of its own (start-up: the window answers between
        them); the rest keep their place, empty, until built. Reading ``review_view`` or
        ``insights`` finishes the page at once."""
        super().__init__(parent)
        self.portfolio = portfolio
        self.db_path = db_path
        self._generation = 0  # figures read later than a row's own are newer
        self._row_generation: dict[int, int] = {}
        self._loaded: tuple[dt.date, int] | None = None  # (day, data_version) of a whole read
        self.figures_op: ops.Op | None = None  # the whole portfolio's figures, while read
        self.stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.empty: QWidget | None = None  # the first-run screen, built when first shown
        self._slices: list[Callable[[], None]] = []  # the parts still to build, in order
        self._review_view: QTableView | None = None
        self.listing = self._build_listing()
        self.stack.addWidget(self.listing)
        if in_slices:
            self.listing.ensurePolished()  # styled in this slice, listed in the next
            self._slices = [self._list, self._build_reviews, self._build_insights]
            self._slices += PartnershipInsights.AREA_PARTS * [self._build_insights_part]
            QTimer.singleShot(TURN_MS, self, self._next_slice)
        else:
            self.refresh()
            self._build_reviews()
            QTimer.singleShot(0, self, lambda: self.insights)

    # ---- building in slices --------------------------------------------------------------

    @property
    def building(self) -> bool:
        """True while parts of the page wait for their turn of the event loop."""
        return bool(self._slices)

    def _next_slice(self) -> None:
        if not shiboken6.isValid(self) or not self._slices:
            return
        self._slices.pop(0)()
        if self._slices:
            QTimer.singleShot(TURN_MS, self, self._next_slice)
        else:
            self.built.emit()

    def finish_building(self) -> None:
        """Build every part still waiting, now."""
        if not self._slices:
            return
        while self._slices:
            self._slices.pop(0)()
        self.built.emit()

    def _list(self) -> None:
        self.refresh()
        self.listed.emit()

    def _build_insights(self) -> None:
        if self._insights is None:
            self._insights = PartnershipInsights()
            self.insights_box.layout().addWidget(self._insights)
            self._insights.load(self.portfolio, self._insights_for)

    def _build_insights_part(self) -> None:
        self._build_insights()
        assert self._insights is not None
        self._insights.build_part()

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
        self.cadence_button = QPushButton("Review cadence…")
        self.cadence_button.setAccessibleName("Review cadence of the partnership")
        self.cadence_button.clicked.connect(self.edit_cadence)
        head.addWidget(self.cadence_button)
        head.addWidget(self.new_button)
        layout.addLayout(head)

        self.partnership_model = PartnershipModel(parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.partnership_model)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(FILTER_ROLE)  # names and service, not the figures
        self.proxy.setDynamicSortFilter(False)  # figures filling in change neither
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.proxy.setSortRole(SORT_ROLE)
        self.partnership_view = _table(self.proxy, "Partnerships", PartnershipModel.COLOURED)
        header = self.partnership_view.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the store's order until a click
        self.partnership_view.setSortingEnabled(True)
        self.partnership_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        cadence_action = QAction("Review cadence…", self.partnership_view)
        cadence_action.triggered.connect(lambda _checked=False: self.edit_cadence())
        self.partnership_view.addAction(cadence_action)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._size_figure_columns()
        self.partnership_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.partnership_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Never sideways: on a narrow window (or larger text) the lesser columns give way in turn.
        self.partnership_columns = ColumnFitter(
            self.partnership_view, GIVE_WAY, main=0, flexible={SERVICE_COLUMN: 120}
        )
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
        # the reviews' table and the insights panel keep their place while they are built
        self.reviews_box = QWidget()
        expanding = QSizePolicy.Policy.Expanding  # as the table it holds: the pair shares height
        self.reviews_box.setSizePolicy(expanding, expanding)
        reviews = QVBoxLayout(self.reviews_box)
        reviews.setContentsMargins(0, 0, 0, 0)
        self._insights: PartnershipInsights | None = None  # built just after the first paint
        self._insights_for: int | None = None
        self.insights_box = QWidget()
        style.scaled(self.insights_box, min_width=440)
        box = QVBoxLayout(self.insights_box)
        box.setContentsMargins(0, 0, 0, 0)
        bottom = QHBoxLayout()
        style.scaled(bottom, spacing=12)
        bottom.addWidget(self.reviews_box, 3)
        bottom.addWidget(self.insights_box, 2)
        layout.addLayout(bottom, 2)
        return page

    def _build_reviews(self) -> None:
        """The table of the chosen partnership's reviews (its rows may be read already)."""
        if self._review_view is not None:
            return
        self._review_view = view = _table(self.review_model, "Reviews", ReviewModel.COLOURED)
        view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._size_figure_columns()
        # beside the insights panel at 1024 wide: the scores give way (the chart shows them)
        self.review_columns = ColumnFitter(view, ReviewModel.GIVE_WAY, main=1, main_min_px=120)
        view.doubleClicked.connect(lambda _index: self.open_selected())
        view.activated.connect(lambda _index: self.open_selected())
        view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.reviews_box.layout().addWidget(view)
        view.ensurePolished()  # styled in this slice, not with the next one's
        self._show_reviews(self.selected_partnership())

    @property
    def review_view(self) -> QTableView:
        """The reviews' table (the page is finished first if it is still being built)."""
        if self._review_view is None:
            self.finish_building()
            self._build_reviews()
        assert self._review_view is not None
        return self._review_view

    @property
    def insights(self) -> PartnershipInsights:
        """The chosen partnership's trend, follow-through and goals (its panel is built on
        the turn after the list, so the list shows first)."""
        if self._insights is None or self._slices:
            self.finish_building()
            self._build_insights()
        assert self._insights is not None
        return self._insights

    def _size_figure_columns(self) -> None:
        """The short columns' widths, measured once from the widest text each can hold
        (not from every row: a large portfolio has thousands)."""
        for view, widest in (
            (self.partnership_view, PartnershipModel.WIDEST),
            (getattr(self, "_review_view", None), ReviewModel.WIDEST),
        ):
            if view is None:
                continue
            header = view.horizontalHeader()
            metrics = view.fontMetrics()
            for column, text in widest.items():
                width = max(
                    header.sectionSizeHint(column), metrics.horizontalAdvance(text) + style.px(24)
                )
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, width)

    def rescale(self) -> None:
        """Row heights and column widths follow View → Larger / Smaller text."""
        for view in (self.partnership_view, self._review_view):
            if view is None:
                continue
            view.verticalHeader().setDefaultSectionSize(style.px(36))
        self._size_figure_columns()

    # ---- state ---------------------------------------------------------------------------

    def refresh(self, select_partnership: int | None = None, changed: Iterable[int] = ()) -> None:
        """Re-read the list of partnerships; keep (or move to) the selected partnership.

        The list shows at once; figures already read stay, the ``changed`` partnerships' and
        new ones are read again (index-driven, a few milliseconds each). The whole portfolio's
        figures are read off the UI thread, the rows in view first, when the portfolio opens,
        on a new day, or after another program changed the file.

        A file whose rows break the record's rules shows what could be read and a dialog naming
        the row (the File menu, e.g. Restore from backup, stays usable).
        """
        keep = select_partnership or self.selected_partnership()
        known = {r.id: r for r in self.partnership_model.rows()}
        rows: list[PartnershipRow] = []
        try:
            partnerships = self.portfolio.partnerships()
        except ReviewdeskError as exc:  # not the first-run screen: the file is not empty
            self.partnership_model.set_rows([])
            self.review_model.set_meetings([])
            self.stack.setCurrentWidget(self.listing)
            self._update_buttons()
            messages.show_error(self, "The portfolio cannot be listed", str(exc))
            return
        for p in partnerships:
            row = known.get(p.id or 0)
            if row is None:
                row = unknown_row(p)
            else:
                row.partnership = p
            rows.append(row)
        self.partnership_model.today = dt.date.today()
        self.partnership_model.set_rows(rows)
        if rows:
            self.stack.setCurrentWidget(self.listing)
        else:
            if self.empty is None:
                self.empty = self._build_empty()
                self.stack.addWidget(self.empty)
            self.stack.setCurrentWidget(self.empty)
        self._read_figures(rows, set(changed))
        if rows:
            self.select_partnership(keep if keep is not None else rows[0].id)
        else:
            self.review_model.set_meetings([])
        self._update_buttons()

    def back_from_meeting(self, changed: Iterable[int] = ()) -> None:
        """Shown again after meetings: what it shows stays, except the ``changed``
        partnerships (read again), or everything when the day moved on or another program
        wrote the file (read off the UI thread)."""
        changed = list(changed)
        stale = self._loaded != (dt.date.today(), self._data_version())
        if stale or (changed and not self._read_again(changed)):
            self.refresh(changed=changed)

    def _read_again(self, changed: list[int]) -> bool:
        """The ``changed`` partnerships read again in their rows, and their figures, when each
        is listed and keeps its names (its place in the list): not the whole list (2,000 rows
        at 40,000 meetings). False when one is new, renamed, gone or cannot be read: then the
        whole list is read again (and says what is wrong)."""
        listed = {r.id: r.partnership for r in self.partnership_model.rows()}
        fresh = []
        for pid in changed:
            if pid not in listed:
                return False
            try:
                partnership = self.portfolio.partnership(pid)
            except ReviewdeskError:
                return False
            if (partnership.client, partnership.provider) != (
                listed[pid].client,
                listed[pid].provider,
            ):
                return False
            fresh.append(partnership)
        for partnership in fresh:
            self.partnership_model.set_partnership(partnership)
        self._read_figures(self.partnership_model.rows(), set(changed))
        selected = self.selected_partnership()
        if selected in changed:  # its reviews and insights as they are now
            self._show_reviews(selected)
        self._update_buttons()
        return True

    def _data_version(self) -> int:
        try:
            return int(self.portfolio.conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return -1

    def _read_figures(self, rows: list[PartnershipRow], changed: set[int]) -> None:
        today = dt.date.today()
        if self._loaded != (today, self._data_version()):
            self._read_everything(today, [r.id for r in rows])
            return
        ids = [r.id for r in rows if r.id in changed]
        if self.figures_op is None:  # else they are on their way
            ids += [r.id for r in rows if not r.known and r.id not in changed]
        if not ids:
            return
        if len(ids) > READ_HERE:
            self._read_in_background(today, ids)
            return
        self._generation += 1
        self._apply(self._generation, self.portfolio.partnership_figures(today, ids))

    def _read_everything(self, today: dt.date, order: list[int]) -> None:
        """Every partnership's figures off the UI thread: those in view, then the rest."""
        self._loaded = (today, self._data_version())
        if self.figures_op is not None:
            self.figures_op.cancel()
        self._generation += 1
        generation = self._generation
        first = order[:FIRST_BATCH] if len(order) > FIRST_BATCH else None

        def work(conn: sqlite3.Connection, report) -> dict[int, Figures]:
            if first is not None:
                report(partnership_figures(conn, today, first))
            return partnership_figures(conn, today)

        self.figures_op = ops.run_read(
            self,
            self.portfolio.path,
            work,
            lambda figures: self._arrived(generation, figures, done=True),
            lambda message: self._figures_failed(message),
            on_progress=lambda figures: self._arrived(generation, figures),
        )

    def _read_in_background(self, today: dt.date, ids: list[int]) -> None:
        self._generation += 1
        generation = self._generation
        ops.run_read(
            self,
            self.portfolio.path,
            lambda conn: partnership_figures(conn, today, ids),
            lambda figures: self._arrived(generation, figures),
            self._figures_failed,
        )

    def _arrived(self, generation: int, figures: dict[int, Figures], done: bool = False) -> None:
        if not shiboken6.isValid(self):  # the page was replaced meanwhile
            return
        self._apply(generation, figures)
        if done and self.figures_op is not None and self.figures_op.finished:
            self.figures_op = None
            missing = [r.id for r in self.partnership_model.rows() if not r.known]
            if missing:  # made after the whole read began, or the read failed
                self._read_figures(self.partnership_model.rows(), set(missing))

    def _figures_failed(self, message: str) -> None:
        """A damaged row stops the figures: the list stays usable, a dialog names the row."""
        if not shiboken6.isValid(self):
            return
        self.figures_op = None
        messages.show_error(self, "The portfolio's figures cannot be read", message)

    def _apply(self, generation: int, figures: dict[int, Figures]) -> None:
        """Show figures read at ``generation``, except where newer ones are shown already."""
        newer = {
            pid: f for pid, f in figures.items() if self._row_generation.get(pid, 0) <= generation
        }
        for pid in newer:
            self._row_generation[pid] = generation
        self.partnership_model.set_figures(newer)

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
        already = self.partnership_view.currentIndex() == index
        self.partnership_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if already:  # else the change of row has shown its reviews
            self._show_reviews(partnership_id=index.data(ID_ROLE))

    def _partnership_chosen(self, current, _previous) -> None:
        self._show_reviews(current.data(ID_ROLE) if current.isValid() else None)

    def _show_reviews(self, partnership_id: int | None) -> None:
        self._insights_for = partnership_id
        if self._review_view is None:  # still building: read when the table comes
            return
        try:
            if self._insights is not None:
                self._insights.load(self.portfolio, partnership_id)
            if partnership_id is None:
                self.review_model.set_meetings([])
                self.reviews_title.setText("Reviews")
            else:
                p = self.portfolio.partnership(partnership_id)
                self.review_model.set_meetings(self.portfolio.meetings(partnership_id))
                self.reviews_title.setText(f"Reviews of {p.label}")
                if self.review_model.rowCount() and self._review_view is not None:
                    self._review_view.selectRow(0)
        except ReviewdeskError as exc:
            self._insights_for = None
            if self._insights is not None:
                self._insights.load(None, None)
            self.review_model.set_meetings([])
            messages.show_error(self, "The partnership cannot be shown", str(exc))
        self._update_buttons()

    def selected_meeting(self) -> int | None:
        if self._review_view is None:  # not built yet: the newest review is the one shown
            return self.review_model.meeting_at(0).id if self.review_model.rowCount() else None
        index = self._review_view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_meeting() is not None)
        self.new_button.setEnabled(not self.portfolio.readonly)
        self.cadence_button.setEnabled(
            not self.portfolio.readonly and self.selected_partnership() is not None
        )
        if self.empty is not None:
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

    def edit_cadence(self) -> bool:
        """The chosen partnership's tier and interval (a small dialog); True when saved."""
        pid = self.selected_partnership()
        if pid is None or self.portfolio.readonly:
            return False
        saved = ask_cadence(self, self.portfolio, pid)
        if saved:
            self.refresh(select_partnership=pid)
        return saved

    def review_created(self, meeting_id: int | None, partnership_id: int | None) -> None:
        """After the New-review dialog: show the partnership, and open the review if made."""
        if meeting_id is not None:
            changed = [partnership_id] if partnership_id is not None else []
            self.refresh(select_partnership=partnership_id, changed=changed)
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
        self.refresh(select_partnership=pid, changed=[pid] if pid is not None else [])
