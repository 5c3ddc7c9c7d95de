"""Search every review's notes, comments, decisions, actions and goals (Ctrl+F).

API for the window::

    dialog = SearchDialog(portfolio, parent=window)   # non-modal; keep one and reuse it
    dialog.open_hit.connect(lambda meeting_id, step: ...)  # step: "section:KEY", "goals", "actions"
    dialog.show_and_focus()                            # show, raise, select the search field

The dialog searches as the user types (after ``DEBOUNCE_MS`` of quiet) and at once on Enter. Down
from the field moves to the results; Enter or a double-click on a result emits ``open_hit``. The
dialog STAYS OPEN after opening a hit, so the facilitator can go through several; Escape or Close
hides it. Results are re-read whenever the dialog is shown again (``refresh()``), so edits made in
the meantime are found. Every user text is shown as plain text.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.model import SearchHit
from reviewdesk.record.wording import date_short, plural
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui import style
from reviewdesk.ui.widgets.cards import fit_to_screen, label

DEBOUNCE_MS = 150
LIMIT = 200
COLUMNS = ("Date", "Partnership", "Review", "Where", "Text")
DATE, PARTNERSHIP, REVIEW, WHERE, TEXT = range(len(COLUMNS))
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_WORDS = {
    "comment": "Comment",
    "notes": "Notes",
    "decision": "Decision",
    "action": "Action",
    "goal": "Goal",
}
PROMPT = "Type a word to search the notes, comments, decisions, actions and goals of every review."


def _section_titles() -> dict[str, str]:
    return {s.key: s.title for s in default_agenda().sections}


def where_text(hit: SearchHit, titles: dict[str, str] | None = None) -> str:
    """'Notes · Trust', 'Comment · Trust', 'Decision · Trust', 'Action' or 'Goal'."""
    kind = KIND_WORDS.get(hit.kind, hit.kind.capitalize())
    if hit.kind in ("action", "goal") or not hit.section_key:
        return kind
    titles = _section_titles() if titles is None else titles
    section = titles.get(hit.section_key) or hit.section_key.replace("_", " ").capitalize()
    return f"{kind} · {section}"


def one_line(text: str) -> str:
    """The text on one line (snippets may hold line breaks)."""
    return " ".join(text.split())


def clean_query(text: str) -> str:
    """The typed text without control characters (a pasted NUL would upset the search index)."""
    return "".join(c if c.isprintable() else " " for c in text)


def count_text(query: str, count: int, limit: int = LIMIT) -> str:
    """'12 matches', '1 match', 'No matches for “x”', or the cap when there are more."""
    if not query.strip():
        return PROMPT
    if count == 0:
        return f"No matches for “{query.strip()}”"
    if count >= limit:
        return f"The {limit} most recent matches (type more words to narrow the search)"
    return plural(count, "match", "matches")


def _item(text: str, tip: str | None = None) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    if tip:
        # Tooltips are rich text when they look like it: escape so user text is never markup.
        item.setToolTip(f"<qt>{escape(tip)}</qt>")
    return item


class SearchDialog(QDialog):
    """A search field, a results table and a count line; ``open_hit(meeting_id, step)``."""

    open_hit = Signal(int, str)

    def __init__(self, portfolio: Portfolio, parent: QWidget | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self.hits: list[SearchHit] = []
        self.searched = ""  # the text the shown results are for
        self._titles = _section_titles()
        self.setWindowTitle("Search reviews")
        self.setModal(False)
        self.setAccessibleName("Search reviews")
        fit_to_screen(self, style.px(1040), style.px(540))

        layout = QVBoxLayout(self)
        style.scaled(layout, margins=(16, 16, 16, 12), spacing=8)

        row = QHBoxLayout()
        caption = QLabel("&Find")
        row.addWidget(caption)
        self.field = QLineEdit()
        self.field.setPlaceholderText("Words in notes, comments, decisions, actions or goals")
        self.field.setAccessibleName("Search text")
        self.field.setClearButtonEnabled(True)
        caption.setBuddy(self.field)
        row.addWidget(self.field, 1)
        layout.addLayout(row)

        self.count = label(PROMPT, "muted")
        self.count.setAccessibleName("Search result count")
        layout.addWidget(self.count)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Search results")
        self.table.setAccessibleDescription("Enter or double-click opens the review at that place")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(style.px(32))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for col, width in ((DATE, 96), (PARTNERSHIP, 210), (REVIEW, 170), (WHERE, 140)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, style.px(width))
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        hint = label("↓ moves to the results · Enter opens · Esc closes", "muted")
        buttons.addWidget(hint, 1)
        self.open_button = QPushButton("&Open")
        self.open_button.setAccessibleName("Open the selected result")
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close search")
        for button in (self.open_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)
            buttons.addWidget(button)
        layout.addLayout(buttons)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(lambda _t: self.timer.start())
        self.field.returnPressed.connect(self._search_now)
        self.field.installEventFilter(self)
        self.table.activated.connect(self._activate)  # Enter, and double-click on most styles
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.open_button.clicked.connect(lambda: self._activate(self.table.currentIndex()))
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Find, self, self.show_and_focus)
        self._update_buttons()

    # ---- API -----------------------------------------------------------------------------

    def show_and_focus(self) -> None:
        """Show (or raise) the dialog with the search text selected, ready to type over."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def refresh(self) -> None:
        """Search again for the current text (the portfolio may have changed)."""
        self.run_search()

    def run_search(self) -> None:
        """Search the portfolio for the field's text now and show the results."""
        self.timer.stop()
        query = self.field.text()
        words = clean_query(query)
        try:
            hits = self.portfolio.search(words, limit=LIMIT) if words.strip() else []
        except ReviewdeskError as exc:
            hits = []
            self.count.setText(one_line(str(exc)))
        else:
            self.count.setText(count_text(words, len(hits)))
        self.searched = query
        self._fill(hits)

    def hit_at(self, row: int) -> SearchHit:
        return self.hits[row]

    # ---- internals -----------------------------------------------------------------------

    def _fill(self, hits: list[SearchHit]) -> None:
        self.hits = list(hits)
        self.model.removeRows(0, self.model.rowCount())
        for i, hit in enumerate(self.hits):
            where = where_text(hit, self._titles)
            snippet = one_line(hit.snippet)
            items = [
                _item(date_short(hit.meeting_date)),
                _item(hit.partnership, hit.partnership),
                _item(hit.meeting_title, hit.meeting_title),
                _item(where),
                _item(snippet, snippet),
            ]
            items[DATE].setData(i, HIT_ROLE)
            items[TEXT].setData(
                f"{date_short(hit.meeting_date)}, {hit.meeting_title}, {where}: {snippet}",
                Qt.ItemDataRole.AccessibleTextRole,
            )
            self.model.appendRow(items)
        self._update_buttons()

    def _search_now(self) -> None:
        if self.field.text() != self.searched or self.timer.isActive():
            self.run_search()
        elif self.hits:
            self._to_results()

    def _to_results(self) -> None:
        if not self.hits:
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        current = self.table.currentIndex()
        if not current.isValid():
            self.table.selectRow(0)
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.table.currentIndex().isValid() and bool(self.hits))

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid() or index.row() >= len(self.hits):
            return
        hit = self.hits[index.row()]
        self.open_hit.emit(hit.meeting_id, hit.step)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            if self.timer.isActive():
                self.run_search()
            self._to_results()
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: Any) -> None:
        if self.field.text().strip():
            self.run_search()
        super().showEvent(event)
