"""The main window's menus and their shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewdesk.ui import settings

if TYPE_CHECKING:  # QtGui's action and key types are made with the menus' items, not before
    from PySide6.QtGui import QAction


class MenusMixin:
    """The File, Edit, View and Help menus' items, mixed into :class:`MainWindow`."""

    def _action(self, menu, text: str, slot, shortcut=None, name: str = "") -> QAction:
        from PySide6.QtGui import QAction

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
        from PySide6.QtGui import QKeySequence

        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self._shortcuts = []

    def _build_menus(self) -> None:
        """The menus' items (the titles exist from the start; items come with the portfolio)."""
        if self._menus_built:
            return
        from PySide6.QtGui import QKeySequence

        self._menus_built = True
        file_menu = self.file_menu
        self._action(file_menu, "&New portfolio…", self.new_portfolio, None, "newPortfolio")
        self._action(file_menu, "&Open portfolio…", self.choose_portfolio, "Ctrl+O")
        self.new_review_action = self._action(
            file_menu,
            "New re&view…",
            lambda: self.new_review(self.current_partnership() or -1),
            "Ctrl+N",
            "newReview",
        )
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
        self._action(
            file_menu,
            "Export &register as CSV…",
            lambda: self.export_csv("register"),
            None,
            "exportRegisterCsv",
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
