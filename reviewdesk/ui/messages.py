"""Every message box and file dialog of the window, as small functions tests can replace.

The file dialogs are reviewdesk.ui.file_dialogs' (they never open the portfolio's files)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, message: str, detail: str = "") -> None:
    """A one-line problem the user must read (never a traceback); ``detail``, the technical
    sentence behind it, one click away (Show Details)."""
    box = _plain_box(parent, QMessageBox.Icon.Critical, title, message)
    if detail:
        box.setDetailedText(detail)
    box.exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    _plain_box(parent, QMessageBox.Icon.Information, title, message).exec()


def _plain_box(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
) -> QMessageBox:
    """A message box that shows its text as it is: a message may quote a value from the file
    (a name, a damaged row), which Qt would otherwise take for markup."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def confirm(
    parent: QWidget | None, title: str, question: str, *, yes: str = "Yes", no: str = "No"
) -> bool:
    """Yes or no, with buttons that may say what they do; "no" is the default (Enter or Space
    on the dialog never does the drastic thing)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(question)
    accept = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    box.setDefaultButton(box.addButton(no, QMessageBox.ButtonRole.NoRole))
    box.exec()
    return box.clickedButton() is accept


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """One line of text, or None when cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def ask_open_file(
    parent: QWidget | None, caption: str, file_filter: str, kind: str = "import"
) -> Path | None:
    """A file to read ("import" or "portfolio": which folder to start in), or None."""
    from reviewdesk.ui import file_dialogs

    return file_dialogs.ask_open_file(parent, caption, file_filter, kind)


def ask_save_file(
    parent: QWidget | None, caption: str, suggested: Path, file_filter: str, kind: str = "export"
) -> Path | None:
    """A file to write; a bare ``suggested`` name starts in the remembered folder of ``kind``."""
    from reviewdesk.ui import file_dialogs

    return file_dialogs.ask_save_file(parent, caption, suggested, file_filter, kind)


def export_done(parent: QWidget | None, path: Path) -> str | None:
    """Offer to open the exported file or its folder: "file", "folder" or None."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Export finished")
    box.setText(f"Saved {path.name}")
    box.setInformativeText(str(path))
    open_file = box.addButton("Open file", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_file:
        return "file"
    if clicked is open_folder:
        return "folder"
    return None


def ask_choice(parent: QWidget | None, title: str, label: str, items: list[str]) -> int | None:
    """The index of one item picked from a list, or None when cancelled."""
    value, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(value) if ok and value in items else None


def ask_unsaved(parent: QWidget | None, what: list[str]) -> str:
    """Leaving with text that is not in the file: "save" (try again), "discard" or "cancel"."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Not saved")
    box.setText("This is not in the file yet:\n" + "\n".join(f"• {line}" for line in what))
    box.setInformativeText("Save it now, leave without it, or go back to the meeting?")
    save = box.addButton("Save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Leave without it", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return "save"
    if clicked is discard:
        return "discard"
    return "cancel"
