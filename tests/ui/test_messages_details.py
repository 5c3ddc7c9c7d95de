"""An error dialog: the problem in plain words, the technical detail one click away."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reviewdesk.ui import messages


def _boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_an_error_keeps_its_technical_detail_behind_show_details(qtbot):
    seen: list[tuple[str, str]] = []

    def read_and_close() -> None:
        for box in _boxes():
            seen.append((box.text(), box.detailedText()))
            box.done(0)

    QTimer.singleShot(0, read_and_close)
    messages.show_error(
        None,
        "Import meeting",
        "x.json: not valid JSON: line 1, column 3",
        "Expecting property name enclosed in double quotes",
    )
    assert seen == [
        (
            "x.json: not valid JSON: line 1, column 3",
            "Expecting property name enclosed in double quotes",
        )
    ]
