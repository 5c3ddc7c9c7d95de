"""Every command that adds to a meeting stops at record.limits, in one line naming the limit,
and writes nothing; a meeting beyond them in the file is refused, not loaded without bound."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from factories import at_the_limits, new_portfolio

from reviewdesk.cli import main
from reviewdesk.record import limits
from reviewdesk.record.errors import LimitReached
from reviewdesk.record.exchange.meeting_format import meeting_to_doc, parse_meeting
from reviewdesk.record.model import Action, Decision, Goal, Participant, Signature
from reviewdesk.record.scorecard import Measure, RegisterEntry
from reviewdesk.store import rows, sizes

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def full(tmp_path):
    """A portfolio whose one meeting (in progress, so editable) is at every limit."""
    portfolio = new_portfolio(tmp_path)
    d = at_the_limits(signed=False)
    mid = portfolio.import_meeting(parse_meeting(d))
    yield portfolio, mid
    portfolio.close()


def test_the_files_count_agrees_with_the_records(full):
    portfolio, mid = full
    meeting = portfolio.meeting(mid)
    assert sizes.meeting_size(portfolio.conn, mid) == limits.meeting_size(meeting)
    assert limits.meeting_size(meeting).text == limits.MAX_TEXT


def _edits(portfolio, mid):
    meeting = portfolio.meeting(mid)
    action, goal = meeting.actions[0], meeting.goals[0]
    decision = meeting.sections[1].decisions[0]
    measure, entry = meeting.measures[0], meeting.register[0]

    taken = []

    def take_an_action_out():  # as undoing its removal would put it back, once B0 is in
        taken.append(rows.take(portfolio, "action", action.id))
        rows.drop(portfolio, mid, taken[0])
        portfolio.add_action(mid, Action("B0"))

    return {
        "add_action": (lambda: portfolio.add_action(mid, Action("one more")), "actions"),
        "add_goal": (lambda: portfolio.add_goal(mid, Goal("one more")), "goals"),
        "add_decision": (lambda: portfolio.add_decision(mid, "s1", "d"), "decisions"),
        "set_participants": (
            lambda: portfolio.set_participants(
                mid, [*meeting.participants, Participant("one more", "client")]
            ),
            "attendees",
        ),
        "set_notes": (lambda: portfolio.set_notes(mid, "s2", "more"), "characters of text"),
        "set_comment": (
            lambda: portfolio.set_comment(mid, "s2", "q3", "x"),
            "characters of text",
        ),
        "update_action": (
            lambda: portfolio.update_action(mid, action.id, text=action.text + "x"),
            "characters of text",
        ),
        "update_goal": (
            lambda: portfolio.update_goal(mid, goal.id, specific="x"),
            "characters of text",
        ),
        "update_decision": (
            lambda: portfolio.update_decision(decision.id, decision.text + "x"),
            "characters of text",
        ),
        "add_measure": (lambda: portfolio.add_measure(mid, Measure("one more")), "service levels"),
        "update_measure": (
            lambda: portfolio.update_measure(mid, measure.id, note="x"),
            "characters of text",
        ),
        "add_register_entry": (
            lambda: portfolio.add_register_entry(mid, RegisterEntry("risk", "one more")),
            "risks, issues and escalations",
        ),
        "update_register_entry": (
            lambda: portfolio.update_register_entry(mid, entry.id, cause="x"),
            "characters of text",
        ),
        "put_back_an_action": (lambda: rows.put(portfolio, mid, taken[0]), "actions"),
        "setup put_back_an_action": take_an_action_out,
        "update_meeting": (
            lambda: portfolio.update_meeting(mid, location=meeting.location + "x"),
            "characters of text",
        ),
    }


@pytest.mark.parametrize(
    "edit",
    [
        "add_action",
        "add_goal",
        "add_decision",
        "set_participants",
        "set_notes",
        "set_comment",
        "update_action",
        "update_goal",
        "update_decision",
        "add_measure",
        "update_measure",
        "add_register_entry",
        "update_register_entry",
        "put_back_an_action",
        "update_meeting",
    ],
)
def test_every_command_that_adds_stops_at_the_limit(full, edit):
    portfolio, mid = full
    edits = _edits(portfolio, mid)
    edits.get(f"setup {edit}", lambda: None)()
    before = meeting_to_doc(portfolio.meeting(mid))
    run, named = edits[edit]
    with pytest.raises(LimitReached) as info:
        run()
    assert named in str(info.value) and f"meeting {mid}" in str(info.value)
    assert "\n" not in str(info.value)
    assert meeting_to_doc(portfolio.meeting(mid)) == before


def test_signing_off_with_too_many_signers_is_refused(tmp_path):
    d = at_the_limits(signed=False)
    d["sections"][0]["notes"] = ""
    with new_portfolio(tmp_path) as portfolio:
        mid = portfolio.import_meeting(parse_meeting(d))
        signers = [
            Signature(f"S{i}", ("client", "provider")[i % 2], NOW)
            for i in range(limits.MAX_SIGNERS + 1)
        ]
        with pytest.raises(LimitReached, match=f"at most {limits.MAX_SIGNERS} signers"):
            portfolio.sign_off(mid, signers)
        assert portfolio.meeting_status(mid) != "signed_off"


def test_importing_a_meeting_object_beyond_a_limit_is_refused(tmp_path):
    meeting = parse_meeting(at_the_limits())
    meeting.sections[0].decisions.append(Decision("one more", meeting.sections[0].key))
    with new_portfolio(tmp_path) as portfolio:
        with pytest.raises(LimitReached, match="decisions"):
            portfolio.import_meeting(meeting)
        assert portfolio.meetings() == []


def test_a_meeting_made_huge_behind_reviewdesks_back_is_refused_in_one_line(full, capsys):
    portfolio, mid = full
    conn = sqlite3.connect(portfolio.path)
    (pid,) = conn.execute("SELECT partnership_id FROM meeting WHERE id = ?", (mid,)).fetchone()
    conn.execute("BEGIN")
    for i in range(20_000):
        aid = conn.execute(
            "INSERT INTO action (partnership_id, raised_in) VALUES (?, ?)", (pid, mid)
        ).lastrowid
        conn.execute(
            "INSERT INTO action_state (action_id, meeting_id, position, text, status) "
            "VALUES (?, ?, ?, 'crafted', 'open')",
            (aid, mid, 1000 + i),
        )
    conn.execute("COMMIT")
    conn.close()
    with pytest.raises(LimitReached, match=r"at most 300 actions \(this one: 20,300\)"):
        portfolio.meeting(mid)
    for command in (["dump", str(mid)], ["export", str(mid), "-o", str(portfolio.path) + ".pdf"]):
        assert main([*command, "--db", str(portfolio.path)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "at most 300 actions" in err


def test_rating_rounds_and_ratings_stop_at_their_limits(tmp_path):
    d = at_the_limits(signed=False)
    d["sections"][0]["notes"] = ""
    with new_portfolio(tmp_path) as portfolio:
        mid = portfolio.import_meeting(parse_meeting(d))
        client, provider = "Person 0", "Person 1"
        rounds = []
        for _ in range(limits.MAX_ROUNDS):
            rounds.append(portfolio.start_round(mid, "", [client, provider], at=NOW))
            portfolio.reveal_round(rounds[-1], at=NOW)
        with pytest.raises(LimitReached, match=f"at most {limits.MAX_ROUNDS} rating rounds"):
            portfolio.start_round(mid, "", [client], at=NOW)
        # fill the ratings up to the limit behind the commands' back, then give one more
        conn = portfolio.conn
        qids = [
            r[0]
            for r in conn.execute(
                "SELECT q.id FROM question q JOIN section s ON s.id = q.section_id "
                "WHERE s.meeting_id = ? ORDER BY q.id",
                (mid,),
            )
        ]
        people = [f"Person {i}" for i in range(limits.MAX_ATTENDEES) if i % 3 == 0]
        given = [(q, r, p) for r in rounds for q in qids for p in people][: limits.MAX_RATINGS]
        with conn:
            conn.executemany(
                "INSERT INTO person_rating (question_id, round_id, person, side, value, given_at)"
                " VALUES (?, ?, ?, 'client', 3, '2026-11-27T10:00:00+00:00')",
                given,
            )
        assert sizes.meeting_size(conn, mid).ratings == limits.MAX_RATINGS
        with pytest.raises(LimitReached, match="ratings given person by person"):
            portfolio.rate_openly(mid, "s11", "q11", provider, 4)
