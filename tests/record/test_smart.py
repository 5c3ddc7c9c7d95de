import datetime as dt

from reviewdesk.record.model import Goal
from reviewdesk.record.smart import describe_missing, missing_letters, smart_letters


def full_goal(**changes) -> Goal:
    values = {
        "title": "Turnaround",
        "specific": "Entries done within 24h of upload",
        "measure": "% within 24h",
        "target": "95%",
        "achievable": "Two more night-shift staff",
        "relevant": "Late entries cost demurrage",
        "due": dt.date(2026, 9, 30),
    }
    values.update(changes)
    return Goal(**values)


def test_a_complete_goal_meets_every_letter():
    assert missing_letters(full_goal()) == []
    assert all(smart_letters(full_goal()).values())
    assert describe_missing(full_goal()) == ""


def test_no_measure_or_no_target_is_not_measurable():
    assert missing_letters(full_goal(measure="")) == ["M"]
    assert missing_letters(full_goal(target="   ")) == ["M"]


def test_no_due_date_is_not_time_bound():
    assert missing_letters(full_goal(due=None)) == ["T"]
    assert describe_missing(full_goal(due=None)) == "not Time-bound"


def test_an_empty_goal_lacks_all_letters_in_order():
    assert missing_letters(Goal(title="Vague")) == ["S", "M", "A", "R", "T"]
