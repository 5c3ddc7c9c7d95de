"""SIGKILL a process mid-edit 200 times: nothing reported is lost, nothing half-done remains."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field

import pytest
from faultkit import HERE, child_env, kill_after
from writer_child import import_doc

from reviewdesk.record.exchange.meeting_format import meeting_to_doc, parse_meeting
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.portfolio import Portfolio

KILLS = 200
SEED = 20261127


@dataclass
class Expected:
    """What the file must hold: everything the child reported as committed."""

    notes: dict[str, str] = field(default_factory=dict)
    ratings: dict[tuple[str, str, str], int] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    imports: set[int] = field(default_factory=set)

    def apply(self, op: list[str]) -> Expected:
        """A copy with one ``B ...`` operation applied."""
        new = Expected(dict(self.notes), dict(self.ratings), list(self.actions), set(self.imports))
        kind, *args = op
        if kind == "notes":
            new.notes[args[0]] = args[1]
        elif kind == "rating":
            new.ratings[(args[0], args[1], args[2])] = int(args[3])
        elif kind == "action":
            new.actions.append(args[0])
        elif kind == "import":
            new.imports.add(int(args[0]))
        else:
            raise AssertionError(f"unknown op {op}")
        return new


def actual_state(portfolio: Portfolio, base_id: int, base: Expected) -> Expected:
    meeting = portfolio.meeting(base_id)
    state = Expected()
    for s in meeting.sections:
        if s.key in base.notes or s.notes != f"notes 0 {s.key} ":
            state.notes[s.key] = s.notes
        for q in s.questions:
            for side in ("client", "provider"):
                value = getattr(q, f"{side}_rating")
                if (s.key, q.key, side) in base.ratings or value != _initial_rating(q, side):
                    state.ratings[(s.key, q.key, side)] = value
    state.actions = [a.text for a in meeting.actions if a.text != "import action 0"]
    titles = [m.title for m in portfolio.meetings()]
    state.imports = {int(t.removeprefix("Import ")) for t in titles if t != "Import 0"}
    clients = {p.client for p in portfolio.partnerships()}
    assert clients == {"Client 0"} | {f"Client {n}" for n in state.imports}, (
        "a partnership without its meeting: an import was half written"
    )
    return state


def _initial_rating(q, side: str) -> int | None:
    doc = import_doc(0)
    for s in doc["sections"]:
        for dq in s["questions"]:
            if f"{s['key']} {dq['key']}?" == q.text:
                return dq[f"{side}_rating"]
    raise AssertionError(q.text)


def import_matches(portfolio: Portfolio, seq: int) -> None:
    """A committed import is there whole: every section, question, decision and action."""
    (mid,) = [m.id for m in portfolio.meetings() if m.title == f"Import {seq}"]
    want = meeting_to_doc(parse_meeting(import_doc(seq)))
    assert meeting_to_doc(portfolio.meeting(mid)) == want


def run_child(db, base_id: int, seed: int, first: int, rng: random.Random) -> list[str]:
    """Start the writer, SIGKILL it at a seeded random moment, return every line it printed."""
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "writer_child.py"), str(db), *map(str, (base_id, seed, first))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    if rng.random() < 0.1:  # anywhere, including while opening and recovering the file
        lines = kill_after(proc, rng, None, 0.3)
    else:  # in the middle of the edits: after some commits, plus a sliver
        lines = kill_after(proc, rng, rng.randint(1, 12), 0.004)
    assert proc.returncode == -signal.SIGKILL
    return lines


@pytest.mark.slow
def test_sigkill_during_edits_and_imports_loses_nothing_reported(tmp_path):
    db = tmp_path / "killed.sqlite"
    with open_portfolio(db) as portfolio:
        base_id = portfolio.import_meeting(parse_meeting(import_doc(0)))
    rng = random.Random(SEED)
    expected = Expected()
    in_flight_seen = {"applied": 0, "absent": 0}
    for kill in range(KILLS):
        lines = run_child(db, base_id, rng.randrange(2**32), (kill + 1) * 1000, rng)
        pending = None
        for line in lines:
            if line.startswith("B "):
                assert pending is None, lines
                pending = line.split()[1:]
            elif line == "OK":
                expected = expected.apply(pending)
                pending = None
            elif line == "REFUSED":  # e.g. a meeting's 301st action: nothing was written
                pending = None
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()
        with open_portfolio(db, create=False) as portfolio:
            state = actual_state(portfolio, base_id, expected)
            if state == expected:
                if pending:
                    in_flight_seen["absent"] += 1
            else:
                assert pending is not None, f"kill {kill}: reported edits missing"
                assert state == expected.apply(pending), f"kill {kill}: half an edit {pending}"
                in_flight_seen["applied"] += 1
                expected = state
            if pending and pending[0] == "import" and int(pending[1]) in state.imports:
                import_matches(portfolio, int(pending[1]))
    with open_portfolio(db, create=False) as portfolio:
        assert portfolio.integrity_check() == "ok"
        for seq in sorted(expected.imports):
            import_matches(portfolio, seq)
    print(
        f"kills={KILLS} imports={len(expected.imports)} actions={len(expected.actions)} "
        f"in-flight at kill: {in_flight_seen}"
    )
    assert len(expected.imports) > 10 and len(expected.actions) > 50
    assert in_flight_seen["absent"] > 0  # the kills really did land in the middle of edits
