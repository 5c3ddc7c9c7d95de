"""Child process for the kill test of a private round: the real app, rating through its widgets.

Usage: python round_child.py DB MEETING_ID
Starts a private round of Trust for the meeting's client and provider attendees, lets Ana Reyes
rate two questions and hand on, then Ben Cruz (picked out of turn) rate two; prints
"ACK PERSON QUESTION VALUE" once each rating is in the file, "DONE PERSON" after a hand-over,
then "RATED", and keeps the event loop running until it is killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reviewdesk.ui import app as app_module
from reviewdesk.ui.meeting import round_dialog
from reviewdesk.ui.meeting.round_dialog import StartRoundDialog

TURNS = [("Ana Reyes", {"transparency": 2, "bad_news_early": 4}, True)]
TURNS += [("Ben Cruz", {"transparency": 5, "bad_news_early": 3}, False)]


def ask(parent, meeting, scope):
    dialog = StartRoundDialog(parent, meeting, scope)  # its defaults: every present rater
    choice = dialog.choice()
    dialog.deleteLater()
    return choice


def drive(meeting_id: int) -> None:
    qapp = QApplication.instance()
    window = next(w for w in qapp.topLevelWidgets() if hasattr(w, "open_meeting"))
    if getattr(window, "portfolio", None) is None:
        QTimer.singleShot(50, lambda: drive(meeting_id))
        return
    round_dialog.ask_round = ask
    window.open_meeting(meeting_id)
    view = window.meeting_view
    view.go_to("section:trust")
    view.current_page().round_strip.start_button.click()
    page = view.current_page()
    session = window.session
    for person, values, finish in TURNS:
        combo = page.handover.other
        combo.setCurrentIndex(combo.findText(person))
        combo.activated.emit(combo.currentIndex())
        page.handover.start_button.click()
        for question, value in values.items():
            page.turn.rows[("trust", question)].buttons[value].click()
            if session.last_failure is not None:
                print(f"FAILED {session.last_failure}", flush=True)
                qapp.exit(3)
                return
            print(f"ACK {person}|{question}|{value}", flush=True)
        if finish:
            page.turn.done_button.click()
            print(f"DONE {person}", flush=True)
    print("RATED", flush=True)


def main() -> None:
    db, meeting_id = sys.argv[1], int(sys.argv[2])
    QTimer.singleShot(0, lambda: drive(meeting_id))
    sys.exit(app_module.run(Path(db)))


if __name__ == "__main__":
    main()
