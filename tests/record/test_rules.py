import datetime as dt

import pytest

from reviewdesk.record.errors import SignOffError
from reviewdesk.record.model import Action, Goal, Meeting, Partnership, Question, Section, Signature
from reviewdesk.record.rules import (
    carry_over_actions,
    carry_over_goals,
    check_new_signoff,
    check_signoff,
    overall_scores,
    perception_gaps,
    repeated_signers,
    section_score,
)

NOW = dt.datetime(2026, 3, 31, 15, 0, tzinfo=dt.UTC)


def sig(name: str, side: str) -> Signature:
    return Signature(name=name, side=side, signed_at=NOW)


def test_signoff_needs_a_client_and_a_provider():
    check_signoff([sig("A", "client"), sig("B", "provider")])
    with pytest.raises(SignOffError, match="no provider"):
        check_signoff([sig("A", "client"), sig("F", "facilitator")])
    with pytest.raises(SignOffError, match="no client or provider"):
        check_signoff([])
    with pytest.raises(SignOffError, match="name"):
        check_signoff([sig(" ", "client"), sig("B", "provider")])


def test_a_person_signs_once_whatever_the_spelling_of_their_name():
    check_new_signoff([sig("Ann Lee", "client"), sig("Ann Leigh", "provider")])
    for again in ("Ann Lee", " ann  LEE ", "ANN LEE"):
        with pytest.raises(SignOffError, match="Ann Lee is named twice"):
            check_new_signoff([sig("Ann Lee", "client"), sig(again, "provider")])
        check_signoff([sig("Ann Lee", "client"), sig(again, "provider")])  # as imported
    with pytest.raises(SignOffError, match="no provider"):  # the basic rule still applies
        check_new_signoff([sig("A", "client")])
    with pytest.raises(SignOffError, match="named twice"):  # composed and decomposed é
        check_new_signoff(
            [sig("Ren\u00e9", "client"), sig("B", "provider"), sig("Rene\u0301", "facilitator")]
        )
    assert repeated_signers(["A", "B", "a", "b", "A"]) == ["A", "B"]


def test_carry_over_keeps_open_actions_and_counts_reviews():
    actions = [
        Action("open one", status="open", carried_reviews=1),
        Action("done one", status="done"),
        Action("cancelled", status="cancelled"),
    ]
    carried = carry_over_actions(actions)
    assert [a.text for a in carried] == ["open one"]
    assert carried[0].carried_reviews == 2
    assert actions[0].carried_reviews == 1  # the earlier meeting's copy is not changed


def test_carry_over_keeps_active_goals_only():
    goals = [Goal("a", status=s) for s in ("on_track", "at_risk", "off_track", "done", "dropped")]
    assert [g.status for g in carry_over_goals(goals)] == ["on_track", "at_risk", "off_track"]


def test_scores_and_gaps():
    section = Section(
        "trust",
        "Trust",
        questions=[Question("a", "A", 2, 4), Question("b", "B", 4, 4), Question("c", "C", None, 1)],
    )
    score = section_score(section)
    assert (score.client, score.provider) == (3.0, 3.0)
    assert score.gap == 0.0
    meeting = Meeting(Partnership("C", "P"), "T", dt.date(2026, 1, 1), sections=[section])
    assert [q.key for _, q in perception_gaps(meeting)] == ["a"]
    assert overall_scores([section]) == (3.0, 3.0)
    assert section.answered == 5 and section.total == 6
