import copy
import json

import pytest
from factories import BASE_DOC, PNG_1PX, doc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange.meeting_format import loads, meeting_to_doc, parse_meeting
from reviewdesk.store.templates import default_agenda


def test_a_complete_document_round_trips_exactly():
    d = doc()
    out = meeting_to_doc(parse_meeting(d))
    assert meeting_to_doc(parse_meeting(out)) == out
    # everything the file said is in the dump
    assert out["participants"][0] == d["participants"][0]
    assert out["sections"][0]["questions"][0] == d["sections"][0]["questions"][0]
    assert out["sections"][0]["decisions"] == ["Share the backlog weekly"]
    assert out["goals"][0]["current"] == "80%"
    assert out["actions"][0]["owner"] == "Pat Provider"


def test_without_sections_the_meeting_gets_the_default_agenda_unanswered():
    d = doc()
    del d["sections"]
    d["actions"][0]["section"] = "trust"
    meeting = parse_meeting(d, default_agenda())
    assert [s.key for s in meeting.sections] == [s.key for s in default_agenda().sections]
    assert all(q.answered == 0 for s in meeting.sections for q in s.questions)
    assert meeting.status == "draft"
    with pytest.raises(FormatError, match="sections: missing"):
        parse_meeting(d)  # no agenda to fall back on


def test_a_signoff_arrives_locked():
    d = doc(
        signoff=[
            {
                "name": "Cleo Client",
                "side": "client",
                "signed_at": "2026-03-31T15:00:00+02:00",
                "signature_png": __import__("base64").b64encode(PNG_1PX).decode(),
            },
            {"name": "Pat Provider", "side": "provider", "signed_at": "2026-03-31T13:00:00Z"},
        ]
    )
    meeting = parse_meeting(d)
    assert meeting.locked
    out = meeting_to_doc(meeting)
    assert out["signoff"][0]["signed_at"] == "2026-03-31T15:00:00+02:00"
    assert out["signoff"][1]["signed_at"] == "2026-03-31T13:00:00Z"
    assert out["signoff"][0]["signature_png"] == d["signoff"][0]["signature_png"]


def set_path(d, path, value):
    node = d
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value


RATING = ("sections", 0, "questions", 0, "client_rating")
INVALID = [
    (RATING, 0, "sections[0].questions[0].client_rating: 0 is not between 1 and 5"),
    (RATING, 6, "sections[0].questions[0].client_rating: 6 is not between 1 and 5"),
    (RATING, "five", "sections[0].questions[0].client_rating: 'five' is not a whole number"),
    (RATING, 4.0, "sections[0].questions[0].client_rating: 4.0 is not a whole number"),
    (RATING, True, "sections[0].questions[0].client_rating: true is not a whole number"),
    (RATING, KeyError, "sections[0].questions[0].client_rating: missing"),
    (("meeting", "date"), "2026-02-30", "meeting.date: '2026-02-30' is not a real date"),
    (("meeting", "date"), "30/09/2026", "meeting.date: '30/09/2026' is not a date (YYYY-MM-DD)"),
    (("meeting", "title"), 5, "meeting.title: expected text, got 5"),
    (("meeting", "titel"), "typo", "meeting.titel: unknown key"),
    (("participants", 0, "side"), "customer", "participants[0].side: 'customer' is not one of"),
    (("participants", 1, "name"), "Cleo Client", "participants[1].name: duplicate name"),
    (("participants", 0, "present"), "yes", "participants[0].present: expected true or false"),
    (("goals", 0, "status"), "late", "goals[0].status: 'late' is not one of"),
    (("goals", 0, "due"), "2026-13-01", "goals[0].due: '2026-13-01' is not a real date"),
    (("actions", 0, "owner"), "Nobody", "actions[0].owner: 'Nobody' is not a participant"),
    (("actions", 0, "section"), "nope", "actions[0].section: 'nope' is not a section key"),
    (("actions", 0, "side"), "facilitator", "actions[0].side: 'facilitator' is not one of"),
    (("format",), "reviewdesk.meeting/3", "format: 'reviewdesk.meeting/3' is not"),
    (("extra",), 1, "extra: unknown key"),
    (("partnership", "client"), "", "partnership.client: must not be empty"),
    (("sections", 0, "notes"), "bad \ud800 surrogate", "sections[0].notes: contains an unpaired"),
    (("sections", 0, "timebox_minutes"), -1, "sections[0].timebox_minutes: -1 is not between"),
]


@pytest.mark.parametrize(("path", "value", "message"), INVALID)
def test_invalid_values_name_the_field(path, value, message):
    d = doc()
    set_path(d, path, value)
    with pytest.raises(FormatError) as info:
        parse_meeting(d)
    assert str(info.value).startswith(message)


def test_signoff_without_a_provider_is_refused():
    d = doc(
        signoff=[{"name": "Cleo Client", "side": "client", "signed_at": "2026-03-31T15:00:00Z"}]
    )
    with pytest.raises(FormatError, match="signoff: needs at least one client and one provider"):
        parse_meeting(d)


def test_signoff_time_needs_an_offset_and_png_must_be_png():
    base = {"name": "Pat Provider", "side": "provider", "signed_at": "2026-03-31T15:00:00Z"}
    d = doc(signoff=[{"name": "C", "side": "client", "signed_at": "2026-03-31T15:00:00"}, base])
    with pytest.raises(FormatError, match=r"signoff\[0\].signed_at: .* has no UTC offset"):
        parse_meeting(d)
    d = doc(
        signoff=[
            {
                "name": "C",
                "side": "client",
                "signed_at": "2026-03-31T15:00:00Z",
                "signature_png": "aGVsbG8=",
            },
            base,
        ]
    )
    with pytest.raises(FormatError, match=r"signoff\[0\].signature_png: not a base64-encoded PNG"):
        parse_meeting(d)


@pytest.mark.parametrize("raw", ['{"format": ', "", "[1, 2", "NaN", b"\xff\xfe"])
def test_truncated_or_broken_json_is_a_format_error(raw):
    with pytest.raises(FormatError, match="not"):
        loads(raw)


def test_nan_and_infinity_are_not_json():
    with pytest.raises(FormatError):
        loads('{"x": NaN}')


texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
ratings = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def documents(draw):
    d = copy.deepcopy(BASE_DOC)
    d["partnership"]["client"] = draw(texts.filter(str.strip))
    d["meeting"]["title"] = draw(texts.filter(str.strip))
    d["meeting"]["location"] = draw(texts)
    q = d["sections"][0]["questions"][0]
    q["text"], q["comment"] = draw(texts), draw(texts)
    q["client_rating"], q["provider_rating"] = draw(ratings), draw(ratings)
    d["sections"][0]["notes"] = draw(texts)
    d["sections"][0]["decisions"] = draw(st.lists(texts, max_size=3))
    d["goals"][0]["specific"] = draw(texts)
    d["actions"][0]["text"] = draw(texts.filter(str.strip))
    return d


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_round_trip_property(d):
    out = meeting_to_doc(parse_meeting(d))
    assert meeting_to_doc(parse_meeting(json.loads(json.dumps(out)))) == out
    assert out["meeting"]["title"] == d["meeting"]["title"]
    assert out["sections"][0]["notes"] == d["sections"][0]["notes"]
    assert (
        out["sections"][0]["questions"][0]["comment"] == d["sections"][0]["questions"][0]["comment"]
    )
