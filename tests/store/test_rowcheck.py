"""Rows read from the file: a value the rules refuse is named by table, row and column."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewdesk.record.errors import DamagedRecord
from reviewdesk.store import rowcheck
from reviewdesk.store.queries import action_from_row, goal_from_row

GOOD_ACTION = ("Fix it", "Ana", "client", "2026-10-01", "open", "trust")
GOOD_GOAL = ("Title", "s", "m", "b", "t", "c", "a", "r", "2026-12-31", "joint", "at_risk")


def test_good_rows_become_record_objects():
    action = action_from_row(GOOD_ACTION, 4, 2, 9)
    assert (action.text, action.due, action.raised_in, action.id) == (
        "Fix it",
        dt.date(2026, 10, 1),
        2,
        4,
    )
    goal = goal_from_row(GOOD_GOAL, 5, 11)
    assert (goal.title, goal.relevant, goal.due, goal.owner_side, goal.status, goal.id) == (
        "Title",
        "r",
        dt.date(2026, 12, 31),
        "joint",
        "at_risk",
        5,
    )


@pytest.mark.parametrize(
    ("index", "value", "message"),
    [
        (0, "  ", "action_state 9: text is empty"),
        (0, b"Fix", "action_state 9: text is binary data, not text"),
        (1, 7, "action_state 9: owner 7 is not text"),
        (2, "both", "action_state 9: side 'both' is not one of client, provider, joint or empty"),
        (3, "2026-02-30", "action_state 9: due '2026-02-30' is not a date (YYYY-MM-DD)"),
        (3, 20261001, "action_state 9: due 20261001 is not a date (YYYY-MM-DD)"),
        (4, "OPEN", "action_state 9: status 'OPEN' is not one of open, done, cancelled"),
        (5, None, "action_state 9: section null is not text"),
    ],
)
def test_a_bad_action_value_is_named(index, value, message):
    row = list(GOOD_ACTION)
    row[index] = value
    with pytest.raises(DamagedRecord) as info:
        action_from_row(tuple(row), 4, 2, 9)
    assert str(info.value) == message


def test_a_bad_reference_and_a_bad_goal_value_are_named():
    with pytest.raises(DamagedRecord, match="^action 4: raised_in 'x' is not a whole number"):
        action_from_row(GOOD_ACTION, 4, "x", 9)
    row = list(GOOD_GOAL)
    row[10] = "on track"
    with pytest.raises(DamagedRecord, match="^goal_review 11: status 'on track' is not one of"):
        goal_from_row(tuple(row), 5, 11)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2026-09-30T17:05:00", "has no UTC offset"),
        ("soon", "is not an ISO-8601 time"),
        (b"\x00", "is binary data, not a time"),
        (None, "null is not a time"),
    ],
)
def test_a_time_needs_its_zone(value, problem):
    with pytest.raises(DamagedRecord, match=f"^signature 3: signed_at .*{problem}"):
        rowcheck.moment("signature", 3, "signed_at", value)
    assert rowcheck.moment("signature", 3, "signed_at", "2026-09-30T17:05:00+08:00").utcoffset()


def test_ratings_names_and_digests():
    assert rowcheck.rating("question", 1, "client_rating", 5) == 5
    for bad in (0, 6, 2.5, "5", True):
        with pytest.raises(DamagedRecord, match="^question 1: client_rating"):
            rowcheck.rating("question", 1, "client_rating", bad)
    assert rowcheck.names("reopening", 2, "voided", '["A", "B"]') == ["A", "B"]
    for bad in ("[1]", "{", '{"a": 1}', None):
        with pytest.raises(DamagedRecord, match="^reopening 2: voided"):
            rowcheck.names("reopening", 2, "voided", bad)
    with pytest.raises(DamagedRecord, match="not a SHA-256"):
        rowcheck.digest("export_log", 1, "fingerprint", "AB" * 32)
