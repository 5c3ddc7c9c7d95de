"""Time spent per section: format 2's optional ``seconds_spent``, absent when 0."""

from __future__ import annotations

import json

import pytest
from factories import doc

from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange.meeting_format import FORMAT, meeting_to_doc, parse_meeting
from reviewdesk.record.fingerprint import canonical_form, fingerprint

# The fingerprint of factories.doc() before sections had time spent (pinned on main, fe40099).
FINGERPRINT_BEFORE_TIME = "d8c4bd1c60c237efbd6b8625bfb23ef579cc29e8613ffd6241d072c1e5164c39"


def _timed(seconds: int) -> dict:
    d = doc(format=FORMAT)
    d["sections"][0]["seconds_spent"] = seconds
    return d


def test_time_spent_round_trips_through_the_format():
    m = parse_meeting(_timed(754))
    assert m.sections[0].seconds_spent == 754
    out = json.loads(json.dumps(meeting_to_doc(m)))
    assert out["format"] == FORMAT
    assert out["sections"][0]["seconds_spent"] == 754
    assert "seconds_spent" not in meeting_to_doc(parse_meeting(doc()))["sections"][0]
    assert parse_meeting(out) == m


def test_a_record_without_time_keeps_its_fingerprint():
    m = parse_meeting(doc())
    assert b"seconds_spent" not in canonical_form(m)
    assert fingerprint(m) == FINGERPRINT_BEFORE_TIME
    assert fingerprint(parse_meeting(_timed(0))) == FINGERPRINT_BEFORE_TIME


def test_time_spent_changes_the_fingerprint():
    m = parse_meeting(doc())
    m.sections[0].seconds_spent = 60
    assert fingerprint(m) != FINGERPRINT_BEFORE_TIME
    assert fingerprint(m) == fingerprint(parse_meeting(_timed(60)))
    assert fingerprint(parse_meeting(_timed(61))) != fingerprint(m)


def test_format_1_has_no_time_spent():
    d = doc()
    d["sections"][0]["seconds_spent"] = 60
    with pytest.raises(FormatError, match=r"sections\[0\]"):
        parse_meeting(d)


@pytest.mark.parametrize("bad", [-1, 1.5, "60", True, 7 * 24 * 3600 + 1])
def test_bad_time_spent_is_refused_naming_the_field(bad):
    with pytest.raises(FormatError, match=r"sections\[0\]\.seconds_spent"):
        parse_meeting(_timed(bad))
