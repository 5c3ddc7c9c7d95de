import datetime as dt

from reviewdesk.record.model import Meeting, Partnership
from reviewdesk.record.next_review import propose, quarter_title, unused_title

TODAY = dt.date(2026, 11, 27)


def last_review(date: dt.date, tier: str | None = None, months: int | None = None) -> Meeting:
    p = Partnership("Acme", "Bolt", tier=tier, review_interval_months=months)
    return Meeting(p, "Q3 2026 review", date, location="Room 4", facilitator="Priya Raman")


def test_quarter_title():
    assert quarter_title(dt.date(2026, 2, 1)) == "Q1 2026 review"
    assert quarter_title(dt.date(2026, 12, 31)) == "Q4 2026 review"


def test_a_title_is_never_a_copy_of_one_the_partnership_has():
    assert unused_title("Q4 2026 review", []) == "Q4 2026 review"
    assert unused_title("Q4 2026 review", ["q4 2026 review "]) == "Q4 2026 review (2)"
    taken = ["Q4 2026 review", "Q4 2026 review (2)"]
    assert unused_title("Q4 2026 review", taken) == "Q4 2026 review (3)"


def test_the_next_review_is_proposed_from_the_last():
    due = propose(TODAY, last_review(dt.date(2026, 10, 1), months=3), ["Q1 2027 review"])
    assert due.date == dt.date(2027, 1, 1)  # three months after the last
    assert due.title == "Q1 2027 review (2)"
    assert (due.facilitator, due.location) == ("Priya Raman", "Room 4")
    overdue = propose(TODAY, last_review(dt.date(2026, 1, 10), months=3))
    assert overdue.date == TODAY  # due in April: not proposed in the past
    no_cadence = propose(TODAY, last_review(dt.date(2026, 9, 1)), ["Q4 2026 review"])
    assert (no_cadence.date, no_cadence.title) == (TODAY, "Q4 2026 review (2)")
    first = propose(TODAY, None)
    assert (first.date, first.title, first.facilitator, first.location) == (
        TODAY,
        "Q4 2026 review",
        "",
        "",
    )
