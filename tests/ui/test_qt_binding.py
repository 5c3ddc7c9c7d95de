"""The Qt binding itself: a release that leaks references would crash a long meeting."""

import sys

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_leak_references_to_none(qapp):
    # PySide6 6.12.0 on Python 3.11 dropped one reference to None per call that returns
    # nothing; after ~11,000 calls (an idle hour of the meeting clock) Python aborts.
    label = QLabel()
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    before = sys.getrefcount(None)
    painter = QPainter(image)
    for _ in range(1000):
        label.setText("x")
        painter.drawRect(0, 0, 1, 1)
    painter.end()
    assert abs(sys.getrefcount(None) - before) < 100
