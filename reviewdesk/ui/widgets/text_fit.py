"""User text made to fit: long words that may wrap anywhere, and one-line text cut with '…'."""

from __future__ import annotations

import re
import unicodedata
from html import escape

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

ZWSP = "\u200b"  # a line may break here; nothing is drawn
LONG_WORD = 24  # characters without a space before a word gets break points
CHUNK = 12
_LONG_WORD = re.compile(rf"\S{{{LONG_WORD},}}")


def _breakable_word(word: str) -> str:
    out, run = [], 0
    for ch in word:
        # never between a letter and its combining accent or vowel sign
        if run >= CHUNK and not unicodedata.combining(ch) and unicodedata.category(ch)[0] != "M":
            out.append(ZWSP)
            run = 0
        out.append(ch)
        run += 1
    return "".join(out)


def breakable(text: str) -> str:
    """``text`` with invisible break points in words of LONG_WORD+ characters, so a word-wrapped
    label can wrap them instead of widening the page past the window."""
    if len(text) < LONG_WORD:
        return text
    return _LONG_WORD.sub(lambda m: _breakable_word(m.group(0)), text)


def html_text(text: str) -> str:
    """User text for a rich-text label: escaped, long words breakable."""
    return escape(breakable(text))


class ElidedLabel(QLabel):
    """One line of text fitted to the label's width with '…' (``fitted`` decides how).

    The whole text stays available: ``text()`` returns it, and it is the tooltip and the
    accessible description. The label asks for its whole width but accepts any.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self._fit()

    def text(self) -> str:
        return self._full

    def fitted(self, metrics: QFontMetrics, width: int) -> str:
        """The text shown in ``width`` pixels (override for smarter cuts)."""
        return metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, width)

    def sizeHint(self) -> QSize:
        m = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + m.left() + m.right() + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().horizontalAdvance("…") * 3, super().minimumSizeHint().height()
        )

    def resizeEvent(self, event) -> None:  # noqa: ANN001
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


def fit_pair(metrics: QFontMetrics, left: str, right: str, room: int) -> tuple[str, str]:
    """Cut two texts to share ``room`` pixels: the shorter keeps its whole width if it can."""
    wl, wr = metrics.horizontalAdvance(left), metrics.horizontalAdvance(right)
    if wl + wr <= room:
        return left, right
    half = room // 2
    if wl <= half:
        give_l, give_r = wl, room - wl
    elif wr <= half:
        give_l, give_r = room - wr, wr
    else:
        give_l, give_r = half, room - half
    elide = Qt.TextElideMode.ElideRight
    return metrics.elidedText(left, elide, give_l), metrics.elidedText(right, elide, give_r)
