"""Starting a private round: the section or the whole agenda, who rates, anonymous."""

from __future__ import annotations

from round_support import PEOPLE, RATERS, new_meeting

from reviewdesk.record.model import Participant
from reviewdesk.ui.meeting.round_dialog import StartRoundDialog


def test_defaults_are_the_section_and_every_present_client_and_provider(qtbot, portfolio):
    mid = new_meeting(portfolio)
    portfolio.set_participants(mid, [*PEOPLE, Participant("Gil Ortiz", "client", present=False)])
    dialog = StartRoundDialog(None, portfolio.meeting(mid), "teamwork")
    qtbot.addWidget(dialog)
    assert list(dialog.people) == [*RATERS, "Gil Ortiz"]  # never the facilitator
    assert [b.isChecked() for b in dialog.people.values()] == [True] * 5 + [False]
    assert "(absent)" in dialog.people["Gil Ortiz"].text()
    assert dialog.scope_buttons["teamwork"].isChecked()
    assert dialog.scope_buttons["teamwork"].text() == "Teamwork (3 questions)"
    choice = dialog.choice()
    assert (choice.scope, choice.raters, choice.anonymous) == ("teamwork", RATERS, False)
    dialog.scope_buttons[""].click()
    dialog.anonymous.click()
    dialog.people["Ana Reyes"].click()
    choice = dialog.choice()
    assert (choice.scope, choice.raters, choice.anonymous) == ("", RATERS[1:], True)
    for box in dialog.people.values():
        if box.isChecked():
            box.click()
    assert not dialog.start_button.isEnabled() and dialog.choice() is None
