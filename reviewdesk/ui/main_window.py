"""The main window: home or the open meeting, menus, status bar ("Saved" only when true)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal  # Qt's namespace loads lazily: 20 ms
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk import __version__
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.ui import settings, style
from reviewdesk.ui.menus import MenusMixin
from reviewdesk.ui.transfers import TransfersMixin

if TYPE_CHECKING:  # the store and the pages load after the window is first shown
    from PySide6.QtGui import QAction, QCloseEvent

    from reviewdesk.store.portfolio import Portfolio
    from reviewdesk.ui.home.page import HomePage
    from reviewdesk.ui.meeting.session import MeetingSession
    from reviewdesk.ui.widgets.elided_label import ElidedLabel

SCALE_STEP = 0.1
TURN_MS = 1  # a slice of work per timer: input, other timers and paint run between (not 0:
# Qt runs queued calls posted meanwhile in the same pass, and a chain of them is one stall)
NOT_SHOWN_AT_HOME = frozenset({"time"})  # change kinds of a meeting the home page never shows


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


class MainWindow(MenusMixin, TransfersMixin, QMainWindow):
    """Owns the open portfolio (``portfolio``) and, while a meeting is open, its session."""

    meeting_opened = Signal(int)

    def __init__(self, portfolio: Portfolio | None, db_path: Path, parent: QWidget | None = None):
        """Without a portfolio the window shows "Opening…" until :meth:`set_portfolio`."""
        super().__init__(parent)
        self.portfolio = portfolio
        self.db_path = Path(db_path)
        self.session: MeetingSession | None = None
        self.meeting_view = None
        self._from_home = False  # the next open_meeting comes from the home page's list
        self._touched: set[int] = set()  # partnerships whose home figures meetings changed
        self._disposing: list[QWidget] = []  # a closed meeting's parts, deleted a turn each
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
        self.round_progress.hide()  # shown with its text (empty, its padding took room)
        self.path_label: ElidedLabel | None = None  # once the file is open (_show_path)
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self.save_state)
        bar.addWidget(self.meeting_time)
        bar.addWidget(self.round_progress)

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
            self.show_portfolio()
        self._restore_geometry()

    def set_portfolio(self, portfolio: Portfolio, in_slices: bool = False) -> None:
        """Show an opened portfolio (after start-up showed the window first); ``in_slices``:
        its home page is built a part per turn of the event loop (see HomePage)."""
        self.portfolio = portfolio
        self.show_portfolio(in_slices=in_slices)
        if self.home is not None and self.home.building:  # "Opening…" until it is listed
            self.home.listed.connect(self._drop_loading)
        else:
            self._drop_loading()

    def _drop_loading(self) -> None:
        loading = getattr(self, "loading", None)
        if loading is not None:
            if self.home is not None and self.stack.currentWidget() is loading:
                self.stack.setCurrentWidget(self.home)
            self.stack.removeWidget(loading)
            loading.deleteLater()
            self.loading = None

    # ---- menus ---------------------------------------------------------------------------

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

    def show_portfolio(self, in_slices: bool = False) -> None:
        """Show the home of the current portfolio (after start or a switch of file)."""
        from reviewdesk.ui.home.page import HomePage

        assert self.portfolio is not None
        if in_slices and not self._menus_built:
            QTimer.singleShot(TURN_MS, self, self._menus_ready)  # the page shows first
        else:
            self._menus_ready()
        self.close_meeting()
        self._touched.clear()  # a new home page reads every partnership
        if self.home is not None:
            self.stack.removeWidget(self.home)
            self.home.deleteLater()
        self.home = HomePage(self.portfolio, self.db_path, self.stack, in_slices=in_slices)
        self.home.open_meeting.connect(self._open_from_home)
        self.home.new_review_requested.connect(self.new_review)
        self.stack.addWidget(self.home)
        if not (in_slices and getattr(self, "loading", None) is not None):
            self.stack.setCurrentWidget(self.home)  # else once it lists the partnerships
        ro = self.portfolio.readonly
        self.notice.setText(
            f"Read-only: {self.portfolio.notice or 'opened read-only'}. "
            "You can read and export, but changes cannot be saved."
            if ro
            else ""
        )
        self.notice_box.setVisible(ro)
        self._show_path()
        self.setWindowTitle(f"reviewdesk — {self.db_path.name}" + (" (read-only)" if ro else ""))
        self._set_save_state("readonly" if ro else "idle")
        self._remember_recent(self.db_path)
        self._update_actions()

    def _menus_ready(self) -> None:
        """The menus' items and key shortcuts, then which of them are enabled."""
        self._build_menus()
        self._install_shortcuts()
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
        self.show_portfolio()
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

    def restore_backup(self) -> None:
        """Replace the portfolio with one of its backups (ui.dialogs.restore)."""
        from reviewdesk.ui.dialogs.restore import restore_backup

        restore_backup(self)

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

    def _open_from_home(self, meeting_id: int) -> None:
        """A review opened from the home page's list: the page shows it as it is now."""
        self._from_home = True
        try:
            self.open_meeting(meeting_id)
        finally:
            self._from_home = False

    def _note_change(self, change: object) -> None:
        """What the open meeting changed: the home page re-reads its partnership on return
        unless every change was of a kind it does not show."""
        if getattr(change, "value", None) not in NOT_SHOWN_AT_HOME:
            self._touch()

    def _touch(self) -> None:
        if self.session is not None and self.session.meeting.partnership.id is not None:
            self._touched.add(self.session.meeting.partnership.id)

    def open_meeting(self, meeting_id: int) -> None:
        from reviewdesk.ui.meeting.session import MeetingSession
        from reviewdesk.ui.meeting.view import MeetingView

        if self.portfolio is None or not self.may_leave_meeting():
            return
        self.close_meeting()
        session = view = None
        try:
            session = MeetingSession(self.portfolio, meeting_id, self)
            session.alert.connect(self._write_failed)
            session.refresh()
            # made inside its place in the stack: a widget tree added to a styled parent
            # afterwards is styled again, widget by widget (its pages read the history too)
            view = MeetingView(session, self.stack)
        except ReviewdeskError as exc:
            if session is not None:
                session.deleteLater()
            if view is not None:
                view.deleteLater()
            _messages().show_error(self, "Open review", str(exc))
            return
        self.session = session
        # opened from elsewhere (search, import), the home page may not know the review yet
        if not self._from_home:
            self._touch()
        session.changed.connect(self._note_change)
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
        """Flush waiting text and drop the meeting view (hidden now, its pages deleted one per
        turn of the event loop: a meeting with every page built has thousands of widgets)."""
        if self.meeting_view is not None:
            view = self.meeting_view
            view.close_view()
            self.stack.removeWidget(view)
            self.meeting_view = None
            from PySide6.QtCore import Qt

            pages = list(getattr(view, "page_areas", {}).values())
            # then the view's own parts (header, steps…) one a turn, and the view last
            parts = view.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            self._dispose([*pages, *parts, view])
        if self.session is not None:
            self.session.deleteLater()
            self.session = None
        self._show_round_progress("")
        self._update_actions()

    def _dispose(self, widgets: list[QWidget]) -> None:
        """Delete ``widgets`` (hidden, their work done), one per turn of the event loop."""
        start = not self._disposing
        self._disposing += widgets
        if start and self._disposing:
            QTimer.singleShot(TURN_MS, self, self._dispose_next)

    def _dispose_next(self) -> None:
        import shiboken6

        if not self._disposing:
            return
        widget = self._disposing.pop(0)
        if shiboken6.isValid(widget):
            if widget.parent() is self.stack:  # the closed view, its parts gone by now:
                # out of the window's stack before it goes, or Qt repaints the whole home page
                # (~40–60 ms at 4,000 meetings) when a child of the stack is deleted
                widget.setParent(None)
            shiboken6.delete(widget)
        if self._disposing:
            QTimer.singleShot(TURN_MS, self, self._dispose_next)
        else:  # the whole meeting is gone: its memory goes back to the system, a turn later
            from reviewdesk.ui.memory import give_back_free_memory

            QTimer.singleShot(TURN_MS, self, give_back_free_memory)

    def show_home(self) -> None:
        """Back to the home page: it was kept as it was; only the left meeting's partnership
        is read again, and only when the meeting changed something the page shows."""
        if not self.may_leave_meeting():
            return
        session, touched = self.session, sorted(self._touched)
        self._touched.clear()
        self.close_meeting()
        if self.home is not None:
            self.stack.setCurrentWidget(self.home)
            if session is None:
                self.home.refresh(changed=touched)
            else:
                self.home.back_from_meeting(touched)
        self.meeting_time.setText("")

    def _show_path(self) -> None:
        """The file's path at the right of the status bar, the first part to give way on a
        narrow window: cut in the middle, its name shows. Made once the file is open, after
        the first paint: its label needs Qt's enums, ~40 ms to load on the first use."""
        from PySide6.QtCore import Qt

        from reviewdesk.ui.widgets.elided_label import ElidedLabel

        if self.path_label is None:
            self.path_label = ElidedLabel(mode=Qt.TextElideMode.ElideMiddle)
            self.path_label.setAccessibleName("Database file")
            self.path_label.setProperty("role", "muted")
            # its whole path when there is room (an ignored width got none in the status bar)
            preferred = QSizePolicy.Policy.Preferred
            self.path_label.setSizePolicy(preferred, preferred)
            self.statusBar().addPermanentWidget(self.path_label)
        self.path_label.setText(str(self.db_path))

    def _show_round_progress(self, text: str) -> None:
        self.round_progress.setText(text)
        self.round_progress.setVisible(bool(text))

    def flush(self) -> None:
        if self.meeting_view is not None:
            self.meeting_view.flush()

    def _show_save_state(self) -> None:
        """What the open meeting says about saving (and what Undo / Redo would do)."""
        if self.meeting_view is not None:
            self._set_save_state(*self.meeting_view.save_status())
        view = self.meeting_view
        self._show_round_progress(view.round_status() if view is not None else "")
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
        self.new_review_action.setEnabled(
            self.portfolio is not None and not self.portfolio.readonly
        )
        self._update_edit_actions()

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

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_leave_meeting():
            event.ignore()
            return
        self.flush()
        if self.meeting_view is not None:
            self.meeting_view.stop_building()  # the file closes after the window
        settings.set_geometry(bytes(self.saveGeometry()))
        self._clock.stop()
        super().closeEvent(event)

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.toggle_fullscreen()
            return
        super().keyPressEvent(event)
