"""Home: partnership and review tables, the empty-file screen, the sample, the New review dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication

from reviewdesk.record.model import Action, Participant, Person
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.dialogs.new_review import NewReviewDialog
from reviewdesk.ui.home.models import (
    PartnershipModel,
    ReviewModel,
    partnership_rows,
    trend,
)
from reviewdesk.ui.home.page import HomePage


def make_home(qtbot, portfolio, db_path) -> HomePage:
    home = HomePage(portfolio, db_path)
    qtbot.addWidget(home)
    home.show()
    return home


def rated_meeting(
    portfolio: Portfolio,
    pid: int,
    date: dt.date,
    client: int,
    provider: int,
    *,
    whole: bool = True,
) -> int:
    """A review rated all through (or only its first section, ``whole=False``)."""
    mid = portfolio.create_meeting(pid, title=f"Review {date}", date=date, agenda=default_agenda())
    sections = default_agenda().sections
    for section in sections if whole else sections[:1]:
        for q in section.questions:
            portfolio.set_rating(mid, section.key, q.key, "client", client)
            portfolio.set_rating(mid, section.key, q.key, "provider", provider)
    return mid


def test_trend_arrows():
    assert trend(3.5, 3.0) == "▲"
    assert trend(2.0, 3.0) == "▼"
    assert trend(3.0, 3.0) == ""
    assert trend(3.0, None) == ""


def test_partnership_rows_show_latest_averages_trend_and_overdue(portfolio):
    p = portfolio.add_partnership("Acme", "Nimbus", "Payroll")
    rated_meeting(portfolio, p.id, dt.date(2026, 6, 30), client=2, provider=4)
    last = rated_meeting(portfolio, p.id, dt.date(2026, 9, 30), client=4, provider=3)
    portfolio.add_action(last, Action("Fix the SLA report", due=dt.date(2026, 10, 1)))
    portfolio.add_action(last, Action("Plan Q1 volumes", due=dt.date(2027, 1, 15)))
    (row,) = partnership_rows(portfolio, dt.date(2026, 11, 27))
    assert row.reviews == 2
    assert row.last_date == dt.date(2026, 9, 30)
    assert (row.client_average, row.client_trend) == (4.0, "▲")
    assert (row.provider_average, row.provider_trend) == (3.0, "▼")
    assert (row.open_actions, row.overdue) == (2, 1)
    model = PartnershipModel([row])
    assert model.index(0, 4).data() == "4.0 ▲"
    assert model.index(0, 5).data() == "3.0 ▼"
    assert model.index(0, 0).data() == "Acme ↔ Nimbus"


def test_a_partial_review_says_so_and_claims_no_rise_or_fall(portfolio):
    p = portfolio.add_partnership("Acme", "Nimbus", "Payroll")
    rated_meeting(portfolio, p.id, dt.date(2026, 6, 30), client=2, provider=4)
    last = rated_meeting(portfolio, p.id, dt.date(2026, 9, 30), client=4, provider=3, whole=False)
    (row,) = partnership_rows(portfolio, dt.date(2026, 11, 27))
    assert (row.client_average, row.client_trend) == (4.0, "")
    assert row.partial
    model = PartnershipModel([row])
    assert model.index(0, 4).data() == "4.0 (partial)"
    assert model.index(0, 5).data() == "3.0 (partial)"
    total = sum(len(s.questions) for s in default_agenda().sections)
    rated = len(default_agenda().sections[0].questions)
    tip = model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == (
        f"Client average of a partial review ({rated} of {total} questions rated): "
        "not compared with other reviews"
    )
    reviews = ReviewModel()
    reviews.set_meetings(portfolio.meetings(p.id))
    assert reviews.headerData(5, Qt.Orientation.Horizontal) == "Rated"
    assert reviews.meeting_at(0).id == last
    assert reviews.index(0, 5).data() == f"{rated} of {total}"
    assert reviews.index(1, 5).data() == f"{total} of {total}"
    assert reviews.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == (
        f"Partial review: {rated} of {total} questions rated; the averages cover those only."
    )


def test_the_home_list_says_why_a_review_was_reopened(portfolio, sign_off):
    p = portfolio.add_partnership("Acme", "Nimbus")
    mid = rated_meeting(portfolio, p.id, dt.date(2026, 9, 30), client=4, provider=3)
    sign_off(portfolio, mid)
    reason = "Becker's signature was missing from the <b>minutes</b>"
    portfolio.reopen(mid, reason)
    reviews = ReviewModel()
    reviews.set_meetings(portfolio.meetings(p.id))
    assert reviews.index(0, 2).data() == "Reopened: Becker's signature was miss…"
    assert reviews.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == f"Reopened: {reason}"
    sign_off(portfolio, mid)
    reviews.set_meetings(portfolio.meetings(p.id))
    assert reviews.index(0, 2).data() == "Signed off ✓"
    assert [m.reopened for m in portfolio.meetings()] == [""]


def test_models_pass_the_model_tester(qtmodeltester, portfolio):
    p = portfolio.add_partnership("Acme", "Nimbus")
    rated_meeting(portfolio, p.id, dt.date(2026, 6, 30), client=3, provider=5)
    portfolio.add_partnership("Bolt", "Orbit")
    pmodel = PartnershipModel(partnership_rows(portfolio, dt.date(2026, 11, 27)))
    qtmodeltester.check(pmodel)
    rmodel = ReviewModel()
    rmodel.set_meetings(portfolio.meetings(p.id))
    qtmodeltester.check(rmodel)
    assert rmodel.rowCount() == 1
    assert rmodel.index(0, 2).data() == "In progress"


def test_empty_file_offers_sample_and_new_partnership(qtbot, portfolio, db_path):
    home = make_home(qtbot, portfolio, db_path)
    assert home.stack.currentWidget() is home.empty
    assert home.sample_button.isVisible() and home.new_partnership_button.isVisible()
    assert home.sample_button.text() == "Open a sample partnership"
    assert home.new_partnership_button.text() == "New partnership"


def test_sample_partnership_loads_the_demo_and_shows_it(qtbot, portfolio, db_path):
    home = make_home(qtbot, portfolio, db_path)
    qtbot.mouseClick(home.sample_button, Qt.MouseButton.LeftButton)
    assert home.stack.currentWidget() is home.listing
    assert home.partnership_model.rowCount() >= 1
    assert home.selected_partnership() is not None
    assert home.review_model.rowCount() == len(portfolio.meetings(home.selected_partnership()))
    assert home.review_model.rowCount() > 0


def test_selecting_a_partnership_shows_its_reviews_and_filter_hides_others(
    qtbot, portfolio, db_path
):
    a = portfolio.add_partnership("Acme", "Nimbus", "Payroll")
    b = portfolio.add_partnership("Bolt", "Orbit", "Support")
    rated_meeting(portfolio, a.id, dt.date(2026, 3, 31), 3, 3)
    rated_meeting(portfolio, b.id, dt.date(2026, 3, 31), 3, 3)
    rated_meeting(portfolio, b.id, dt.date(2026, 6, 30), 4, 3)
    home = make_home(qtbot, portfolio, db_path)
    home.select_partnership(b.id)
    assert home.review_model.rowCount() == 2
    assert "Bolt ↔ Orbit" in home.reviews_title.text()
    home.select_partnership(a.id)
    assert home.review_model.rowCount() == 1
    home.filter.setText("support")
    assert home.proxy.rowCount() == 1
    assert home.proxy.index(0, 0).data() == "Bolt ↔ Orbit"


def test_open_button_emits_the_selected_review(qtbot, portfolio, db_path):
    p = portfolio.add_partnership("Acme", "Nimbus")
    mid = rated_meeting(portfolio, p.id, dt.date(2026, 3, 31), 3, 3)
    home = make_home(qtbot, portfolio, db_path)
    with qtbot.waitSignal(home.open_meeting) as blocker:
        qtbot.mouseClick(home.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [mid]


def dialog(qtbot, portfolio, db_path, pid=None) -> NewReviewDialog:
    d = NewReviewDialog(portfolio, db_path, pid, today=dt.date(2026, 11, 27))
    qtbot.addWidget(d)
    d.show()
    return d


def test_new_review_dialog_creates_partnership_and_review(qtbot, portfolio, db_path):
    d = dialog(qtbot, portfolio, db_path)
    assert d.new_box.isVisible()
    assert d.title.text() == "Q4 2026 review"
    d.client.setText("Harbour Freight")
    d.provider.setText("Cebu DataWorks")
    d.service.setText("Customs entry")
    d.location.setText("Video call")
    d.facilitator.setText("Fay Lim")
    d.new_name.setText("Ana Reyes")
    d.new_role.setText("Ops lead")
    qtbot.mouseClick(d.add_person_button, Qt.MouseButton.LeftButton)
    d.new_name.setText("Ben Cruz")
    d.new_side.setCurrentIndex(d.new_side.findData("provider"))
    qtbot.mouseClick(d.add_person_button, Qt.MouseButton.LeftButton)
    d.date.setDate(QDate(2027, 1, 20))
    assert d.title.text() == "Q1 2027 review"
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.result() == NewReviewDialog.DialogCode.Accepted
    m = portfolio.meeting(d.meeting_id)
    assert m.partnership.label == "Harbour Freight ↔ Cebu DataWorks"
    assert m.partnership.service == "Customs entry"
    assert (m.title, m.date, m.location, m.facilitator) == (
        "Q1 2027 review",
        dt.date(2027, 1, 20),
        "Video call",
        "Fay Lim",
    )
    assert [(p.name, p.side, p.role) for p in m.participants] == [
        ("Ana Reyes", "client", "Ops lead"),
        ("Ben Cruz", "provider", ""),
    ]
    assert [s.key for s in m.sections] == [s.key for s in default_agenda().sections]


def test_new_review_names_the_empty_field(qtbot, portfolio, db_path):
    d = dialog(qtbot, portfolio, db_path)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.error.text() == "Client: must not be empty"
    d.client.setText("Acme")
    d.provider.setText("Nimbus")
    d.title.setText("   ")
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    assert d.error.text() == "Title: must not be empty"
    assert d.meeting_id is None
    assert portfolio.partnerships() == []


def test_new_review_lists_people_and_carry_over(qtbot, portfolio, db_path):
    p = portfolio.add_partnership("Acme", "Nimbus")
    portfolio.add_person(p.id, Person("Ana Reyes", "client", "Ops lead"))
    portfolio.add_person(p.id, Person("Ben Cruz", "provider"))
    first = portfolio.create_meeting(
        p.id,
        title="Q3",
        date=dt.date(2026, 9, 30),
        agenda=default_agenda(),
        participants=[Participant("Ana Reyes", "client")],
    )
    portfolio.add_action(first, Action("Send the escalation matrix", owner="Ben Cruz"))
    d = dialog(qtbot, portfolio, db_path, p.id)
    assert not d.new_box.isVisible()
    assert sorted(p.name for p in d.listed()) == ["Ana Reyes", "Ben Cruz"]
    assert "Send the escalation matrix" in d.carry.text()
    ben = next(
        d.attendees.item(i)
        for i in range(d.attendees.count())
        if d.attendees.item(i).text().startswith("Ben")
    )
    ben.setCheckState(Qt.CheckState.Unchecked)
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)
    m = portfolio.meeting(d.meeting_id)
    assert [p.name for p in m.participants] == ["Ana Reyes"]
    assert [a.text for a in m.actions] == ["Send the escalation matrix"]


def test_broken_agenda_template_is_shown(qtbot, portfolio, db_path):
    templates = db_path.parent / "templates"
    templates.mkdir()
    (templates / "broken.json").write_text('{"format": "reviewdesk.agenda/1", "name": ""}')
    d = dialog(qtbot, portfolio, db_path)
    assert d.template_errors.isVisible()
    path = str(templates / "broken.json")
    assert path in d.template_errors.text()  # the real path, however long, nothing inserted
    d.template_errors.copy()  # the label's "Copy"
    assert path in QGuiApplication.clipboard().text()
    assert d.agenda.count() == 1  # the bundled agenda is still offered


def test_the_next_review_is_proposed_from_the_last(qtbot, portfolio, db_path):
    p = portfolio.add_partnership("Acme", "Nimbus", "Payroll")
    portfolio.create_meeting(
        p.id,
        title="Q4 2026 review",
        date=dt.date(2026, 10, 2),
        agenda=default_agenda(),
        location="Cebu office",
        facilitator="Priya Raman",
    )
    d = dialog(qtbot, portfolio, db_path, p.id)
    assert d.title.text() == "Q4 2026 review (2)"  # never a copy of an existing title
    assert d.facilitator.text() == "Priya Raman"
    assert d.location.text() == "Cebu office"
    assert d.date.date().toPython() == dt.date(2026, 11, 27)  # no cadence set: today
    d.date.setDate(QDate(2027, 2, 1))
    assert d.title.text() == "Q1 2027 review"
    d.partnership.setCurrentIndex(d.partnership.findData(None))  # a new partnership
    assert (d.facilitator.text(), d.location.text()) == ("", "")
    assert d.title.text() == "Q1 2027 review"


def test_open_and_overdue_counts_fill_in_just_after_the_rows(qtbot, portfolio, db_path):
    p = portfolio.add_partnership("Acme", "Nimbus", "Payroll")
    last = rated_meeting(portfolio, p.id, dt.date(2026, 9, 30), client=4, provider=3)
    portfolio.add_action(last, Action("Fix the SLA report", due=dt.date(2026, 10, 1)))
    home = make_home(qtbot, portfolio, db_path)
    model = home.partnership_model
    qtbot.waitUntil(lambda: model.index(0, 6).data() != "…")
    assert model.index(0, 6).data() == "1"
    assert model.row_at(0).overdue == (1 if dt.date.today() > dt.date(2026, 10, 1) else 0)


def test_enter_in_the_attendee_fields_adds_the_attendee_not_the_review(qtbot, portfolio, db_path):
    d = dialog(qtbot, portfolio, db_path)
    d.client.setText("Harbour Freight")
    d.provider.setText("Cebu DataWorks")
    d.new_name.setFocus()
    qtbot.keyClicks(d.new_name, "Ana Reyes")
    qtbot.keyClick(d.new_name, Qt.Key.Key_Return)
    assert d.result() != NewReviewDialog.DialogCode.Accepted
    assert [p.name for p in d.participants()] == ["Ana Reyes"]
    assert d.new_name.text() == ""
    qtbot.keyClicks(d.new_name, "Ben Cruz")
    qtbot.keyClicks(d.new_role, "Account manager")
    qtbot.keyClick(d.new_role, Qt.Key.Key_Enter)  # Enter in the role field adds too
    assert [(p.name, p.role) for p in d.participants()][-1] == ("Ben Cruz", "Account manager")
    assert portfolio.meetings() == []
    qtbot.keyClick(d.new_name, Qt.Key.Key_Return)  # nothing typed: Enter creates the review
    assert d.result() == NewReviewDialog.DialogCode.Accepted
    assert [p.name for p in portfolio.meeting(d.meeting_id).participants] == [
        "Ana Reyes",
        "Ben Cruz",
    ]


def test_tab_leaves_the_two_home_tables(qtbot, portfolio, db_path):
    p = portfolio.add_partnership("Acme", "Nimbus")
    rated_meeting(portfolio, p.id, dt.date(2026, 9, 30), client=4, provider=3)
    home = make_home(qtbot, portfolio, db_path)
    qtbot.waitExposed(home)
    for view in (home.partnership_view, home.review_view):
        assert not view.tabKeyNavigation()
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda v=view: not v.hasFocus())


def test_adding_an_attendee_twice_says_so_in_plain_words(qtbot, portfolio, db_path):
    d = dialog(qtbot, portfolio, db_path)
    d.add_attendee()
    assert d.error.text() == "Type the new attendee's name first."
    d.new_name.setText("Ana Reyes")
    d.add_person_button.click()
    d.new_name.setText("ana reyes ")
    d.add_person_button.click()
    assert d.error.text() == "Ana Reyes is already an attendee."
    assert [p.name for p in d.listed()] == ["Ana Reyes"]


def two_partnerships(portfolio: Portfolio) -> tuple[int, int]:
    """Acme with two rated reviews and an action, Globex with one review."""
    acme = portfolio.add_partnership("Acme", "Nimbus", "Payroll")
    rated_meeting(portfolio, acme.id, dt.date(2026, 6, 30), client=2, provider=4)
    last = rated_meeting(portfolio, acme.id, dt.date(2026, 9, 30), client=4, provider=3)
    portfolio.add_action(last, Action("Fix the SLA report", due=dt.date(2026, 10, 1)))
    globex = portfolio.add_partnership("Globex", "Initech", "Help desk")
    rated_meeting(portfolio, globex.id, dt.date(2026, 8, 31), client=3, provider=3)
    return acme.id, globex.id


def sliced_home(qtbot, portfolio, db_path) -> HomePage:
    home = HomePage(portfolio, db_path, in_slices=True)
    qtbot.addWidget(home)
    home.resize(1280, 720)
    home.show()
    return home


def wait_until_complete(qtbot, home: HomePage, partnership_id: int) -> None:
    """Every part built and the insights of ``partnership_id`` on screen."""
    qtbot.waitUntil(lambda: not home.building)
    insights = home.insights
    qtbot.waitUntil(
        lambda: (
            insights.partnership_id == partnership_id
            and insights.pages.currentWidget() is insights.area
            and insights.history is not None
            and bool(insights.history.reviews)
        )
    )


def test_a_page_built_in_slices_ends_complete(qtbot, portfolio, db_path):
    acme, _globex = two_partnerships(portfolio)
    home = sliced_home(qtbot, portfolio, db_path)
    assert home.building  # styled first; listed, then the rest, on later turns of the loop
    with qtbot.waitSignal(home.listed):
        pass
    assert home.partnership_model.rowCount() == 2
    assert home.building
    wait_until_complete(qtbot, home, acme)
    assert home.selected_partnership() == acme
    assert home.reviews_title.text() == "Reviews of Acme ↔ Nimbus"
    assert home.review_model.rowCount() == 2
    assert home.selected_meeting() == home.review_model.meeting_at(0).id
    assert home.open_button.isEnabled()
    assert home.review_view.isVisible()
    insights = home.insights
    assert len(insights.history.reviews) == 2
    assert insights.follow_table.isVisible() and insights.goals_label.isVisible()
    assert insights.chart.isVisible()
    qtbot.waitUntil(lambda: home.partnership_model.index(0, 6).data() == "1")


@pytest.mark.parametrize("size", [(1280, 720), (1000, 520)])
def test_nothing_moves_while_the_page_is_built(qtbot, portfolio, db_path, size):
    acme, _globex = two_partnerships(portfolio)
    home = sliced_home(qtbot, portfolio, db_path)
    home.resize(*size)
    qtbot.waitExposed(home)
    qtbot.wait(1)  # the first part laid out and painted
    places = [w.geometry() for w in (home.partnership_view, home.reviews_box, home.insights_box)]
    wait_until_complete(qtbot, home, acme)
    done = [w.geometry() for w in (home.partnership_view, home.reviews_box, home.insights_box)]
    if size[1] >= 720:  # on a short window the list gives way once the chart shows (as before)
        assert done == places
    at_once = make_home(qtbot, portfolio, db_path)  # the same page built in one go
    at_once.resize(*size)
    wait_until_complete(qtbot, at_once, acme)
    assert at_once.partnership_view.geometry() == home.partnership_view.geometry()
    assert at_once.review_view.geometry() == home.review_view.geometry()
    assert at_once.insights.geometry() == home.insights.geometry()


def test_a_choice_made_while_the_page_is_built_is_kept(qtbot, portfolio, db_path):
    _acme, globex = two_partnerships(portfolio)
    home = sliced_home(qtbot, portfolio, db_path)
    with qtbot.waitSignal(home.listed):
        pass
    home.select_partnership(globex)  # before the reviews and the insights exist
    assert home.building
    wait_until_complete(qtbot, home, globex)
    assert home.selected_partnership() == globex
    assert home.reviews_title.text() == "Reviews of Globex ↔ Initech"
    assert home.review_model.rowCount() == 1
    assert len(home.insights.history.reviews) == 1


def test_a_change_while_the_page_is_built_is_not_lost(qtbot, portfolio, db_path):
    acme, _globex = two_partnerships(portfolio)
    home = sliced_home(qtbot, portfolio, db_path)
    rated_meeting(portfolio, acme, dt.date(2026, 12, 15), client=5, provider=5)
    home.refresh(select_partnership=acme, changed=[acme])  # as after New review
    assert home.building
    wait_until_complete(qtbot, home, acme)
    assert home.review_model.rowCount() == 3
    assert home.review_model.meeting_at(0).date == dt.date(2026, 12, 15)
    qtbot.waitUntil(lambda: len(home.insights.history.reviews) == 3)
    qtbot.waitUntil(lambda: home.partnership_model.row_at(0).reviews == 3)


def test_back_from_a_meeting_that_changed_nothing_keeps_the_page(qtbot, portfolio, db_path):
    acme, _globex = two_partnerships(portfolio)
    home = make_home(qtbot, portfolio, db_path)
    wait_until_complete(qtbot, home, acme)
    qtbot.waitUntil(lambda: home.figures_op is None)
    rows = home.partnership_model.rows()
    values = home.insights.history
    home.back_from_meeting([])
    assert home.partnership_model.rows() == rows
    assert all(a is b for a, b in zip(home.partnership_model.rows(), rows, strict=True))
    assert home.insights.history is values  # not read again


def test_back_from_a_meeting_reads_its_partnership_again(qtbot, portfolio, db_path):
    acme, _globex = two_partnerships(portfolio)
    home = make_home(qtbot, portfolio, db_path)
    wait_until_complete(qtbot, home, acme)
    qtbot.waitUntil(lambda: home.figures_op is None)
    newest = home.review_model.meeting_at(0).id
    portfolio.add_action(newest, Action("Send the volumes", due=dt.date(2026, 10, 2)))
    home.back_from_meeting([acme])
    assert home.partnership_model.row_at(0).open_actions == 2
    qtbot.waitUntil(lambda: sum(f.open for f in home.insights.follow.values()) == 2)
