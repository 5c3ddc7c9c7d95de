"""Perception versus performance in the window: the flag appears on the section it concerns (and
in the wrap-up), not on the others, and follows ratings and values as they change."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewdesk.record.scorecard import Measure
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.meeting.pages.perception import PerceptionNotice

KEYS = [s.key for s in default_agenda().sections]  # trust, smart_goals, teamwork, communication…


def _rate_section(qtbot, view, key: str, side: str, value: int) -> None:
    """Rate every question of a section for one side with the keyboard's rating row."""
    view.go_to(f"section:{key}")
    page = view.current_page()
    for card in page.cards.values():
        row = card.rows[side]
        row.setFocus()
        qtbot.keyClick(row, Qt.Key(Qt.Key.Key_0.value + value))


def _flag(view, key: str) -> str:
    view.go_to(f"section:{key}")
    notice = view.current_page().perception
    return notice.text() if notice.isVisibleTo(view.current_page()) else ""


def test_the_flag_shows_for_the_right_section_and_not_for_the_others(
    qtbot, window, portfolio, meeting_id
):
    portfolio.add_measure(
        meeting_id, Measure("Accuracy", "%", target=99, amber=97, section="trust", value=99.4)
    )
    portfolio.add_measure(
        meeting_id,
        Measure("Answered in 4 h", "%", target=90, amber=80, section="communication", value=72),
    )
    portfolio.add_measure(
        meeting_id, Measure("Backlog", "files", "lower", 40, 60, section="teamwork", value=35)
    )
    window.open_meeting(meeting_id)
    view = window.meeting_view
    _rate_section(qtbot, view, "trust", "client", 2)  # low, while every linked measure is green
    _rate_section(qtbot, view, "trust", "provider", 3)
    _rate_section(qtbot, view, "communication", "provider", 5)  # high, while one is red
    _rate_section(qtbot, view, "communication", "client", 3)
    _rate_section(qtbot, view, "teamwork", "client", 3)  # in between: nothing to flag
    _rate_section(qtbot, view, "smart_goals", "client", 1)  # low, but no linked measure

    assert _flag(view, "trust") == (
        "Perception versus performance:\n⚑ Client scores Trust 2.0 of 5, yet the linked "
        "measure “Accuracy” is green: the numbers and the people disagree."
    )
    assert _flag(view, "communication") == (
        "Perception versus performance:\n⚑ Provider scores Communication 5.0 of 5, yet "
        "“Answered in 4 h” is red: the numbers and the people disagree."
    )
    for key in ("smart_goals", "teamwork", "same_page"):
        assert _flag(view, key) == "", key

    view.go_to("wrapup")
    wrap = view.current_page()
    qtbot.waitUntil(lambda: wrap.complete)  # the parts below the panels come in slices
    flags = wrap.findChild(PerceptionNotice)
    assert flags.isVisibleTo(wrap)
    assert "Client scores Trust 2.0" in flags.text()
    assert "Provider scores Communication 5.0" in flags.text()
    assert "Teamwork" not in flags.text()

    # A value entered on the Scorecard changes the flag where it is shown, at once.
    view.go_to("scorecard")
    scorecard = view.current_page()
    row = next(
        r
        for r in range(scorecard.model.rowCount())
        if scorecard.model.index(r, 0).data() == "Answered in 4 h"
    )
    assert scorecard.model.setData(scorecard.model.index(row, 1), "93")
    assert _flag(view, "communication") == ""
    assert "Communication" not in flags.text()
    assert _flag(view, "trust").startswith("Perception versus performance:\n⚑ Client scores Trust")
