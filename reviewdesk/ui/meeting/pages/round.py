"""The Private round page: the hand-over, one person's turn at a time, the reveal and its scores.

Its state lives in ``RoundState`` (per session), so a zoom or a step change keeps the turn.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from reviewdesk.record.wording import listing, rated_progress_text
from reviewdesk.ui import messages, style
from reviewdesk.ui.meeting import round_dialog
from reviewdesk.ui.meeting.pages.round_screens import HandOverScreen, ResultsScreen, round_title
from reviewdesk.ui.meeting.pages.round_turn import TurnScreen
from reviewdesk.ui.meeting.round_state import RoundState, rater_candidates
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import muted, page_title

REFRESH_ON = (Change.ROUNDS, Change.RATINGS, Change.ATTENDEES, Change.SIGNOFF)


class RoundPage(QWidget):
    """One of three screens (or, before any round, a way to start one)."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.state = RoundState.of(session)
        self.setAccessibleName("Private round")
        layout = QVBoxLayout(self)
        style.scaled(layout, margins=16, spacing=12)
        self.title = page_title("Private round")
        layout.addWidget(self.title)

        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addWidget(
            muted(
                "Everyone present rates unseen, one at a time on this laptop; then the room "
                "sees every score at once, and the gaps between and inside the sides."
            )
        )
        self.start_button = QPushButton("Start a private round…")
        self.start_button.setAccessibleName("Start a private round")
        self.start_button.clicked.connect(lambda: self._new_round(""))
        empty_layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(1)
        layout.addWidget(self.empty, 1)

        self.handover = HandOverScreen()
        self.handover.start_requested.connect(self.state.begin)
        self.handover.person_chosen.connect(self.state.choose)
        self.handover.reveal_requested.connect(self.reveal)
        self.handover.cancel_late_requested.connect(self.state.cancel_late)
        layout.addWidget(self.handover, 1)

        self.turn = TurnScreen()
        self.turn.rated.connect(self._rated)
        self.turn.done.connect(self._done)
        self.turn.hand_back.connect(self.state.hand_back)
        layout.addWidget(self.turn, 1)

        self.results = ResultsScreen()
        self.results.reopen_requested.connect(self.reopen)
        self.results.new_round_requested.connect(self._new_round_like_last)
        layout.addWidget(self.results, 1)

        self._turn_of: str | None = None
        self.state.turn_changed.connect(self._turn_changed)
        session.changed.connect(self._changed)
        self.refresh()

    # ---- showing -------------------------------------------------------------------------

    def screen(self) -> QWidget:
        """The screen on show now."""
        state = self.state
        if state.round() is None:
            return self.empty
        if state.person is not None:
            return self.turn
        if state.rating_open():
            return self.handover
        return self.results

    def refresh(self) -> None:
        readonly = self.session.readonly
        self.title.setText(round_title(self.state, self.state.round()))
        shown = self.screen()
        if shown is self.turn:
            if self._turn_of != self.state.person:
                self.turn.start(self.state, self.state.person or "")
                self._turn_of = self.state.person
        elif self._turn_of is not None:
            self.turn.clear()  # the person handed on: their answers leave the screen
            self._turn_of = None
        if shown is self.handover:
            self.handover.show_state(self.state, readonly)
            if not readonly:
                self.turn.prepare(self.state)  # while the laptop changes hands
        elif shown is self.results:
            self.results.show_round(self.state, readonly)
        self.start_button.setVisible(not readonly)
        for screen in (self.empty, self.handover, self.turn, self.results):
            screen.setVisible(screen is shown)
        self.title.setVisible(shown is not self.turn)  # a turn's heading is the person's name

    def _turn_changed(self) -> None:
        self.refresh()
        shown = self.screen()
        if shown is self.turn:
            self.turn.focus_first()
        elif shown is self.handover:
            self.handover.focus_first()

    def _changed(self, change: Change) -> None:
        if change in REFRESH_ON and self.screen() is not self.turn:
            self.refresh()  # a turn on screen is not rebuilt: the person is rating in it

    # ---- a turn --------------------------------------------------------------------------

    def _rated(self, section_key: str, question_key: str, value: int | None) -> None:
        if not self.state.rate(section_key, question_key, value):
            person = self.state.person or ""
            values, _kept = self.state.own_answers(person)
            self.turn.set_value(
                (section_key, question_key), values.get((section_key, question_key))
            )

    def _done(self) -> None:
        self.state.finish()

    # ---- the facilitator -----------------------------------------------------------------

    def reveal(self) -> None:
        """Show every score at once — after the facilitator confirms."""
        rnd = self.state.round()
        if rnd is None or rnd.revealed:
            return
        waiting = rnd.waiting
        done = len(rnd.raters) - len(waiting)
        question = "Reveal every score of this round to the room?"
        if waiting:
            question += (
                f"\n{rated_progress_text(done, len(rnd.raters))}; not rated yet: "
                f"{listing(waiting)}. They can rate later, once the round is re-opened for them."
            )
        if messages.confirm(self, "Reveal the scores", question):
            self.state.reveal()

    def reopen(self) -> None:
        """Let one late person rate the revealed round."""
        rnd = self.state.round()
        if rnd is None or not rnd.revealed:
            return
        names = [
            name
            for name, _side, _present in rater_candidates(self.session.meeting)
            if name not in rnd.done
        ]
        if not names:
            messages.show_info(
                self, "Re-open the round", "Every client and provider attendee has rated."
            )
            return
        index = messages.ask_choice(self, "Re-open the round", "Who rates late?", names)
        if index is not None:
            self.state.reopen_for(names[index])

    def _new_round_like_last(self) -> None:
        rnd = self.state.round()
        self._new_round(rnd.scope if rnd else "")

    def _new_round(self, scope: str) -> None:
        round_dialog.start_round(self, self.session, scope)
