"""The private round's three screens: the hand-over, one person's turn, and the revealed scores.

The hand-over shows names and progress as people only ("2 of 5 have rated"): nothing anyone
entered, no count of values. A turn shows one person their own questions and their own 1–5
buttons, nothing of anyone else. The results show what ``record/reveal.py`` allows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.model import RatingRound
from reviewdesk.record.reveal import round_raters
from reviewdesk.record.wording import (
    listing,
    rated_privately_text,
    rated_progress_text,
    round_scope_text,
    side_text,
)
from reviewdesk.ui import style
from reviewdesk.ui.meeting.pages.scores import scores_html, scores_words
from reviewdesk.ui.meeting.round_state import Key, RoundState
from reviewdesk.ui.widgets.cards import Card, label, muted, rich, section_heading


def big_button(text: str, *, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setProperty("role", "big")
    button.setProperty("primary", primary)
    button.setAccessibleName(text)
    return button


def link_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setProperty("role", "link")
    button.setAccessibleName(text)
    return button


CARDS_HINT_PX = 120  # at scale 1
ANONYMOUS_NOTE = "Anonymous round: no name is kept with a value."


def round_title(state: RoundState, rnd: RatingRound | None) -> str:
    """'Private round · Trust' (or '· the whole agenda')."""
    if rnd is None:
        return "Private round"
    title = next((s.title for s in state.meeting.sections if s.key == rnd.scope), None)
    return f"Private round · {round_scope_text(title)}"


def show_context(widget: QLabel, rnd: RatingRound) -> None:
    """The line that says a round is anonymous (hidden for a named one)."""
    widget.setText(ANONYMOUS_NOTE if rnd.anonymous else "")
    widget.setVisible(rnd.anonymous)


class CardScroll(QScrollArea):
    """Asks for little height, so the page around it never scrolls too: it takes the room
    left over by the screen's heading and buttons (no scroll bars inside scroll bars)."""

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().sizeHint().width(), style.px(CARDS_HINT_PX))


def scrolling_cards() -> tuple[QWidget, QVBoxLayout, QScrollArea]:
    """A column of question cards that scrolls inside the screen (whose buttons stay put)."""
    cards = QWidget()
    layout = QVBoxLayout(cards)
    layout.setContentsMargins(0, 0, 0, 0)
    style.scaled(layout, spacing=12)
    layout.addStretch(1)
    area = CardScroll()
    area.setObjectName("pageScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(cards)
    cards.setAutoFillBackground(False)
    return cards, layout, area


def clear_cards(layout: QVBoxLayout) -> None:
    """Remove the cards (the trailing stretch stays last); hidden at once, not at deletion,
    so no frame ever shows a card of the last turn."""
    while layout.count() > 1:
        item = layout.takeAt(0)
        if item.widget():
            item.widget().hide()
            item.widget().deleteLater()


def enter_pressed(widget: QWidget, event: QKeyEvent, slot: Callable[[], object]) -> bool:
    """Enter or Return that no child took runs ``slot``; on a focused button it clicks that
    button instead (Enter on "Not me" never means "Done")."""
    if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    focused = QApplication.focusWidget()
    if isinstance(focused, QAbstractButton) and widget.isAncestorOf(focused):
        focused.click()
    else:
        slot()
    event.accept()
    return True


class HandOverScreen(QWidget):
    """'Pass the laptop to NAME', who else may go next, progress as people; the reveal."""

    start_requested = Signal(str)
    person_chosen = Signal(str)
    reveal_requested = Signal()
    cancel_late_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        style.scaled(layout, spacing=8)
        self.context = label("", "guidance")
        self.context.setAccessibleName("Round")
        layout.addWidget(self.context)
        self.lead = label("", "title")
        layout.addWidget(self.lead)
        self.name = label("", "display", wrap=True)
        self.name.setAccessibleName("Next person")
        layout.addWidget(self.name)
        self.who = label("", "guidance")
        layout.addWidget(self.who)
        row = QHBoxLayout()
        self.start_button = big_button("", primary=True)
        self.start_button.clicked.connect(self._start)
        row.addWidget(self.start_button)
        row.addStretch(1)
        layout.addLayout(row)
        other = QHBoxLayout()
        self.other_label = QLabel("Who is next:")
        other.addWidget(self.other_label)
        self.other = QComboBox()
        self.other.setAccessibleName("Who is next")
        self.other.activated.connect(self._chosen)
        self.other_label.setBuddy(self.other)
        other.addWidget(self.other)
        other.addStretch(1)
        layout.addLayout(other)
        self.progress = muted("")
        self.progress.setAccessibleName("Progress")
        layout.addWidget(self.progress)

        self.facilitator = Card()
        self.facilitator.body.addWidget(section_heading("For the facilitator"))
        self.facilitator_text = muted("")
        self.facilitator.body.addWidget(self.facilitator_text)
        buttons = QHBoxLayout()
        self.reveal_button = QPushButton("Reveal the scores…")
        self.reveal_button.setAccessibleName("Reveal the scores")
        self.reveal_button.clicked.connect(self.reveal_requested)
        buttons.addWidget(self.reveal_button)
        self.cancel_late_button = QPushButton("Not now — back to the scores")
        self.cancel_late_button.setAccessibleName("Back to the scores")
        self.cancel_late_button.clicked.connect(self.cancel_late_requested)
        buttons.addWidget(self.cancel_late_button)
        buttons.addStretch(1)
        self.facilitator.body.addLayout(buttons)
        layout.addWidget(self.facilitator)
        layout.addStretch(1)
        self._next: str | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not enter_pressed(self, event, self._start):
            super().keyPressEvent(event)

    def show_state(self, state: RoundState, readonly: bool) -> None:
        rnd = state.round()
        assert rnd is not None
        waiting = state.waiting()
        self._next = state.next_person()
        show_context(self.context, rnd)
        late = rnd.revealed
        done = sum(name in rnd.done for name in rnd.raters)
        progress = rated_progress_text(done, len(rnd.raters))
        if readonly:  # locked, or the file is open read-only here: nobody can rate
            self.lead.setText("Read-only: nobody can rate here")
            self.name.hide()
            self.who.hide()
        elif self._next is None:
            self.lead.setText("Everyone has rated")
            self.name.hide()
            self.who.hide()
        else:
            self.lead.setText("Pass the laptop to")
            self.name.setText(self._next)
            side = state.side_of(self._next)
            style.set_property(self.name, "side", side)
            self.name.setAccessibleName(f"Next person: {self._next}")
            self.who.setText(
                " · ".join(w for w in (side_text(side), state.role_of(self._next)) if w)
            )
            self.name.show()
            self.who.show()
            self.start_button.setText(f"I am {self._next} — start")
            self.start_button.setAccessibleName(f"I am {self._next}: start rating")
        self.start_button.setVisible(self._next is not None and not readonly)
        self.other.clear()
        for name in waiting:
            self.other.addItem(name)
        if self._next is not None:
            self.other.setCurrentIndex(max(0, waiting.index(self._next)))
        many = len(waiting) > 1 and not readonly
        self.other.setVisible(many)
        self.other_label.setVisible(many)
        if late:
            self.progress.setText(
                f"Re-opened after the reveal for {self._next or 'a late person'}."
            )
        elif waiting:
            self.progress.setText(f"{progress}. Not rated yet: {listing(waiting)}.")
        else:
            self.progress.setText(f"{progress}.")
        if late:
            self.facilitator_text.setText(
                "The round is revealed: this person's ratings count as soon as they give them."
            )
        elif waiting:
            self.facilitator_text.setText(
                "When everyone has rated, take the laptop back and reveal: every score shows "
                "at once. You can also reveal now; whoever has not rated can rate later."
            )
        else:
            self.facilitator_text.setText(
                "Take the laptop back and reveal: every score shows at once, to the whole room."
            )
        self.reveal_button.setVisible(not late and not readonly)
        style.set_property(self.reveal_button, "role", "" if waiting else "primary")
        self.cancel_late_button.setVisible(late and not readonly)
        self.facilitator.setVisible(not readonly)

    def focus_first(self) -> None:
        target = self.start_button if self.start_button.isVisible() else self.reveal_button
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def _start(self) -> None:
        if self._next is not None and self.start_button.isVisible():
            self.start_requested.emit(self._next)

    def _chosen(self, index: int) -> None:
        if index >= 0:
            self.person_chosen.emit(self.other.itemText(index))


class ResultsScreen(QWidget):
    """The revealed round: every question's scores, gaps and split views; late raters."""

    reopen_requested = Signal()
    new_round_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        style.scaled(layout, spacing=12)
        self.context = label("", "guidance")
        layout.addWidget(self.context)
        self.note = muted("")
        self.note.setAccessibleName("Revealed")
        layout.addWidget(self.note)
        self.cards, self.cards_layout, area = scrolling_cards()
        layout.addWidget(area, 1)  # the questions scroll; the buttons stay in view
        row = QHBoxLayout()
        self.reopen_button = QPushButton("Re-open for a late person…")
        self.reopen_button.setAccessibleName("Re-open the round for a late person")
        self.reopen_button.clicked.connect(self.reopen_requested)
        row.addWidget(self.reopen_button)
        self.new_button = QPushButton("New private round…")
        self.new_button.setAccessibleName("Start a new private round")
        self.new_button.clicked.connect(self.new_round_requested)
        row.addWidget(self.new_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.score_labels: dict[Key, QLabel] = {}

    def _add(self, widget: QWidget) -> None:
        self.cards_layout.insertWidget(self.cards_layout.count() - 1, widget)

    def show_round(self, state: RoundState, readonly: bool) -> None:
        rnd = state.round()
        assert rnd is not None
        show_context(self.context, rnd)
        people = round_raters(state.meeting, rnd)
        self.note.setText(rated_privately_text(people, rnd.anonymous, rnd.revealed_at) + ".")
        clear_cards(self.cards_layout)
        self.score_labels = {}
        whole, current = not rnd.scope, None
        for section, question in state.questions(rnd):
            if whole and section.key != current:
                current = section.key
                self._add(label(section.title, "header"))
            card = Card()
            card.body.addWidget(label(question.text, "subtitle", wrap=True))
            scores = rich("Scores", focusable=True)
            scores.setProperty("role", "heading")
            scores.setText(scores_html(question))
            scores.setAccessibleName(f"Scores: {scores_words(question)}")
            card.body.addWidget(scores)
            self.score_labels[(section.key, question.key)] = scores
            self._add(card)
        self.reopen_button.setVisible(not readonly)
        self.new_button.setVisible(not readonly)
