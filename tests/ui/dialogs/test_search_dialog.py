"""The search dialog on the sample portfolio: typing finds the right places, edits are found,
opening a result names the meeting and the page, no-match and keyboard use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reviewdesk.app.demo import load_demo
from reviewdesk.record.wording import date_short
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.schema import REGISTER_SEARCHABLE
from reviewdesk.ui.dialogs.search import (
    COLUMNS,
    DATE,
    TEXT,
    WHERE,
    SearchDialog,
    count_text,
)

GOAL_FIELDS = ("title", "specific", "measure", "target", "current", "achievable", "relevant")


@pytest.fixture
def demo(qtbot, tmp_path: Path):
    portfolio = open_portfolio(tmp_path / "demo.sqlite")
    ids = load_demo(portfolio)
    yield portfolio, ids
    portfolio.close()


@pytest.fixture
def dialog(qtbot, demo) -> SearchDialog:
    portfolio, _ids = demo
    d = SearchDialog(portfolio)
    qtbot.addWidget(d)
    d.show_and_focus()
    qtbot.waitExposed(d)
    return d


def _places(portfolio: Portfolio, ids: list[int], word: str) -> set[tuple[int, str, str]]:
    """Where the word (as a word prefix) is, read from the full meeting records."""
    found = re.compile(rf"\b{re.escape(word)}", re.IGNORECASE).search
    places = set()
    for mid in ids:
        m = portfolio.meeting(mid)
        for s in m.sections:
            if found(s.notes):
                places.add((mid, "notes", s.key))
            if any(found(q.comment) for q in s.questions):
                places.add((mid, "comment", s.key))
            if any(found(d.text) for d in s.decisions):
                places.add((mid, "decision", s.key))
        if any(found(a.text) for a in m.actions):
            places.add((mid, "action", "actions"))
        if any(found(getattr(g, f)) for g in m.goals for f in GOAL_FIELDS):
            places.add((mid, "goal", "goals"))
        if any(found(getattr(e, f)) for e in m.register for f in REGISTER_SEARCHABLE):
            places.add((mid, "register", ""))
    return places


def _shown_places(d: SearchDialog) -> set[tuple[int, str, str]]:
    out = set()
    for row in range(d.model.rowCount()):
        hit = d.hit_at(row)
        where = hit.step if hit.kind in ("action", "goal") else hit.section_key
        out.add((hit.meeting_id, hit.kind, where))
    return out


def _type(qtbot, d: SearchDialog, text: str) -> None:
    d.field.clear()
    qtbot.keyClicks(d.field, text)
    qtbot.waitUntil(lambda: d.searched == text, timeout=3000)


def test_typing_a_word_lists_every_place_it_is_in(qtbot, dialog, demo):
    portfolio, ids = demo
    _type(qtbot, dialog, "backlog")
    expected = _places(portfolio, ids, "backlog")
    assert len(expected) >= 4  # the sample's story: the Q1 backlog surprise, then weekly reports
    assert _shown_places(dialog) == expected
    rows = dialog.model.rowCount()
    assert dialog.count.text() == f"{rows} matches"
    # Newest first, with the date, the review title and where it was found.
    dates = [dialog.hit_at(r).meeting_date for r in range(rows)]
    assert dates == sorted(dates, reverse=True)
    assert [dialog.model.item(r, DATE).text() for r in range(rows)] == [
        date_short(d) for d in dates
    ]
    wheres = {dialog.model.item(r, WHERE).text() for r in range(rows)}
    assert "Notes · Trust" in wheres and "Comment · Trust" in wheres and "Action" in wheres
    for r in range(rows):
        assert "backlog" in dialog.model.item(r, TEXT).text().lower()
    assert dialog.model.columnCount() == len(COLUMNS)


def test_an_edited_note_is_found_by_its_new_word_and_not_its_old(qtbot, dialog, demo):
    portfolio, ids = demo
    current = ids[-1]
    portfolio.set_notes(current, "trust", "Quokkas were mentioned in passing.")
    _type(qtbot, dialog, "quokka")
    assert _shown_places(dialog) == {(current, "notes", "trust")}
    assert dialog.count.text() == "1 match"

    portfolio.set_notes(current, "trust", "Wombats replaced them.")
    dialog.refresh()
    assert dialog.hits == []
    assert dialog.count.text() == "No matches for “quokka”"
    _type(qtbot, dialog, "wombat")
    assert _shown_places(dialog) == {(current, "notes", "trust")}


def test_shown_again_the_dialog_searches_again(qtbot, dialog, demo):
    portfolio, ids = demo
    _type(qtbot, dialog, "platypus")
    assert dialog.hits == []
    dialog.hide()
    portfolio.add_decision(ids[-1], "teamwork", "Platypus rota agreed.")
    dialog.show_and_focus()
    assert _shown_places(dialog) == {(ids[-1], "decision", "teamwork")}
    assert dialog.model.item(0, WHERE).text() == "Decision · Teamwork"


def test_double_click_opens_the_notes_hit_at_its_section(qtbot, dialog, demo):
    _portfolio, ids = demo
    _type(qtbot, dialog, "backlog")
    row = next(r for r in range(len(dialog.hits)) if dialog.hit_at(r).kind == "notes")
    hit = dialog.hit_at(row)
    assert hit.meeting_id in ids
    rect = dialog.table.visualRect(dialog.model.index(row, TEXT))
    viewport = dialog.table.viewport()
    emitted: list[tuple[int, str]] = []
    dialog.open_hit.connect(lambda mid, step: emitted.append((mid, step)))
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert emitted == []  # one click only selects
    assert dialog.table.currentIndex().row() == row
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert emitted == [(hit.meeting_id, "section:trust")]  # once, not twice
    assert dialog.isVisible()  # stays open to open the next hit


def test_down_moves_to_the_results_and_enter_opens_one(qtbot, dialog):
    _type(qtbot, dialog, "backlog")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    assert dialog.table.currentIndex().row() == 0
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.table.currentIndex().row() == 1
    second = dialog.hit_at(1)
    with qtbot.waitSignal(dialog.open_hit, timeout=2000) as blocker:
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert blocker.args == [second.meeting_id, second.step]


def test_enter_searches_at_once_and_actions_open_on_the_actions_page(qtbot, dialog, demo):
    _portfolio, ids = demo
    dialog.field.setText("weekly backlog report every")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.searched == "weekly backlog report every"  # no wait for the debounce
    assert {h.kind for h in dialog.hits} == {"action"}
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    with qtbot.waitSignal(dialog.open_hit, timeout=2000) as blocker:
        dialog.open_button.click()
    assert blocker.args[1] == "actions" and blocker.args[0] in ids


def test_no_match_says_so_and_empty_text_prompts(qtbot, dialog):
    _type(qtbot, dialog, "zzqxv")
    assert dialog.model.rowCount() == 0
    assert dialog.count.text() == "No matches for “zzqxv”"
    assert not dialog.open_button.isEnabled()
    dialog.field.clear()
    dialog.run_search()
    assert dialog.count.text() == count_text("", 0)
    assert "Type a word" in dialog.count.text()


def test_pasted_control_characters_are_ignored(qtbot, dialog, demo):
    portfolio, ids = demo
    dialog.field.setText("\x00backlog\t")
    dialog.run_search()
    assert _shown_places(dialog) == _places(portfolio, ids, "backlog")


def test_user_text_is_shown_as_typed_never_as_markup(qtbot, dialog, demo):
    portfolio, ids = demo
    portfolio.set_notes(ids[-1], "trust", "Escalation <b>marmalade</b> & <i>co</i>")
    _type(qtbot, dialog, "marmalade")
    shown = dialog.model.item(0, TEXT).text()
    assert "<b>marmalade</b>" in shown and "&" in shown
    assert "&lt;b&gt;marmalade" in dialog.model.item(0, TEXT).toolTip()


def test_everything_has_an_accessible_name(dialog):
    for widget in (dialog.field, dialog.table, dialog.count, dialog.open_button):
        assert widget.accessibleName()
    assert dialog.count.text().startswith("Type a word")
    assert not dialog.isModal()
