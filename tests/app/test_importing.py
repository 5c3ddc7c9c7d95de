"""Importing into a portfolio that does not exist yet: the portfolio with the meeting, or
nothing at all."""

from __future__ import annotations

import json
import os

import pytest
from factories import doc

from reviewdesk.cli import main
from reviewdesk.record.errors import StorageError
from reviewdesk.store.meetings import MeetingCommands


def listing(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "in" / "m.json"
    path.parent.mkdir()
    path.write_text(json.dumps(doc()), encoding="utf-8")
    return path


@pytest.mark.parametrize("where", ["p.sqlite", "new/folders/p.sqlite"])
def test_a_failed_import_into_a_new_portfolio_leaves_nothing(
    tmp_path, source, monkeypatch, capsys, where
):
    out = tmp_path / "out"
    out.mkdir()
    db = out / where

    real = MeetingCommands.import_meeting

    def failing_import(self, meeting):
        real(self, meeting)  # the meeting is written; then the next step fails
        raise StorageError("the disk is full: the last change was not saved; free space and retry")

    monkeypatch.setattr(MeetingCommands, "import_meeting", failing_import)
    assert main(["import", str(source), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "disk is full" in err
    assert listing(out) == []


def test_a_successful_import_into_a_new_portfolio_makes_it(tmp_path, source, capsys):
    db = tmp_path / "out" / "deep" / "p.sqlite"
    assert main(["import", str(source), "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "1"
    assert sorted(os.listdir(db.parent)) == ["p.sqlite"]
    assert main(["list", "--db", str(db)]) == 0
    assert "Q1 review" in capsys.readouterr().out
