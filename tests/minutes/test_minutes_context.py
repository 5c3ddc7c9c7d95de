"""The minutes' whole input is one serialisable MinutesContext: its JSON renders to the same
bytes, and its digest (printed on the minutes) changes with anything the minutes show."""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest
from minutes_support import pypdf_text

from reviewdesk.app.demo import load_demo
from reviewdesk.minutes.page import read_claims
from reviewdesk.minutes.render import render_context
from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange.minutes_context import MinutesContext
from reviewdesk.record.fingerprint import fingerprint
from reviewdesk.record.scorecard import Measure, RegisterEntry
from reviewdesk.store.opening import open_portfolio


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample partnership with its second review reopened and signed off again here."""
    path = tmp_path_factory.mktemp("ctx") / "sample.sqlite"
    with open_portfolio(path) as portfolio:
        load_demo(portfolio)
        portfolio.reopen(2, "A rating was entered for the wrong side")
        from reviewdesk.app.signoff import Signer, sign_off

        sign_off(
            portfolio, 2, [Signer("Maren Holt", "client"), Signer("Lourdes Dela Cruz", "provider")]
        )
        portfolio.add_measure(4, Measure("Entries right first time", "%", target=98.0, value=96.5))
        portfolio.add_register_entry(4, RegisterEntry("risk", "Peak staffing", "high"))
        portfolio.rate_openly(4, "trust", "transparency", "Maren Holt", 4)
    return path


def contexts(path, paper="a4"):
    with open_portfolio(path, create=False) as portfolio:
        return [portfolio.minutes_context(m.id, paper) for m in portfolio.meetings()]


def test_the_json_of_a_context_renders_to_the_same_bytes(sample):
    last = contexts(sample)[-1]
    assert last.meeting.measures and last.meeting.register and last.history.measures
    for paper in ("a4", "letter"):
        for context in contexts(sample, paper):
            text = json.dumps(context.to_doc(), ensure_ascii=False)
            again = MinutesContext.from_doc(json.loads(text))
            assert again.to_doc() == context.to_doc()
            assert again.digest() == context.digest()
            assert render_context(again).pdf == render_context(context).pdf


def test_the_pdf_carries_fingerprint_digest_and_paper(sample):
    context = contexts(sample, "letter")[2]
    result = render_context(context)
    claims = read_claims(result.pdf)
    assert claims is not None
    assert (claims.fingerprint, claims.digest, claims.paper) == (
        fingerprint(context.meeting),
        context.digest(),
        "letter",
    )
    text = pypdf_text(result.pdf)
    assert context.digest() in text.replace("\n", "") and "Minutes digest" in text


def test_imported_and_amended_show_in_the_minutes(sample):
    first, second = contexts(sample)[:2]
    text = pypdf_text(render_context(first).pdf)
    assert "Signed off elsewhere; imported into this portfolio on" in " ".join(text.split())
    text = " ".join(pypdf_text(render_context(second).pdf).split())
    assert "Amended after sign-off" in text and "imported into this portfolio" not in text


def _other_rating(context: MinutesContext) -> None:
    """An earlier review's first rating changed (as after a reopening and a new rating)."""
    row = context.history.ratings[0]
    client = 1 if row.client != 1 else 5
    context.history.ratings[0] = dataclasses.replace(row, client=client)


def _amended(context: MinutesContext) -> None:
    context.meeting.reopenings.append(copy.copy(contexts_cache[1].meeting.reopenings[0]))


contexts_cache: list[MinutesContext] = []

CHANGES = {
    "an earlier review's rating": _other_rating,
    "an amendment": _amended,
    "where the sign-off came from": lambda c: setattr(c.meeting, "signoff_imported_at", None),
    "an action carried once more": lambda c: setattr(
        c.meeting.actions[0], "carried_reviews", c.meeting.actions[0].carried_reviews + 1
    ),
    "the paper": None,
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_the_digest_covers_what_the_fingerprint_does_not(sample, name):
    contexts_cache[:] = contexts(sample)
    context = contexts_cache[2]
    changed = contexts(sample)[2]
    if CHANGES[name] is None:
        changed = MinutesContext(changed.meeting, changed.history, "letter")
    else:
        CHANGES[name](changed)
    assert fingerprint(changed.meeting) == fingerprint(context.meeting)
    assert changed.digest() != context.digest()
    assert render_context(changed).pdf != render_context(context).pdf


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(format="reviewdesk.minutes-context/9"), "format"),
        (lambda d: d.update(paper="a5"), "paper"),
        (lambda d: d["actions"].pop(), "actions"),
        (lambda d: d["goals"][0].update(id="one"), "goals[0].id"),
        (lambda d: d["history"]["ratings"][0].__setitem__(5, 9), "history.ratings[0][5]"),
        (lambda d: d["history"]["actions"][0].update(status="<b>x</b>"), "history.actions[0]"),
        (lambda d: d["reopenings"].append({"reopened_at": "noon"}), "reopenings[0]"),
        (lambda d: d["record"]["goals"][0].update(status="<img/>"), "goals[0].status"),
    ],
)
def test_a_bad_context_document_is_refused_naming_the_field(sample, change, where):
    doc = contexts(sample)[2].to_doc()
    change(doc)
    with pytest.raises(FormatError) as info:
        MinutesContext.from_doc(json.loads(json.dumps(doc)))
    assert info.value.where.startswith(where), str(info.value)


def test_a_history_longer_than_one_meetings_action_limit_is_read_back(sample):
    """A long partnership's earlier reviews hold more actions than one meeting may (the big
    meeting's minutes would not verify): the history is bounded by its own limit."""
    from reviewdesk.record import limits

    doc = contexts(sample)[-1].to_doc()
    actions = doc["history"]["actions"]
    assert actions
    doc["history"]["actions"] = [
        {**copy.deepcopy(actions[i % len(actions)]), "text": f"Action {i}"}
        for i in range(limits.MAX_ACTIONS + 25)
    ]
    again = MinutesContext.from_doc(json.loads(json.dumps(doc)))
    assert len(again.history.actions) == limits.MAX_ACTIONS + 25
    assert again.to_doc() == doc
    doc["history"]["actions"] *= limits.MAX_HISTORY_ACTIONS // len(doc["history"]["actions"]) + 1
    with pytest.raises(FormatError) as info:
        MinutesContext.from_doc(doc)
    assert info.value.where.startswith("history.actions")
