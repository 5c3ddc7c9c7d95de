"""What a section page shows of private rounds: a strip to start one (or, while one is open,
who has not rated yet — names only), and under each question its people's scores once revealed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from reviewdesk.record.model import Question
from reviewdesk.record.reveal import has_people
from reviewdesk.record.wording import listing, rated_progress_text, round_scope_text
from reviewdesk.ui import style
from reviewdesk.ui.meeting import round_dialog
from reviewdesk.ui.meeting.pages.scores import scores_html, scores_words
from reviewdesk.ui.meeting.round_state import RoundState
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import muted, rich

STRIP_CHANGES = (Change.ROUNDS, Change.RATINGS, Change.ATTENDEES, Change.SIGNOFF)


class RoundStrip(QWidget):
    """One line above the questions: "Private round…", or the open round's progress."""

    def __init__(self, session: MeetingSession, section_key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.section_key = section_key
        self.state = RoundState.of(session)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        style.scaled(layout, spacing=12)
        self.text = muted("")
        self.text.setAccessibleName("Private round")
        layout.addWidget(self.text, 1)
        self.start_button = QPushButton("Private round…")
        self.start_button.setAccessibleName("Start a private round")
        self.start_button.setToolTip("Everyone present rates unseen, then the room sees the gaps")
        self.start_button.clicked.connect(self.start)
        layout.addWidget(self.start_button)
        self.go_button = QPushButton("Go to the round")
        self.go_button.setAccessibleName("Go to the private round")
        self.go_button.clicked.connect(lambda: self.state.show_round.emit())
        layout.addWidget(self.go_button)
        session.changed.connect(self._changed)
        self.state.turn_changed.connect(self.refresh)
        self.refresh()

    def _changed(self, change: Change) -> None:
        if change in STRIP_CHANGES:
            self.refresh()

    def refresh(self) -> None:
        meeting = self.session.meeting
        found = meeting.open_round()
        readonly = self.session.readonly
        if found is None:
            self.text.setText(
                "Private round: everyone present rates unseen, one at a time; then the room "
                "sees the gaps between and inside the sides."
            )
            self.start_button.setVisible(not readonly)
            self.go_button.hide()
            self.setVisible(not readonly)
            return
        rnd = found[1]
        done = len(rnd.raters) - len(rnd.waiting)
        progress = rated_progress_text(done, len(rnd.raters))
        if rnd.covers(self.section_key):
            waiting = f" Not rated yet: {listing(rnd.waiting)}." if rnd.waiting else ""
            self.text.setText(f"Private round in progress: {progress}.{waiting}")
        else:
            title = next((s.title for s in meeting.sections if s.key == rnd.scope), None)
            self.text.setText(f"A private round of {round_scope_text(title)} is open: {progress}.")
        self.start_button.hide()
        self.go_button.show()
        self.show()

    def start(self) -> None:
        round_dialog.start_round(self, self.session, self.section_key)


class PeopleScores(QWidget):
    """Under a question's rating rows: its people's scores after the reveal (else hidden)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = rich("People's ratings", focusable=True)
        layout.addWidget(self.label, 1)
        self.hide()

    def show_question(self, question: Question) -> None:
        if not has_people(question):
            self.hide()
            return
        self.label.setText("People's ratings (these count): " + scores_html(question, gap=False))
        self.label.setAccessibleName(
            f"People's ratings (these count): {scores_words(question, gap=False)}"
        )
        self.show()
