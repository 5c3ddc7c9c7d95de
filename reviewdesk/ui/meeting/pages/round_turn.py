"""One person's turn in a private round: their own questions and 1–5 buttons, nothing of
anyone else's; "Done — pass the laptop" (or Enter) hands on."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from reviewdesk.record.model import Question
from reviewdesk.record.wording import side_text
from reviewdesk.ui import style
from reviewdesk.ui.meeting.pages.round_screens import (
    big_button,
    clear_cards,
    enter_pressed,
    link_button,
    scrolling_cards,
    show_context,
)
from reviewdesk.ui.meeting.round_state import Key, RoundState
from reviewdesk.ui.widgets.cards import Card, label, muted
from reviewdesk.ui.widgets.rating_row import RatingRow

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


class TurnScreen(QWidget):
    """One person's own questions and 1–5 buttons; 'Done — pass the laptop'."""

    rated = Signal(str, str, object)  # section key, question key, value or None (skipped)
    done = Signal()
    hand_back = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.person: str | None = None
        self.rows: dict[Key, RatingRow] = {}
        self._kept = 0
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
        self.layout_.addWidget(area, 1)  # the questions scroll; Done stays in view
        self.answered = muted("")
        self.answered.setAccessibleName("Your progress")
        self.layout_.addWidget(self.answered)
        row = QHBoxLayout()
        self.done_button = big_button("Done — pass the laptop", primary=True)
        self.done_button.clicked.connect(self.done)
        row.addWidget(self.done_button)
        self.back_button = link_button("Not me — back to the hand-over")
        self.back_button.clicked.connect(self.hand_back)
        row.addWidget(self.back_button)
        row.addStretch(1)
        self.layout_.addLayout(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not enter_pressed(self, event, self.done.emit):
            super().keyPressEvent(event)

    def _add(self, widget: QWidget) -> None:
        self.cards_layout.insertWidget(self.cards_layout.count() - 1, widget)

    def start(self, state: RoundState, person: str) -> None:
        """Build the person's questions, showing only their own answers so far."""
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
        clear_cards(self.cards_layout)
        self.rows = {}
        values, kept = state.own_answers(person)
        whole = not rnd.scope
        current = None
        for section, question in state.questions(rnd):
            if whole and section.key != current:
                current = section.key
                self._add(label(section.title, "header"))
            key = (section.key, question.key)
            if key in kept:
                answered = muted("Answered before the window closed: kept, unseen.")
                self._add(QuestionLine(question, answered))
                continue
            row = RatingRow(side, question.text)
            row.set_value(values.get(key))
            row.rated.connect(lambda v, k=key: self.rated.emit(k[0], k[1], v))
            row.rated.connect(lambda _v: self._count())
            self.rows[key] = row
            self._add(QuestionLine(question, row))
        self._kept = len(kept)
        self._count()

    def clear(self) -> None:
        """Forget the turn: its answers leave the screen with the person."""
        clear_cards(self.cards_layout)
        self.rows = {}
        self.person = None
        self._kept = 0

    def set_value(self, key: Key, value: int | None) -> None:
        """Show the stored value again (after a refused write)."""
        if key in self.rows:
            self.rows[key].set_value(value)
            self._count()

    def _count(self) -> None:
        total = len(self.rows) + self._kept
        rated = sum(row.value is not None for row in self.rows.values()) + self._kept
        self.answered.setText(
            f"You have rated {rated} of {total}. A question left at – is skipped."
        )

    def focus_first(self) -> None:
        first = next(iter(self.rows.values()), None)
        (first or self.done_button).setFocus(Qt.FocusReason.TabFocusReason)
