"""The Attendees step: correcting a name, side or role, removing someone (or why not), undo;
absent people cannot sign; the actions open from last time."""

from __future__ import annotations

import datetime as dt

from factories import MEETING_DATE, on_disk

from reviewdesk.record.model import Action, Participant
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.meeting.pages.attendees import ROWS_FIRST, AttendeesPage
from reviewdesk.ui.meeting.pages.wrapup import WrapUpPage
from reviewdesk.ui.meeting.session import MeetingSession


def shown(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def people(db_path, mid):
    return [(p.name, p.side, p.role, p.present) for p in on_disk(db_path, mid).participants]


def pick(combo, value) -> None:
    """Choose an item as a user does (``activated`` fires)."""
    index = combo.findData(value)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_a_wrong_side_is_corrected_and_undone(qtbot, session, db_path, dialog_log):
    page = shown(qtbot, AttendeesPage(session))
    pick(page.rows["Fay Lim"].side, "client")
    assert people(db_path, session.meeting_id)[2] == ("Fay Lim", "client", "", True)
    assert page.rows["Fay Lim"].side.property("side") == "client"
    assert session.undo_label() == "Undo Fay Lim side Facilitator → Client"
    assert session.undo()
    assert people(db_path, session.meeting_id)[2][1] == "facilitator"
    assert page.rows["Fay Lim"].side.currentData() == "facilitator"


def test_a_role_is_saved_as_typed_and_undone(qtbot, session, db_path, dialog_log):
    page = shown(qtbot, AttendeesPage(session))
    role = page.rows["Ben Cruz"].role
    role.setFocus()
    role.selectAll()
    role.insert("Delivery lead")
    qtbot.waitUntil(lambda: people(db_path, session.meeting_id)[1][2] == "Delivery lead")
    assert role.hasFocus()  # the row was not rebuilt under the typing
    assert session.undo()
    assert people(db_path, session.meeting_id)[1][2] == "Account manager"
    assert role.text() == "Account manager"


def test_a_rename_follows_to_the_actions_owned_and_is_undone(qtbot, session, db_path, dialog_log):
    p, mid = session.portfolio, session.meeting_id
    p.add_action(mid, Action("Send the rota", owner="Ben Cruz"))
    session.refresh()
    page = shown(qtbot, AttendeesPage(session))
    dialog_log.text_answer = "Ben Cruz-Santos"
    page.rows["Ben Cruz"].rename.click()
    stored = on_disk(db_path, mid)
    assert [x.name for x in stored.participants][1] == "Ben Cruz-Santos"
    assert stored.actions[0].owner == "Ben Cruz-Santos"
    assert "Ben Cruz-Santos" in page.rows and "Ben Cruz" not in page.rows
    assert session.undo()
    stored = on_disk(db_path, mid)
    assert stored.participants[1].name == "Ben Cruz" and stored.actions[0].owner == "Ben Cruz"


def test_someone_added_by_mistake_is_removed_and_undo_puts_them_back(
    qtbot, session, db_path, dialog_log
):
    page = shown(qtbot, AttendeesPage(session))
    page.checks["Fay Lim"].click()  # absent
    page.rows["Fay Lim"].remove.click()
    assert [x[0] for x in people(db_path, session.meeting_id)] == ["Ana Reyes", "Ben Cruz"]
    assert "Fay Lim" not in page.rows
    assert session.undo_label() == "Undo remove attendee Fay Lim"
    assert session.undo()
    assert people(db_path, session.meeting_id)[2] == ("Fay Lim", "facilitator", "", False)
    assert not page.checks["Fay Lim"].isChecked()


def test_removing_an_action_owner_is_refused_with_the_reason(qtbot, session, db_path, dialog_log):
    p, mid = session.portfolio, session.meeting_id
    p.add_action(mid, Action("Send the rota", owner="Ana Reyes"))
    session.refresh()
    alerts: list[str] = []
    session.alert.connect(alerts.append)
    page = shown(qtbot, AttendeesPage(session))
    page.rows["Ana Reyes"].remove.click()
    assert alerts == [
        "attendee Ana Reyes: Ana Reyes owns 1 action on this review; give them another owner first."
    ]
    assert [x[0] for x in people(db_path, mid)] == ["Ana Reyes", "Ben Cruz", "Fay Lim"]
    assert "Ana Reyes" in page.rows


def test_adding_someone_already_listed_says_so_in_plain_words(qtbot, session, dialog_log):
    page = shown(qtbot, AttendeesPage(session))
    page.name.setText("  ana reyes ")
    page.add_button.click()
    assert dialog_log.errors == [
        "Ana Reyes is already an attendee. To correct their side or role, change it in the "
        "list above; to correct the name, use Rename."
    ]
    assert len(session.meeting.participants) == 3


def test_a_signed_off_review_offers_no_corrections(qtbot, session, sign_off, dialog_log):
    sign_off(session.portfolio, session.meeting_id)
    session.refresh()
    page = shown(qtbot, AttendeesPage(session))
    row = page.rows["Fay Lim"]
    assert not row.side.isEnabled() and row.role.isReadOnly()
    assert not row.remove.isVisible() and not row.rename.isVisible()


def test_only_people_present_are_offered_as_signers(qtbot, session, dialog_log):
    session.portfolio.set_present(session.meeting_id, "Ben Cruz", False)
    session.refresh()
    page = shown(qtbot, WrapUpPage(session))
    client, provider = page.strip.rows[:2]
    offered = [client.name.itemText(i) for i in range(client.name.count())]
    assert offered == ["", "Ana Reyes", "Fay Lim"]
    assert provider.signer_name == ""  # no present provider to propose
    provider.name.setEditText("Ben Cruz")  # typed anyway
    provider.pad.sign_with_text("Ben Cruz")
    client.pad.sign_with_text("Ana Reyes")
    assert not page.strip.sign_button.isEnabled()
    assert page.strip.hint.text() == (
        "Not ready: Ben Cruz is marked absent; only people present can sign."
    )


def test_open_actions_from_last_time_are_reviewed_first_and_overdue_ones_flagged(
    qtbot, portfolio, meeting_id, db_path, dialog_log
):
    late = Action("Send the rota", owner="Ana Reyes", due=MEETING_DATE - dt.timedelta(days=10))
    portfolio.add_action(meeting_id, late)
    portfolio.add_action(meeting_id, Action("Joint retro", due=MEETING_DATE + dt.timedelta(40)))
    pid = portfolio.meeting(meeting_id).partnership.id
    next_id = portfolio.create_meeting(
        pid,
        title="Q1 2027 review",
        date=MEETING_DATE + dt.timedelta(days=30),
        agenda=default_agenda(),
        participants=[Participant("Ana Reyes", "client")],
    )
    session = MeetingSession(portfolio, next_id)
    try:
        page = shown(qtbot, AttendeesPage(session))
        carried = page.carried
        assert carried.isVisible()
        assert carried.heading.text() == "Open from last time (2 actions, 1 overdue)"
        ids = [a.id for a in carried.actions()]
        late_details = carried.details[ids[0]]
        assert late_details.text().endswith("· overdue")
        assert late_details.property("alert") is True
        assert carried.details[ids[1]].property("alert") is False
        pick(carried.statuses[ids[0]], "done")
        assert on_disk(db_path, next_id).actions[0].status == "done"
        assert carried.heading.text() == "Open from last time (2 actions)"
        assert session.undo()
        assert on_disk(db_path, next_id).actions[0].status == "open"
        assert carried.statuses[ids[0]].currentData() == "open"
    finally:
        session.stop()


def test_a_first_review_has_nothing_open_from_last_time(qtbot, session, dialog_log):
    page = shown(qtbot, AttendeesPage(session))
    assert not page.carried.isVisible()
    assert page.rows["Ana Reyes"].present.isChecked()
    page.rows["Ana Reyes"].present.click()
    assert not session.meeting.participant("Ana Reyes").present


def test_many_attendees_and_carried_actions_come_in_slices_and_end_complete(
    qtbot, portfolio, meeting_id
):
    for i in range(12):
        portfolio.add_action(meeting_id, Action(f"Carried {i}", owner="Ana Reyes"))
    pid = portfolio.meeting(meeting_id).partnership.id
    people = [Participant(f"Person {i:02}", "client", f"Role {i}") for i in range(10)]
    next_id = portfolio.create_meeting(
        pid,
        title="Q1 2027 review",
        date=MEETING_DATE + dt.timedelta(days=30),
        agenda=default_agenda(),
        participants=people,
    )
    session = MeetingSession(portfolio, next_id)
    try:
        page = shown(qtbot, AttendeesPage(session))
        assert not page.slicer.done and not page.carried.slicer.done
        assert list(page._rows) == [
            p.name for p in people[:ROWS_FIRST]
        ]  # the first rows with the page
        # a role typed in a row made with the page, while the others are still coming
        page._rows["Person 00"].role.setText("Typed while building")
        qtbot.waitUntil(lambda: page.slicer.done and page.carried.slicer.done)
        assert list(page._rows) == [p.name for p in people]
        for p in people:
            assert page._checks[p.name].accessibleName() == f"{p.name} present"
            assert page._rows[p.name].role.text() == (
                "Typed while building" if p.name == "Person 00" else p.role
            )
        carried = page.carried
        assert carried.heading.text() == "Open from last time (12 actions)"
        assert [carried._statuses[a.id].accessibleName() for a in carried.actions()] == [
            f"Status of Carried {i}" for i in range(12)
        ]
        qtbot.waitUntil(
            lambda: on_disk(portfolio.path, next_id).participants[0].role == "Typed while building",
            timeout=1000,
        )
    finally:
        session.stop()
