"""Format 2's scorecard, register and cadence: round trips, refusals, format 1 unchanged."""

from __future__ import annotations

import json

import pytest
from factories import doc, new_portfolio

from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange.meeting_format import FORMAT, meeting_to_doc, parse_meeting


def scorecard_doc() -> dict:
    d = doc(format=FORMAT)
    d["partnership"].update(tier="strategic", review_interval_months=None)
    d["measures"] = [
        {
            "name": "Entry accuracy",
            "unit": "%",
            "direction": "higher",
            "target": 99.5,
            "amber": 98.0,
            "side": "provider",
            "description": "Fields right first time",
            "section": "trust",
            "value": 97.25,
            "note": "Peak week",
        },
        {
            "name": "Turnaround",
            "unit": "h",
            "direction": "lower",
            "target": 24.0,
            "amber": None,
            "side": None,
            "description": "",
            "section": "",
            "value": None,
            "note": "",
        },
    ]
    d["register"] = [
        {
            "kind": "risk",
            "title": "Peak-season backlog",
            "severity": "high",
            "likelihood": "likely",
            "client_view": "Files arrive late in December",
            "provider_view": "Two clerks short on nights",
            "cause": "",
            "next_step": "Hire and train",
            "owner_side": "provider",
            "status": "mitigating",
            "agreed": "",
            "actions": ["Send report"],
        }
    ]
    return d


def _dump(d: dict) -> dict:
    return json.loads(json.dumps(meeting_to_doc(parse_meeting(d))))


def test_scorecard_and_register_round_trip_through_the_file(tmp_path):
    d = scorecard_doc()
    once = _dump(d)
    for key in ("measures", "register"):
        assert once[key] == d[key]
    assert once["partnership"] == d["partnership"]
    portfolio = new_portfolio(tmp_path)
    mid = portfolio.import_meeting(parse_meeting(d))
    stored = json.loads(json.dumps(meeting_to_doc(portfolio.meeting(mid))))
    assert stored == once
    assert portfolio.meeting(mid).measures[0].rag == "red"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["measures"][0].update(value="97"),
            r"measures\[0\].value: '97' is not a number",
        ),
        (lambda d: d["measures"][0].update(direction="up"), r"measures\[0\].direction"),
        (lambda d: d["measures"][0].update(amber=99.9), r"measures\[0\].amber: 99.9 must be below"),
        (lambda d: d["measures"][0].update(section="nope"), r"measures\[0\].section"),
        (lambda d: d["measures"].append(dict(d["measures"][0])), "duplicate measure name"),
        (lambda d: d["register"][0].update(kind="worry"), r"register\[0\].kind"),
        (
            lambda d: d["register"][0].update(status="closed", provider_view=""),
            r"register\[0\].status: .* cannot close without the provider view",
        ),
        (lambda d: d["register"][0].update(actions=["Nope"]), r"register\[0\].actions\[0\]"),
        (lambda d: d["partnership"].update(tier="weekly"), "partnership.tier"),
    ],
)
def test_bad_values_name_the_field(change, message):
    d = scorecard_doc()
    change(d)
    with pytest.raises(FormatError, match=message):
        parse_meeting(d)


def test_format_1_files_take_no_format_2_keys():
    d = doc()
    d["measures"] = []
    with pytest.raises(FormatError, match="measures"):
        parse_meeting(d)
