"""Starting a private round: its questions (a section or the whole agenda), who rates, anonymous."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.record.model import Meeting
from reviewdesk.record.wording import plural, side_text
from reviewdesk.ui import style
from reviewdesk.ui.meeting.round_state import RoundState, rater_candidates
from reviewdesk.ui.meeting.session import MeetingSession
from reviewdesk.ui.widgets.cards import fit_to_screen, in_card_scroll, muted, section_heading

PEOPLE_MAX_PX = 220  # the list of people scrolls inside the dialog past this height (scale 1)


@dataclass(frozen=True)
class RoundChoice:
    scope: str  # a section key, or "" for the whole agenda
    raters: list[str]
    anonymous: bool


class StartRoundDialog(QDialog):
    """Defaults: the section the facilitator is on, every present client and provider attendee,
    named (not anonymous)."""

    def __init__(self, parent: QWidget | None, meeting: Meeting, scope: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Start a private round")
        layout = QVBoxLayout(self)
        style.scaled(layout, margins=16, spacing=8)
        layout.addWidget(
            muted(
                "Everyone chosen rates unseen, one at a time on this laptop. Nobody sees a "
                "value until you reveal the round; then every score shows at once."
            )
        )

        layout.addWidget(section_heading("Questions"))
        self.scopes = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        options = [(s.key, s.title, len(s.questions)) for s in meeting.sections if s.key == scope]
        total = sum(len(s.questions) for s in meeting.sections)
        options.append(("", "The whole agenda", total))
        for key, title, count in options:
            button = QRadioButton(f"{title} ({plural(count, 'question')})")
            button.setAccessibleName(f"Rate {title}")
            self.scopes.addButton(button)
            self.scope_buttons[key] = button
            layout.addWidget(button)
        next(iter(self.scope_buttons.values())).setChecked(True)

        layout.addWidget(section_heading("Who rates"))
        people = QWidget()
        people_layout = QVBoxLayout(people)
        people_layout.setContentsMargins(0, 0, 0, 0)
        self.people: dict[str, QCheckBox] = {}
        for name, side, present in rater_candidates(meeting):
            role = meeting.participant(name).role
            words = ", ".join(w for w in (side_text(side), role) if w)
            box = QCheckBox(f"{name} — {words}" + ("" if present else " (absent)"))
            box.setAccessibleName(f"{name} rates")
            box.setChecked(present)
            box.toggled.connect(self._update_start)
            self.people[name] = box
            people_layout.addWidget(box)
        if not self.people:
            people_layout.addWidget(
                muted("No client or provider attendee yet: add them on the Attendees page.")
            )
        layout.addWidget(in_card_scroll(people, PEOPLE_MAX_PX))

        self.anonymous = QCheckBox("Anonymous: names are never stored with the values")
        self.anonymous.setAccessibleName("Anonymous round")
        layout.addWidget(self.anonymous)
        self.anonymous_hint = muted(
            "Only each rating's side, value and time are kept; a side with fewer than 3 "
            "raters shows its mean only."
        )
        layout.addWidget(self.anonymous_hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText("Start the round")
        self.start_button.setAccessibleName("Start the round")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_start()
        fit_to_screen(self, style.px(520), self.sizeHint().height())

    def _update_start(self) -> None:
        self.start_button.setEnabled(any(b.isChecked() for b in self.people.values()))

    def choice(self) -> RoundChoice | None:
        raters = [name for name, box in self.people.items() if box.isChecked()]
        if not raters:
            return None
        scope = next(k for k, b in self.scope_buttons.items() if b.isChecked())
        return RoundChoice(scope, raters, self.anonymous.isChecked())


def ask_round(parent: QWidget, meeting: Meeting, scope: str = "") -> RoundChoice | None:
    """Ask how to run a private round; None when cancelled (tests replace this function)."""
    dialog = StartRoundDialog(parent, meeting, scope)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
    finally:
        dialog.deleteLater()


def start_round(parent: QWidget, session: MeetingSession, scope: str = "") -> bool:
    """Ask, then start the round; the window then shows the round's page."""
    choice = ask_round(parent, session.meeting, scope)
    if choice is None:
        return False
    return RoundState.of(session).start(choice.scope, choice.raters, choice.anonymous)
