"""The private round as the window drives it: whose turn is on screen and what they gave in it.

One per open meeting (a child of its session, found with :meth:`RoundState.of`), so a page
rebuilt by a zoom or a step change finds the turn where it was. Every rating is written at once
through the session (``MeetingSession.attempt``), like every other edit, but never goes on the
undo stack: a person changes their own rating during their own turn by choosing another value,
and nobody can take it back later from the Edit menu, whose words would otherwise name it.
While a turn is on screen, Undo and Redo are off (``MeetingSession.undo_paused``).

In an anonymous round the store keeps no name with a value; the keys that let the person change
a value during their turn live only here, in memory, and are forgotten when they hand on.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reviewdesk.record.model import RATED_SIDES, Meeting, Question, RatingRound, Section
from reviewdesk.ui.meeting.session import Change, MeetingSession

Key = tuple[str, str]  # (section key, question key)


class RoundState(QObject):
    """The open round (or the revealed one re-opened for a late person) and the turn."""

    turn_changed = Signal()  # a turn began or ended, or the next person was chosen
    show_round = Signal()  # the view brings the round's page forward

    def __init__(self, session: MeetingSession):
        super().__init__(session)
        self.session = session
        self.person: str | None = None  # whose turn is on screen; None: the hand-over
        self.chosen: str | None = None  # the next person, as the facilitator picked
        self.late: str | None = None  # a revealed round was re-opened for this person
        self._anonymous: dict[str, dict[Key, tuple[str | None, int | None]]] = {}
        session.lock_changed.connect(self._locked)

    @staticmethod
    def of(session: MeetingSession) -> RoundState:
        found = session.findChild(RoundState)
        return found if found is not None else RoundState(session)

    # ---- reading -----------------------------------------------------------------------

    @property
    def meeting(self) -> Meeting:
        return self.session.meeting

    def round(self) -> RatingRound | None:
        """The round being rated: the open one, else the revealed one re-opened for a late
        person, else the latest (revealed) round; None before the first."""
        found = self.meeting.open_round()
        if found is not None:
            return found[1]
        return self.meeting.rounds[-1] if self.meeting.rounds else None

    def rating_open(self) -> bool:
        """People may rate now: a round is open, or re-opened for a late person."""
        rnd = self.round()
        return rnd is not None and (not rnd.revealed or self.late is not None)

    def waiting(self) -> list[str]:
        """Who may rate next, in the order chosen (the late person only, after a reveal)."""
        rnd = self.round()
        if rnd is None:
            return []
        if rnd.revealed:
            return [self.late] if self.late and self.late not in rnd.done else []
        return rnd.waiting

    def next_person(self) -> str | None:
        waiting = self.waiting()
        if self.chosen in waiting:
            return self.chosen
        return waiting[0] if waiting else None

    def side_of(self, person: str) -> str:
        p = self.meeting.participant(person)
        return p.side if p else ""

    def role_of(self, person: str) -> str:
        p = self.meeting.participant(person)
        return p.role if p else ""

    def questions(self, rnd: RatingRound | None = None) -> list[tuple[Section, Question]]:
        """The questions the round covers, in agenda order."""
        rnd = rnd or self.round()
        if rnd is None:
            return []
        return [(s, q) for s in self.meeting.sections if rnd.covers(s.key) for q in s.questions]

    def own_answers(self, person: str) -> tuple[dict[Key, int | None], set[Key]]:
        """What ``person`` gave in this round, for their own turn only: (values they may see
        and change, questions answered earlier that cannot be shown). A named round reads
        the values back; an anonymous one knows only this window's turn."""
        rnd = self.round()
        if rnd is None or rnd.id is None:
            return {}, set()
        answered = self.session.portfolio.answered_in_round(rnd.id, person)
        if rnd.anonymous:
            mine = {k: v for k, (_token, v) in self._anonymous.get(person, {}).items()}
            return mine, answered - set(mine)
        values = self.session.portfolio.own_ratings_in_round(rnd.id, person)
        return {k: values.get(k) for k in answered}, set()

    # ---- the facilitator -----------------------------------------------------------------

    def start(self, scope: str, raters: list[str], anonymous: bool) -> bool:
        s = self.session
        ok, _ = s.attempt(
            Change.ROUNDS, s.portfolio.start_round, s.meeting_id, scope, raters, anonymous=anonymous
        )
        if ok:
            self.person, self.chosen, self.late = None, None, None
            self._anonymous.clear()
            self.turn_changed.emit()
            self.show_round.emit()
        return ok

    def choose(self, person: str) -> None:
        """The facilitator picks who is next (anyone still waiting)."""
        if person in self.waiting() and person != self.chosen:
            self.chosen = person
            self.turn_changed.emit()

    def reveal(self) -> bool:
        rnd = self.round()
        if rnd is None or rnd.revealed or rnd.id is None:
            return False
        self._end_turn()
        s = self.session
        ok, _ = s.attempt(Change.RATINGS, s.portfolio.reveal_round, rnd.id)
        if ok:
            self._anonymous.clear()
        self.turn_changed.emit()
        return ok

    def reopen_for(self, person: str) -> bool:
        """After the reveal, let one late person rate the round unseen."""
        rnd = self.round()
        if rnd is None or not rnd.revealed or rnd.id is None:
            return False
        s = self.session
        ok, _ = s.attempt(Change.ROUNDS, s.portfolio.reopen_round_for, rnd.id, person)
        if ok:
            self.late, self.chosen = person, person
            self.turn_changed.emit()
            self.show_round.emit()
        return ok

    def cancel_late(self) -> None:
        self.late = None
        self._end_turn()
        self.turn_changed.emit()

    # ---- the person holding the laptop -----------------------------------------------------

    def begin(self, person: str) -> None:
        if person not in self.waiting():
            return
        self.person = person
        self.session.undo_paused = True
        self.session.history_changed.emit()
        self.turn_changed.emit()

    def rate(self, section_key: str, question_key: str, value: int | None) -> bool:
        """The person's own rating (None: skipped), written at once."""
        rnd, person = self.round(), self.person
        if rnd is None or rnd.id is None or person is None:
            return False
        s = self.session
        change = Change.RATINGS if rnd.revealed else Change.ROUNDS  # a late rating counts now
        key = (section_key, question_key)
        mine = self._anonymous.setdefault(person, {}) if rnd.anonymous else {}
        token = mine.get(key, (None, None))[0]
        ok, new_token = s.attempt(
            change,
            s.portfolio.give_rating,
            rnd.id,
            person,
            section_key,
            question_key,
            value,
            token=token,
        )
        if ok and rnd.anonymous:
            mine[key] = (new_token, value)
        return ok

    def finish(self) -> bool:
        """'Done — pass the laptop': the person's answers are hidden from now on."""
        rnd, person = self.round(), self.person
        if rnd is None or rnd.id is None or person is None:
            return False
        s = self.session
        ok, _ = s.attempt(Change.ROUNDS, s.portfolio.finish_rater, rnd.id, person)
        if ok:
            self._anonymous.pop(person, None)
            if person == self.late:
                self.late = None
            if self.chosen == person:
                self.chosen = None
            self._end_turn()
            self.turn_changed.emit()
        return ok

    def hand_back(self) -> None:
        """Back to the hand-over without finishing (another person takes the laptop)."""
        self._end_turn()
        self.turn_changed.emit()

    def _end_turn(self) -> None:
        self.person = None
        if self.session.undo_paused:
            self.session.undo_paused = False
            self.session.history_changed.emit()

    def _locked(self, locked: bool) -> None:
        if locked:
            self.late = None
            self._anonymous.clear()
            self._end_turn()
            self.turn_changed.emit()


def rater_candidates(meeting: Meeting) -> list[tuple[str, str, bool]]:
    """Client and provider attendees as (name, side, present): who may rate."""
    return [(p.name, p.side, p.present) for p in meeting.participants if p.side in RATED_SIDES]
