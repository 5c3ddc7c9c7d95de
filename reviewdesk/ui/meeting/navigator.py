"""The always-visible list of meeting steps, with progress, time and a check when finished."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from reviewdesk import look
from reviewdesk.ui import style

PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1
TIME_ROLE = Qt.ItemDataRole.UserRole + 2
FINISHED_ROLE = Qt.ItemDataRole.UserRole + 3
KEY_ROLE = Qt.ItemDataRole.UserRole + 4


@dataclass
class Step:
    key: str  # "attendees", "section:<key>", "goals", "actions", "wrapup"
    title: str
    progress: str = ""
    time: str = ""
    finished: bool = False
    finished_when: str = ""  # what earns the step its ✓, in words (its tooltip)


class StepDelegate(QStyledItemDelegate):
    """Draws a step: accent bar and bold when current, ✓ when finished (nothing before: the
    tooltip says what earns it), progress and time on the second line."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        lines = 2 if index.data(PROGRESS_ROLE) or index.data(TIME_ROLE) else 1
        return QSize(style.px(220), option.fontMetrics.lineSpacing() * lines + style.px(18))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        painter.save()
        rect = option.rect
        current = bool(option.state & QStyle.StateFlag.State_Selected)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if current:
            painter.fillRect(rect, QColor(look.WHITE))
            bar = QRect(rect.left(), rect.top(), style.px(4), rect.height())
            painter.fillRect(bar, QColor(look.ACCENT))
        elif hover:
            painter.fillRect(rect, QColor(look.BORDER))
        finished = bool(index.data(FINISHED_ROLE))
        font = QFont(option.font)
        font.setBold(current)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        line = metrics.lineSpacing()
        top = rect.top() + style.px(9)
        left = rect.left() + style.px(14)
        if finished:
            painter.setPen(QColor(look.OK_GREEN))
            painter.drawText(
                QRect(left, top, style.px(20), line), Qt.AlignmentFlag.AlignVCenter, "✓"
            )
        text_left = left + style.px(22)
        width = rect.right() - text_left - style.px(10)
        painter.setPen(QColor(look.TEXT))
        title = metrics.elidedText(
            index.data(Qt.ItemDataRole.DisplayRole) or "", Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(QRect(text_left, top, width, line), Qt.AlignmentFlag.AlignVCenter, title)
        detail = "  ·  ".join(t for t in (index.data(PROGRESS_ROLE), index.data(TIME_ROLE)) if t)
        if detail:
            small = QFont(option.font)
            small.setPointSizeF(option.font.pointSizeF() * 0.9)
            painter.setFont(small)
            painter.setPen(QColor(look.MUTED))
            detail = painter.fontMetrics().elidedText(detail, Qt.TextElideMode.ElideRight, width)
            painter.drawText(
                QRect(text_left, top + line, width, line), Qt.AlignmentFlag.AlignVCenter, detail
            )
        painter.restore()


class Navigator(QListWidget):
    """Steps of the meeting; ``step_chosen(key)`` when the user picks one."""

    step_chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Meeting steps")
        self.setItemDelegate(StepDelegate(self))
        self.setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedWidth(style.px(272))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.currentRowChanged.connect(self._row_changed)

    def set_steps(self, steps: list[Step]) -> None:
        """Show the steps (keeps the current one when its key is still there)."""
        current = self.current_key()
        self.blockSignals(True)
        self.clear()
        for step in steps:
            item = QListWidgetItem(step.title)
            item.setData(KEY_ROLE, step.key)
            self.addItem(item)
            self._fill(item, step)
        self.blockSignals(False)
        if current is not None:
            self.select(current, emit=False)

    def update_step(self, step: Step) -> None:
        item = self._item(step.key)
        if item is not None:
            self._fill(item, step)

    def _fill(self, item: QListWidgetItem, step: Step) -> None:
        item.setText(step.title)
        item.setData(PROGRESS_ROLE, step.progress)
        item.setData(TIME_ROLE, step.time)
        item.setData(FINISHED_ROLE, step.finished)
        done = ", finished" if step.finished else ""
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole, f"{step.title} {step.progress} {step.time}{done}"
        )
        tip = f"{step.title} — {step.progress}" if step.progress else step.title
        if step.finished_when:
            tip += (
                f"\n{'✓ Finished' if step.finished else 'Not finished yet'}: {step.finished_when}"
            )
        item.setToolTip(tip)

    def _item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.count()):
            if self.item(row).data(KEY_ROLE) == key:
                return self.item(row)
        return None

    def keys(self) -> list[str]:
        return [self.item(row).data(KEY_ROLE) for row in range(self.count())]

    def current_key(self) -> str | None:
        item = self.currentItem()
        return item.data(KEY_ROLE) if item else None

    def select(self, key: str, emit: bool = True) -> None:
        item = self._item(key)
        if item is None:
            return
        self.blockSignals(not emit)
        self.setCurrentItem(item)
        self.blockSignals(False)

    def move(self, delta: int) -> None:
        """Next (+1) or previous (-1) step; stays at the ends."""
        row = max(0, min(self.count() - 1, self.currentRow() + delta))
        if row != self.currentRow():
            self.setCurrentRow(row)

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.step_chosen.emit(self.item(row).data(KEY_ROLE))
