"""A section's time spent: one committed write, refused on a locked meeting, checked when read."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from factories import doc, new_meeting, new_portfolio

from reviewdesk.record.errors import DamagedRecord, MeetingLocked, StorageError
from reviewdesk.record.exchange.meeting_format import FORMAT, parse_meeting
from reviewdesk.record.model import Signature

NOW = dt.datetime(2026, 3, 31, 15, tzinfo=dt.UTC)
SIGNERS = [Signature("Cleo", "client", NOW, "COO"), Signature("Pat", "provider", NOW, "Lead")]


def test_seconds_spent_are_committed_when_set(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    assert {s.seconds_spent for s in portfolio.meeting(mid).sections} == {0}
    portfolio.set_seconds_spent(mid, "trust", 95)
    conn = sqlite3.connect(tmp_path / "p.sqlite")  # another connection sees it: committed
    assert conn.execute("SELECT seconds_spent FROM section WHERE key = 'trust'").fetchone() == (95,)
    conn.close()
    m = portfolio.meeting(mid)
    assert m.section("trust").seconds_spent == 95
    assert sum(s.seconds_spent for s in m.sections) == 95


@pytest.mark.parametrize(("value", "message"), [(-1, "between 0"), (1.5, "whole"), (True, "whole")])
def test_bad_seconds_are_refused_naming_the_field(tmp_path, value, message):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    with pytest.raises(StorageError, match=f"seconds spent: .*{message}"):
        portfolio.set_seconds_spent(mid, "trust", value)
    assert portfolio.meeting(mid).section("trust").seconds_spent == 0


def test_a_locked_meeting_refuses_time(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    portfolio.set_seconds_spent(mid, "trust", 60)
    portfolio.sign_off(mid, SIGNERS)
    with pytest.raises(MeetingLocked, match="signed off"):
        portfolio.set_seconds_spent(mid, "trust", 120)
    assert portfolio.meeting(mid).section("trust").seconds_spent == 60


def test_an_imported_record_keeps_its_time(tmp_path):
    portfolio = new_portfolio(tmp_path)
    d = doc(format=FORMAT)
    d["sections"][0]["seconds_spent"] = 754
    mid = portfolio.import_meeting(parse_meeting(d))
    assert portfolio.meeting(mid).sections[0].seconds_spent == 754


@pytest.mark.parametrize("bad", [-5, "ten", 2.5])
def test_a_damaged_value_is_named_when_read(tmp_path, bad):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    conn = sqlite3.connect(tmp_path / "p.sqlite")
    conn.execute("PRAGMA ignore_check_constraints = ON")
    (sid,) = conn.execute("SELECT id FROM section WHERE key = 'trust'").fetchone()
    conn.execute("UPDATE section SET seconds_spent = ? WHERE id = ?", (bad, sid))
    conn.commit()
    conn.close()
    with pytest.raises(DamagedRecord, match=f"section {sid}: seconds_spent"):
        portfolio.meeting(mid)
