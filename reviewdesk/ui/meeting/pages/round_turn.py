"""One person's turn in a private round: their own questions and 1–5 buttons, nothing of
anyone else's; "Done — pass the laptop" (or Enter) hands on."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from reviewdesk.record.model import Question, RatingRound, Section
from reviewdesk.record.wording import side_text
from reviewdesk.ui import style
from reviewdesk.ui.meeting.pages.round_screens import (
    big_button,
    enter_pressed,
    link_button,
    scrolling_cards,
    show_context,
)
from reviewdesk.ui.meeting.round_state import Key, RoundState
from reviewdesk.ui.widgets.cards import Card, label, muted
from reviewdesk.ui.widgets.rating_row import RatingRow

BUILD_CHUNK = 4  # questions built per turn of the event loop
TEXT_MIN_PX = 360  # at scale 1: narrower than this beside the buttons, the question goes above


class QuestionLine(Card):
    """A question beside its buttons (more fit on a laptop), or above them when the card is
    too narrow for both (a small screen, larger text for the projector)."""

    def __init__(self, question: Question, row: QWidget):
        super().__init__()
        self.line = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        style.scaled(self.line, spacing=12)
        self.body.addLayout(self.line)
        self.text = label(question.text, "subtitle", wrap=True)
        self.text.setAccessibleName(f"Question: {question.text}")
        self.line.addWidget(self.text, 1)
        self.row = row
        row.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.line.addWidget(row, 0)

    def resizeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        room = self.contentsRect().width() - self.row.sizeHint().width()
        wide = room >= style.px(TEXT_MIN_PX)
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.line.direction() != direction:
            self.line.setDirection(direction)


class CardSet(QWidget):
    """The questions of a round for one side, built once and emptied between turns, so the
    next person of that side gets the screen at once. Built a few questions per turn of the
    event loop (a whole agenda is over a hundred buttons): the window never stalls, and the
    hand-over screen prepares both sides while the laptop changes hands."""

    rated = Signal(str, str, object)
    grown = Signal()  # more questions are on screen

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        style.scaled(self.layout_, spacing=12)
        self.rows: dict[Key, RatingRow] = {}
        self.kept = 0  # answered before a restart in an anonymous round: cannot be shown
        self.total = 0
        self.built_for: tuple | None = None  # (round id, scope) of the cards
        self._side = ""
        self._todo: list[tuple[str, Section, Question]] = []
        self._values: dict[Key, int | None] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._grow)

    def prepare(self, state: RoundState, rnd: RatingRound, side: str) -> None:
        """Build the cards ahead of the turn (nothing is shown in them)."""
        if (rnd.id, rnd.scope) != self.built_for or self.kept:
            self._build(state, rnd, side, set(), now=False)

    def show_answers(
        self,
        state: RoundState,
        rnd: RatingRound,
        side: str,
        values: dict[Key, int | None],
        kept: set[Key],
    ) -> None:
        self._values = dict(values)  # rows built from now on show these
        if (rnd.id, rnd.scope) != self.built_for or kept or self.kept:
            self._build(state, rnd, side, kept)
        elif self._todo:  # still being prepared: the next questions now, the rest soon
            self._timer.stop()
            self._grow()
        for key, row in self.rows.items():
            row.set_value(values.get(key))

    def empty(self) -> None:
        self._values = {}
        for row in self.rows.values():
            row.set_value(None)

    def _build(
        self, state: RoundState, rnd: RatingRound, side: str, kept: set[Key], now: bool = True
    ) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        self.rows, self._side = {}, side
        self.built_for = None if kept else (rnd.id, rnd.scope)
        self.kept = len(kept)
        todo, current = [], None
        for section, question in state.questions(rnd):
            if not rnd.scope and section.key != current:
                current = section.key
                todo.append(("heading", section, question))
            kind = "kept" if (section.key, question.key) in kept else "row"
            todo.append((kind, section, question))
        self.total = sum(kind != "heading" for kind, _s, _q in todo)
        self._todo = todo
        if now:
            self._grow()
        else:
            self._timer.start()

    def _grow(self) -> None:
        built = 0
        while self._todo and built < BUILD_CHUNK:
            kind, section, question = self._todo.pop(0)
            if kind == "heading":
                self.layout_.addWidget(label(section.title, "header"))
                continue
            built += 1
            if kind == "kept":
                answered = muted("Answered before the window closed: kept, unseen.")
                self.layout_.addWidget(QuestionLine(question, answered))
                continue
            key = (section.key, question.key)
            row = RatingRow(self._side, question.text)
            row.set_value(self._values.get(key))
            row.rated.connect(lambda v, k=key: self.rated.emit(k[0], k[1], v))
            self.rows[key] = row
            self.layout_.addWidget(QuestionLine(question, row))
        if self._todo:
            self._timer.start()
        self.grown.emit()


class TurnScreen(QWidget):
    """One person's own questions and 1–5 buttons; 'Done — pass the laptop'."""

    rated = Signal(str, str, object)  # section key, question key, value or None (skipped)
    done = Signal()
    hand_back = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.person: str | None = None
        self.sets: dict[str, CardSet] = {}  # by side
        self.current: CardSet | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        style.scaled(self.layout_, spacing=12)
        self.context = label("", "guidance")
        self.layout_.addWidget(self.context)
        self.name = label("", "title")
        self.layout_.addWidget(self.name)
        self.hint = muted("")
        self.layout_.addWidget(self.hint)
        self.cards, self.cards_layout, area = scrolling_cards()
        self.area = area
        self.layout_.addWidget(area, 1)  # the questions scroll; Done stays in view
        # Done, with the person's progress and the way back beside it: one row, so the
        # questions keep the height (1024×600, larger text)
        row = QHBoxLayout()
        style.scaled(row, spacing=12)
        self.done_button = big_button("Done — pass the laptop", primary=True)
        self.done_button.clicked.connect(self.done)
        row.addWidget(self.done_button)
        beside = QVBoxLayout()
        beside.setContentsMargins(0, 0, 0, 0)
        beside.setSpacing(0)
        self.answered = muted("")
        self.answered.setAccessibleName("Your progress")
        beside.addWidget(self.answered)
        self.back_button = link_button("Not me — back to the hand-over")
        self.back_button.clicked.connect(self.hand_back)
        beside.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        row.addLayout(beside, 1)
        self.layout_.addLayout(row)

    @property
    def rows(self) -> dict[Key, RatingRow]:
        return self.current.rows if self.current is not None else {}

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not enter_pressed(self, event, self.done.emit):
            super().keyPressEvent(event)

    def start(self, state: RoundState, person: str) -> None:
        """Show the person's questions with only their own answers so far."""
        rnd = state.round()
        assert rnd is not None
        self.person = person
        side = state.side_of(person)
        show_context(self.context, rnd)
        self.name.setText(person)
        style.set_property(self.name, "side", side)
        self.name.setAccessibleName(f"Rating now: {person}")
        self.hint.setText(
            f"{side_text(side)} · your own ratings: nobody sees them until the facilitator "
            "reveals the round. Keys: Tab, 1–5, 0 to skip, Enter when done."
        )
        cards = self._cards(side)
        values, kept = state.own_answers(person)
        cards.show_answers(state, rnd, side, values, kept)
        for other in self.sets.values():
            other.setVisible(other is cards)
        self.current = cards
        self.area.verticalScrollBar().setValue(0)
        self._count()

    def prepare(self, state: RoundState) -> None:
        """Build each rating side's questions ahead of its first turn."""
        rnd = state.round()
        if rnd is None:
            return
        for side in sorted({state.side_of(name) for name in state.waiting()}):
            self._cards(side).prepare(state, rnd, side)

    def clear(self) -> None:
        """Forget the turn: its answers leave the screen with the person (the questions stay,
        emptied, for the next person of the same side)."""
        for cards in self.sets.values():
            cards.empty()
        self.person = None
        self._count()

    def _cards(self, side: str) -> CardSet:
        cards = self.sets.get(side)
        if cards is None:
            cards = self.sets[side] = CardSet()
            cards.hide()
            cards.rated.connect(self.rated)
            cards.rated.connect(lambda *_: self._count())
            cards.grown.connect(self._count)
            self.cards_layout.insertWidget(0, cards)
        return cards

    def set_value(self, key: Key, value: int | None) -> None:
        """Show the stored value again (after a refused write)."""
        if key in self.rows:
            self.rows[key].set_value(value)
            self._count()

    def _count(self) -> None:
        kept = self.current.kept if self.current is not None else 0
        total = self.current.total if self.current is not None else 0
        rated = sum(row.value is not None for row in self.rows.values()) + kept
        self.answered.setText(
            f"You have rated {rated} of {total}. A question left at – is skipped."
        )

    def focus_first(self) -> None:
        first = next(iter(self.rows.values()), None)
        (first or self.done_button).setFocus(Qt.FocusReason.TabFocusReason)
