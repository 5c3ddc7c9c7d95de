"""A row that becomes a column on a narrow screen (or with larger text), instead of making the
page scroll sideways."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QBoxLayout, QLayout, QSizePolicy, QWidget

from reviewdesk.ui import style


def minimum_width(part: QWidget) -> int:
    """The narrowest a layout makes ``part``, by Qt's own rule: its minimum width when one is
    set (a signature pad's), else its minimum size hint, or its size hint if it may not shrink
    (a button's)."""
    if part.minimumWidth() > 0:
        return part.minimumWidth()
    policy = part.sizePolicy().horizontalPolicy()
    if policy == QSizePolicy.Policy.Ignored:
        return 0
    width = part.minimumSizeHint().width()
    if not policy.value & QSizePolicy.PolicyFlag.ShrinkFlag.value:
        width = max(width, part.sizeHint().width())
    return min(width, part.maximumWidth())


class Reflow(QWidget):
    """Its parts side by side when they fit at their minimum widths, else one above the other.

    Its minimum width is the widest part's, so a page holding it can always be as narrow as the
    screen allows; which way it flows follows its width (and View → Larger text).
    """

    def __init__(self, spacing: float = 12, parent: QWidget | None = None):
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        style.scaled(self.box, spacing=spacing)
        self._stretches: list[int] = []

    def add(self, part: QWidget | QLayout, stretch: int = 0) -> None:
        if isinstance(part, QLayout):
            holder = QWidget()
            part.setContentsMargins(0, 0, 0, 0)
            holder.setLayout(part)
            part = holder
        self.box.addWidget(part, stretch)
        self._stretches.append(stretch)

    def parts(self) -> list[QWidget]:
        items = (self.box.itemAt(i) for i in range(self.box.count()))
        return [w for item in items if (w := item.widget()) is not None and not w.isHidden()]

    @property
    def wide(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.LeftToRight

    def side_by_side_width(self) -> int:
        parts = self.parts()
        return sum(minimum_width(p) for p in parts) + self.box.spacing() * max(0, len(parts) - 1)

    def minimumSizeHint(self) -> QSize:
        widest = max((minimum_width(p) for p in self.parts()), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, event: Any) -> None:
        self.reflow(self.width())
        super().resizeEvent(event)

    def reflow(self, width: int) -> None:
        wide = width >= self.side_by_side_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)
            for i, stretch in enumerate(self._stretches):  # stacked, each part its own height
                self.box.setStretch(i, stretch if wide else 0)
