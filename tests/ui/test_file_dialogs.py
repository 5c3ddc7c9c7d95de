"""The window's file dialogs never open the portfolio's files, refuse it as a target, and start in
the documents folder or the last one used — never in the app's data folder."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import lockprobe
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from reviewdesk import paths
from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui import file_dialogs, settings
from reviewdesk.ui.file_dialogs import NameOnlyIconProvider, SafeFileDialog

PACKAGE = Path(file_dialogs.__file__).resolve().parents[1]
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps its native dialog")
needs_proc_locks = pytest.mark.skipif(
    not lockprobe.available(), reason="the locks are read from Linux's /proc/locks"
)


@pytest.fixture
def folder(tmp_path: Path):
    """A portfolio open in this process, among files a facilitator keeps beside it."""
    folder = tmp_path / "portfolio"
    portfolio = open_portfolio(folder / "reviewdesk.sqlite")
    (folder / "minutes.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "meeting.json").write_text("{}\n")
    (folder / "notes").write_text("no extension\n")
    yield folder
    portfolio.close()


def _names(dialog: QFileDialog, folder: Path) -> set[str]:
    proxy = dialog.proxyModel()
    model = proxy.sourceModel()
    root = proxy.mapFromSource(model.index(str(folder)))
    return {proxy.index(r, 0, root).data() for r in range(proxy.rowCount(root))}


def _walk(qtbot, dialog: QFileDialog, folder: Path) -> None:
    """As a person would: listed, the portfolio selected, detail view, its name typed."""
    dialog.show()
    qtbot.waitUntil(lambda: "minutes.pdf" in _names(dialog, folder), timeout=30_000)
    dialog.selectFile("reviewdesk.sqlite")
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    edit.clear()
    qtbot.keyClicks(edit, "reviewdesk.sqlite")
    model = dialog.proxyModel().sourceModel() if dialog.proxyModel() else None
    if model is not None:
        index = model.index(str(folder / "minutes.pdf"))
        qtbot.waitUntil(lambda: bool(model.index(index.row(), 2, index.parent()).data()))


@posix_only
def test_never_native_and_never_sniffing(qtbot, folder):
    dialog = SafeFileDialog(None, "Export", folder, "All files (*)")
    qtbot.addWidget(dialog)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert isinstance(dialog.iconProvider(), NameOnlyIconProvider)
    _walk(qtbot, dialog, folder)
    shown = _names(dialog, folder)
    assert {"reviewdesk.sqlite", "minutes.pdf", "meeting.json", "notes"} <= shown
    assert not any(n.endswith(("-wal", "-shm", ".lock")) for n in shown)  # side files hidden
    provider = dialog.iconProvider()
    from PySide6.QtCore import QFileInfo

    assert provider.type(QFileInfo(str(folder / "notes")))  # a type without reading the file
    assert provider.type(QFileInfo(str(folder))) == "Folder"


@posix_only
@needs_proc_locks
def test_walking_the_dialog_keeps_sqlites_locks(qtbot, folder):
    db = folder / "reviewdesk.sqlite"
    assert lockprobe.problems(os.getpid(), db, "before") == []
    dialog = SafeFileDialog(None, "Export", folder, "PDF files (*.pdf)")
    qtbot.addWidget(dialog)
    _walk(qtbot, dialog, folder)
    dialog.reject()
    assert lockprobe.problems(os.getpid(), db, "after the dialog") == []


@needs_proc_locks
def test_proof_that_qts_own_dialog_drops_them(qtbot, folder):
    """The hazard this module exists for: Qt's dialog reads the files it lists."""
    db = folder / "reviewdesk.sqlite"
    dialog = QFileDialog(None, "Export", str(folder), "All files (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.selectFile(db.name)  # Qt's provider sniffs the file at once
    qtbot.waitUntil(lambda: lockprobe.problems(os.getpid(), db, "after") != [], timeout=30_000)


def _answer(qtbot, action) -> None:  # noqa: ANN001
    """Do ``action(dialog)`` once the modal file dialog is up."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, act)
            return
        action(dialog)

    QTimer.singleShot(0, act)


def test_the_open_portfolio_is_refused_as_a_save_target(qtbot, folder, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    hard_link = folder / "same-file.sqlite"
    os.link(folder / "reviewdesk.sqlite", hard_link)
    settings.set_last_folder("export", folder)
    refused = []

    def choose(dialog: QFileDialog) -> None:
        for name in ("reviewdesk.sqlite", "reviewdesk.sqlite-wal", hard_link.name):
            dialog.selectFile(str(folder / name))
            dialog.accept()
            refused.append(dialog.isVisible())
        dialog.selectFile(str(folder / "minutes-2.pdf"))
        dialog.accept()

    _answer(qtbot, choose)
    chosen = file_dialogs.ask_save_file(None, "Export PDF", Path("x.pdf"), "PDF files (*.pdf)")
    assert chosen == folder / "minutes-2.pdf"
    assert refused == [True, True, True] and len(warnings) == 3
    assert "portfolio reviewdesk has open" in warnings[0]


def test_an_import_refuses_it_and_open_portfolio_takes_it(qtbot, folder, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    for kind in ("import", "portfolio"):
        settings.set_last_folder(kind, folder)

    def choose(dialog: QFileDialog) -> None:
        dialog.selectFile(str(folder / "reviewdesk.sqlite"))
        dialog.accept()
        if dialog.isVisible():
            dialog.reject()

    _answer(qtbot, choose)
    assert file_dialogs.ask_open_file(None, "Import", "All files (*)", "import") is None
    assert warnings and "not a file to import" in warnings[0]
    _answer(qtbot, choose)
    chosen = file_dialogs.ask_open_file(None, "Open portfolio", "*.sqlite", "portfolio")
    assert chosen == folder / "reviewdesk.sqlite" and len(warnings) == 1


def test_dialogs_start_in_the_documents_folder_then_the_last_one_used(qtbot, tmp_path):
    documents = file_dialogs.documents_folder()
    assert documents.is_dir()
    data = paths.data_dir()
    data.mkdir(parents=True, exist_ok=True)
    for kind in file_dialogs.KINDS:
        start = file_dialogs.start_folder(kind)
        assert start == documents and start != data
    used = tmp_path / "minutes"
    used.mkdir()
    started = []

    def save_there(dialog: QFileDialog) -> None:
        started.append(Path(dialog.directory().absolutePath()))
        dialog.selectFile(str(used / "q4.pdf"))
        dialog.accept()

    _answer(qtbot, save_there)
    assert file_dialogs.ask_save_file(None, "Export", Path("q4.pdf"), "*.pdf") == used / "q4.pdf"
    assert started == [documents]
    assert file_dialogs.start_folder("export") == used  # remembered for exports…
    assert file_dialogs.start_folder("import") == documents  # …not for the other kinds
    used.rmdir()
    assert file_dialogs.start_folder("export") == documents  # a folder that is gone


def test_no_other_file_dialog_or_file_sniffing_in_the_window():
    """Qt's static dialogs, its icon provider and MIME sniffing open the files they look at;
    so does an icon made from a file path. Only file_dialogs may use these, and style's one
    maker of icons from the app's own resources, by name (the window icon)."""
    banned = re.compile(
        r"QFileDialog|QFileIconProvider|QMimeDatabase|mimeTypeForFile|QFileSystemModel"
        r"|QIcon\(\s*[^)\s]|QPixmap\(\s*(str|Path|f\"|\")"
    )
    own_resources = ("ui/style.py", "return QIcon(icon_path(name))")
    offenders = []
    for source in PACKAGE.rglob("*.py"):
        if source.name == "file_dialogs.py":
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            where = (source.relative_to(PACKAGE).as_posix(), line.strip())
            if banned.search(line) and where != own_resources:
                offenders.append(f"{source.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []
