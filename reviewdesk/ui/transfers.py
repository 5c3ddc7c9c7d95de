"""The main window's file transfers: import a meeting or signed minutes, export JSON, PDF
minutes and CSV (the use cases live in reviewdesk.app; slow ones run through ui.ops)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.ui import settings

if TYPE_CHECKING:
    pass


def _messages():
    """The dialog helpers (imported on first use; tests replace their functions)."""
    from reviewdesk.ui import messages

    return messages


def file_stem(text: str) -> str:
    """A safe file name part from a title or name."""
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-") or "meeting"


class TransfersMixin:
    """File menu's imports and exports, mixed into :class:`MainWindow`."""

    def export_csv(self, what: str) -> None:
        """Actions, goals or the register of the partnership in view (or of all) as CSV."""
        if self.portfolio is None:
            return
        from reviewdesk.ui.dialogs.csv import export_csv

        self.flush()

        def done(path: str | None, _error: str | None) -> None:
            if path is not None:
                self.statusBar().showMessage(f"Saved {path}", 8000)

        path = export_csv(self, self.portfolio, what, self.current_partnership(), done)
        if path is not None:
            self.statusBar().showMessage(f"Writing {Path(path).name}…")

    def import_json(self) -> None:
        path = _messages().ask_open_file(
            self, "Import meeting JSON", "Meeting files (*.json);;All files (*)"
        )
        if path is None or self.portfolio is None:
            return
        from reviewdesk.app.importing import parse_source, read_source

        try:
            meeting = parse_source(read_source(path), path.name)
            meeting_id = self.portfolio.import_meeting(meeting)
        except ReviewdeskError as exc:
            _messages().show_error(self, "Import meeting", str(exc), exc.detail)
            return
        if self.home is not None:
            self.home.refresh()
        self.open_meeting(meeting_id)
        self.statusBar().showMessage(f"Imported {path.name}", 5000)

    def import_minutes(self) -> None:
        """The record inside signed PDF minutes, once they verify (off the UI thread)."""
        path = _messages().ask_open_file(
            self, "Import minutes (PDF)", "PDF minutes (*.pdf);;All files (*)"
        )
        if path is None or self.portfolio is None:
            return
        from reviewdesk.ui.ops import import_minutes_pdf

        def done(meeting_id: int | None, error: str | None) -> None:
            self.statusBar().clearMessage()
            if error or meeting_id is None:
                _messages().show_error(self, "Import minutes", error or "nothing was imported")
                return
            if self.home is not None:
                self.home.refresh()
            self.open_meeting(meeting_id)
            self.statusBar().showMessage(f"Imported the record inside {path.name}", 5000)

        self.statusBar().showMessage(f"Checking {path.name}…")
        import_minutes_pdf(self, self.portfolio, path, done)

    def _suggested_name(self, suffix: str) -> Path:
        assert self.session is not None
        m = self.session.meeting
        stem = file_stem(f"{m.partnership.client}-{m.partnership.provider}-{m.date.isoformat()}")
        return Path(f"{stem}{suffix}")  # the dialog starts in the export folder

    def export_json(self) -> None:
        if self.session is None:
            return
        self.flush()
        target = _messages().ask_save_file(
            self, "Export meeting JSON", self._suggested_name(".json"), "Meeting files (*.json)"
        )
        if target is None:
            return
        from reviewdesk.app.export import export_json

        try:
            export_json(self.portfolio, self.session.meeting_id, target)
        except ReviewdeskError as exc:
            _messages().show_error(self, "Export JSON", str(exc))
            return
        self.statusBar().showMessage(f"Exported {target.name}", 5000)

    def export_pdf(self) -> None:
        if self.session is None:
            return
        self.flush()
        target = _messages().ask_save_file(
            self, "Export PDF minutes", self._suggested_name(".pdf"), "PDF files (*.pdf)"
        )
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        from reviewdesk.ui.ops import export_meeting_pdf

        self.statusBar().showMessage(f"Exporting {target.name}…")
        export_meeting_pdf(self, self.session, target, settings.paper(), self._export_done)

    def set_paper(self, value: str) -> None:
        settings.set_paper(value)
        for key, action in self.paper_actions.items():
            action.setChecked(key == settings.paper())

    def _export_done(self, path: str | None, error: str | None) -> None:
        self.statusBar().clearMessage()
        if error or not path:
            _messages().show_error(self, "Export PDF", error or "the PDF was not written")
            return
        choice = _messages().export_done(self, Path(path))
        from PySide6.QtCore import QUrl  # not before the first paint
        from PySide6.QtGui import QDesktopServices

        if choice == "file":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif choice == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))
