"""Panels of a partnership's history: persistent gaps, follow-through per side, section picker."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reviewdesk import look
from reviewdesk.record.analytics import (
    FOLLOW_COLUMNS,
    FOLLOW_NOTE,
    NO_SIDE,
    NO_SIDE_WORDS,
    FollowThrough,
    PersistentGap,
    Trend,
    TrendPoint,
    age_text,
    on_time_text,
)
from reviewdesk.record.model import OWNER_SIDES
from reviewdesk.record.wording import gap_text, side_text
from reviewdesk.ui import style
from reviewdesk.ui.widgets.cards import label, rich

OVERALL = ""  # the combo's key for the overall trend
GAPS_SHOWN = 4  # the persistent gaps listed in full; the rest are counted (no inner scrolling)
FOLLOW_HELP = f"{FOLLOW_NOTE} Average age of open: average days since the open ones were raised."
FOLLOW_SIDES = (*OWNER_SIDES, NO_SIDE)  # the last row shows only when some action has no side


def gap_badge(gap: int) -> str:
    """A red 'Gap N' badge (the word and the number, never colour alone)."""
    text = gap_text(gap).replace(" ", "&nbsp;")
    return (
        f'<span style="background:{look.GAP}; color:{look.WHITE}; font-weight:600;">'
        f"&nbsp;{text}&nbsp;</span>"
    )


def gaps_html(gaps: list[PersistentGap], shown: int | None = None) -> str:
    """Each persistent gap (the first ``shown``, then how many more): badge, section, question,
    how long it has lasted."""
    if not gaps:
        return (
            f'<span style="color:{look.MUTED}">No persistent gaps: no question was 2 or more '
            "points apart in two reviews in a row.</span>"
        )
    items = []
    for g in gaps[:shown]:
        colour = "inherit" if g.ongoing else look.MUTED
        items.append(
            f'<p style="margin:0 0 6px 0; color:{colour}">{gap_badge(g.latest_gap)} '
            f"<b>{escape(g.section_title)}</b> · {escape(g.question_text)}<br>"
            f'<span style="color:{look.MUTED}">{escape(g.describe())}</span></p>'
        )
    more = len(gaps) - len(gaps[:shown])
    if more:
        items.append(
            f'<p style="margin:0; color:{look.MUTED}">… and {more} more in the PDF minutes</p>'
        )
    return "".join(items)


def follow_cells(f: FollowThrough) -> list[str]:
    """The table row of one side, after the side's name."""
    return [on_time_text(f), str(f.open), str(f.overdue), age_text(f.average_open_age_days)]


def _small_heading(text: str) -> QLabel:
    return label(text, "strong", wrap=True)


class PersistentGapsPanel(QWidget):
    """The list of questions the sides keep seeing differently, review after review."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.gaps: list[PersistentGap] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        style.scaled(layout, spacing=4)
        self.heading = _small_heading("Persistent gaps")
        layout.addWidget(self.heading)
        self.content = rich("Persistent gaps")
        layout.addWidget(self.content, 1)

    def set_gaps(self, gaps: list[PersistentGap]) -> None:
        self.gaps = list(gaps)
        self.heading.setText(f"Persistent gaps ({len(gaps)})" if gaps else "Persistent gaps")
        self.content.setText(gaps_html(self.gaps, GAPS_SHOWN))
        self.content.setAccessibleDescription(
            "; ".join(
                f"{gap_text(g.latest_gap)}: {g.section_title}, {g.question_text}, {g.describe()}"
                for g in self.gaps
            )
            or "none"
        )


class SectionCombo(QComboBox):
    """Which trend to draw: "Overall" or one of the agenda's sections (kept across refills)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Trend of")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    @classmethod
    def placed_in(cls, layout: QBoxLayout, on_change: Callable[[], None]) -> SectionCombo:
        """A "&Show" label and the combo added to ``layout``; ``on_change()`` on each pick."""
        show = QLabel("&Show")
        layout.addWidget(show)
        combo = cls()
        combo.currentIndexChanged.connect(lambda _i: on_change())
        show.setBuddy(combo)
        layout.addWidget(combo)
        return combo

    def set_sections(self, sections: list[tuple[str, str]]) -> None:
        """Offer "Overall" then these (key, title) sections; the choice stays when it can."""
        wanted = [(OVERALL, "Overall"), *sections]
        have = [(self.itemData(i), self.itemText(i)) for i in range(self.count())]
        if have == wanted:
            return
        keep = self.section_key()
        self.blockSignals(True)
        self.clear()
        for key, title in wanted:
            self.addItem(title, key)
        self.setCurrentIndex(max(0, self.findData(keep)))
        self.blockSignals(False)

    def section_key(self) -> str:
        """The chosen section's key ('' for overall)."""
        return self.currentData() or OVERALL

    def points(self, trend: Trend) -> tuple[list[TrendPoint], str]:
        """The chosen trend's points and title."""
        key = self.section_key()
        if key == OVERALL or key not in trend.by_section:
            return trend.overall, "Overall"
        return trend.by_section[key], self.currentText()


class FollowThroughTable(QWidget):
    """Per side (client, provider, joint): closed on time, open, overdue, age of the open ones.

    A table when its columns fit; on a narrow screen (or with large text) each side's figures
    are listed under its name instead, so it never makes the page scroll sideways.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.values: dict[str, FollowThrough] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        style.scaled(layout, spacing=4)
        self.heading = _small_heading("Follow-through")
        layout.addWidget(self.heading)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        style.scaled(self.grid, hspacing=14, vspacing=2)
        layout.addLayout(self.grid)
        self.heads: list[QLabel] = []
        for col, title in enumerate(FOLLOW_COLUMNS):
            head = label(title, "columnHead", wrap=True)  # two lines when room is short
            head.setAlignment(self._align(col) | Qt.AlignmentFlag.AlignBottom)
            self.heads.append(head)
        self.cells: dict[tuple[str, int], QLabel] = {}
        self.names: dict[str, QLabel] = {}
        self.captions: dict[tuple[str, int], QLabel] = {}  # the column titles of the list form
        for side in FOLLOW_SIDES:
            name = label(side_text(side) if side != NO_SIDE else NO_SIDE_WORDS)
            name.setProperty("side", side or "none")  # in the side's colour
            self.names[side] = name
            for col in range(1, len(FOLLOW_COLUMNS)):
                self.cells[(side, col)] = label("")
                caption = label(FOLLOW_COLUMNS[col], "muted", wrap=True)
                caption.setParent(self)  # owned by the table (in the grid only when compact)
                self.captions[(side, col)] = caption
        self.compact: bool | None = None
        self._arrange(compact=False)
        self.setToolTip(FOLLOW_HELP)

    def _arrange(self, compact: bool) -> None:
        """Place the labels as a table, or (``compact``) as a list under each side's name."""
        if compact == self.compact:
            return
        self.compact = compact
        while self.grid.count():
            self.grid.takeAt(0)
        for caption in self.captions.values():
            caption.setVisible(False)
        if not compact:
            for col, head in enumerate(self.heads):
                self.grid.addWidget(head, 0, col)
            for row, side in enumerate(FOLLOW_SIDES, start=1):
                self.grid.addWidget(self.names[side], row, 0)
                for col in range(1, len(FOLLOW_COLUMNS)):
                    self.grid.addWidget(self.cells[(side, col)], row, col, self._align(col))
            self.grid.setColumnStretch(len(FOLLOW_COLUMNS), 1)
        else:
            self.grid.setColumnStretch(len(FOLLOW_COLUMNS), 0)
            row = 0
            for side in FOLLOW_SIDES:
                self.grid.addWidget(self.names[side], row, 0, 1, 2)
                row += 1
                for col in range(1, len(FOLLOW_COLUMNS)):
                    self.grid.addWidget(self.captions[(side, col)], row, 0)
                    self.grid.addWidget(self.cells[(side, col)], row, 1)
                    row += 1
            self.grid.setColumnStretch(1, 1)
        for head in self.heads:  # once in the grid: shown without a parent, a label is a window
            head.setVisible(not compact)
        self._show_rows()

    def _show_rows(self) -> None:
        for side in FOLLOW_SIDES:
            shown = side in self.values
            self.names[side].setVisible(shown)
            for col in range(1, len(FOLLOW_COLUMNS)):
                self.cells[(side, col)].setVisible(shown)
                self.captions[(side, col)].setVisible(shown and bool(self.compact))

    def table_width(self) -> int:
        """The width the table form needs at least."""
        widths = [self.heads[0].minimumSizeHint().width()] + [
            max(
                [self.heads[c].minimumSizeHint().width()]
                + [self.cells[(s, c)].sizeHint().width() for s in FOLLOW_SIDES]
            )
            for c in range(1, len(FOLLOW_COLUMNS))
        ]
        widths[0] = max([widths[0]] + [self.names[s].sizeHint().width() for s in FOLLOW_SIDES])
        return sum(widths) + self.grid.horizontalSpacing() * (len(widths) - 1)

    def minimumSizeHint(self) -> QSize:
        widest = max(
            [self.heading.minimumSizeHint().width()]
            + [n.sizeHint().width() for n in self.names.values()]
            + [
                self.captions[key].minimumSizeHint().width()
                + self.grid.horizontalSpacing()
                + self.cells[key].sizeHint().width()
                for key in self.cells
            ]
        )
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, event: Any) -> None:
        self._arrange(compact=self.width() < self.table_width())
        super().resizeEvent(event)

    @staticmethod
    def _align(col: int) -> Qt.AlignmentFlag:
        return Qt.AlignmentFlag.AlignLeft if col <= 1 else Qt.AlignmentFlag.AlignRight

    def set_values(self, values: dict[str, FollowThrough], as_of_text: str) -> None:
        self.values = dict(values)
        self._show_rows()
        for side in FOLLOW_SIDES:
            f = values.get(side)
            if f is None:
                continue
            who = self.names[side].text()
            for col, text in enumerate(follow_cells(f), start=1):
                cell = self.cells[(side, col)]
                cell.setText(text)
                style.set_property(cell, "alert", col == 3 and f.overdue > 0)  # red: overdue
                cell.setAccessibleName(f"{who} {FOLLOW_COLUMNS[col].lower()}: {text}")
        self.heading.setText(f"Follow-through as of {as_of_text}")
        self.setAccessibleDescription(FOLLOW_HELP)

    def text(self, side: str, column: str) -> str:
        """The shown text of one cell, by side and column title."""
        return self.cells[(side, FOLLOW_COLUMNS.index(column))].text()
