"""The Register step through its real widgets: an entry raised with both views, carried to the
next review with its age, closed there; Close waits for both views or an agreed note."""

from __future__ import annotations

import datetime as dt

from factories import MEETING_DATE, on_disk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit
from qt_helpers import parentless_made_by, step_by_step

from reviewdesk.record.model import Action
from reviewdesk.record.scorecard import RegisterEntry
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.meeting import edits
from reviewdesk.ui.meeting.pages import register as register_page
from reviewdesk.ui.meeting.pages.register import RegisterPage
from reviewdesk.ui.meeting.pages.register_model import AGE, KIND, SEVERITY, STATUS, TITLE
from reviewdesk.ui.meeting.session import MeetingSession

CLIENT_VIEW = "Three shipments were held in Antwerp; each cost demurrage <b>&</b> a day's delay."
PROVIDER_VIEW = "The HS-code lookup table was out of date — replaced on 4 April. Nguyễn checked it."
NEXT_DATE = dt.date(2027, 2, 26)


def _page(qtbot, session) -> RegisterPage:
    page = RegisterPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 1000)
    page.show()
    qtbot.waitExposed(page)
    return page


def _type(page: RegisterPage, name: str, text: str) -> None:
    field = page.editor.fields[name]
    if isinstance(field, QLineEdit):
        field.setText(text)
    else:
        assert isinstance(field, QPlainTextEdit)
        field.setPlainText(text)
    page.editor.savers[name].flush()


def _choose(page: RegisterPage, name: str, value: object) -> None:
    combo = page.editor.fields[name]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(value))


def test_raised_with_both_views_carried_to_the_next_review_and_closed_there(
    qtbot, portfolio, session, db_path
):
    page = _page(qtbot, session)
    assert page.summary.text() == "Nothing on the register of this partnership."
    qtbot.mouseClick(page.raise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.editor.fields["title"].hasFocus)
    _type(page, "title", "Antwerp customs holds")
    _choose(page, "kind", "escalation")
    _choose(page, "severity", "critical")
    _choose(page, "owner_side", "provider")
    _type(page, "client_view", CLIENT_VIEW)
    _type(page, "provider_view", PROVIDER_VIEW)
    _type(page, "cause", "An out-of-date lookup table")
    stored = on_disk(db_path, session.meeting_id).register
    assert [
        (e.kind, e.title, e.severity, e.owner_side, e.client_view, e.provider_view, e.status)
        for e in stored
    ] == [
        (
            "escalation",
            "Antwerp customs holds",
            "critical",
            "provider",
            CLIENT_VIEW,
            PROVIDER_VIEW,
            "open",
        )
    ]
    assert page.model.index(0, KIND).data() == "Escalation"
    assert page.model.index(0, AGE).data() == "new"
    assert page.summary.text() == "1 open (1 new, 0 carried over) · 0 closed in this review"

    later = portfolio.create_meeting(
        session.meeting.partnership.id,
        title="Q1 2027 review",
        date=NEXT_DATE,
        agenda=default_agenda(),
    )
    second = MeetingSession(portfolio, later)
    nxt = _page(qtbot, second)
    assert nxt.model.index(0, TITLE).data() == "Antwerp customs holds"
    days = (NEXT_DATE - MEETING_DATE).days
    assert nxt.model.index(0, AGE).data() == f"{days} days · 1 review"
    tip = nxt.model.index(0, AGE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"raised {days} days ago · carried 1 review"
    assert nxt.editor.age.text() == tip
    assert nxt.summary.text() == "1 open (0 new, 1 carried over) · 0 closed in this review"
    # Both views arrive side by side: the client's on the left, the provider's on the right.
    client, provider = nxt.editor.fields["client_view"], nxt.editor.fields["provider_view"]
    assert client.toPlainText() == CLIENT_VIEW and provider.toPlainText() == PROVIDER_VIEW
    left = client.mapTo(nxt, client.rect().topLeft()).x()
    assert left < provider.mapTo(nxt, provider.rect().topLeft()).x()
    assert (client.property("side"), provider.property("side")) == ("client", "provider")
    assert not nxt.editor.delete_button.isVisible()  # carried: it is closed, not deleted

    assert nxt.editor.close_button.isEnabled()
    qtbot.mouseClick(nxt.editor.close_button, Qt.MouseButton.LeftButton)
    closed = on_disk(db_path, later).register[0]
    assert (closed.status, closed.closed_in) == ("closed", later)
    assert on_disk(db_path, session.meeting_id).register[0].status == "open"  # history kept
    assert nxt.model.index(0, STATUS).data() == "Closed"
    assert nxt.summary.text() == "0 open (0 new, 0 carried over) · 1 closed in this review"
    assert nxt.editor.fields["client_view"].isReadOnly()
    assert nxt.editor.close_button.text() == "Reopen"
    assert second.undo_label() == "Undo status of “Antwerp customs holds” Open → Closed"
    third = portfolio.create_meeting(
        session.meeting.partnership.id,
        title="Q2 2027 review",
        date=dt.date(2027, 5, 28),
        agenda=default_agenda(),
    )
    assert portfolio.meeting(third).register == []  # closed entries do not carry over
    second.stop()


def test_close_waits_for_both_views_or_an_agreed_note(qtbot, portfolio, session, db_path):
    portfolio.add_register_entry(
        session.meeting_id,
        RegisterEntry("risk", "Peak-season backlog", severity="high", likelihood="likely"),
    )
    session.refresh()
    page = _page(qtbot, session)
    button, reason = page.editor.close_button, page.editor.close_reason
    assert not button.isEnabled()
    assert reason.text() == (
        "To close it, fill in the client and provider views, or write an agreed note."
    )
    page.editor.fields["client_view"].setPlainText("We cannot afford holds in December.")
    assert reason.text() == "To close it, fill in the provider view, or write an agreed note."
    assert not button.isEnabled()
    page.editor.fields["agreed"].setText("Both sides agree the staffing plan covers it.")
    assert button.isEnabled() and reason.text() == ""  # follows the typing, before the save
    page.editor.fields["agreed"].setText("")
    assert not button.isEnabled()
    assert not page.close_or_reopen()  # refused in words, nothing written
    assert page.editor.error.text() == (
        "To close it, fill in the provider view, or write an agreed note."
    )
    assert on_disk(db_path, session.meeting_id).register[0].status == "open"
    page.editor.fields["provider_view"].setPlainText("Four clerks from Davao can join.")
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    closed = on_disk(db_path, session.meeting_id).register[0]
    assert closed.status == "closed"
    assert closed.client_view == "We cannot afford holds in December."  # saved before closing
    assert closed.provider_view == "Four clerks from Davao can join."


def test_each_edit_is_undone_by_name_and_likelihood_is_for_risks_only(
    qtbot, portfolio, session, db_path
):
    page = _page(qtbot, session)
    page.raise_entry()
    _type(page, "title", "Release notes arrive late")
    assert not page.editor.fields["likelihood"].isEnabled()  # an issue has no likelihood
    _choose(page, "kind", "risk")
    assert page.editor.fields["likelihood"].isEnabled()
    _choose(page, "likelihood", "possible")
    assert page.model.index(0, SEVERITY).data() == "Medium · Possible"
    _choose(page, "kind", "issue")
    entry = on_disk(db_path, session.meeting_id).register[0]
    assert (entry.kind, entry.likelihood) == ("issue", None)
    _type(page, "provider_view", "The vendor sends them on the day")
    assert session.undo_label() == "Undo typing in provider's view of “Release notes arrive late”"
    assert session.undo()
    assert on_disk(db_path, session.meeting_id).register[0].provider_view == ""
    qtbot.waitUntil(lambda: page.editor.fields["provider_view"].toPlainText() == "")
    assert session.undo()  # kind back to risk, with its likelihood
    entry = on_disk(db_path, session.meeting_id).register[0]
    assert (entry.kind, entry.likelihood) == ("risk", "possible")
    _type(page, "title", "  ")
    assert page.editor.error.text() == "Title: must not be empty (not saved)"
    assert on_disk(db_path, session.meeting_id).register[0].title == "Release notes arrive late"


def test_linked_actions_and_add_action(qtbot, portfolio, session, db_path, monkeypatch):
    first = portfolio.add_action(session.meeting_id, Action("Joint test plan for each release"))
    portfolio.add_register_entry(session.meeting_id, RegisterEntry("issue", "Late release notes"))
    session.refresh()
    page = _page(qtbot, session)
    item = page.editor.actions.item(0)
    assert item.text() == "Joint test plan for each release"
    item.setCheckState(Qt.CheckState.Checked)
    assert on_disk(db_path, session.meeting_id).register[0].actions == [
        "Joint test plan for each release"
    ]

    def add_one(_parent, s):  # the action dialog, filled in and accepted
        return edits.add_action(s, Action("Ask the vendor for notes a week ahead"))

    monkeypatch.setattr(register_page, "ask_new_action", add_one)
    page.add_action()
    entry = on_disk(db_path, session.meeting_id).register[0]
    assert entry.actions == [
        "Joint test plan for each release",
        "Ask the vendor for notes a week ahead",
    ]
    assert page.editor.actions.count() == 2
    assert page.editor.actions.item(1).checkState() == Qt.CheckState.Checked
    assert session.undo()  # the link of the added action
    assert on_disk(db_path, session.meeting_id).register[0].actions == [
        "Joint test plan for each release"
    ]
    assert first in portfolio.register_links(session.meeting_id)[entry.id]


def test_a_new_entry_can_be_deleted_and_undo_brings_it_back_whole(
    qtbot, portfolio, session, db_path, dialog_log
):
    action = portfolio.add_action(session.meeting_id, Action("Train a deputy"))
    eid = portfolio.add_register_entry(
        session.meeting_id, RegisterEntry("risk", "Supervisor on leave", provider_view="Jan 5–23")
    )
    portfolio.link_register_action(session.meeting_id, eid, action)
    session.refresh()
    page = _page(qtbot, session)
    assert page.editor.delete_button.isVisible()
    assert page.delete_entry()
    assert on_disk(db_path, session.meeting_id).register == []
    assert session.undo()
    (back,) = on_disk(db_path, session.meeting_id).register
    assert (back.id, back.provider_view, back.actions) == (eid, "Jan 5–23", ["Train a deputy"])


def test_register_model_keeps_qt_s_contract(qtbot, qtmodeltester, portfolio, session):
    portfolio.add_register_entry(session.meeting_id, RegisterEntry("risk", "A", likelihood="rare"))
    session.refresh()
    page = _page(qtbot, session)
    qtmodeltester.check(page.model)


def test_the_editor_and_its_actions_come_after_the_table_and_keep_edits(qtbot, session):
    from reviewdesk.ui.meeting import scorecard_edits

    for text in ("Joint test plan", "Name a deputy", "Weekly call"):
        session.portfolio.add_action(session.meeting_id, Action(text))
    session.refresh()
    entry_id = scorecard_edits.add_register_entry(
        session, RegisterEntry(kind="risk", title="Customs delays")
    )
    page = _page(qtbot, session)
    assert not page.complete
    assert "editor" not in page.__dict__  # below the table: after the first paint
    assert page.table.accessibleName() == "Register table"
    # changed while the page is being made: the editor shows the stored title
    assert scorecard_edits.update_register_entry(session, entry_id, title="Customs holds")
    qtbot.waitUntil(lambda: page.complete)
    assert page.entry_id == entry_id
    assert page.editor.fields["title"].text() == "Customs holds"
    assert page.editor_title.text().endswith("— Customs holds")
    actions = page.editor.actions
    assert actions.accessibleName() == "Linked action items"
    assert actions.count() == 3
    # fitted once shown: as tall as its items, so the page scrolls rather than the list
    qtbot.waitUntil(
        lambda: (
            actions.height()
            == sum(actions.visualItemRect(actions.item(i)).height() for i in range(3))
            + 2 * actions.frameWidth()
        )
    )


def test_the_editor_is_made_in_two_turns_and_asked_for_it_is_whole(qtbot, session):
    from reviewdesk.ui.meeting import scorecard_edits
    from reviewdesk.ui.meeting.pages.register_editor import CHOICES, TEXTS, EntryEditor

    scorecard_edits.add_register_entry(session, RegisterEntry(kind="risk", title="Customs"))
    page = _page(qtbot, session)
    part = EntryEditor(page)  # the first turn's part: the short fields and the choices
    assert set(part.fields) == {"title", "agreed", *CHOICES} == set(part.savers) | set(CHOICES)
    assert not hasattr(part, "close_button")
    part.make_rest()  # the long texts, saved as typed like the others, and the rest
    assert set(part.fields) == {*TEXTS, *CHOICES} and set(part.savers) == set(TEXTS)
    assert part.close_button.accessibleName() == "Close the entry"
    assert part.fields["client_view"].accessibleName() == "Client's view"
    assert part.fields["agreed"].accessibleName() == "Agreed note"
    assert "editor" not in page.__dict__
    editor = page.editor  # asked for before its turns came: made whole now, in the card
    assert page.complete and editor.delete_button.accessibleName() == "Delete the entry"
    assert editor.parentWidget() is page.card and editor.fields["title"].text() == "Customs"


def test_the_card_shows_a_turn_before_its_list_of_actions(qtbot, session):
    from reviewdesk.ui.meeting import scorecard_edits

    for text in ("Joint test plan", "Name a deputy"):
        session.portfolio.add_action(session.meeting_id, Action(text))
    session.refresh()
    scorecard_edits.add_register_entry(session, RegisterEntry(kind="risk", title="Customs"))
    page = _page(qtbot, session)
    shown = step_by_step(
        page,
        lambda p: (
            "card" in p.__dict__ and p.card.isVisible(),
            "editor" in p.__dict__ and p.editor.actions.isVisible(),
        ),
    )
    card_at = shown.index((True, False))  # the card on screen, its list not yet
    assert shown[card_at + 1 :] == [(True, True)]  # the list in the next turn, the last
    assert page.editor.actions.count() == 2 and not page.editor.no_actions.isVisible()


def test_the_editor_s_first_part_makes_no_widget_without_a_parent(qtbot, session):
    # the agreed note's field was made in the first part and laid out in the second: a page
    # left between the two kept it without a parent
    from reviewdesk.ui.meeting.pages.register_editor import EntryEditor

    page = RegisterPage(session)
    qtbot.addWidget(page)
    editor, parentless = parentless_made_by(lambda: EntryEditor(page))  # the first part only
    assert parentless == []
    assert editor.fields["agreed"].parentWidget() is editor
