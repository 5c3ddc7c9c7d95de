"""Every file dialog of the window: they never open the portfolio's files.

Why: SQLite keeps POSIX advisory locks on Linux, macOS and the BSDs, and a process loses them
all when it closes *any* other descriptor on the database file or its ``-shm``. Qt's own file
dialog opens every file of the folder it lists: QFileSystemModel asks its icon provider for the
"Type" column and icons, and QAbstractFileIconProvider sniffs each file's content through
QMimeDatabase (selecting or typing a name does it at once, synchronously). The native dialogs
(GTK's runs in this process) sniff too. So here:

* on POSIX systems the dialog is always Qt's widget dialog (Windows keeps its native one:
  LockFileEx locks belong to SQLite's handle, so another handle closing releases nothing);
* it is built without a directory, then its options, then :class:`NameOnlyIconProvider`
  (types and icons from the file *name* only), and only then the directory: given a directory
  at construction, Qt creates the native helper at once and it starts listing the folder;
* SQLite's and reviewdesk's side files (-wal, -shm, -journal, .lock) are hidden;
* the open portfolio (any spelling, see reviewdesk.store.open_guard) is refused as a file to
  save over or to import.

Start folders: exports and imports start in the user's documents folder, then in the last
folder used for that kind (remembered in settings), never in the app's data folder.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import (
    QMimeDatabase,
    QModelIndex,
    QSortFilterProxyModel,
    QStandardPaths,
    QUrl,
)
from PySide6.QtGui import QAbstractFileIconProvider, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QFileDialog,
    QFileIconProvider,
    QFileSystemModel,
    QHeaderView,
    QMessageBox,
    QSplitter,
    QTreeView,
)

from reviewdesk.store import open_guard
from reviewdesk.ui import settings

# POSIX advisory locks are per process on Linux, the BSDs and macOS.
POSIX_LOCKS = sys.platform != "win32"
HIDDEN_SUFFIXES = (*open_guard.SIDE_SUFFIXES, ".lock")
KINDS = ("export", "import", "portfolio")  # one remembered folder each
SCREEN_SHARE = 0.6  # of the available screen, each way
SIDEBAR_SHARE = 0.2  # of the dialog's width, for the places


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and the "Type" column from the file name only: never opens, never sniffs.

    The MIME type comes from glob patterns (``mimeTypesForFileName``: a string lookup), the
    icons from the icon theme by MIME icon name or the style's generic pixmaps.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setOptions(QAbstractFileIconProvider.Option.DontUseCustomDirectoryIcons)
        self._mime = QMimeDatabase()
        self._generic = QFileIconProvider()  # only icon(IconType): style pixmaps, no file access
        self._icons: dict[str, QIcon] = {}
        self._lock = threading.Lock()  # Qt may ask from its gatherer thread

    def _mime_for_name(self, name: str):  # noqa: ANN202 - QMimeType
        matches = self._mime.mimeTypesForFileName(name)
        return matches[0] if matches else self._mime.mimeTypeForName("application/octet-stream")

    def icon(self, what):  # noqa: ANN001, ANN201 - both C++ overloads arrive here
        if isinstance(what, QAbstractFileIconProvider.IconType):
            return self._generic.icon(what)
        if what.isDir():  # a stat, no open
            return self._generic.icon(QAbstractFileIconProvider.IconType.Folder)
        mime = self._mime_for_name(what.fileName())
        with self._lock:
            icon = self._icons.get(mime.name())
            if icon is None:
                icon = QIcon.fromTheme(mime.iconName())
                if icon.isNull():
                    icon = QIcon.fromTheme(mime.genericIconName())
                if icon.isNull():
                    icon = self._generic.icon(QAbstractFileIconProvider.IconType.File)
                self._icons[mime.name()] = icon
        return icon

    def type(self, info) -> str:  # noqa: ANN001 - QFileInfo
        if info.isDir():
            return "Folder"
        if info.isFile():
            matches = self._mime.mimeTypesForFileName(info.fileName())
            if matches:
                return matches[0].comment() or matches[0].name()
            suffix = info.suffix()  # unknown to the MIME database: say what the name says
            return f"{suffix.upper()} file" if suffix else "File"
        return "Shortcut" if info.isSymLink() else "Unknown"


class HideSideFiles(QSortFilterProxyModel):
    """Hides -wal, -shm, -journal and .lock files, so nobody picks them (the model still lists
    them: the icon provider is what keeps them unopened)."""

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 - Qt API
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        if isinstance(model, QFileSystemModel) and model.isDir(index):
            return True
        return not str(model.data(index)).endswith(HIDDEN_SUFFIXES)


class SafeFileDialog(QFileDialog):
    """A QFileDialog that cannot make the process drop its SQLite locks (see the module)."""

    def __init__(
        self,
        parent=None,  # noqa: ANN001 - QWidget | None
        caption: str = "",
        folder: Path | None = None,
        file_filter: str = "",
        *,
        refuse_open_portfolio: str = "",
    ) -> None:
        super().__init__(parent)  # no directory here: it would create the native helper now
        options = self.options() | QFileDialog.Option.DontUseCustomDirectoryIcons
        if POSIX_LOCKS:
            options |= QFileDialog.Option.DontUseNativeDialog
        self.setOptions(options)
        self._provider = NameOnlyIconProvider()  # the dialog does not own it: keep a reference
        if POSIX_LOCKS:
            self.setIconProvider(self._provider)  # before any directory reaches the model
            self._proxy = HideSideFiles(self)
            self.setProxyModel(self._proxy)
        self._refusal = refuse_open_portfolio
        if POSIX_LOCKS:
            self._fit_to_screen()
        if caption:
            self.setWindowTitle(caption)
        if file_filter:
            self.setNameFilter(file_filter)
        if folder is not None:
            self.setDirectory(str(folder))

    def _fit_to_screen(self) -> None:
        """Room for the places, names and types (Qt's default is cramped), and the places a
        facilitator saves to: home and documents."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.resize(
                max(self.sizeHint().width(), int(area.width() * SCREEN_SHARE)),
                max(self.sizeHint().height(), int(area.height() * SCREEN_SHARE)),
            )
        places = [QUrl("file:"), QUrl.fromLocalFile(str(Path.home()))]
        documents = documents_folder()
        if documents != Path.home():
            places.append(QUrl.fromLocalFile(str(documents)))
        self.setSidebarUrls(places)
        splitter = self.findChild(QSplitter, "splitter")
        if splitter is not None:
            side = int(self.width() * SIDEBAR_SHARE)
            splitter.setSizes([side, self.width() - side])
        details = self.findChild(QTreeView, "treeView")
        if details is not None:  # the detail view: names take the room, the rest fit
            header = details.header()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in range(1, header.count()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def accept(self) -> None:
        """Keep the dialog open when the chosen file is a portfolio open in this process."""
        files = self.selectedFiles()
        if self._refusal and files and open_guard.is_held(files[0]):
            QMessageBox.warning(self, self.windowTitle(), f"{Path(files[0]).name}: {self._refusal}")
            return
        super().accept()


def documents_folder() -> Path:
    """The user's documents folder (Qt's DocumentsLocation), else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(kind: str) -> Path:
    """Where a dialog of this kind opens: the last folder used for it, else the documents."""
    remembered = settings.last_folder(kind)
    if remembered is not None and remembered.is_dir():
        return remembered
    return documents_folder()


def _run(dialog: SafeFileDialog, kind: str) -> Path | None:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        chosen = Path(dialog.selectedFiles()[0])
    finally:
        dialog.deleteLater()
    settings.set_last_folder(kind, chosen.parent)
    return chosen


def ask_open_file(
    parent,  # noqa: ANN001 - QWidget | None
    caption: str,
    file_filter: str,
    kind: str = "import",
) -> Path | None:
    """An existing file to read, or None when cancelled. An import refuses the portfolio."""
    refusal = "" if kind == "portfolio" else "this is the open portfolio, not a file to import."
    dialog = SafeFileDialog(
        parent, caption, start_folder(kind), file_filter, refuse_open_portfolio=refusal
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(dialog, kind)


def ask_save_file(
    parent,  # noqa: ANN001 - QWidget | None
    caption: str,
    suggested: Path,
    file_filter: str,
    kind: str = "export",
) -> Path | None:
    """A file to write, or None when cancelled; never the open portfolio.

    A bare file name as ``suggested`` opens in :func:`start_folder`; a full path in its folder.
    """
    suggested = Path(suggested)
    folder = suggested.parent if suggested.is_absolute() else start_folder(kind)
    dialog = SafeFileDialog(
        parent,
        caption,
        folder,
        file_filter,
        refuse_open_portfolio="this is the portfolio reviewdesk has open; choose another name.",
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.selectFile(suggested.name)
    return _run(dialog, kind)
