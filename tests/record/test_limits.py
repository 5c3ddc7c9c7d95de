"""What one meeting may hold: a file beyond any limit is refused in one line naming it; a file
at every limit is accepted."""

from __future__ import annotations

import copy

import pytest
from factories import at_the_limits, doc

from reviewdesk.record import limits
from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange.agenda import parse_agenda
from reviewdesk.record.exchange.meeting_format import parse_meeting


def test_a_meeting_at_every_limit_is_accepted():
    meeting = parse_meeting(at_the_limits())
    size = limits.meeting_size(meeting)
    assert size == limits.MeetingSize(
        sections=limits.MAX_SECTIONS,
        questions=limits.MAX_QUESTIONS,
        decisions=limits.MAX_SECTIONS * (limits.MAX_DECISIONS // limits.MAX_SECTIONS),
        goals=limits.MAX_GOALS,
        actions=limits.MAX_ACTIONS,
        attendees=limits.MAX_ATTENDEES,
        signers=limits.MAX_SIGNERS,
        measures=limits.MAX_MEASURES,
        register=limits.MAX_REGISTER,
        text=limits.MAX_TEXT,
    )
    assert limits.over_limit(size) is None


def _one_more(d: dict, what: str) -> None:
    if what == "sections":
        d["sections"].append(dict(d["sections"][-1], key="extra"))
    elif what == "questions":
        d["sections"][2]["questions"].append(dict(d["sections"][2]["questions"][0], key="extra"))
    elif what == "decisions":
        d["sections"][1]["decisions"] += ["one more"] * (
            limits.MAX_DECISIONS - len(parse_meeting(copy.deepcopy(d)).decisions) + 1
        )
    elif what == "goals":
        d["goals"].append({"title": "extra", "status": "on_track"})
    elif what == "actions":
        d["actions"].append({"text": "extra", "status": "open"})
    elif what == "attendees":
        d["participants"].append({"name": "extra", "side": "client"})
    elif what == "signers":
        d["signoff"].append(dict(d["signoff"][0], name="extra"))
    elif what == "measures":
        d["measures"].append({"name": "extra", "direction": "lower"})
    elif what == "register":
        d["register"].append(dict(d["register"][0], title="extra"))
    elif what == "text":
        d["actions"][0]["text"] += "!"
    elif what == "one long text":
        d["sections"][3]["notes"] = "x" * (limits.MAX_TEXT + 1)


@pytest.mark.parametrize(
    ("what", "named"),
    [
        ("sections", f"at most {limits.MAX_SECTIONS} sections"),
        ("questions", f"at most {limits.MAX_QUESTIONS} questions in one section"),
        ("decisions", f"at most {limits.MAX_DECISIONS} decisions"),
        ("goals", f"at most {limits.MAX_GOALS} goals"),
        ("actions", f"at most {limits.MAX_ACTIONS} actions"),
        ("attendees", f"at most {limits.MAX_ATTENDEES} attendees"),
        ("signers", f"at most {limits.MAX_SIGNERS} signers"),
        ("measures", f"at most {limits.MAX_MEASURES} service levels"),
        ("register", f"at most {limits.MAX_REGISTER} risks, issues and escalations"),
        ("text", f"at most {limits.MAX_TEXT:,} characters of text"),
        ("one long text", f"at most {limits.MAX_TEXT:,} characters of text"),
    ],
)
def test_one_more_than_a_limit_is_refused_naming_it(what, named):
    d = at_the_limits()
    _one_more(d, what)
    with pytest.raises(FormatError) as info:
        parse_meeting(d)
    assert named in str(info.value) and "\n" not in str(info.value)


def test_a_huge_list_is_refused_before_its_items_are_read():
    d = doc(actions=[{"no such key": i} for i in range(100_000)])
    with pytest.raises(FormatError, match=r"^actions: a meeting may hold at most"):
        parse_meeting(d)


@pytest.mark.parametrize("extra", ["sections", "questions"])
def test_agenda_templates_are_held_to_the_same_limits(extra):
    sections = [
        {"key": f"s{s}", "title": "S", "questions": [{"key": "q", "text": "?"}]}
        for s in range(limits.MAX_SECTIONS + (extra == "sections"))
    ]
    if extra == "questions":
        sections[0]["questions"] = [
            {"key": f"q{q}", "text": "?"} for q in range(limits.MAX_QUESTIONS + 1)
        ]
    data = {"format": "reviewdesk.agenda/1", "name": "Big", "sections": sections}
    with pytest.raises(FormatError, match="a meeting may hold at most"):
        parse_agenda(data)
