"""A table inside a scrolling page: every row at its full height, every column within the width.

A table that scrolls inside a page that scrolls is two scroll bars for one list; a table wider
than a small screen scrolls sideways. So the table takes the height of all its rows, and its
columns are sized to their contents while those fit, else share the width with the text
wrapping (a projector, View → Larger text).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView

from reviewdesk.ui import style


class TableFit(QObject):
    """Fits ``view`` (rows shown whole, columns within its width); ``stretch`` columns take the
    room left when the contents fit."""

    def __init__(self, view: QTableView, stretch: Iterable[int], min_height: float = 0):
        super().__init__(view)
        self.view = view
        self.stretch = set(stretch)
        self.min_height = min_height  # pixels at the normal text size
        self.by_contents: bool | None = None
        view.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        model = view.model()
        for signal in (
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
            model.layoutChanged,
        ):
            signal.connect(self.schedule)
        view.verticalHeader().sectionResized.connect(self.schedule)
        view.installEventFilter(self)
        self.fit()

    def schedule(self, *_: object) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.view and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def needed_width(self) -> int:
        """The columns' widths by their contents (each at most the header's maximum)."""
        header = self.view.horizontalHeader()
        most = header.maximumSectionSize()
        return sum(
            min(most, max(self.view.sizeHintForColumn(c), header.sectionSizeHint(c)))
            for c in range(header.count())
            if not header.isSectionHidden(c)
        )

    def fit(self) -> None:
        view = self.view
        header = view.horizontalHeader()
        by_contents = self.needed_width() <= view.viewport().width()
        if by_contents != self.by_contents:
            self.by_contents = by_contents
            for c in range(header.count()):
                mode = (
                    QHeaderView.ResizeMode.ResizeToContents
                    if by_contents and c not in self.stretch
                    else QHeaderView.ResizeMode.Stretch
                )
                header.setSectionResizeMode(c, mode)
        head = header.height() if header.isVisible() else 0
        height = head + view.verticalHeader().length() + 2 * view.frameWidth()
        height = max(height, style.px(self.min_height))
        if view.height() != height or view.minimumHeight() != height:
            view.setFixedHeight(height)
