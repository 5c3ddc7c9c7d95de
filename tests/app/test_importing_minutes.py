"""`reviewdesk import MINUTES.pdf` (issue 14): the record inside signed minutes comes into this
portfolio after they verify — with its signatures and its lock; twice adds nothing; minutes
that do not verify are refused in one line unless --unverified."""

from __future__ import annotations

import json

import pytest
from crafted import sample_portfolio
from signed_minutes import change_visible_word, other_key, resign

from reviewdesk.app.export import export_minutes
from reviewdesk.cli import main
from reviewdesk.record.exchange.meeting_format import CADENCE_KEYS
from reviewdesk.store.opening import open_portfolio


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("minutes")
    db = sample_portfolio(folder)
    with open_portfolio(db) as portfolio:
        for meeting_id in (3, 4):
            export_minutes(portfolio, meeting_id, folder / f"m{meeting_id}.pdf")
    return db, folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def dump(capsys, db, meeting_id) -> dict:
    code, out, _ = run(capsys, "dump", str(meeting_id), "--db", str(db))
    assert code == 0
    doc = json.loads(out)
    for key in CADENCE_KEYS:  # the partnership's setting, not part of the signed record
        doc["partnership"].pop(key, None)
    return doc


@pytest.mark.parametrize("meeting_id", [3, 4])
def test_export_then_import_into_an_empty_portfolio_gives_the_same_dump(
    exported, tmp_path, capsys, meeting_id
):
    db, folder = exported
    fresh = tmp_path / "fresh.sqlite"
    code, out, err = run(capsys, "import", str(folder / f"m{meeting_id}.pdf"), "--db", str(fresh))
    assert code == 0 and out.strip() == "1" and not err
    theirs, ours = dump(capsys, db, meeting_id), dump(capsys, fresh, 1)
    hidden = [i for i, r in enumerate(theirs.get("rounds", [])) if r["revealed_at"] is None]
    assert len(hidden) == (1 if meeting_id == 4 else 0)
    for s in theirs["sections"]:  # the open round's ratings never left the laptop
        for q in s["questions"]:
            kept = [r for r in q.get("ratings", []) if r.get("round") not in hidden]
            if len(kept) != len(q.get("ratings", [])):
                q["ratings"] = kept
    assert ours == theirs


def test_signatures_and_lock_come_along_and_twice_adds_nothing(exported, tmp_path, capsys):
    _, folder = exported
    fresh = tmp_path / "fresh.sqlite"
    pdf = folder / "m3.pdf"
    assert run(capsys, "import", str(pdf), "--db", str(fresh))[:2] == (0, "1\n")
    code, out, err = run(capsys, "import", str(pdf), "--db", str(fresh))
    assert code == 0 and out == "1\n" and "already in this portfolio as meeting 1" in err
    code, out, _ = run(capsys, "list", "--db", str(fresh))
    assert out.count("\n") == 1 and out.rstrip().endswith("signed_off")
    with open_portfolio(fresh) as portfolio:
        meeting = portfolio.meeting(1)
        assert meeting.locked and len(meeting.signoff) == 2
        assert meeting.signed_fingerprint is not None


def test_minutes_that_do_not_verify_are_refused_in_one_line(exported, tmp_path, capsys):
    _, folder = exported
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(change_visible_word((folder / "m3.pdf").read_bytes(), b"Q3", b"Q9"))
    fresh = tmp_path / "fresh.sqlite"
    code, out, err = run(capsys, "import", str(tampered), "--db", str(fresh))
    assert code == 2 and not out and len(err.strip().splitlines()) == 1
    assert "do not verify (signature:" in err and "nothing was imported" in err
    assert not fresh.exists()
    code, out, err = run(capsys, "import", str(tampered), "--db", str(fresh), "--unverified")
    assert code == 0 and out == "1\n"


def test_minutes_signed_again_by_another_key_are_refused(exported, tmp_path, capsys):
    _, folder = exported
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(resign((folder / "m3.pdf").read_bytes(), other_key(tmp_path / "k")))
    code, _, err = run(capsys, "import", str(copy), "--db", str(tmp_path / "fresh.sqlite"))
    assert code == 2 and "signer:" in err


def test_a_pdf_that_is_not_minutes_is_refused(tmp_path, capsys):
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, out, err = run(capsys, "import", str(path), "--db", str(tmp_path / "p.sqlite"))
    assert code == 2 and not out and err.count("\n") == 1
