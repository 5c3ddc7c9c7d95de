"""Correcting an open review's attendees: rename, another side or role, remove (or why not)."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import new_meeting, new_portfolio

from reviewdesk.record.errors import MeetingLocked, SignOffError, StorageError
from reviewdesk.record.model import Action, Participant, Signature

AT = dt.datetime(2026, 3, 31, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def portfolio(tmp_path):
    p = new_portfolio(tmp_path)
    yield p
    p.close()


def names(portfolio, mid):
    return [(p.name, p.side, p.role) for p in portfolio.meeting(mid).participants]


def test_an_attendee_gets_another_side_and_role_and_the_directory_follows(portfolio):
    mid = new_meeting(portfolio)
    portfolio.update_participant(mid, "Cleo", side="facilitator", role="Chair")
    assert names(portfolio, mid)[0] == ("Cleo", "facilitator", "Chair")
    pid = portfolio.meeting(mid).partnership.id
    assert ("Cleo", "facilitator", "Chair") in [
        (p.name, p.side, p.role) for p in portfolio.people(pid)
    ]
    with pytest.raises(StorageError, match="side"):
        portfolio.update_participant(mid, "Cleo", side="boss")


def test_a_rename_carries_the_actions_owned_on_this_review(portfolio):
    mid = new_meeting(portfolio)
    portfolio.add_action(mid, Action("Send the report", owner="Pat", side="provider"))
    portfolio.rename_participant(mid, "Pat", "Pat Reyes")
    meeting = portfolio.meeting(mid)
    assert [p.name for p in meeting.participants] == ["Cleo", "Pat Reyes"]
    assert meeting.actions[0].owner == "Pat Reyes"
    people = [p.name for p in portfolio.people(meeting.partnership.id)]
    assert "Pat" not in people and "Pat Reyes" in people


def test_a_rename_to_a_name_already_listed_is_refused_whatever_its_spelling(portfolio):
    mid = new_meeting(portfolio)
    with pytest.raises(StorageError, match="CLEO is already an attendee"):
        portfolio.rename_participant(mid, "Pat", "CLEO")
    assert names(portfolio, mid)[1][0] == "Pat"


def test_someone_added_by_mistake_is_removed_and_leaves_the_directory(portfolio):
    mid = new_meeting(portfolio)
    portfolio.set_participants(
        mid, [*portfolio.meeting(mid).participants, Participant("Wrong Person", "facilitator")]
    )
    portfolio.remove_participant(mid, "Wrong Person")
    meeting = portfolio.meeting(mid)
    assert [p.name for p in meeting.participants] == ["Cleo", "Pat"]
    assert "Wrong Person" not in [p.name for p in portfolio.people(meeting.partnership.id)]


def test_someone_listed_on_an_earlier_review_stays_in_the_directory(portfolio):
    first = new_meeting(portfolio)
    second = new_meeting(portfolio, title="Q2", date=dt.date(2026, 6, 30))
    portfolio.remove_participant(second, "Pat")
    pid = portfolio.meeting(first).partnership.id
    assert "Pat" in [p.name for p in portfolio.people(pid)]


def test_removing_an_action_owner_is_refused_with_the_reason(portfolio):
    mid = new_meeting(portfolio)
    portfolio.add_action(mid, Action("Send the report", owner="Pat"))
    with pytest.raises(StorageError, match="Pat owns 1 action on this review; give them another"):
        portfolio.remove_participant(mid, "Pat")
    assert len(portfolio.meeting(mid).participants) == 2


def test_a_rater_of_a_private_round_cannot_be_removed_or_renamed(portfolio):
    mid = new_meeting(portfolio)
    portfolio.start_round(mid, "", ["Cleo", "Pat"])
    with pytest.raises(StorageError, match="rates in a private round"):
        portfolio.remove_participant(mid, "Cleo")
    with pytest.raises(StorageError, match="rates in a private round"):
        portfolio.rename_participant(mid, "Cleo", "Cleo B")


def test_a_signed_off_review_keeps_its_attendees(portfolio):
    mid = new_meeting(portfolio)
    portfolio.sign_off(mid, [Signature("Cleo", "client", AT), Signature("Pat", "provider", AT)])
    with pytest.raises(MeetingLocked):
        portfolio.remove_participant(mid, "Cleo")
    with pytest.raises(MeetingLocked):
        portfolio.rename_participant(mid, "Cleo", "Cleo B")
    with pytest.raises(MeetingLocked):
        portfolio.update_participant(mid, "Cleo", role="x")


def test_someone_marked_absent_cannot_sign(portfolio):
    mid = new_meeting(portfolio)
    portfolio.set_present(mid, "Pat", False)
    with pytest.raises(SignOffError, match="Pat is marked absent; only people present can sign"):
        portfolio.sign_off(
            mid, [Signature("Cleo", "client", AT), Signature(" pat ", "provider", AT)]
        )
    assert portfolio.meeting(mid).status != "signed_off"
