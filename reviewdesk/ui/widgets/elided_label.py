"""One line of text cut with '…' to the width it is given. Its own small module: the main
window's status bar uses it before the first paint, where every import is waited for."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """One line of text fitted to the label's width with '…' (at the end, or where ``mode``
    says: the middle keeps a file path's name; ``fitted`` may decide otherwise).

    The whole text stays available: ``text()`` returns it, and it is the tooltip and the
    accessible description. The label asks for its whole width but accepts any.
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ):
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self._fit()

    def text(self) -> str:
        return self._full

    def fitted(self, metrics: QFontMetrics, width: int) -> str:
        """The text shown in ``width`` pixels (override for smarter cuts)."""
        return metrics.elidedText(self._full, self._mode, width)

    def sizeHint(self) -> QSize:
        m = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + m.left() + m.right() + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().horizontalAdvance("…") * 3, super().minimumSizeHint().height()
        )

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        m = self.contentsMargins()
        room = max(0, self.width() - m.left() - m.right())
        super().setText(self.fitted(self.fontMetrics(), room))
