"""The review cadence in the window: the home page's Next review column (overdue in words,
sortable), the cadence dialog, and New review proposing the next date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor

from reviewdesk import look
from reviewdesk.record.model import Partnership
from reviewdesk.record.scorecard import add_months
from reviewdesk.record.wording import date_short
from reviewdesk.store.templates import default_agenda
from reviewdesk.ui.dialogs.new_review import NewReviewDialog
from reviewdesk.ui.home import cadence
from reviewdesk.ui.home.cadence import CadenceDialog
from reviewdesk.ui.home.models import (
    GIVE_WAY,
    NEXT_COLUMN,
    PartnershipModel,
    PartnershipRow,
)
from reviewdesk.ui.home.page import HomePage

TODAY = dt.date.today()


def _partnership(portfolio, client: str, last: dt.date | None, tier=None, months=None) -> int:
    p = portfolio.add_partnership(client, "Cebu DataWorks")
    if last is not None:
        portfolio.create_meeting(p.id, title=f"{client} review", date=last, agenda=default_agenda())
    portfolio.set_cadence(p.id, tier, months)
    return p.id


def _home(qtbot, portfolio, db_path) -> HomePage:
    home = HomePage(portfolio, db_path)
    qtbot.addWidget(home)
    home.resize(1366, 700)
    home.show()
    qtbot.waitExposed(home)
    model = home.partnership_model
    # the figures (the last review among them) are read off the UI thread
    qtbot.waitUntil(lambda: all(model.row_at(r).known for r in range(model.rowCount())))
    return home


def _column(home: HomePage, column: int) -> list[str]:
    proxy = home.proxy
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def test_next_review_column_says_when_and_overdue_in_words(qtbot, portfolio, db_path):
    _partnership(portfolio, "Acme", TODAY - dt.timedelta(days=40), "strategic")  # monthly: late
    _partnership(portfolio, "Borealis", TODAY - dt.timedelta(days=10), "routine")
    _partnership(portfolio, "Cygnus", TODAY - dt.timedelta(days=10), "routine", months=2)
    _partnership(portfolio, "Delta", TODAY - dt.timedelta(days=10))  # no cadence
    _partnership(portfolio, "Eos", None, "important")  # no review yet
    home = _home(qtbot, portfolio, db_path)
    model = home.partnership_model
    assert model.headerData(NEXT_COLUMN, Qt.Orientation.Horizontal) == "Next review"
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    text = {name: model.index(r, NEXT_COLUMN).data() for name, r in rows.items()}

    acme_due = add_months(TODAY - dt.timedelta(days=40), 1)
    assert text["Acme ↔ Cebu DataWorks"] == f"{date_short(acme_due)} · overdue"
    assert text["Borealis ↔ Cebu DataWorks"] == date_short(add_months(TODAY - dt.timedelta(10), 6))
    assert text["Cygnus ↔ Cebu DataWorks"] == date_short(add_months(TODAY - dt.timedelta(10), 2))
    assert text["Delta ↔ Cebu DataWorks"] == "–"
    assert text["Eos ↔ Cebu DataWorks"] == "–"
    acme = model.index(rows["Acme ↔ Cebu DataWorks"], NEXT_COLUMN)
    assert acme.data(Qt.ItemDataRole.ForegroundRole) == QColor(look.GAP)
    assert "Strategic · every month" in acme.data(Qt.ItemDataRole.ToolTipRole)
    assert "overdue by" in acme.data(Qt.ItemDataRole.ToolTipRole)
    delta = model.index(rows["Delta ↔ Cebu DataWorks"], NEXT_COLUMN)
    assert "No review cadence set" in delta.data(Qt.ItemDataRole.ToolTipRole)

    # Sorting by the column (a click on its header): soonest first, no cadence last.
    header = home.partnership_view.horizontalHeader()
    x = header.sectionViewportPosition(NEXT_COLUMN) + header.sectionSize(NEXT_COLUMN) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    names = _column(home, 0)
    assert names[:3] == [
        "Acme ↔ Cebu DataWorks",
        "Cygnus ↔ Cebu DataWorks",
        "Borealis ↔ Cebu DataWorks",
    ]
    assert set(names[3:]) == {"Delta ↔ Cebu DataWorks", "Eos ↔ Cebu DataWorks"}


def test_on_a_narrow_window_the_lesser_columns_give_way_and_next_review_stays(
    qtbot, portfolio, db_path
):
    _partnership(portfolio, "Harbourline Freight", TODAY - dt.timedelta(days=40), "strategic")
    home = _home(qtbot, portfolio, db_path)
    view = home.partnership_view
    qtbot.waitUntil(lambda: not home.partnership_columns.hidden)
    home.resize(1000, 600)
    qtbot.waitUntil(lambda: bool(home.partnership_columns.hidden))
    hidden = home.partnership_columns.hidden
    assert hidden == list(GIVE_WAY[: len(hidden)])  # in their order, the least first
    assert not view.isColumnHidden(NEXT_COLUMN) and not view.isColumnHidden(0)
    assert view.horizontalScrollBar().maximum() == 0  # nothing cut off at either side
    reviews = home.review_view  # beside the insights: its scores give way, the title stays
    home.resize(900, 600)
    qtbot.waitUntil(lambda: bool(home.review_columns.hidden))
    qtbot.waitUntil(lambda: reviews.horizontalScrollBar().maximum() == 0)
    assert not reviews.isColumnHidden(0) and not reviews.isColumnHidden(1)
    home.resize(1366, 700)
    qtbot.waitUntil(lambda: not home.partnership_columns.hidden)
    assert not any(view.isColumnHidden(c) for c in GIVE_WAY)


def test_until_a_header_is_clicked_the_rows_keep_their_order(qtbot, portfolio, db_path):
    for name in ("Zeta", "Alpha", "Mu"):
        _partnership(portfolio, name, TODAY, "important")
    home = _home(qtbot, portfolio, db_path)
    assert _column(home, 0) == [p.label for p in portfolio.partnerships()]


def test_the_cadence_dialog_sets_tier_and_interval(qtbot, portfolio, db_path, monkeypatch):
    last = TODAY - dt.timedelta(days=20)
    pid = _partnership(portfolio, "Acme", last)
    home = _home(qtbot, portfolio, db_path)
    assert home.cadence_button.isEnabled()
    seen = {}

    def fill(dialog: CadenceDialog) -> int:
        assert dialog.preview.text() == "No review cadence set: no next review proposed."
        dialog.tier.setCurrentIndex(dialog.tier.findData("important"))

        seen["preview"] = dialog.preview.text()
        assert seen["preview"] == (
            f"Important · every 3 months: next review due {date_short(add_months(last, 3))}."
        )
        dialog.months.setValue(2)
        assert dialog.preview.text().startswith("Important · every 2 months: next review due ")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CadenceDialog, "exec", fill)
    qtbot.mouseClick(home.cadence_button, Qt.MouseButton.LeftButton)
    stored = portfolio.partnership(pid)
    assert (stored.tier, stored.review_interval_months) == ("important", 2)

    assert _column(home, NEXT_COLUMN) == [date_short(add_months(last, 2))]


def test_cadence_text_and_sort_keys():

    none = PartnershipRow(Partnership("A", "B", id=1))
    due = PartnershipRow(
        Partnership("A", "B", tier="routine", id=2), last_date=dt.date(2026, 1, 31)
    )
    assert cadence.next_due(due) == dt.date(2026, 7, 31)
    assert cadence.sort_key(none, NEXT_COLUMN) > cadence.sort_key(due, NEXT_COLUMN)
    assert cadence.next_text(due, dt.date(2026, 8, 1)) == "31 Jul 2026 · overdue"
    assert cadence.next_text(due, dt.date(2026, 7, 31)) == "31 Jul 2026"
    model = PartnershipModel([none, due])
    model.today = dt.date(2026, 8, 1)
    assert model.index(1, NEXT_COLUMN).data() == "31 Jul 2026 · overdue"


def test_new_review_proposes_the_next_date_from_the_cadence(qtbot, portfolio, db_path):
    today = dt.date(2026, 11, 27)
    pid = _partnership(portfolio, "Acme", dt.date(2026, 9, 30), "important")
    late = _partnership(portfolio, "Late", dt.date(2026, 3, 31), "important")
    free = _partnership(portfolio, "Free", dt.date(2026, 3, 31))
    d = NewReviewDialog(portfolio, db_path, pid, today=today)
    qtbot.addWidget(d)
    d.show()
    assert d.date.date().toPython() == dt.date(2026, 12, 30)
    assert d.title.text() == "Q4 2026 review"
    assert d.cadence_hint.text() == "Important · every 3 months: the next review is due 30 Dec 2026"
    d.partnership.setCurrentIndex(d.partnership.findData(late))
    assert d.date.date().toPython() == today  # overdue: today is proposed
    assert d.cadence_hint.text() == "Important · every 3 months: due since 30 Jun 2026 (overdue)"
    d.partnership.setCurrentIndex(d.partnership.findData(free))
    assert d.date.date().toPython() == today and not d.cadence_hint.isVisibleTo(d)
    d.date.setDate(QDate(2027, 1, 15))  # the user's own date stays
    d.partnership.setCurrentIndex(d.partnership.findData(pid))
    assert d.date.date().toPython() == dt.date(2027, 1, 15)
