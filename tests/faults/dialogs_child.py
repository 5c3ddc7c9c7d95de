"""Child process: the real window (reviewdesk.ui.app.run) on a portfolio, every file dialog of the
app opened on the portfolio's own folder, typing in between. Driven by test_dialog_locks.py.

Usage: python dialogs_child.py DB MEETING_ID   (run in the portfolio's folder)

Protocol, one line each way:
  child: "restored"               File → Restore from backup put the newest backup back
  child: "ready PID"              the portfolio and the meeting are open in the window
  child: "acknowledged N"         edit N (" edit-N" typed in the Trust notes) was committed:
                                  the status bar says "Saved" and the session re-read it
  child: "closed KIND"            a dialog was walked and closed; it then waits for "next"
  child: "dialogs done"           waits for "write" (the test runs CLI commands meanwhile)
  child: "acknowledged N" ×5, then "idle refusals=K" and keeps running until killed
  child: "problem TEXT"           something that must not happen happened; it goes on
  child: "error TEXT"             a step could not be done; it exits with code 3

Each dialog is walked as a person would: the folder listed, the portfolio selected, the detail
view (its "Type" column), the portfolio's name typed into the file-name box, the list view, then
cancel; some also try to accept the portfolio (refused) or the open portfolio again. Every wait
is for a condition, with a generous limit, never a fixed sleep.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFileSystemModel,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
)

DB = Path(sys.argv[1]).resolve()
FOLDER = DB.parent
MEETING_ID = int(sys.argv[2])
ALIAS = FOLDER / "alias.sqlite"  # a hard link to the portfolio, made by the test
LIMIT = float(os.environ.get("DIALOGS_CHILD_LIMIT", "180"))  # seconds for any one condition
POLL_MS = 20
AFTER_CLI_EDITS = 5

Step = Callable[[], bool]  # a condition to wait for


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fail(text: str) -> None:
    say(f"error {text}")
    sys.stdout.flush()
    os._exit(3)


def wait_word(word: str) -> None:
    line = sys.stdin.readline().strip()
    if line != word:
        fail(f"protocol: expected {word!r}, got {line!r}")


class Runner:
    """Runs a generator of conditions: each yielded condition is polled until true."""

    running: list[Runner] = []  # kept alive until done

    def __init__(self, name: str, steps: Iterator[Step]) -> None:
        self.name, self.steps = name, steps
        self.condition: Step | None = None
        self.since = 0.0
        self.done = False
        Runner.running.append(self)
        QTimer.singleShot(0, self._advance)

    def _advance(self) -> None:
        try:
            self.condition = next(self.steps)
        except StopIteration:
            self.done = True
            Runner.running.remove(self)
            return
        self.since = time.monotonic()
        self._poll()

    def _poll(self) -> None:
        assert self.condition is not None
        if self.condition():
            QTimer.singleShot(0, self._advance)
        elif time.monotonic() - self.since > LIMIT:
            fail(f"{self.name}: waited {LIMIT:.0f}s for {self.condition.__doc__ or 'a condition'}")
        else:
            QTimer.singleShot(POLL_MS, self._poll)


def until(doc: str, test: Callable[[], bool]) -> Step:
    def step() -> bool:
        return bool(test())

    step.__doc__ = doc
    return step


def now() -> Step:
    return until("nothing", lambda: True)


# ---- the window --------------------------------------------------------------------------------


def the_window():  # noqa: ANN201 - MainWindow
    for widget in QApplication.topLevelWidgets():
        if hasattr(widget, "open_meeting") and hasattr(widget, "portfolio"):
            return widget
    return None


def notes_field(window):  # noqa: ANN001, ANN201
    for kind in (QTextEdit, QPlainTextEdit):
        for widget in window.findChildren(kind):
            if widget.accessibleName() == "Notes on Trust" and widget.isVisible():
                return widget
    return None


class Typist:
    """Types " edit-N" into the Trust notes and acknowledges N once it is committed."""

    def __init__(self, window) -> None:  # noqa: ANN001
        self.window = window
        self.count = 0
        self.saves = 0
        self.failures: list[str] = []

    def connect(self) -> None:
        self.window.session.saved.connect(self._saved)
        self.window.session.failed.connect(self._failed)

    def _saved(self) -> None:
        self.saves += 1

    def _failed(self, message: str) -> None:
        self.failures.append(message)

    def edit(self) -> Iterator[Step]:
        self.count += 1
        marker = f" edit-{self.count}"
        before = self.saves
        notes = notes_field(self.window)
        if notes is None:
            fail("the Trust notes field is not on screen")
        notes.setFocus()
        cursor = notes.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        notes.setTextCursor(cursor)
        notes.insertPlainText(marker)  # what typing does: the field changes, autosave reacts
        session = self.window.session
        failed = len(self.failures)

        def saved() -> bool:
            return (
                self.saves > before
                and marker in session.meeting.section("trust").notes
                and self.window.save_state.text() == "Saved"
            )

        yield until(
            f"edit {self.count} to be saved", lambda: saved() or len(self.failures) > failed
        )
        if saved():
            say(f"acknowledged {self.count}")
        else:
            say(f"problem edit {self.count} was not saved: {self.failures[failed:]}")


# ---- the dialogs ---------------------------------------------------------------------------------

seen_boxes: list[str] = []
KEEP_OPEN = "Replace the whole portfolio"  # the restore's question: answered by its driver


def close_message_boxes() -> None:
    """Any message box (a refusal, "replace?", an error) is read, recorded and dismissed."""
    QTimer.singleShot(POLL_MS, close_message_boxes)
    for widget in QApplication.topLevelWidgets():
        try:
            if (
                isinstance(widget, QMessageBox)
                and widget.isVisible()
                and KEEP_OPEN not in widget.text()
            ):
                seen_boxes.append(f"{widget.windowTitle()}: {widget.text()}")
                widget.reject()
        except RuntimeError as exc:  # a box Qt deleted meanwhile
            sys.stderr.write(f"closing a message box: {exc}\n")


def visible_file_dialog() -> QFileDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QFileDialog) and widget.isVisible():
            return widget
    return None


def is_open(dialog: QFileDialog) -> bool:
    """Shown and not yet deleted (Qt's own static dialogs delete themselves on closing)."""
    return shiboken6.isValid(dialog) and dialog.isVisible()


def rows(model: QFileSystemModel) -> dict[str, int]:
    """The folder's entries as the dialog's model lists them (after its name filter)."""
    root = model.index(str(FOLDER))
    return {model.fileName(model.index(r, 0, root)): r for r in range(model.rowCount(root))}


def expected(dialog: QFileDialog) -> set[str]:
    """What the dialog must list: the folders, and the files its name filter matches."""
    patterns = re.findall(r"\(([^)]*)\)", dialog.selectedNameFilter())
    globs = " ".join(patterns).split() or ["*"]
    return {
        entry.name
        for entry in os.scandir(FOLDER)  # names and types only: nothing is opened
        if entry.is_dir() or any(fnmatch.fnmatch(entry.name, g) for g in globs)
    }


def walk_dialog(kind: str, finish: str) -> Iterator[Step]:
    """List, select, detail view, type the name, list view; then ``finish``: "cancel", "refused"
    (accept the portfolio or its hard link: must be refused, then cancel) or "accept-open"."""
    yield until(f"the {kind} dialog to show", lambda: visible_file_dialog() is not None)
    dialog = visible_file_dialog()
    shown = Path(dialog.directory().absolutePath()).resolve()
    if shown != FOLDER:
        fail(f"the {kind} dialog opened in {shown}, not in the portfolio's folder {FOLDER}")
    model = dialog.findChild(QFileSystemModel)
    if model is None:  # a native dialog has no model to look at
        fail(f"the {kind} dialog is a native dialog")
    wanted = expected(dialog)
    yield until(f"the {kind} dialog to list {sorted(wanted)}", lambda: wanted <= set(rows(model)))
    dialog.selectFile(DB.name)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    files = sorted(n for n in wanted if (FOLDER / n).is_file())
    probe = DB.name if DB.name in files else files[0]

    def type_known() -> bool:
        row = rows(model).get(probe)
        return row is not None and bool(model.index(row, 2, model.index(str(FOLDER))).data())

    yield until(f"the {kind} dialog's Type column", type_known)
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, DB.name[:6])
    yield now()
    QTest.keyClicks(edit, DB.name[6:])
    yield until(f"the name typed in the {kind} dialog", lambda: edit.text() == DB.name)
    dialog.setViewMode(QFileDialog.ViewMode.List)
    yield now()
    if finish == "refused":
        name = ALIAS.name if kind == "import-json" else DB.name
        before = len(seen_boxes)
        edit.setText(name)
        QTest.keyClick(edit, Qt.Key.Key_Return)

        def refused() -> bool:
            return any("open portfolio" in b or "has open" in b for b in seen_boxes[before:])

        yield until(  # a message box, or the dialog took it
            f"the {kind} dialog to answer {name}",
            lambda: len(seen_boxes) > before or not is_open(dialog),
        )
        if not refused():
            say(f"problem the {kind} dialog did not refuse {name} (boxes: {seen_boxes[before:]})")
        if not is_open(dialog):
            return
    if finish == "accept-open":  # the portfolio that is open already: nothing happens
        edit.setText(DB.name)
        QTest.keyClick(edit, Qt.Key.Key_Return)
    else:
        dialog.reject()
    yield until(f"the {kind} dialog to close", lambda: not is_open(dialog))


def action(window, name: str) -> QAction:  # noqa: ANN001
    found = window.findChild(QAction, name)
    if found is None:
        for candidate in window.findChildren(QAction):
            if candidate.text().replace("&", "") == name:
                return candidate
        fail(f"no menu item {name!r}")
    return found


def ctrl_e(window) -> None:  # noqa: ANN001
    """Ctrl+E, as in the issue; on a display without a window manager the window may never
    become active (shortcuts need that), so the menu item stands in there."""
    window.activateWindow()
    if window.isActiveWindow():
        QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    else:
        action(window, "exportPdf").trigger()


DIALOGS = [
    ("export-pdf", ctrl_e, "cancel"),
    ("export-json", lambda w: action(w, "exportJson").trigger(), "refused"),
    ("import-json", lambda w: action(w, "importJson").trigger(), "refused"),
    ("export-actions-csv", lambda w: action(w, "exportActionsCsv").trigger(), "cancel"),
    ("export-goals-csv", lambda w: action(w, "exportGoalsCsv").trigger(), "cancel"),
    ("open-portfolio", lambda w: action(w, "Open portfolio…").trigger(), "accept-open"),
    ("new-portfolio", lambda w: action(w, "newPortfolio").trigger(), "refused"),
]


def visible(kind: type, text: str = ""):  # noqa: ANN201
    for widget in QApplication.topLevelWidgets():
        shown = isinstance(widget, kind) and widget.isVisible()
        if shown and (not text or text in getattr(widget, "text", lambda: "")()):
            return widget
    return None


def answer_restore() -> Iterator[Step]:
    """File → Restore from backup: the newest backup, "Yes" to the question."""
    yield until("the list of backups", lambda: visible(QInputDialog) is not None)
    visible(QInputDialog).accept()
    yield until("the restore's question", lambda: visible(QMessageBox, KEEP_OPEN) is not None)
    box = visible(QMessageBox, KEEP_OPEN)
    yes = [b for b in box.findChildren(QPushButton) if b.text().replace("&", "") == "Yes"]
    if not yes:
        fail("the restore's question has no Yes button")
    yes[0].click()


def open_recent(window) -> None:  # noqa: ANN001
    """File → Open recent → the portfolio itself (and its hard link): already open."""
    window.recent_menu.aboutToShow.emit()
    for path in (DB, ALIAS):
        window.open_portfolio(path)


# ---- the script ----------------------------------------------------------------------------------


def script() -> Iterator[Step]:
    yield until("the window and its portfolio", lambda: getattr(the_window(), "portfolio", None))
    window = the_window()
    # Restore closes the portfolio, puts a backup back (SQLite's backup API) and opens it
    # again: the window must hold its locks afterwards as before.
    driver = Runner("restore", answer_restore())
    action(window, "restoreBackup").trigger()
    yield until("the restore to end", lambda: driver.done)
    if not any("Restored the backup" in b for b in seen_boxes):
        fail(f"the backup was not restored: {seen_boxes}")
    say("restored")
    window.open_meeting(MEETING_ID)
    window.meeting_view.go_to("section:trust")
    yield until("the Trust notes", lambda: notes_field(window) is not None)
    typist = Typist(window)
    typist.connect()
    say(f"ready {os.getpid()}")
    yield from typist.edit()
    for kind, show, finish in DIALOGS:
        driver = Runner(kind, walk_dialog(kind, finish))
        show(window)  # a modal dialog: returns once it is closed
        yield until(f"the {kind} walk to end", lambda d=driver: d.done)
        if window.portfolio is None or window.session is None:
            fail(f"after the {kind} dialog the meeting is no longer open")
        say(f"closed {kind}")
        wait_word("next")
        yield from typist.edit()
    open_recent(window)
    say("closed open-recent")
    wait_word("next")
    yield from typist.edit()
    say("dialogs done")
    wait_word("write")
    for _ in range(AFTER_CLI_EDITS):
        yield from typist.edit()
    try:
        from reviewdesk.store import open_guard
    except ImportError:  # a build without the guard (to show that this test can fail)
        refused = -1
    else:
        refused = len(open_guard.refusals())
    say(f"idle refusals={refused} boxes={seen_boxes!r}")


def main() -> None:
    from reviewdesk.ui import app as app_module
    from reviewdesk.ui import settings

    QApplication(sys.argv[:1])
    store = settings.store()
    for kind in ("export", "import", "portfolio"):  # the dialogs open on the portfolio's folder
        store.setValue(f"last_folder/{kind}", str(FOLDER))
    store.sync()
    QTimer.singleShot(0, close_message_boxes)
    QTimer.singleShot(0, lambda: Runner("script", script()))
    sys.exit(app_module.run(DB))


if __name__ == "__main__":
    main()
