"""Hostile input through the exchange format: any Unicode survives exactly, anything else is
refused with a FormatError before a byte is written."""

from __future__ import annotations

import copy
import itertools
import json
import shutil

import pytest
from factories import BASE_DOC
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.cli import main
from reviewdesk.minutes.render import render_minutes
from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange.meeting_format import FORMAT, loads, meeting_to_doc, parse_meeting
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.portfolio import Portfolio

SPECIAL = [
    "\x00",
    "a\x00b",
    "\u202e",  # right-to-left override
    "\u202dLTR\u202c",
    "\u2066isolate\u2069",
    "\u200f\u05e9\u05dc\u05d5\u05dd",
    "\ufeff",
    "\U0010ffff",
    "\U000e0001\U000e0041",  # tag characters
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\r\n",
    "\r",
    "\t\x0b\x0c",
    "\x1b[31m",
    "\x7f\x80\x9f",
    "\u0085\u2028\u2029",
    "<b>x</b> &amp; <img src='x'> <para>",
    "\ufffd\ufffe\uffff",
    "\ue000\U000f0000",  # private use
    "e\u0301\u0301\u0301",
    "ＡＢＣ漢字",
    " ",
]
ANY = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
TEXT = st.one_of(
    ANY, st.sampled_from(SPECIAL), st.lists(ANY | st.sampled_from(SPECIAL), max_size=4).map("".join)
)
NONBLANK = TEXT.map(lambda s: s if s.strip() else s + "x")
SIGNED = "2026-03-31T10:00:00+00:00"


def unique(strategy, lo: int, hi: int):
    return st.lists(NONBLANK, min_size=lo, max_size=hi, unique=True)


@st.composite
def documents(draw):
    """A reviewdesk.meeting/1 document with every key written out and every text drawn."""
    names = draw(unique(NONBLANK, 2, 3))
    sides = ["client", "provider", "facilitator"]
    keys = draw(unique(NONBLANK, 1, 2))
    sections = []
    for key in keys:
        sections.append(
            {
                "key": key,
                "title": draw(TEXT),
                "guidance": draw(TEXT),
                "timebox_minutes": draw(st.none() | st.integers(0, 60)),
                "notes": draw(TEXT),
                "questions": [
                    {
                        "key": qkey,
                        "text": draw(TEXT),
                        "client_rating": draw(st.none() | st.integers(1, 5)),
                        "provider_rating": draw(st.none() | st.integers(1, 5)),
                        "comment": draw(TEXT),
                    }
                    for qkey in draw(unique(NONBLANK, 1, 2))
                ],
                "decisions": draw(st.lists(TEXT, max_size=2)),
            }
        )
    goal_fields = ("specific", "measure", "baseline", "target", "current", "achievable", "relevant")
    goals = [
        {
            "title": title,
            **{f: draw(TEXT) for f in goal_fields},
            "due": None,
            "owner_side": "joint",
            "status": "on_track",
        }
        for title in draw(unique(NONBLANK, 0, 2))
    ]
    actions = [
        {
            "text": draw(NONBLANK),
            "owner": draw(st.sampled_from(["", *names])),
            "side": None,
            "due": "2026-06-30",
            "status": "open",
            "section": draw(st.sampled_from(["", *keys])),
        }
        for _ in range(draw(st.integers(0, 2)))
    ]
    signoff = []
    if draw(st.booleans()):
        signoff = [
            {"name": draw(NONBLANK), "side": side, "role": draw(TEXT), "signed_at": SIGNED}
            for side in ("client", "provider")
        ]
    return {
        "format": "reviewdesk.meeting/1",
        "partnership": {
            "client": draw(NONBLANK),
            "provider": draw(NONBLANK),
            "service": draw(TEXT),
        },
        "meeting": {
            "title": draw(NONBLANK),
            "date": "2026-03-31",
            "location": draw(TEXT),
            "facilitator": draw(TEXT),
        },
        "participants": [
            {
                "name": name,
                "side": sides[i],
                "role": draw(TEXT),
                "email": draw(TEXT),
                "present": draw(st.booleans()),
            }
            for i, name in enumerate(names)
        ],
        "sections": sections,
        "goals": goals,
        "actions": actions,
        "signoff": signoff,
    }


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """Hands out a new empty portfolio per example (a copy of one made once)."""
    folder = tmp_path_factory.mktemp("hostile-text")
    template = folder / "template.sqlite"
    open_portfolio(template).close()
    counter = itertools.count()

    def make() -> Portfolio:
        path = folder / f"p{next(counter)}.sqlite"
        shutil.copyfile(template, path)
        return open_portfolio(path)

    return make


SLOW = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(documents())
def test_any_unicode_in_every_text_field_survives_exactly(fresh, d):
    raw = json.dumps(d, ensure_ascii=bool(len(d["meeting"]["title"]) % 2))
    with fresh() as portfolio:
        mid = portfolio.import_meeting(parse_meeting(loads(raw.encode("utf-8"))))
        assert meeting_to_doc(portfolio.meeting(mid)) == {**d, "format": FORMAT}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_unicode_renders_to_pdf_minutes(fresh, d):
    with fresh() as portfolio:
        meeting = portfolio.meeting(portfolio.import_meeting(parse_meeting(d)))
    result = render_minutes(meeting, fallback_fonts=lambda char: None)
    assert result.pdf.startswith(b"%PDF-") and result.pages >= 1


def test_special_characters_render_with_the_system_fallback_fonts(fresh):
    d = copy.deepcopy(BASE_DOC)
    d["sections"][0]["notes"] = "".join(SPECIAL)
    d["meeting"]["title"] = "\u202eevil title " + "".join(SPECIAL[:6])
    with fresh() as portfolio:
        meeting = portfolio.meeting(portfolio.import_meeting(parse_meeting(d)))
    assert render_minutes(meeting).pdf.startswith(b"%PDF-")


# ---- lone surrogates -------------------------------------------------------------------------


def text_paths(value, path=()):
    """Every path to a string value in a document."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from text_paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from text_paths(v, (*path, i))
    elif isinstance(value, str):
        yield path


def put(d, path, value):
    target = d
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def where(path) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


SURROGATE_DOC = copy.deepcopy(BASE_DOC)
SURROGATE_DOC["signoff"] = [
    {"name": "Cleo Client", "side": "client", "role": "COO", "signed_at": SIGNED},
    {"name": "Pat Provider", "side": "provider", "signed_at": SIGNED},
]
SURROGATE_PATHS = [p for p in text_paths(SURROGATE_DOC) if p[-1] != "format"]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(SURROGATE_PATHS),
    st.integers(0xD800, 0xDFFF),
    st.sampled_from(["{}", "x{}", "{}y", "a{}b"]),
)
def test_a_lone_surrogate_in_any_text_field_is_refused_naming_it(path, code, shape):
    d = copy.deepcopy(SURROGATE_DOC)
    put(d, path, shape.format(chr(code)))
    raw = json.dumps(d)  # ASCII JSON with a \\udXXX escape, as another program might write it
    assert f"\\u{code:04x}" in raw
    with pytest.raises(FormatError) as info:
        parse_meeting(loads(raw))
    assert info.value.where == where(path)
    assert "surrogate" in info.value.problem or "not" in info.value.problem
    assert "\n" not in str(info.value)


def test_a_lone_surrogate_is_refused_by_the_command_with_nothing_written(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["list", "--db", str(db)]) == 0
    listed = capsys.readouterr().out
    d = copy.deepcopy(BASE_DOC)
    d["sections"][0]["notes"] = "broken \ud83d half of an emoji"
    source = tmp_path / "s.json"
    source.write_text(json.dumps(d), encoding="ascii")
    assert main(["import", str(source), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sections[0].notes" in err and "surrogate" in err
    assert main(["list", "--db", str(db)]) == 0
    assert capsys.readouterr().out == listed


# ---- arbitrary JSON anywhere -----------------------------------------------------------------


def all_paths(value, path=()):
    """Every path in a document, containers included."""
    if path:
        yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from all_paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from all_paths(v, (*path, i))


# Keys without control characters or line breaks: the bug with those has its own test below.
KEYS = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | TEXT
    | st.sampled_from(["client", "provider", "open", "done", "2026-02-30", "2026-04-01", "trust"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=6,
)
ALL_PATHS = list(all_paths(SURROGATE_DOC))


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(ALL_PATHS), JSON)
def test_any_json_value_in_any_field_is_stored_or_refused_with_nothing_written(
    tmp_path, capsys, path, value
):
    db = tmp_path / "any.sqlite"
    d = copy.deepcopy(SURROGATE_DOC)
    put(d, path, value)
    source = tmp_path / "any.json"
    source.write_text(json.dumps(d), encoding="utf-8")
    capsys.readouterr()
    assert main(["list", "--db", str(db)]) == 0
    before = capsys.readouterr().out
    try:
        expected = meeting_to_doc(parse_meeting(loads(source.read_bytes())))
    except FormatError as exc:
        assert "\n" not in str(exc)
        code = main(["import", str(source), "--db", str(db)])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1, err
        assert main(["list", "--db", str(db)]) == 0
        assert capsys.readouterr().out == before
        return
    assert main(["import", str(source), "--db", str(db)]) == 0
    mid = int(capsys.readouterr().out.strip())
    with open_portfolio(db) as portfolio:
        stored = meeting_to_doc(portfolio.meeting(mid))
    assert stored["sections"] == expected["sections"]
    assert stored["meeting"] == expected["meeting"]
    assert stored["participants"] == expected["participants"]


@pytest.mark.parametrize("key", ["\n", "evil\r\nimport: ok", "\x1b[2J", "\u2028"])
def test_an_unknown_key_with_control_characters_is_named_safely(key):
    d = copy.deepcopy(BASE_DOC)
    d["partnership"][key] = None
    with pytest.raises(FormatError) as info:
        parse_meeting(loads(json.dumps(d)))
    message = str(info.value)
    assert message.isprintable(), repr(message)
