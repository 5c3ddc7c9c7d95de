"""Start the window: ``run(db_path)`` opens the portfolio and returns the exit code."""

from __future__ import annotations

import os
import sys
from pathlib import Path

EXIT_AFTER_SHOW_ENV = "REVIEWDESK_EXIT_AFTER_SHOW"  # benchmarks: quit once the window is shown


def run(db_path: Path) -> int:
    """Open ``db_path`` in the main window; 2 when the file is refused (with a dialog)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reviewdesk import __version__
    from reviewdesk.record.errors import ReviewdeskError
    from reviewdesk.store.portfolio import Portfolio
    from reviewdesk.ui import dialogs, settings, style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("reviewdesk")
    app.setApplicationVersion(__version__)
    style.apply(app, settings.scale())
    try:
        portfolio = Portfolio.open(Path(db_path), exclusive=True)
    except (ReviewdeskError, OSError) as exc:
        dialogs.show_error(None, "reviewdesk cannot open the portfolio", str(exc))
        return 2

    from reviewdesk.ui.main_window import MainWindow

    window = MainWindow(portfolio, Path(db_path))
    window.show()
    if os.environ.get(EXIT_AFTER_SHOW_ENV):
        QTimer.singleShot(0, app.quit)
    try:
        code = app.exec()
    finally:
        window.flush()
        portfolio.close()
    return int(code)
