"""The window killed with SIGKILL in the middle of a private round: every rating it acknowledged
is in the file, and on restart the round resumes hidden, not revealed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from round_support import checked_ratings, new_meeting

from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui.main_window import MainWindow

CHILD = Path(__file__).with_name("round_child.py")


def _run_child_until_rated(db: Path, meeting_id: int, tmp_path: Path) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env["REVIEWDESK_SETTINGS"] = str(tmp_path / "cfg" / "reviewdesk.ini")
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db), str(meeting_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    lines: list[str] = []
    try:
        while (line := child.stdout.readline().strip()) != "RATED":
            assert line, "the child ended early: " + child.stderr.read()
            lines.append(line)
        assert child.poll() is None, "the window ended by itself"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    return lines


def test_a_kill_mid_round_loses_no_rating_and_the_round_stays_hidden(qtbot, tmp_path, dialog_log):
    db = tmp_path / "portfolio.sqlite"
    with open_portfolio(db) as portfolio:
        meeting_id = new_meeting(portfolio)
    lines = _run_child_until_rated(db, meeting_id, tmp_path)
    acked = [line.split(" ", 1)[1].split("|") for line in lines if line.startswith("ACK ")]
    assert len(acked) == 4 and "DONE Ana Reyes" in lines

    portfolio = open_portfolio(db)
    window = None
    try:
        meeting = portfolio.meeting(meeting_id)
        (rnd,) = meeting.rounds
        assert not rnd.revealed and rnd.done == ["Ana Reyes"]
        for person, question, value in acked:
            own = portfolio.own_ratings_in_round(rnd.id, person)
            assert own[("trust", question)] == int(value), (person, question)
        q = meeting.section("trust").question("transparency")
        assert all(r.hidden for r in q.ratings) and q.score("client") is None

        # the window again: the round resumes at the hand-over, nothing shown
        window = MainWindow(portfolio, db)
        qtbot.addWidget(window)
        window.show()
        window.open_meeting(meeting_id)
        view = window.meeting_view
        steps = view.navigator.keys()
        assert steps[:5] == ["attendees", "scorecard", "register", "round", "section:trust"]
        assert window.round_progress.text() == "Private round: 1 of 5 has rated"
        view.go_to("section:trust")
        section = view.current_page()
        assert not any(card.people.isVisible() for card in section.cards.values())
        assert "Not rated yet: Cem Aydın, Ben Cruz, Dao Minh and Eli Sá" in (
            section.round_strip.text.text()
        )
        section.round_strip.go_button.click()
        page = view.current_page()
        assert page.screen() is page.handover and checked_ratings(window) == []
        # Ben, interrupted mid-turn, takes the laptop again and finds his own answers
        page.handover.other.setCurrentIndex(page.handover.other.findText("Ben Cruz"))
        page.handover.other.activated.emit(page.handover.other.currentIndex())
        qtbot.mouseClick(page.handover.start_button, Qt.MouseButton.LeftButton)
        assert sorted(checked_ratings(window)) == ["Provider rates 3", "Provider rates 5"]
    finally:
        if window is not None:
            window.close()
        portfolio.close()
