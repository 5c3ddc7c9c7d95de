"""The benchmarks' portfolio generator writes what import would, sign-offs included."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from reviewdesk.record.fingerprint import changed_since_signed
from reviewdesk.store.opening import open_portfolio

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location(
        "generate_portfolio", ROOT / "benchmarks" / "generate_portfolio.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bulk_rows_are_the_rows_import_writes(capsys):
    assert _generator().check(partnerships=2, reviews=5)
    printed = capsys.readouterr().out
    assert "DIFFERENT" not in printed
    assert "signoff" in printed  # what was signed is compared too


def test_every_signed_off_meeting_keeps_the_record_it_signed(tmp_path):
    path = tmp_path / "bulk.sqlite"
    _generator().generate(path, partnerships=2, reviews=20)
    with open_portfolio(path) as portfolio:
        signed = [m for m in portfolio.meetings() if m.status == "signed_off"]
        assert len(signed) == 2 * 19
        for listed in signed:
            meeting = portfolio.meeting(listed.id)
            assert meeting.signed_fingerprint is not None
            assert changed_since_signed(meeting) is None, listed.id
