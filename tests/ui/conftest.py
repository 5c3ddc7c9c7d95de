"""Fixtures for the window tests: a portfolio in tmp_path, settings and dialogs redirected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from factories import MEETING_DATE

from reviewdesk.record.model import Participant, Signature
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.templates import default_agenda


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """QSettings go to an ini file in tmp_path, never the user's real settings."""
    path = tmp_path / "settings" / "reviewdesk.ini"
    monkeypatch.setenv("REVIEWDESK_SETTINGS", str(path))
    return path


@pytest.fixture(autouse=True)
def _normal_scale(qapp):
    """Every test starts at the normal text size."""
    from reviewdesk.ui import style

    if style.scale() != 1.0 or not qapp.styleSheet():
        style.apply(qapp, 1.0)
    yield
    if style.scale() != 1.0:
        style.apply(qapp, 1.0)


class DialogLog:
    """Stands in for reviewdesk.ui.messages: records every call, answers as told."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.confirm_answer = True
        self.text_answer: str | None = None
        self.open_path: Path | None = None
        self.save_path: Path | None = None
        self.export_choice: str | None = None
        self.unsaved_answer = "discard"  # leaving with text not in the file
        self.details: list[str] = []  # each error's technical detail ("" for none)

    def kinds(self, kind: str) -> list[tuple[str, str, str]]:
        return [c for c in self.calls if c[0] == kind]

    @property
    def errors(self) -> list[str]:
        return [c[2] for c in self.kinds("error")]


@pytest.fixture
def dialog_log(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    from reviewdesk.ui import messages

    log = DialogLog()

    def show_error(parent, title, msg, detail=""):
        log.calls.append(("error", title, msg))
        log.details.append(detail)

    monkeypatch.setattr(messages, "show_error", show_error)
    monkeypatch.setattr(
        messages, "show_info", lambda parent, title, msg: log.calls.append(("info", title, msg))
    )

    def confirm(parent, title, question, **buttons):
        log.calls.append(("confirm", title, question))
        return log.confirm_answer

    def ask_text(parent, title, label, text=""):
        log.calls.append(("ask_text", title, text))
        return log.text_answer

    def ask_open_file(parent, caption, file_filter, kind="import"):
        log.calls.append(("open_file", caption, file_filter))
        return log.open_path

    def ask_save_file(parent, caption, suggested, file_filter, kind="export"):
        log.calls.append(("save_file", caption, str(suggested)))
        return log.save_path

    def export_done(parent, path):
        log.calls.append(("export_done", "Export finished", str(path)))
        return log.export_choice

    def ask_unsaved(parent, what):
        log.calls.append(("unsaved", "Not saved", "\n".join(what)))
        return log.unsaved_answer

    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "ask_unsaved", ask_unsaved)
    monkeypatch.setattr(messages, "ask_text", ask_text)
    monkeypatch.setattr(messages, "ask_open_file", ask_open_file)
    monkeypatch.setattr(messages, "ask_save_file", ask_save_file)
    monkeypatch.setattr(messages, "export_done", export_done)
    return log


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "portfolio.sqlite"


@pytest.fixture
def portfolio(db_path: Path):
    p = open_portfolio(db_path)
    yield p
    p.close()


ATTENDEES = [
    Participant("Ana Reyes", "client", "Operations lead"),
    Participant("Ben Cruz", "provider", "Account manager"),
    Participant("Fay Lim", "facilitator"),
]


@pytest.fixture
def meeting_id(portfolio: Portfolio) -> int:
    """A fresh review of Acme ↔ Nimbus on the default agenda."""
    p = portfolio.add_partnership("Acme Shipping", "Nimbus BPO", "Data entry")
    return portfolio.create_meeting(
        p.id,
        title="Q4 2026 review",
        date=MEETING_DATE,
        agenda=default_agenda(),
        participants=list(ATTENDEES),
    )


@pytest.fixture
def session(qtbot, portfolio: Portfolio, meeting_id: int):
    from reviewdesk.ui.meeting.session import MeetingSession

    session = MeetingSession(portfolio, meeting_id)
    yield session
    _cancel_later_slices()
    session.stop()  # no retry may run once the portfolio is closed


def _cancel_later_slices() -> None:
    """A page makes its later parts in later turns, reading the file as it does; the test's
    pages stay until qtbot closes them, after the portfolio: none of their parts may come then
    (a test that needs them waits for them)."""
    from PySide6.QtWidgets import QApplication

    from reviewdesk.ui.widgets.slicing import Slicer

    for widget in QApplication.topLevelWidgets():
        for slicer in widget.findChildren(Slicer):
            slicer.cancel()


@pytest.fixture
def failures(session):
    """The session's ``failed`` messages, as they come."""
    from qt_helpers import Failures

    return Failures(session)


def _sign_off(portfolio: Portfolio, meeting_id: int) -> None:
    at = dt.datetime(2026, 11, 27, 15, 30, tzinfo=dt.UTC)
    portfolio.sign_off(
        meeting_id,
        [Signature("Ana Reyes", "client", at), Signature("Ben Cruz", "provider", at)],
    )


@pytest.fixture
def sign_off():
    """A function that locks a meeting with a client and a provider signature."""
    return _sign_off


@pytest.fixture
def window(qtbot, portfolio: Portfolio, db_path: Path, dialog_log: DialogLog):
    from reviewdesk.ui.main_window import MainWindow

    w = MainWindow(portfolio, db_path)
    qtbot.addWidget(w)
    w.show()
    return w
