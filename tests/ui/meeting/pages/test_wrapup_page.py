"""Wrap-up & sign-off: panels, the sign-off rule, locking, refusing edits, reopening."""

from __future__ import annotations

import datetime as dt
import io

from factories import MEETING_DATE, on_disk
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit
from qt_helpers import PNG_MAGIC, draw, step_by_step

from reviewdesk.minutes.render import render_minutes
from reviewdesk.record.model import Action, Goal, Signature
from reviewdesk.record.wording import signed_off_text
from reviewdesk.ui.meeting.pages import wrapup as wrapup_page
from reviewdesk.ui.meeting.pages.actions import ActionsPage
from reviewdesk.ui.meeting.pages.goals import GoalsPage
from reviewdesk.ui.meeting.pages.goals_model import DUE
from reviewdesk.ui.meeting.pages.wrapup import WrapUpPage
from reviewdesk.ui.meeting.session import Change
from reviewdesk.ui.meeting.view import header_text
from reviewdesk.ui.widgets.cards import banner_text
from reviewdesk.ui.widgets.text_fit import WrapLabel


def _page(qtbot, session) -> WrapUpPage:
    page = WrapUpPage(session)
    qtbot.addWidget(page)
    page.resize(1100, 740)
    page.show()
    qtbot.waitExposed(page)
    return page


def _sign_both(qtbot, page: WrapUpPage) -> None:
    client, provider = page.strip.rows[:2]
    draw(client.pad, [(40, 60), (120, 40), (200, 80)])
    draw(provider.pad, [(60, 50), (160, 90), (300, 60)])


def test_panels_show_gaps_decisions_and_actions(qtbot, session):
    p, mid = session.portfolio, session.meeting_id
    p.set_rating(mid, "trust", session.meeting.section("trust").questions[0].key, "client", 5)
    p.set_rating(mid, "trust", session.meeting.section("trust").questions[0].key, "provider", 2)
    p.add_decision(mid, "trust", "Weekly <risk> call")
    p.add_action(mid, Action(text="Late one", due=MEETING_DATE - dt.timedelta(days=1)))
    session.refresh()
    page = _page(qtbot, session)
    assert "Gap&nbsp;3" in page.gaps.text()
    assert session.meeting.section("trust").questions[0].text in page.gaps.text()
    assert "Weekly &lt;risk&gt; call" in page.decisions.text()  # user text is escaped
    assert "New (1)" in page.actions.text() and "overdue" in page.actions.text()
    # Edits elsewhere reach the panels through the session.
    session.write(Change.DECISIONS, p.add_decision, mid, "teamwork", "Joint retro monthly")
    assert "Joint retro monthly" in page.decisions.text()


def test_rows_prefill_from_attendees_and_sign_off_waits_for_both_sides(qtbot, session):
    page = _page(qtbot, session)
    client, provider = page.strip.rows[:2]
    assert (client.signer_name, client.signer_side) == ("Ana Reyes", "client")
    assert client.role.text() == "Operations lead"
    assert (provider.signer_name, provider.signer_side) == ("Ben Cruz", "provider")
    button = page.strip.sign_button
    assert not button.isEnabled()
    draw(client.pad, [(40, 60), (120, 40)])
    assert not button.isEnabled()
    assert page.strip.hint.text() == (
        "Not ready: needs at least one client and one provider signer (no provider signer yet)."
    )
    draw(provider.pad, [(60, 50), (160, 90)])
    assert button.isEnabled()
    provider.name.setEditText("")  # a signature without a name does not count
    assert not button.isEnabled()
    provider.pick("Ben Cruz")
    assert button.isEnabled()
    qtbot.mouseClick(provider.clear_button, Qt.MouseButton.LeftButton)
    assert not button.isEnabled()


def test_one_person_named_on_two_rows_cannot_sign_off(qtbot, session, dialog_log):
    dialog_log.confirm_answer = False  # the strip's part only: nothing locks
    page = _page(qtbot, session)
    _sign_both(qtbot, page)
    _client, provider = page.strip.rows[:2]
    button = page.strip.sign_button
    assert button.isEnabled()
    provider.name.setEditText("  ana REYES ")  # the client's signer again, for the provider
    assert not button.isEnabled()
    assert "Ana Reyes is named twice; each person signs once" in page.strip.hint.text()
    with qtbot.assertNotEmitted(page.strip.sign_requested):
        button.click()
    provider.pick("Ben Cruz")
    assert button.isEnabled()
    with qtbot.waitSignal(page.strip.sign_requested) as signed:
        button.click()
    assert [s.name for s in signed.args[0]] == ["Ana Reyes", "Ben Cruz"]


def test_sign_off_from_the_keyboard_alone_with_typed_names(qtbot, session, dialog_log):
    page = _page(qtbot, session)
    client, provider = page.strip.rows[:2]
    button = page.strip.sign_button
    client.pad.setFocus()
    qtbot.waitUntil(client.pad.hasFocus)
    QTest.keyClick(client.pad, Qt.Key.Key_Return)  # Enter on the pad signs with the name
    assert client.pad.has_ink and not button.isEnabled()
    provider.name.setEditText("")
    provider.type_button.setFocus()
    QTest.keyClick(provider.type_button, Qt.Key.Key_Space)  # no name yet: go and type one
    assert not provider.pad.has_ink
    qtbot.waitUntil(lambda: provider.name.hasFocus() or provider.name.lineEdit().hasFocus())
    provider.name.setEditText("Pía Provider-Nguyễn")
    QTest.keyClick(provider.type_button, Qt.Key.Key_Space)
    assert provider.pad.has_ink and button.isEnabled()
    button.setFocus()
    with qtbot.waitSignal(page.strip.sign_requested) as signed:
        QTest.keyClick(button, Qt.Key.Key_Space)
    signatures = signed.args[0]
    assert [s.name for s in signatures] == ["Ana Reyes", "Pía Provider-Nguyễn"]
    assert all(s.signature_png.startswith(PNG_MAGIC) for s in signatures)
    assert session.meeting.locked  # confirmed (the dialog's answer)
    assert [c[1] for c in dialog_log.kinds("confirm")] == ["Sign off and lock"]


def test_one_space_on_sign_off_asks_first_and_go_back_locks_nothing(qtbot, session, dialog_log):
    dialog_log.confirm_answer = False
    page = _page(qtbot, session)
    _sign_both(qtbot, page)
    button = page.strip.sign_button
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    QTest.keyClick(button, Qt.Key.Key_Space)
    (confirm,) = dialog_log.kinds("confirm")
    assert confirm[1] == "Sign off and lock" and "Sign off and lock now?" in confirm[2]
    assert not session.meeting.locked and not session.portfolio.meeting(session.meeting_id).locked
    assert page.strip.isVisible() and button.isEnabled()  # the signatures wait


def test_sign_off_lists_what_is_still_open_before_locking(qtbot, session, dialog_log):
    p, mid = session.portfolio, session.meeting_id
    trust = session.meeting.section("trust")
    for q in trust.questions:
        p.set_rating(mid, "trust", q.key, "client", 4)
        p.set_rating(mid, "trust", q.key, "provider", 3)
    p.add_action(mid, Action(text="Send the rota", owner="Ana Reyes"))
    p.set_present(mid, "Fay Lim", False)
    session.refresh()
    page = _page(qtbot, session)
    decision = "Weekly call"
    session.set_draft(
        ("decision", "teamwork"), "a decision typed in Teamwork (not added yet)", decision
    )
    total = sum(len(s.questions) for s in session.meeting.sections)
    rated = len(trust.questions)
    assert page.checklist.coverage.text() == (
        f"Partial review: {rated} of {total} questions rated; the averages cover those only."
    )
    items = page.checklist.items()
    assert items[0].startswith("SMART goals and expectations: ")  # trust is whole: not listed
    assert not any(i.startswith("Trust:") for i in items)
    assert "Fay Lim is marked absent and cannot sign" in items
    assert "1 open action without a due date" in items
    assert "not added yet: a decision typed in Teamwork (not added yet)" in items
    assert "Fay Lim is marked absent" in page.checklist.list.text()
    dialog_log.confirm_answer = False
    _sign_both(qtbot, page)
    page.strip.sign_button.click()
    (confirm,) = dialog_log.kinds("confirm")
    for item in items:
        assert f"• {item}" in confirm[2]
    assert not session.meeting.locked


def test_sign_off_locks_pages_refuses_edits_then_reopen_voids(
    qtbot, session, db_path, failures, monkeypatch, dialog_log
):
    session.write(
        Change.GOALS, session.portfolio.add_goal, session.meeting_id, Goal(title="Backlog")
    )
    session.write(
        Change.ACTIONS, session.portfolio.add_action, session.meeting_id, Action(text="Send rota")
    )
    page = _page(qtbot, session)
    goals = GoalsPage(session)
    actions = ActionsPage(session)
    qtbot.addWidget(goals)
    qtbot.addWidget(actions)

    # A third, typed-in signer with a role.
    qtbot.mouseClick(page.strip.add_button, Qt.MouseButton.LeftButton)
    extra = page.strip.rows[2]
    qtbot.keyClicks(extra.name.lineEdit(), "Fay Facilitator")
    extra.side.setCurrentIndex(extra.side.findData("facilitator"))
    draw(extra.pad, [(20, 20), (80, 80)])
    _sign_both(qtbot, page)

    with qtbot.waitSignal(session.lock_changed) as locked:
        qtbot.mouseClick(page.strip.sign_button, Qt.MouseButton.LeftButton)
    assert locked.args == [True]

    stored = on_disk(db_path, session.meeting_id)
    assert stored.locked
    assert [(s.name, s.side) for s in stored.signoff] == [
        ("Ana Reyes", "client"),
        ("Ben Cruz", "provider"),
        ("Fay Facilitator", "facilitator"),
    ]
    assert all(s.signature_png.startswith(PNG_MAGIC) for s in stored.signoff)
    assert stored.signoff[0].signed_at.tzinfo is not None
    assert stored.signoff[0].role == "Operations lead"

    # Every page says so and is read-only.
    for p in (page, goals, actions):
        assert p.banner.isVisibleTo(p)
        assert "Signed off on" in p.banner.text()
        assert p.banner.text() == banner_text(stored)
        assert "by Ana Reyes (Client), Ben Cruz (Provider) and Fay Facilitator (Facilitator)." in (
            p.banner.text()
        )
    assert not page.strip.isVisibleTo(page)
    assert page.reopen_button.isVisibleTo(page) and page.reopen_button.isEnabled()
    assert not goals.new_button.isEnabled()
    for w in goals.editor.fields.values():
        assert (isinstance(w, QLineEdit | QPlainTextEdit) and w.isReadOnly()) or not w.isEnabled()
    assert not actions.add_button.isEnabled()
    assert not actions.model.flags(actions.model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable
    enabled_buttons = [
        b.accessibleName()
        for b in page.findChildren(QAbstractButton)
        if b.isVisibleTo(page) and b.isEnabled()
    ]
    assert enabled_buttons == ["Reopen the meeting"]

    # An edit that still reaches the store is refused, and the message surfaces.
    session.write(
        Change.GOALS,
        session.portfolio.update_goal,
        session.meeting_id,
        goals.goal_id,
        current="99%",
    )
    assert failures.messages and "locked" in failures.messages[-1]
    assert on_disk(db_path, session.meeting_id).goals[0].current == ""

    # Reopen: a cancelled question changes nothing, a reason voids the signatures.
    monkeypatch.setattr(wrapup_page, "ask_reopen_reason", lambda parent: None)
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert on_disk(db_path, session.meeting_id).locked
    monkeypatch.setattr(wrapup_page, "ask_reopen_reason", lambda parent: "Typo in a decision")
    with qtbot.waitSignal(session.lock_changed) as unlocked:
        qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert unlocked.args == [False]
    stored = on_disk(db_path, session.meeting_id)
    assert not stored.locked and stored.signoff == []
    assert stored.reopenings[-1].reason == "Typo in a decision"
    assert stored.reopenings[-1].voided == ["Ana Reyes", "Ben Cruz", "Fay Facilitator"]
    assert "Typo in a decision" in page.history.text()

    # Back to editable, with fresh unsigned rows.
    assert not page.banner.isVisibleTo(page) and not goals.banner.isVisibleTo(goals)
    assert goals.new_button.isEnabled() and actions.add_button.isEnabled()
    assert len(page.strip.rows) == 2
    assert not any(r.pad.has_ink for r in page.strip.rows)
    assert not page.strip.sign_button.isEnabled()


def test_every_signoff_control_has_an_accessible_name(qtbot, session):
    page = _page(qtbot, session)
    for widget in page.findChildren(QAbstractButton) + page.findChildren(QComboBox):
        assert widget.accessibleName(), widget
    for row in page.strip.rows:
        assert row.pad.accessibleName().startswith("Signer ")
        assert row.pad.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_gaps_panel_says_when_nothing_is_rated_by_both_sides_yet(qtbot, session):
    p, mid = session.portfolio, session.meeting_id
    page = _page(qtbot, session)
    for q in (s.questions[0] for s in session.meeting.sections):
        assert q.gap is None
    assert "No question has been rated by both sides yet" in page.gaps.text()
    key = session.meeting.section("trust").questions[0].key
    session.write(Change.RATINGS, p.set_rating, mid, "trust", key, "client", 3)
    session.write(Change.RATINGS, p.set_rating, mid, "trust", key, "provider", 4)
    said = "on the 1 question both sides rated, they are less than 2 points apart"
    assert said in page.gaps.text()


# ---- the window and the minutes say the same ----------------------------------------------

PLUS_TWO = dt.timezone(dt.timedelta(hours=2))


def _pdf_words(meeting) -> str:
    reader = PdfReader(io.BytesIO(render_minutes(meeting).pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_the_wrapup_and_the_minutes_show_the_same_signing_time_with_its_real_offset(qtbot, session):
    """A signature made at 16:40 in UTC+02:00 reads '16:40 UTC+02:00' in both, never
    '16:40 UTC'; the signed-off sentence is the same in the banner and the PDF."""
    at = dt.datetime(2026, 11, 27, 16, 40, tzinfo=PLUS_TWO)
    p, mid = session.portfolio, session.meeting_id
    p.sign_off(mid, [Signature("Ana Reyes", "client", at), Signature("Ben Cruz", "provider", at)])
    session.refresh()
    page = _page(qtbot, session)
    shown = [label.plain_text() for label in page.signed.findChildren(WrapLabel)]
    when = "27 November 2026, 16:40 UTC+02:00"
    assert len(shown) == 2 and all(s.endswith(f"· {when}") for s in shown), shown
    meeting = p.meeting(mid)
    pdf = _pdf_words(meeting)
    assert pdf.count(f"Signed {when}") == 2
    sentence = signed_off_text(meeting)
    assert sentence.startswith(f"Signed off on {when} by Ana Reyes (Client) and Ben Cruz")
    assert sentence in pdf
    assert page.banner.text() == f"{sentence} The record is read-only."


def test_month_names_are_the_same_in_window_and_minutes_whatever_the_computers_language(
    qtbot, session, foreign_language
):
    """With the computer's dates in German or French, the window still writes the dates the
    way the PDF does: a review held on 27 March, an action and a goal due on 5 March."""
    due = dt.date(2026, 3, 5)
    assert f"{due:%b}" != "Mar"  # the computer's own word for March differs now
    p, mid = session.portfolio, session.meeting_id
    p.update_meeting(mid, date=dt.date(2026, 3, 27))
    p.add_action(mid, Action("Send the rota", owner="Ben Cruz", due=due))
    gid = p.add_goal(mid, Goal(title="Rota agreed"))
    p.update_goal(mid, gid, due=due)
    session.refresh()
    wrapup = _page(qtbot, session)
    goals = GoalsPage(session)
    qtbot.addWidget(goals)
    window = [
        wrapup.actions.plain_text(),
        goals.model.index(goals.model.row_of(gid), DUE).data(),
        header_text(session.meeting),
        wrapup.across.chart.description(),
    ]
    pdf = _pdf_words(p.meeting(mid))
    assert "due 5 Mar 2026" in window[0]
    assert window[1].startswith("5 Mar 2026")
    assert window[2].endswith("27 Mar 2026") and "Date 27 March 2026" in pdf
    assert "27 Mar 2026 (this review)" in window[3]
    assert pdf.count("5 Mar 2026") >= 2  # the action's and the goal's due dates


def test_sign_off_and_lock_shows_a_focus_ring(qtbot, session, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from reviewdesk import look

    page = _page(qtbot, session)
    _sign_both(qtbot, page)
    button = page.strip.sign_button
    assert button.isEnabled()

    def edge() -> QColor:
        path = tmp_path / "button.png"
        assert button.grab().save(str(path))
        image = QImage(str(path))
        ratio = image.width() / button.width()
        return QColor(image.pixel(round(button.width() / 2 * ratio), round(1.5 * ratio)))

    page.strip.add_button.setFocus()
    qtbot.waitUntil(lambda: not button.hasFocus())
    assert edge().name().upper() != look.CLIENT.upper()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    assert edge().name().upper() == look.CLIENT.upper()


def test_the_parts_below_the_panels_come_in_slices_and_end_complete(qtbot, session):
    page = _page(qtbot, session)
    assert not page.complete
    assert "strip" not in page.__dict__  # the sign-off card comes after the first paint
    assert page.gaps.accessibleName() == "Perception gaps"
    qtbot.waitUntil(lambda: page.complete)
    assert page.reopen_button.accessibleName() == "Reopen the meeting"
    assert page.key.accessibleName() == "Signing key"
    assert page.strip.isVisibleTo(page)  # open meeting: the strip to sign, no reopen button
    assert not page.reopen_button.isVisibleTo(page)
    layout = page.layout()
    order = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert order.index(page.panels) < order.index(page.across) < order.index(page.signoff_card)


def test_reading_the_sign_off_strip_first_finishes_the_page(qtbot, session):
    page = _page(qtbot, session)
    assert not page.complete
    assert page.strip.isVisible()
    assert page.complete


def test_each_part_below_the_panels_is_made_in_one_turn_and_shown_in_a_later_one(qtbot, session):
    """Making a part and styling, laying out and painting it are two turns of the event loop
    (across reviews reads its history in one between), and the signers' rows a step each: no
    one turn does all of it."""
    page = _page(qtbot, session)

    def observe(page):
        across, strip = page.__dict__.get("across"), page.__dict__.get("strip")
        card = page.__dict__.get("signoff_card")
        return (
            across is not None and across.isVisible(),
            across is not None,
            strip is not None and len(strip.rows),
            card is not None and card.isVisible(),
            across is not None and across.history is not None,
        )

    states = step_by_step(page, observe)
    made_at = next(i for i, s in enumerate(states) if s[1])
    assert not states[made_at][0] and not states[made_at][4]  # made hidden, nothing read
    assert not states[made_at + 1][0] and states[made_at + 1][4]  # its history read, hidden
    assert states[made_at + 2][0]  # then shown
    card_at = next(i for i, s in enumerate(states) if s[2] is not False)
    assert states[card_at][2] == 0 and not states[card_at][3]  # the card without its rows
    rows = [s[2] for s in states[card_at:]]
    assert rows[:4] == [0, 0, 1, 2] and not states[card_at + 3][3]  # a row a step…
    assert states[-1][2] == 2 and states[-1][3]  # …then the card shown
