"""A whole private round through the real window: 2 client and 3 provider attendees rate one
at a time; after each hand-over nothing anyone entered is on screen; the reveal shows every score.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from round_support import RATERS, TRUST, checked_ratings, new_meeting, read_file, screen_words

from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.meeting import round_dialog
from reviewdesk.ui.meeting.pages.round import RoundPage
from reviewdesk.ui.meeting.round_dialog import StartRoundDialog

ORDER = ["Ana Reyes", "Ben Cruz", "Cem Aydın", "Dao Minh", "Eli Sá"]  # Ben picked out of turn
VALUES = {  # transparency, bad_news_early, understand_aims, confidence (None: skipped)
    "Ana Reyes": [2, 1, None, None],
    "Cem Aydın": [4, 1, 3, None],
    "Ben Cruz": [5, 4, 2, None],
    "Dao Minh": [5, 4, 2, None],
    "Eli Sá": [4, 5, 2, None],
}
OTHER_VALUES = {p: [None if v is None else 6 - v for v in vs] for p, vs in VALUES.items()}


@pytest.fixture
def chosen(monkeypatch):
    """The Start dialog, filled in as the facilitator would (without its modal loop)."""
    seen = {}

    def ask(parent, meeting, scope, anonymous=False):
        dialog = StartRoundDialog(parent, meeting, scope)
        seen["people"] = {n: b.isChecked() for n, b in dialog.people.items()}
        seen["scopes"] = list(dialog.scope_buttons)
        if seen.get("anonymous"):
            dialog.anonymous.click()
        choice = dialog.choice()
        dialog.deleteLater()
        return choice

    monkeypatch.setattr(round_dialog, "ask_round", ask)
    return seen


def open_window(qtbot, db) -> MainWindow:
    portfolio = open_portfolio(db)
    mid = new_meeting(portfolio)
    window = MainWindow(portfolio, db)
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(mid)
    return window


def start_round(qtbot, window) -> RoundPage:
    view = window.meeting_view
    view.go_to("section:trust")
    view.current_page().round_strip.start_button.click()
    assert view.current_key() == "round"
    page = view.current_page()
    assert isinstance(page, RoundPage)
    return page


def take_turn(qtbot, page: RoundPage, values: list[int | None], *, keyboard: bool) -> None:
    rows = list(page.turn.rows.values())
    assert len(rows) == len(TRUST)
    for row, value in zip(rows, values, strict=True):
        if value is None:
            continue  # skipped: left at "–"
        if keyboard:
            row.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.keyClick(row, Qt.Key(Qt.Key.Key_0 + value))
        else:
            qtbot.mouseClick(row.buttons[value], Qt.MouseButton.LeftButton)
    if keyboard:
        qtbot.keyClick(rows[-1], Qt.Key.Key_Return)
    else:
        qtbot.mouseClick(page.turn.done_button, Qt.MouseButton.LeftButton)


def run_round(qtbot, window, values) -> list[tuple[str, list]]:
    """The whole round; what the screen says after each hand-over and at each turn's start."""
    page = start_round(qtbot, window)
    said = []
    for i, person in enumerate(ORDER):
        assert page.screen() is page.handover
        combo = page.handover.other
        while page.handover.name.text() != person:  # the facilitator picks who is next
            combo.setFocus()
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        said.append((f"hand-over {i}", screen_words(window)))
        assert checked_ratings(window) == []
        if i == 0:  # from the keyboard alone: Enter starts the turn
            qtbot.keyClick(page.handover.start_button, Qt.Key.Key_Return)
        else:
            qtbot.mouseClick(page.handover.start_button, Qt.MouseButton.LeftButton)
        assert page.screen() is page.turn and page.turn.name.text() == person
        said.append((f"turn {i}", screen_words(window)))
        assert checked_ratings(window) == []  # a fresh turn shows nobody's values
        assert not window.undo_action.isEnabled()  # the meeting's edits are not the rater's
        take_turn(qtbot, page, values[person], keyboard=i == 0)
    assert page.screen() is page.handover and page.handover.lead.text() == "Everyone has rated"
    said.append(("everyone", screen_words(window)))
    return said


def test_a_whole_private_round_shows_no_value_before_the_reveal(
    qtbot, tmp_path, chosen, dialog_log
):
    (tmp_path / "a").mkdir()
    window = open_window(qtbot, tmp_path / "a" / "portfolio.sqlite")
    session = window.session
    undo_steps = session.undo_stack.count()
    said = run_round(qtbot, window, VALUES)
    assert chosen["people"] == dict.fromkeys(RATERS, True)  # the facilitator is not asked
    assert chosen["scopes"] == ["trust", ""]
    assert window.round_progress.text() == "Private round: 5 of 5 have rated"
    assert session.undo_stack.count() == undo_steps  # private ratings never go on the stack
    # every rating is in the file, hidden: no score of the section counts yet
    q = session.portfolio.meeting(session.meeting_id).section("trust").question("transparency")
    assert len(q.ratings) == 5 and all(r.hidden for r in q.ratings) and q.score("client") is None

    # the same round with other values says exactly the same, word for word
    (tmp_path / "b").mkdir()
    other = open_window(qtbot, tmp_path / "b" / "portfolio.sqlite")
    assert run_round(qtbot, other, OTHER_VALUES) == said
    for step, words in said:
        flat = repr(words)
        for leak in ("people", "Gap", "Split view", "mean", "1 person"):
            assert leak not in flat, (step, leak)
        if not step.startswith("turn"):  # the hand-over has no rating button at all
            assert "rates" not in flat, step

    # the reveal: a deliberate button, confirmed
    page = window.meeting_view.current_page()
    page.handover.reveal_button.click()
    assert dialog_log.kinds("confirm")[-1][1] == "Reveal the scores"
    assert page.screen() is page.results
    labels = page.results.score_labels
    assert labels[("trust", "transparency")].accessibleName() == (
        "Scores: Client 3 (2 people, 2–4), Provider 4.7 (3 people, 4–5), Split view: Client"
    )
    assert labels[("trust", "bad_news_early")].accessibleName() == (
        "Scores: Client 1 (2 people, 1–1), Provider 4.3 (3 people, 4–5), Gap 3.3"
    )
    assert labels[("trust", "understand_aims")].accessibleName() == (
        "Scores: Client 3 (1 person), Provider 2 (3 people, 2–2)"
    )
    assert labels[("trust", "confidence")].accessibleName() == "Scores: Client –, Provider –"
    assert "Rated privately by 5 people" in page.results.note.text()
    assert window.round_progress.text() == ""

    # the section page: per side mean, n and spread; the gap and split-view flags
    view = window.meeting_view
    view.go_to("section:trust")
    cards = view.current_page().cards
    assert cards["transparency"].people.label.accessibleName() == (
        "People's ratings (these count): Client 3 (2 people, 2–4), Provider 4.7 (3 people, 4–5), "
        "Split view: Client"
    )
    assert cards["bad_news_early"].gap_badge.isVisible()
    assert cards["bad_news_early"].gap_badge.text() == "Gap 3.3"
    assert not cards["confidence"].people.isVisible()

    # the wrap-up: the gap between the sides and the split view, each with its question
    view.go_to("wrapup")
    gaps = view.current_page().gaps.text()
    assert "Gap&nbsp;3.3" in gaps and "When something went wrong" in gaps
    assert "Split views (1)" in gaps and "Split&nbsp;view:&nbsp;Client" in gaps
    assert "Has each side been open" in gaps


def test_an_anonymous_round_stores_no_name_with_a_value(qtbot, tmp_path, chosen, dialog_log):
    db = tmp_path / "portfolio.sqlite"
    window = open_window(qtbot, db)
    chosen["anonymous"] = True
    page = start_round(qtbot, window)
    for person in RATERS:
        qtbot.mouseClick(page.handover.start_button, Qt.MouseButton.LeftButton)
        rows = list(page.turn.rows.values())
        if person == "Cem Aydın":  # a change of mind during one's own turn
            qtbot.mouseClick(rows[0].buttons[2], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(rows[0].buttons[4], Qt.MouseButton.LeftButton)
        assert rows[0].buttons[4].isChecked()  # their own value, while it is their turn
        qtbot.mouseClick(page.turn.done_button, Qt.MouseButton.LeftButton)
    page.handover.reveal_button.click()
    names = {p.name for p in window.session.meeting.participants}
    rows = read_file(db, "SELECT * FROM anonymous_rating")
    assert len(rows) == 5  # one value each: Cem's first value was replaced, not added
    for row in rows:
        assert not any(isinstance(v, str) and v in names for v in row)
        given_at = row[5]
        assert given_at[17:19] == "00"  # to the minute: seconds would tell raters apart
    assert read_file(db, "SELECT COUNT(*) FROM person_rating") == [[0]]
    columns = [c[1] for c in read_file(db, "PRAGMA table_info(round_answered)")]
    assert "value" not in columns  # who answered is kept apart, without the value
    assert page.results.score_labels[("trust", "transparency")].accessibleName() == (
        "Scores: Client 4, Provider 4 (3 people, 4–4)"  # a side of 2: its mean only
    )


def test_a_late_person_rates_a_revealed_round(qtbot, tmp_path, chosen, dialog_log, monkeypatch):
    from reviewdesk.ui import messages

    window = open_window(qtbot, tmp_path / "portfolio.sqlite")
    page = start_round(qtbot, window)
    for value in (2, 4):  # Ana and Cem rate, then the facilitator reveals
        qtbot.mouseClick(page.handover.start_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(
            page.turn.rows[("trust", "transparency")].buttons[value], Qt.MouseButton.LeftButton
        )
        qtbot.mouseClick(page.turn.done_button, Qt.MouseButton.LeftButton)
    page.handover.reveal_button.click()
    assert "not rated yet: Ben Cruz, Dao Minh and Eli Sá" in dialog_log.kinds("confirm")[-1][2]
    label = page.results.score_labels[("trust", "transparency")]
    assert label.accessibleName().startswith("Scores: Client 3 (2 people, 2–4), Provider –")
    offered = {}

    def pick(parent, title, prompt, items):
        offered["items"] = items
        return items.index("Dao Minh")

    monkeypatch.setattr(messages, "ask_choice", pick)
    page.results.reopen_button.click()
    assert offered["items"] == ["Ben Cruz", "Dao Minh", "Eli Sá"]
    assert page.screen() is page.handover and page.handover.name.text() == "Dao Minh"
    assert not page.handover.reveal_button.isVisible()
    qtbot.mouseClick(page.handover.start_button, Qt.MouseButton.LeftButton)
    assert checked_ratings(window) == []
    qtbot.mouseClick(
        page.turn.rows[("trust", "transparency")].buttons[5], Qt.MouseButton.LeftButton
    )
    qtbot.mouseClick(page.turn.done_button, Qt.MouseButton.LeftButton)
    assert page.screen() is page.results
    label = page.results.score_labels[("trust", "transparency")]
    assert label.accessibleName().startswith(
        "Scores: Client 3 (2 people, 2–4), Provider 5 (1 person)"
    )


def test_not_me_hands_back_and_the_person_resumes_with_their_own_answers(
    qtbot, tmp_path, chosen, dialog_log
):
    window = open_window(qtbot, tmp_path / "portfolio.sqlite")
    page = start_round(qtbot, window)
    qtbot.mouseClick(page.handover.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        page.turn.rows[("trust", "transparency")].buttons[3], Qt.MouseButton.LeftButton
    )
    qtbot.mouseClick(page.turn.back_button, Qt.MouseButton.LeftButton)
    assert page.screen() is page.handover and checked_ratings(window) == []
    assert page.handover.name.text() == "Ana Reyes"  # still waiting: she did not finish
    assert window.undo_action.isEnabled() is False or window.session.can_undo() is False
    qtbot.mouseClick(page.handover.start_button, Qt.MouseButton.LeftButton)
    assert checked_ratings(window) == ["Client rates 3"]  # her own answer, in her own turn


def test_the_step_comes_with_the_first_round_and_a_zoom_keeps_the_turn(
    qtbot, tmp_path, chosen, dialog_log
):
    window = open_window(qtbot, tmp_path / "portfolio.sqlite")
    steps = window.meeting_view.navigator.keys()
    assert steps[1] == "section:trust"  # quick mode only: no round step
    page = start_round(qtbot, window)
    assert window.meeting_view.navigator.keys()[1] == "round"
    qtbot.mouseClick(page.handover.start_button, Qt.MouseButton.LeftButton)
    row = page.turn.rows[("trust", "transparency")]
    qtbot.mouseClick(row.buttons[2], Qt.MouseButton.LeftButton)
    window.zoom(+1)  # View → Larger text, for the projector
    assert window.meeting_view.current_page() is page and page.screen() is page.turn
    assert checked_ratings(window) == ["Client rates 2"]


def test_a_whole_agenda_round_shows_every_question_to_each_side(
    qtbot, tmp_path, chosen, dialog_log, monkeypatch
):
    window = open_window(qtbot, tmp_path / "portfolio.sqlite")
    total = sum(len(s.questions) for s in window.session.meeting.sections)
    original = round_dialog.ask_round
    monkeypatch.setattr(
        round_dialog, "ask_round", lambda parent, meeting, scope: original(parent, meeting, "")
    )
    page = start_round(qtbot, window)
    assert page.title.text() == "Private round · the whole agenda"
    for person, value in (("Ana Reyes", 2), ("Cem Aydın", None), ("Ben Cruz", 5)):
        combo = page.handover.other
        combo.setCurrentIndex(combo.findText(person))
        combo.activated.emit(combo.currentIndex())
        qtbot.mouseClick(page.handover.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(page.turn.rows) == total)  # built a few at a time
        assert checked_ratings(window) == []  # the last person's answers are gone
        assert page.turn.answered.text().startswith(f"You have rated 0 of {total}.")
        if value is not None:
            last = list(page.turn.rows.values())[-1]
            qtbot.mouseClick(last.buttons[value], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(page.turn.done_button, Qt.MouseButton.LeftButton)
    same_page = window.session.meeting.sections[-1]
    own = window.session.portfolio.own_ratings_in_round
    rnd = window.session.meeting.rounds[0]
    assert own(rnd.id, "Ana Reyes") == {(same_page.key, same_page.questions[-1].key): 2}
    assert own(rnd.id, "Ben Cruz") == {(same_page.key, same_page.questions[-1].key): 5}
