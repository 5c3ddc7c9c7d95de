"""The Scorecard step through its real widgets: measures added and defined in the editor, values
typed in the table, one imported from CSV, red/amber/green in words, trends, undo, refusals."""

from __future__ import annotations

import datetime as dt

from factories import on_disk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from reviewdesk.record.scorecard import Measure
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.meeting.pages.scorecard import ScorecardPage
from reviewdesk.ui.meeting.pages.scorecard_model import CHANGE, NAME, SIDE, STATUS, TREND, VALUE

CSV = (
    "measure,value,unit,direction,target,amber,side\n"
    "First-contact resolution,81,%,higher,85,75,provider\n"
)


def _page(qtbot, session) -> ScorecardPage:
    page = ScorecardPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def _type(page: ScorecardPage, name: str, text: str) -> None:
    """Type into an editor field and let it settle (what focus-out does)."""
    field = page.editor.fields[name]
    assert isinstance(field, QLineEdit)
    field.setText(text)
    page.editor.savers[name].flush()


def _choose(page: ScorecardPage, name: str, value: object) -> None:
    combo = page.editor.fields[name]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(value))


def _define(qtbot, page: ScorecardPage, name, unit, direction, target, amber) -> int:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    measure_id = page.measure_id
    qtbot.waitUntil(page.editor.fields["name"].hasFocus)
    _type(page, "name", name)
    _type(page, "unit", unit)
    _choose(page, "direction", direction)
    _type(page, "target", target)
    _type(page, "amber", amber)
    return measure_id


def _enter_value(page: ScorecardPage, name: str, text: str) -> None:
    """Type a value into the table's Value cell, as a user does (editor, Enter)."""
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, NAME).data() == name)
    index = page.model.index(row, VALUE)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText(text)
    page.table.commitData(editor)
    page.table.closeEditor(editor, page.table.itemDelegate().EndEditHint.NoHint)


def _cell(page: ScorecardPage, name: str, column: int) -> str:
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, NAME).data() == name)
    return page.model.index(row, column).data()


def test_three_measures_entered_and_one_imported_from_csv(
    qtbot, session, db_path, tmp_path, dialog_log
):
    page = _page(qtbot, session)
    assert page.summary.text() == "No measures on this review yet."
    _define(qtbot, page, "On-time delivery", "%", "higher", "95", "90")
    _define(qtbot, page, "Ticket backlog", "tickets", "lower", "40", "60")
    _define(qtbot, page, "Invoice accuracy", "%", "higher", "99", "97,5")  # a decimal comma
    _choose(page, "section", default_agenda().sections[0].key)
    _enter_value(page, "On-time delivery", "96.5")
    _enter_value(page, "Ticket backlog", "52")
    _enter_value(page, "Invoice accuracy", "95")

    path = tmp_path / "kpis.csv"
    path.write_text(CSV, encoding="utf-8")
    dialog_log.open_path = path
    assert page.import_csv() == 1
    assert dialog_log.errors == []

    stored = {m.name: m for m in on_disk(db_path, session.meeting_id).measures}
    assert {n: (m.unit, m.direction, m.target, m.amber, m.value) for n, m in stored.items()} == {
        "On-time delivery": ("%", "higher", 95, 90, 96.5),
        "Ticket backlog": ("tickets", "lower", 40, 60, 52),
        "Invoice accuracy": ("%", "higher", 99, 97.5, 95),
        "First-contact resolution": ("%", "higher", 85, 75, 81),
    }
    assert stored["Invoice accuracy"].section == default_agenda().sections[0].key
    # Red, amber and green are said in words (and signs), never by colour alone.
    assert _cell(page, "On-time delivery", STATUS) == "Green ✓"
    assert _cell(page, "Ticket backlog", STATUS) == "Amber !"
    assert _cell(page, "Invoice accuracy", STATUS) == "Red ✗"
    assert _cell(page, "First-contact resolution", STATUS) == "Amber !"
    assert _cell(page, "Ticket backlog", VALUE) == "52 tickets"
    assert page.summary.text().startswith(
        "4 measures · 4 with a value · 1 Green ✓ · 2 Amber ! · 1 Red ✗"
    )
    assert "imported 1 value from kpis.csv" in page.summary.text()
    tip = page.model.index(0, TREND).data(Qt.ItemDataRole.AccessibleTextRole)
    assert tip == "Values 96.5%; target 95%"


def test_import_is_one_undoable_step_and_a_bad_row_is_refused_in_words(
    qtbot, session, db_path, tmp_path, dialog_log
):
    page = _page(qtbot, session)
    _define(qtbot, page, "On-time delivery", "%", "higher", "95", "90")
    _enter_value(page, "On-time delivery", "91")
    good = tmp_path / "good.csv"
    good.write_text(
        "measure;value\nOn-time delivery;97,5\n", encoding="utf-8-sig"
    )  # Excel: ';' and a decimal comma, with a BOM
    dialog_log.open_path = good
    assert page.import_csv() == 1
    assert [m.value for m in on_disk(db_path, session.meeting_id).measures] == [97.5]
    assert session.undo_label() == "Undo import values from good.csv"
    assert session.undo()
    assert [m.value for m in on_disk(db_path, session.meeting_id).measures] == [91]
    assert session.redo()
    assert [m.value for m in on_disk(db_path, session.meeting_id).measures] == [97.5]

    bad = tmp_path / "bad.csv"
    bad.write_text("measure,value\nOn-time delivery,99\nTicket backlog,n/a\n", encoding="utf-8")
    dialog_log.open_path = bad
    assert page.import_csv() == 0
    assert dialog_log.errors == ["bad.csv: row 3: value: 'n/a' is not a number"]
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("measure,value\nNet promoter score,40\n", encoding="utf-8")
    dialog_log.open_path = unknown
    assert page.import_csv() == 0
    assert (
        "row 2: measure: 'Net promoter score' is not a measure of this review"
        in (dialog_log.errors[-1])
    )
    other_date = tmp_path / "other.csv"
    other_date.write_text("measure,value,period\nOn-time delivery,80,2026-01-31\n", "utf-8")
    dialog_log.open_path = other_date
    assert page.import_csv() == 0
    assert (
        "row 2: period: 2026-01-31 is not the date of this review (2026-11-27)"
        in (dialog_log.errors[-1])
    )
    assert [m.value for m in on_disk(db_path, session.meeting_id).measures] == [97.5]


def test_values_and_thresholds_are_checked_before_they_are_saved(qtbot, session, db_path):
    page = _page(qtbot, session)
    _define(qtbot, page, "On-time delivery", "%", "higher", "95", "90")
    _type(page, "amber", "97")  # above the target where higher is better
    assert page.editor.error.isVisible()
    assert page.editor.error.text() == (
        "Measure amber: 97 must be below the target 95 (where higher is better) (not saved)"
    )
    _type(page, "value", "ninety")
    assert page.editor.error.text() == "Value: 'ninety' is not a number (not saved)"
    stored = on_disk(db_path, session.meeting_id).measures[0]
    assert (stored.amber, stored.value) == (90, None)
    _type(page, "value", "93")
    assert not page.editor.error.isVisible()
    assert _cell(page, "On-time delivery", STATUS) == "Amber !"
    taken = page.add_measure()
    _type(page, "name", "On-time delivery")
    assert "already a measure of this review" in page.editor.error.text()
    assert [m.name for m in on_disk(db_path, session.meeting_id).measures if m.id == taken] == [
        "New measure"
    ]


def test_removing_a_measure_keeps_earlier_reviews_and_undo_brings_it_back(
    qtbot, portfolio, session, db_path, dialog_log
):
    m = session.meeting
    kept = portfolio.add_measure(m.id, Measure("Accuracy", "%", target=99, amber=97, value=98.2))
    later = portfolio.create_meeting(
        m.partnership.id, title="Q1 2027", date=dt.date(2027, 2, 26), agenda=default_agenda()
    )
    from reviewdesk.ui.meeting.session import MeetingSession

    second = MeetingSession(portfolio, later)
    page = _page(qtbot, second)
    assert _cell(page, "Accuracy", VALUE) == "–"
    assert _cell(page, "Accuracy", CHANGE) == "was 98.2%"
    assert page.editor.chart.spec.labels[0].full == "27 Nov 2026"
    _enter_value(page, "Accuracy", "99.1")
    assert _cell(page, "Accuracy", CHANGE) == "▲ better (was 98.2%)"
    assert page.remove_measure()
    assert on_disk(db_path, later).measures == []
    assert [x.id for x in on_disk(db_path, m.id).measures] == [kept]  # the earlier review keeps it
    assert second.undo()
    assert [(x.id, x.value) for x in on_disk(db_path, later).measures] == [(kept, 99.1)]
    second.stop()


def test_a_signed_off_review_reads_only(qtbot, portfolio, session, sign_off):
    portfolio.add_measure(session.meeting_id, Measure("Accuracy", "%", target=99, value=98))
    sign_off(portfolio, session.meeting_id)
    session.refresh()
    page = _page(qtbot, session)
    assert not page.add_button.isEnabled() and not page.import_button.isEnabled()
    assert page.editor.fields["name"].isReadOnly()
    assert not page.model.flags(page.model.index(0, VALUE)) & Qt.ItemFlag.ItemIsEditable


def test_the_model_keeps_qt_s_contract(qtbot, qtmodeltester, session, portfolio):
    portfolio.add_measure(session.meeting_id, Measure("Accuracy", "%", target=99, value=98))
    page = _page(qtbot, session)
    qtmodeltester.check(page.model)


def test_on_a_narrow_page_the_lesser_columns_give_way_instead_of_scrolling(
    qtbot, session, portfolio
):
    portfolio.add_measure(
        session.meeting_id,
        Measure("Escalations answered within four working hours", "%", target=90, value=93),
    )
    page = _page(qtbot, session)
    page.resize(1400, 900)
    qtbot.waitUntil(lambda: not page.columns.hidden)
    page.resize(620, 900)
    qtbot.waitUntil(lambda: page.columns.hidden[:2] == [SIDE, CHANGE])
    assert page.table.isColumnHidden(SIDE) and not page.table.isColumnHidden(NAME)
    bar = page.table.horizontalScrollBar()
    assert bar.maximum() == 0  # nothing to scroll sideways
    page.resize(1400, 900)
    qtbot.waitUntil(lambda: not page.columns.hidden)
    assert not page.table.isColumnHidden(SIDE)


def test_the_editor_comes_a_turn_after_the_table_and_keeps_what_was_typed(qtbot, session):
    from reviewdesk.ui.meeting import scorecard_edits

    first = scorecard_edits.add_measure(session, Measure(name="Uptime", unit="%", target=99.5))
    scorecard_edits.add_measure(session, Measure(name="Backlog"))
    page = _page(qtbot, session)
    assert not page.complete
    assert page.table.isHidden()  # sized (every cell asked) as it shows: the first slice
    assert "editor" not in page.__dict__  # below the table: after it
    assert page.table.accessibleName() == "Measures table"
    qtbot.waitUntil(page.table.isVisible)
    assert page.table.currentIndex().row() == page.model.row_of(first)  # chosen as it shows
    _enter_value(page, "Uptime", "99.9")  # typed in the table as soon as it shows
    qtbot.waitUntil(lambda: page.complete)
    assert page.measure_id == first
    assert page.editor.fields["value"].text() == "99.9"
    assert page.editor_title.text().startswith("Uptime · ")
    assert page.remove_button.accessibleName() == "Remove the measure from this review"
    assert page.editor.fields["name"].accessibleName() == "Name"
    assert page.card.isVisibleTo(page)
    layout = page.layout()
    order = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert order.index(page.table) < order.index(page.card)
    assert scorecard_edits.measure_of(session, first).value == 99.9


def test_the_page_asks_no_cell_its_size_before_it_has_painted(qtbot, session, monkeypatch):
    from reviewdesk.ui.meeting import scorecard_edits
    from reviewdesk.ui.widgets.table_sizing import SizeCachingDelegate

    for name in ("Uptime", "Backlog", "First-contact resolution"):
        scorecard_edits.add_measure(session, Measure(name=name, unit="%", target=90.0))
    asked = []
    plain = SizeCachingDelegate.sizeHint
    monkeypatch.setattr(
        SizeCachingDelegate, "sizeHint", lambda d, o, i: asked.append(i.row()) or plain(d, o, i)
    )
    page = _page(qtbot, session)  # made, shown and painted: its first turn
    assert asked == []
    qtbot.waitUntil(lambda: page.complete)
    assert set(asked) == {0, 1, 2}  # sized in a slice of its own
    assert page.table.rowHeight(0) > 0 and page.table.isVisible()


def test_reading_the_editor_first_finishes_the_page(qtbot, session):
    from reviewdesk.ui.meeting import scorecard_edits

    scorecard_edits.add_measure(session, Measure(name="Uptime"))
    page = _page(qtbot, session)
    assert not page.complete
    assert not page.dirty and page.flush() is None  # nothing typed yet: nothing built
    assert not page.complete
