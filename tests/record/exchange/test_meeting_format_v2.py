"""Format 2: per-person ratings and private rounds; format 1 files read exactly as before."""

from __future__ import annotations

import copy
import json

import pytest
from factories import doc, new_portfolio

from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange.meeting_format import (
    FORMAT,
    FORMAT_1,
    meeting_to_doc,
    parse_meeting,
)
from reviewdesk.record.fingerprint import fingerprint

PEOPLE = [
    {
        "name": "Cleo Client",
        "side": "client",
        "role": "COO",
        "email": "c@a.example",
        "present": True,
    },
    {"name": "Cai Client", "side": "client", "role": "", "email": "", "present": True},
    {
        "name": "Pat Provider",
        "side": "provider",
        "role": "Account lead",
        "email": "",
        "present": True,
    },
    {"name": "Fay", "side": "facilitator", "role": "", "email": "", "present": True},
]


def v2_doc() -> dict:
    d = doc(format=FORMAT, participants=copy.deepcopy(PEOPLE))
    d["rounds"] = [
        {
            "scope": "trust",
            "raters": ["Cleo Client", "Cai Client", "Pat Provider"],
            "anonymous": False,
            "started_at": "2026-03-31T10:00:00Z",
            "revealed_at": "2026-03-31T10:20:00+02:00",
            "done": ["Cleo Client", "Cai Client", "Pat Provider"],
        },
        {
            "scope": "",
            "raters": ["Cleo Client", "Pat Provider"],
            "anonymous": True,
            "started_at": "2026-03-31T11:00:00Z",
            "revealed_at": None,
            "done": ["Cleo Client"],
        },
    ]
    q1 = d["sections"][0]["questions"][0]
    q1["ratings"] = [
        {
            "side": "client",
            "value": 1,
            "given_at": "2026-03-31T10:01:00Z",
            "person": "Cleo Client",
            "round": 0,
        },
        {
            "side": "client",
            "value": 4,
            "given_at": "2026-03-31T10:02:00Z",
            "person": "Cai Client",
            "round": 0,
        },
        {
            "side": "provider",
            "value": 5,
            "given_at": "2026-03-31T10:03:00Z",
            "person": "Pat Provider",
            "round": 0,
        },
        {"side": "client", "value": 3, "given_at": "2026-03-31T11:01:00Z", "round": 1},
    ]
    return d


def _dump(d: dict) -> dict:
    return json.loads(json.dumps(meeting_to_doc(parse_meeting(d))))


def test_format_2_round_trips_exactly_through_the_file(tmp_path):
    d = v2_doc()
    once = _dump(d)
    assert once["format"] == FORMAT
    assert once["rounds"] == d["rounds"]
    assert (
        once["sections"][0]["questions"][0]["ratings"]
        == d["sections"][0]["questions"][0]["ratings"]
    )
    portfolio = new_portfolio(tmp_path)
    mid = portfolio.import_meeting(parse_meeting(d))
    stored = json.loads(json.dumps(meeting_to_doc(portfolio.meeting(mid))))
    assert stored == once
    again = portfolio.import_meeting(parse_meeting(stored))
    assert json.loads(json.dumps(meeting_to_doc(portfolio.meeting(again)))) == once


def test_scores_leave_out_a_round_not_yet_revealed():
    m = parse_meeting(v2_doc())
    q = m.section("trust").question("q1")
    client = q.score("client")
    assert (client.mean, client.raters, client.low, client.high) == (2.5, 2, 1, 4)
    assert q.split_sides == ["client"]
    assert [r.hidden for r in q.ratings] == [False, False, False, True]


def _within(given, written, where="") -> None:
    """Every key and value the file gave is written back unchanged (defaults may be added)."""
    if isinstance(given, dict):
        assert isinstance(written, dict), where
        for key, value in given.items():
            _within(value, written.get(key), f"{where}.{key}")
    elif isinstance(given, list):
        assert isinstance(written, list) and len(written) == len(given), where
        for i, (a, b) in enumerate(zip(given, written, strict=True)):
            _within(a, b, f"{where}[{i}]")
    else:
        assert written == given, where


def test_format_1_dumps_as_before_but_for_the_format_line():
    d = doc()
    out = _dump(d)
    assert out.pop("format") == FORMAT
    before = json.loads(json.dumps(d))
    assert before.pop("format") == FORMAT_1
    _within(before, out)
    assert "rounds" not in out and all(
        "ratings" not in q for s in out["sections"] for q in s["questions"]
    )
    # nothing only format 2 can say was added: the dump read as format 1 dumps the same again
    again = _dump({**out, "format": FORMAT_1})
    assert again.pop("format") == FORMAT and again == out


def test_a_version_1_record_keeps_its_fingerprint():
    m = parse_meeting(doc())
    assert fingerprint(m) == fingerprint(parse_meeting(_dump(doc())))
    assert fingerprint(parse_meeting(v2_doc())) != fingerprint(parse_meeting(_v2_without_anon()))


def _v2_without_anon() -> dict:
    d = v2_doc()
    d["sections"][0]["questions"][0]["ratings"].pop()
    return d


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["sections"][0]["questions"][0]["ratings"][3].update(person="Cleo Client"),
            "ratings[3].person: an anonymous round stores no name",
        ),
        (
            lambda d: d["sections"][0]["questions"][0]["ratings"][0].pop("person"),
            "ratings[0].person: missing",
        ),
        (
            lambda d: d["sections"][0]["questions"][0]["ratings"][0].update(value=6),
            "ratings[0].value",
        ),
        (
            lambda d: d["sections"][0]["questions"][0]["ratings"][2].update(side="client"),
            "'Pat Provider' is not a client participant",
        ),
        (
            lambda d: d["sections"][0]["questions"][0]["ratings"][0].update(round=7),
            "ratings[0].round",
        ),
        (lambda d: d["rounds"][0]["raters"].append("Fay"), "rounds[0].raters[3]"),
        (lambda d: d["rounds"][0].update(scope="nope"), "rounds[0].scope"),
        (lambda d: d["rounds"][0].update(revealed_at=None), "more than one round"),
        (lambda d: d["rounds"][1]["done"].append("Cai Client"), "rounds[1].done[1]"),
    ],
)
def test_bad_format_2_values_name_the_field(change, message):
    d = v2_doc()
    change(d)
    with pytest.raises(FormatError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_meeting(d)


def test_format_1_does_not_take_format_2_keys():
    d = doc()
    d["rounds"] = []
    with pytest.raises(FormatError, match="rounds"):
        parse_meeting(d)
