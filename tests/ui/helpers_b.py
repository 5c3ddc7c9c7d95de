"""Fixtures for the goals, actions, wrap-up and export tests: a real portfolio in tmp_path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reviewdesk.record.exchange.agenda import default_agenda
from reviewdesk.record.model import Meeting, Participant
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.ui.meeting.session import MeetingSession

MEETING_DATE = dt.date(2026, 11, 20)
PARTICIPANTS = [
    Participant(name="Ada Client", side="client", role="Head of Operations"),
    Participant(name="Pia Provider", side="provider", role="Account Director"),
    Participant(name="Cem Client", side="client", role="Finance lead"),
]


def make_meeting(path: Path) -> tuple[Portfolio, int]:
    """A portfolio at ``path`` with one partnership and one fresh meeting."""
    portfolio = Portfolio.open(path)
    partnership = portfolio.add_partnership("Harbourline", "Cebu Support", "Customer care")
    mid = portfolio.create_meeting(
        partnership.id,
        title="Q4 review",
        date=MEETING_DATE,
        agenda=default_agenda(),
        participants=[Participant(**vars(p)) for p in PARTICIPANTS],
    )
    return portfolio, mid


def on_disk(path: Path, meeting_id: int) -> Meeting:
    """The meeting as a fresh connection to the file reads it."""
    with Portfolio.open(path, create=False) as other:
        return other.meeting(meeting_id)


class Failures:
    """Collects the session's ``failed`` messages."""

    def __init__(self, session: MeetingSession):
        self.messages: list[str] = []
        session.failed.connect(self.messages.append)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "portfolio.sqlite"


@pytest.fixture
def session(qtbot, db_path: Path):  # noqa: ARG001 - qtbot makes sure a QApplication exists
    portfolio, mid = make_meeting(db_path)
    s = MeetingSession(portfolio, mid)
    yield s
    portfolio.close()


@pytest.fixture
def failures(session: MeetingSession) -> Failures:
    return Failures(session)
