import datetime as dt
import sqlite3

import pytest
from factories import doc, new_meeting, new_portfolio

from reviewdesk.record.errors import MeetingLocked, SignOffError, StorageError
from reviewdesk.record.exchange.meeting_format import meeting_to_doc, parse_meeting
from reviewdesk.record.model import Action, Goal, Signature
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.portfolio import Portfolio
from reviewdesk.store.templates import default_agenda

NOW = dt.datetime(2026, 3, 31, 15, tzinfo=dt.UTC)
SIGNERS = [Signature("Cleo", "client", NOW, "COO"), Signature("Pat", "provider", NOW, "Lead")]


def other_connection(tmp_path):
    return sqlite3.connect(tmp_path / "p.sqlite")


def test_every_edit_is_committed_when_made(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    portfolio.set_rating(mid, "trust", "transparency", "client", 4)
    portfolio.set_notes(mid, "trust", "Notes ✓ with ünïcode \x00 and <b>")
    conn = other_connection(tmp_path)  # no close(), no commit() on the first connection
    assert conn.execute(
        "SELECT client_rating FROM question WHERE key='transparency'"
    ).fetchone() == (4,)
    assert conn.execute("SELECT notes FROM section WHERE key='trust'").fetchone() == (
        "Notes ✓ with ünïcode \x00 and <b>",
    )
    assert portfolio.meeting(mid).status == "in_progress"


def test_ratings_are_checked(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    with pytest.raises(StorageError, match="between 1 and 5"):
        portfolio.set_rating(mid, "trust", "transparency", "client", 6)
    portfolio.set_rating(mid, "trust", "transparency", "provider", None)
    assert portfolio.meeting(mid).section("trust").question("transparency").provider_rating is None


def test_signoff_locks_and_reopen_voids(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    with pytest.raises(SignOffError):
        portfolio.sign_off(mid, SIGNERS[:1])
    assert portfolio.meeting(mid).signoff == []
    portfolio.sign_off(mid, SIGNERS)
    m = portfolio.meeting(mid)
    assert m.locked and [s.name for s in m.signoff] == ["Cleo", "Pat"]
    for edit in (
        lambda: portfolio.set_notes(mid, "trust", "late"),
        lambda: portfolio.set_rating(mid, "trust", "transparency", "client", 1),
        lambda: portfolio.add_decision(mid, "trust", "x"),
        lambda: portfolio.add_action(mid, Action("x")),
        lambda: portfolio.update_meeting(mid, title="changed"),
    ):
        with pytest.raises(MeetingLocked, match="signed off"):
            edit()
    assert portfolio.meeting(mid).section("trust").notes == ""
    backups = list((tmp_path / "backups").iterdir())
    assert any("signoff" in b.name for b in backups)
    portfolio.reopen(mid, "Typo in a decision")
    m = portfolio.meeting(mid)
    assert not m.locked and m.signoff == []
    assert m.reopenings[0].reason == "Typo in a decision"
    assert m.reopenings[0].voided == ["Cleo", "Pat"]
    portfolio.set_notes(mid, "trust", "fixed")


def test_carry_over_and_goal_history(tmp_path):
    portfolio = new_portfolio(tmp_path)
    m1 = new_meeting(portfolio, title="Q1", date=dt.date(2026, 3, 31))
    open_id = portfolio.add_action(m1, Action("Open item", owner="Pat", side="provider"))
    done_id = portfolio.add_action(m1, Action("Done item"))
    portfolio.update_action(m1, done_id, status="done")
    goal_id = portfolio.add_goal(m1, Goal("Turnaround", status="at_risk", current="80%"))
    dropped = portfolio.add_goal(m1, Goal("Old goal", status="dropped"))
    portfolio.sign_off(m1, SIGNERS)

    partnership = portfolio.partnerships()[0]
    m2 = portfolio.create_meeting(
        partnership.id, title="Q2", date=dt.date(2026, 6, 30), agenda=default_agenda()
    )
    meeting2 = portfolio.meeting(m2)
    assert [a.id for a in meeting2.actions] == [open_id]
    assert meeting2.carried_actions[0].carried_reviews == 1
    assert [g.id for g in meeting2.goals] == [goal_id]
    assert dropped not in [g.id for g in meeting2.goals]

    portfolio.update_goal(m2, goal_id, status="on_track", current="92%")
    portfolio.update_action(m2, open_id, status="done")
    meeting2 = portfolio.meeting(m2)
    assert meeting2.goals[0].previous.current == "80%"
    assert meeting2.goals[0].current == "92%"
    assert [a.id for a in meeting2.closed_actions] == [open_id]
    # the signed-off meeting still shows the state it was signed with
    meeting1 = portfolio.meeting(m1)
    assert meeting1.goals[0].current == "80%"
    assert {a.id: a.status for a in meeting1.actions}[open_id] == "open"

    m3 = portfolio.create_meeting(
        partnership.id, title="Q3", date=dt.date(2026, 9, 30), agenda=default_agenda()
    )
    assert portfolio.meeting(m3).actions == []


def test_import_joins_the_partnership_and_goals_by_title(tmp_path):
    portfolio = new_portfolio(tmp_path)
    first = portfolio.import_meeting(parse_meeting(doc()))
    second_doc = doc(meeting={"title": "Q2 review", "date": "2026-06-30"})
    second_doc["goals"][0]["status"] = "on_track"
    second = portfolio.import_meeting(parse_meeting(second_doc))
    assert len(portfolio.partnerships()) == 1
    g1 = portfolio.meeting(first).goals[0]
    g2 = portfolio.meeting(second).goals[0]
    assert g1.id == g2.id and g2.previous.status == "at_risk"
    # the open action with the same text continues rather than duplicating
    assert portfolio.meeting(second).actions[0].carried_reviews == 1


def test_import_dump_import_dump_is_stable(tmp_path):
    portfolio = new_portfolio(tmp_path)
    d = doc()
    dump1 = meeting_to_doc(portfolio.meeting(portfolio.import_meeting(parse_meeting(d))))
    dump2 = meeting_to_doc(portfolio.meeting(portfolio.import_meeting(parse_meeting(dump1))))
    assert dump1 == dump2
    for key in ("partnership", "meeting"):
        for k, v in d[key].items():
            assert dump1[key][k] == v


def test_failed_import_writes_nothing(tmp_path, monkeypatch):
    portfolio = new_portfolio(tmp_path)
    meeting = parse_meeting(doc())

    def boom(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Portfolio, "_insert_signatures", boom)
    with pytest.raises(StorageError, match="disk is full"):
        portfolio.import_meeting(meeting)
    assert portfolio.partnerships() == []
    assert portfolio.meetings() == []


def test_export_log(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    portfolio.record_export(mid, "ab" * 32, "cd" * 32)
    assert portfolio.exports_with_hash("ab" * 32)[0][:2] == (mid, "cd" * 32)
    assert portfolio.exports_with_hash("00" * 32) == []


def test_portfolio_opened_read_only_reads_but_refuses_edits(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    portfolio.close()
    (tmp_path / "p.sqlite").chmod(0o400)
    try:
        explicit = open_portfolio(tmp_path / "p.sqlite", readonly=True)
        assert explicit.meeting(mid).title == "Q1"
        with pytest.raises(Exception, match="read-only"):
            explicit.set_notes(mid, "trust", "x")
        explicit.close()
    finally:
        (tmp_path / "p.sqlite").chmod(0o600)


def test_second_exclusive_open_is_read_only(tmp_path):
    first = open_portfolio(tmp_path / "p.sqlite", exclusive=True)
    second = open_portfolio(tmp_path / "p.sqlite", exclusive=True)
    assert not first.readonly
    assert second.readonly and "another reviewdesk window" in second.notice
    second.close()
    first.close()
    third = open_portfolio(tmp_path / "p.sqlite", exclusive=True)
    assert not third.readonly
    third.close()
