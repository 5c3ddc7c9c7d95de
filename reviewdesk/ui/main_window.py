"""The main window: home or the open meeting, menus, status bar ("Saved" only when true)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl, Signal  # Qt's namespace loads lazily: 20 ms
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk import __version__
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.wording import moment_text
from reviewdesk.ui import settings, style

if TYPE_CHECKING:  # the store and the pages load after the window is first shown
    from reviewdesk.store.portfolio import Portfolio
    from reviewdesk.ui.home.page import HomePage
    from reviewdesk.ui.meeting.session import MeetingSession

SCALE_STEP = 0.1


def _messages():
    """The dialog helpers (imported on first use; tests replace their functions)."""
    from reviewdesk.ui import messages

    return messages


def _ignore(_value: object) -> None:
    """A background job's outcome nobody waits for."""


def _same_file(a: Path, b: Path) -> bool:
    """The same file under any name (symlink, hard link), without opening either."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def file_stem(text: str) -> str:
    """A safe file name part from a title or name."""
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-") or "meeting"


class MainWindow(QMainWindow):
    """Owns the open portfolio (``portfolio``) and, while a meeting is open, its session."""

    meeting_opened = Signal(int)

    def __init__(self, portfolio: Portfolio | None, db_path: Path, parent: QWidget | None = None):
        """Without a portfolio the window shows "Opening…" until :meth:`set_portfolio`."""
        super().__init__(parent)
        self.portfolio = portfolio
        self.db_path = Path(db_path)
        self.session: MeetingSession | None = None
        self.meeting_view = None
        self.setMinimumSize(800, 560)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.notice = QLabel()
        self.notice.setProperty("role", "notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Read-only notice")
        notice_box = QWidget()
        nl = QVBoxLayout(notice_box)
        style.scaled(nl, margins=(16, 8, 16, 0))
        nl.addWidget(self.notice)
        self.notice_box = notice_box
        layout.addWidget(notice_box)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.save_state.setAccessibleName("Save state")
        self.meeting_time = QLabel()
        self.meeting_time.setAccessibleName("Meeting time")
        self.round_progress = QLabel()  # "Private round: 2 of 5 have rated"
        self.round_progress.setAccessibleName("Private round progress")
        self.path_label = QLabel()
        self.path_label.setAccessibleName("Database file")
        self.path_label.setProperty("role", "muted")
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self.save_state)
        bar.addWidget(self.meeting_time)
        bar.addWidget(self.round_progress)
        bar.addPermanentWidget(self.path_label)

        self._shortcuts: list[tuple[QAction, str]] = []
        self._menus_built = False
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.edit_menu = bar.addMenu("&Edit")
        self.view_menu = bar.addMenu("&View")
        self.help_menu = bar.addMenu("&Help")
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self.home: HomePage | None = None
        self.path_label.setText(str(self.db_path))
        if portfolio is None:
            self.loading = QWidget()
            box = QHBoxLayout(self.loading)
            box.addStretch(1)
            text = QLabel(f"Opening {self.db_path.name}…")
            text.setProperty("role", "muted")
            box.addWidget(text)
            box.addStretch(1)
            self.stack.addWidget(self.loading)
            self.notice_box.hide()
        else:
            self._show_portfolio()
        self._restore_geometry()

    def set_portfolio(self, portfolio: Portfolio) -> None:
        """Show an opened portfolio (after start-up showed the window first)."""
        self.portfolio = portfolio
        self._show_portfolio()
        loading = getattr(self, "loading", None)
        if loading is not None:
            self.stack.removeWidget(loading)
            loading.deleteLater()
            self.loading = None

    # ---- menus ---------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))  # set once the window is shown
        action.triggered.connect(lambda _checked=False: slot())
        if name:
            action.setObjectName(name)
        menu.addAction(action)
        return action

    def _install_shortcuts(self) -> None:
        """Key shortcuts of the menus (deferred: Qt's key enums cost ~80 ms to load)."""
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self._shortcuts = []

    def _build_menus(self) -> None:
        """The menus' items (the titles exist from the start; items come with the portfolio)."""
        if self._menus_built:
            return
        self._menus_built = True
        file_menu = self.file_menu
        self._action(file_menu, "&New portfolio…", self.new_portfolio, None, "newPortfolio")
        self._action(file_menu, "&Open portfolio…", self.choose_portfolio, "Ctrl+O")
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self.home_action = self._action(
            file_menu, "&All reviews", self.show_home, "Ctrl+Home", "showHome"
        )
        self._action(file_menu, "&Import meeting JSON…", self.import_json, None, "importJson")
        self._action(
            file_menu, "Import &minutes (PDF)…", self.import_minutes, None, "importMinutes"
        )
        self.export_pdf_action = self._action(
            file_menu, "&Export PDF…", self.export_pdf, "Ctrl+E", "exportPdf"
        )
        self.paper_menu = file_menu.addMenu("&Paper size for PDF")
        self.paper_actions: dict[str, QAction] = {}
        for value, text in (("a4", "A4"), ("letter", "US Letter")):
            action = self._action(self.paper_menu, text, lambda v=value: self.set_paper(v))
            action.setCheckable(True)
            action.setChecked(settings.paper() == value)
            self.paper_actions[value] = action
        self.export_json_action = self._action(
            file_menu, "Export &JSON…", self.export_json, None, "exportJson"
        )
        self._action(
            file_menu,
            "Export &actions as CSV…",
            lambda: self.export_csv("actions"),
            None,
            "exportActionsCsv",
        )
        self._action(
            file_menu,
            "Export &goals as CSV…",
            lambda: self.export_csv("goals"),
            None,
            "exportGoalsCsv",
        )
        file_menu.addSeparator()
        self.restore_action = self._action(
            file_menu, "Restore from &backup…", self.restore_backup, None, "restoreBackup"
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, "Ctrl+Q")

        edit_menu = self.edit_menu
        self.undo_action = self._action(
            edit_menu, "&Undo", lambda: self._edit("undo"), QKeySequence.StandardKey.Undo, "undo"
        )
        self.redo_action = self._action(
            edit_menu, "&Redo", lambda: self._edit("redo"), QKeySequence.StandardKey.Redo, "redo"
        )
        edit_menu.addSeparator()
        self._action(edit_menu, "&Find in all reviews…", self.show_search, "Ctrl+F", "find")

        view_menu = self.view_menu
        self.fullscreen_action = self._action(
            view_menu, "&Full screen", self.toggle_fullscreen, "F11", "fullScreen"
        )
        self.fullscreen_action.setCheckable(True)
        self._action(view_menu, "&Larger text", lambda: self.zoom(+1), "Ctrl++")
        self._action(view_menu, "&Smaller text", lambda: self.zoom(-1), "Ctrl+-")
        self._action(view_menu, "&Normal text size", lambda: self.zoom(0), "Ctrl+0")

        help_menu = self.help_menu
        self._action(help_menu, "&Check file", self.check_file, None, "checkFile")
        self._action(help_menu, "&About reviewdesk", self.about)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = settings.recent_files()
        if not recent:
            none = self.recent_menu.addAction("(none yet)")
            none.setEnabled(False)
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_portfolio(p))

    def _edit(self, what: str) -> None:
        """Undo or redo: the open meeting's edits, else the focused text field's typing."""
        if self.meeting_view is not None:
            getattr(self.meeting_view, what)()
            return
        widget = QApplication.focusWidget() or self.focusWidget()
        method = getattr(widget, what, None)
        if callable(method):
            method()

    def _update_edit_actions(self) -> None:
        """The Edit menu says what Undo and Redo would do ("Undo Client rating 5 → 2")."""
        if not self._menus_built:
            return
        view = self.meeting_view
        if view is None:
            undo, redo, can_undo, can_redo = "Undo", "Redo", True, True
        else:
            s = view.session
            undo = "Undo typing" if view.typing() and not s.readonly else s.undo_label()
            redo, can_undo, can_redo = s.redo_label(), view.can_undo(), s.can_redo()
        self.undo_action.setText("&" + undo.replace("&", "&&"))
        self.redo_action.setText("&" + redo.replace("&", "&&"))
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)

    # ---- portfolio -----------------------------------------------------------------------

    def _show_portfolio(self) -> None:
        """Show the home of the current portfolio (after start or a switch of file)."""
        from reviewdesk.ui.home.page import HomePage

        assert self.portfolio is not None
        self._build_menus()
        self._install_shortcuts()
        self.close_meeting()
        if self.home is not None:
            self.stack.removeWidget(self.home)
            self.home.deleteLater()
        self.home = HomePage(self.portfolio, self.db_path)
        self.home.open_meeting.connect(self.open_meeting)
        self.home.new_review_requested.connect(self.new_review)
        self.stack.addWidget(self.home)
        self.stack.setCurrentWidget(self.home)
        ro = self.portfolio.readonly
        self.notice.setText(
            f"Read-only: {self.portfolio.notice or 'opened read-only'}. "
            "You can read and export, but changes cannot be saved."
            if ro
            else ""
        )
        self.notice_box.setVisible(ro)
        self.path_label.setText(str(self.db_path))
        self.setWindowTitle(f"reviewdesk — {self.db_path.name}" + (" (read-only)" if ro else ""))
        self._set_save_state("readonly" if ro else "idle")
        self._remember_recent(self.db_path)
        self._update_actions()

    def _remember_recent(self, path: Path) -> None:
        """File → Open recent lists ``path`` first (written off the UI thread: a disk write)."""
        from reviewdesk.ui import ops

        write = lambda: settings.add_recent_file(path)  # noqa: E731
        ops.run_op(None, write, _ignore, _ignore, busy_text=None, serial=True)

    def open_portfolio(self, path: Path) -> bool:
        """Switch to another portfolio file; a refusal shows its one-line reason."""
        path = Path(path)
        if _same_file(path, self.db_path):  # already open: never inspect it a second time
            return True
        if not self.may_leave_meeting():
            return False
        from reviewdesk.store.opening import open_portfolio

        try:
            new = open_portfolio(path, exclusive=True)
        except (ReviewdeskError, OSError) as exc:
            _messages().show_error(self, "Open portfolio", str(exc))
            return False
        self.close_meeting()
        if self.portfolio is not None:
            self.portfolio.close()
        self.portfolio, self.db_path = new, path
        self._show_portfolio()
        return True

    def new_review(self, partnership_id: int = -1) -> None:
        """The New-review dialog; a review made there opens."""
        if self.portfolio is None or self.home is None:
            return
        from reviewdesk.ui.dialogs.new_review import NewReviewDialog

        if not self.may_leave_meeting():
            return
        dialog = NewReviewDialog(
            self.portfolio,
            self.db_path,
            None if partnership_id < 0 else partnership_id,
            parent=self,
        )
        accepted = dialog.exec() and dialog.meeting_id is not None
        meeting_id, chosen = dialog.meeting_id, dialog.partnership_id
        dialog.deleteLater()
        self.show_home()
        self.home.review_created(meeting_id if accepted else None, chosen)

    def show_search(self) -> None:
        """Ctrl+F: the search dialog over every meeting; a result opens at its step."""
        if self.portfolio is None:
            return
        from reviewdesk.ui.dialogs.search import SearchDialog

        dialog = getattr(self, "search_dialog", None)
        if dialog is None or dialog.portfolio is not self.portfolio:
            if dialog is not None:
                dialog.deleteLater()
            dialog = SearchDialog(self.portfolio, parent=self)
            dialog.open_hit.connect(self.open_hit)
            self.search_dialog = dialog
        dialog.show_and_focus()

    def open_hit(self, meeting_id: int, step: str) -> None:
        """Open a meeting at the step where a search found its text."""
        if self.session is None or self.session.meeting_id != meeting_id:
            self.open_meeting(meeting_id)
        if self.meeting_view is not None:
            self.meeting_view.go_to(step)

    def current_partnership(self) -> int | None:
        """The partnership in view: the open meeting's, else the one chosen at home."""
        if self.session is not None:
            return self.session.meeting.partnership.id
        if self.home is not None:
            return self.home.selected_partnership()
        return None

    def export_csv(self, what: str) -> None:
        """Actions or goals of the partnership in view (or of all) as CSV for a spreadsheet."""
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

    def restore_backup(self) -> None:
        """Replace the portfolio with one of its backups; what is there now is saved first."""
        from reviewdesk.app.restore import restore
        from reviewdesk.store.backups import backup_reason_text, list_backups
        from reviewdesk.store.opening import open_portfolio

        messages = _messages()
        if self.portfolio is None or self.portfolio.readonly:
            messages.show_error(self, "Restore from backup", "The portfolio is open read-only.")
            return
        found = list_backups(self.db_path)
        if not found:
            messages.show_info(
                self,
                "Restore from backup",
                "No backups yet: one is taken before every sign-off and every upgrade.",
            )
            return
        labels = [
            f"{moment_text(b.taken_at.astimezone(), seconds=True)} — {backup_reason_text(b.reason)}"
            for b in found
        ]
        index = messages.ask_choice(self, "Restore from backup", "Backup to restore:", labels)
        if index is None or not messages.confirm(
            self,
            "Restore from backup",
            f"Replace the whole portfolio with the backup of {labels[index]}?\n"
            "What is in it now is kept as another backup first.",
        ):
            return
        if not self.may_leave_meeting():
            return
        self.close_meeting()
        self.portfolio.close()  # releases the window's lock so the restore may write
        self.portfolio = None
        message = None
        try:
            safety = restore(self.db_path, found[index].path)
        except ReviewdeskError as exc:
            message = str(exc)
        try:
            self.portfolio = open_portfolio(self.db_path, exclusive=True)
        except ReviewdeskError as exc:
            messages.show_error(self, "Restore from backup", str(exc))
            self.close()
            return
        self._show_portfolio()
        if message:
            messages.show_error(self, "Restore from backup", message)
        else:
            messages.show_info(
                self,
                "Restore from backup",
                f"Restored the backup of {labels[index]}. The previous state is in {safety}.",
            )

    def choose_portfolio(self) -> None:
        path = _messages().ask_open_file(
            self, "Open portfolio", "reviewdesk portfolios (*.sqlite);;All files (*)", "portfolio"
        )
        if path is not None:
            self.open_portfolio(path)

    def new_portfolio(self) -> None:
        path = _messages().ask_save_file(
            self,
            "New portfolio",
            Path("portfolio.sqlite"),
            "reviewdesk portfolios (*.sqlite)",
            "portfolio",
        )
        if path is None:
            return
        if path.suffix == "":
            path = path.with_suffix(".sqlite")
        self.open_portfolio(path)

    # ---- meeting -------------------------------------------------------------------------

    def open_meeting(self, meeting_id: int) -> None:
        from reviewdesk.ui.meeting.session import MeetingSession
        from reviewdesk.ui.meeting.view import MeetingView

        if self.portfolio is None or not self.may_leave_meeting():
            return
        self.close_meeting()
        session = None
        try:
            session = MeetingSession(self.portfolio, meeting_id, self)
            session.alert.connect(self._write_failed)
            session.refresh()
            view = MeetingView(session)  # its pages read the partnership's history too
        except ReviewdeskError as exc:
            if session is not None:
                session.deleteLater()
            _messages().show_error(self, "Open review", str(exc))
            return
        self.session = session
        view.save_state_changed.connect(self._show_save_state)
        back = QPushButton("← All reviews")
        back.setProperty("role", "link")
        back.setAccessibleName("Back to all reviews")
        back.clicked.connect(self.show_home)
        view.header.parentWidget().layout().insertWidget(0, back)
        self.meeting_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self._show_save_state()
        self._update_actions()
        self._tick()
        self.meeting_opened.emit(meeting_id)

    def may_leave_meeting(self) -> bool:
        """Before the meeting closes: typed text that is not in the file is saved, dropped
        or kept (the user's choice, asked again while saving fails); False to stay."""
        view = self.meeting_view
        if view is None:
            return True
        while unsaved := view.unsaved():
            answer = _messages().ask_unsaved(self, unsaved)
            if answer == "cancel":
                return False
            if answer == "discard":
                view.discard_unsaved()
                return True
            view.save_unsaved()
        return True

    def close_meeting(self) -> None:
        """Flush waiting text and drop the meeting view."""
        if self.meeting_view is not None:
            self.meeting_view.close_view()
            self.stack.removeWidget(self.meeting_view)
            self.meeting_view.deleteLater()
            self.meeting_view = None
        if self.session is not None:
            self.session.deleteLater()
            self.session = None
        self.round_progress.setText("")
        self._update_actions()

    def show_home(self) -> None:
        if not self.may_leave_meeting():
            return
        left = [self.session.meeting.partnership.id] if self.session is not None else []
        self.close_meeting()
        if self.home is not None:
            self.home.refresh(changed=[pid for pid in left if pid is not None])
            self.stack.setCurrentWidget(self.home)
        self.meeting_time.setText("")

    def flush(self) -> None:
        if self.meeting_view is not None:
            self.meeting_view.flush()

    def _show_save_state(self) -> None:
        """What the open meeting says about saving (and what Undo / Redo would do)."""
        if self.meeting_view is not None:
            self._set_save_state(*self.meeting_view.save_status())
        view = self.meeting_view
        self.round_progress.setText(view.round_status() if view is not None else "")
        self._update_edit_actions()

    def _write_failed(self, message: str) -> None:
        self._show_save_state()
        _messages().show_error(self, "Not saved", message)

    def _set_save_state(self, state: str, text: str | None = None) -> None:
        text = (
            text
            or {
                "idle": "No unsaved changes",
                "readonly": "Read-only",
            }[state]
        )
        self.save_state.setText(text)
        self.save_state.setProperty("state", state)
        style.repolish(self.save_state)

    def _tick(self) -> None:
        if self.meeting_view is not None:
            self.meeting_time.setText(f"Meeting time {self.meeting_view.meeting_time()}")

    def _update_actions(self) -> None:
        if not self._menus_built:
            return
        has_meeting = self.session is not None
        self.export_pdf_action.setEnabled(has_meeting)
        self.export_json_action.setEnabled(has_meeting)
        self.home_action.setEnabled(has_meeting)
        self._update_edit_actions()

    # ---- import / export -----------------------------------------------------------------

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
            _messages().show_error(self, "Import meeting", str(exc))
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
        if choice == "file":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif choice == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))

    # ---- view ----------------------------------------------------------------------------

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.fullscreen_action.setChecked(self.isFullScreen())

    def zoom(self, direction: int) -> None:
        """Larger (+1), smaller (-1) or normal (0) text; the whole window scales."""
        value = 1.0 if direction == 0 else style.scale() + direction * SCALE_STEP
        app = QApplication.instance()
        style.apply(app, value)
        settings.set_scale(style.scale())
        if self.home is not None:
            self.home.rescale()
        if self.meeting_view is not None:
            self.meeting_view.rescale()

    def check_file(self) -> None:
        """Help → Check file: SQLite's check of every page, off the UI thread."""
        from reviewdesk.ui import file_check

        file_check.check_now(self)

    def about(self) -> None:
        from reviewdesk.app.keys import key_text

        _messages().show_info(
            self,
            "About reviewdesk",
            f"reviewdesk {__version__}\n"
            "Lead client–provider partnership reviews and sign off their minutes.\n\n"
            f"Database: {self.db_path}\n\n"
            f"{key_text()}\n"
            "Compare this fingerprint with the one printed on earlier minutes.",
        )

    # ---- geometry and close --------------------------------------------------------------

    def _restore_geometry(self) -> None:
        data = settings.geometry()
        if data and self.restoreGeometry(data):
            return
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and (screen.width() < 1440 or screen.height() < 900):
            self.setGeometry(screen)  # a laptop screen: use all of it
        else:
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.may_leave_meeting():
            event.ignore()
            return
        self.flush()
        settings.set_geometry(bytes(self.saveGeometry()))
        self._clock.stop()
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.toggle_fullscreen()
            return
        super().keyPressEvent(event)
