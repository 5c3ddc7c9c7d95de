"""Importing a signed-off record (issue 10 §15): a sign-off before its meeting is refused with
nothing written; any other sign-off is kept as data, marked as imported, with what was signed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from factories import doc

from reviewdesk.cli import main
from reviewdesk.record.fingerprint import fingerprint
from reviewdesk.store.opening import open_portfolio

SIGNOFF = [
    {"name": "Cleo Client", "side": "client", "signed_at": "2026-03-31T17:00:00+02:00"},
    {"name": "Pat Provider", "side": "provider", "signed_at": "2026-03-31T15:00:00Z"},
]


def _import(tmp_path, capsys, document) -> tuple[int, str, str]:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    code = main(["import", str(source), "--db", str(tmp_path / "p.sqlite")])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize(
    "signed_at",
    [
        "2026-03-30T09:59:00+00:00",  # 23:59 on the 30th in UTC+14, where days begin first
        "2026-03-30T19:59:00+10:00",  # the same moment
        "2025-12-31T12:00:00+02:00",
    ],
)
def test_a_sign_off_before_its_meeting_is_refused_and_nothing_written(tmp_path, capsys, signed_at):
    signoff = [dict(SIGNOFF[0]), dict(SIGNOFF[1], signed_at=signed_at)]
    code, out, err = _import(tmp_path, capsys, doc(signoff=signoff))
    assert code == 2 and not out
    (line,) = err.strip().splitlines()
    assert line.startswith("import: signoff[1].signed_at: ") and "before the meeting's date" in line
    with open_portfolio(tmp_path / "p.sqlite") as portfolio:
        assert portfolio.meetings() == []


def test_a_sign_off_late_on_the_day_before_in_another_zone_is_the_meeting_day_somewhere(
    tmp_path, capsys
):
    """2026-03-30T10:00Z is 2026-03-31T00:00 in UTC+14: the meeting's day had begun there."""
    signoff = [dict(SIGNOFF[0]), dict(SIGNOFF[1], signed_at="2026-03-30T10:00:00Z")]
    code, _, err = _import(tmp_path, capsys, doc(signoff=signoff))
    assert code == 0, err


def test_an_imported_sign_off_is_kept_marked_and_bound_to_its_record(tmp_path, capsys):
    signoff = [
        *SIGNOFF,
        {"name": "Someone Absent", "side": "client", "signed_at": SIGNOFF[1]["signed_at"]},
    ]
    before = dt.datetime.now(dt.UTC)
    code, out, err = _import(tmp_path, capsys, doc(signoff=signoff))
    assert code == 0, err
    meeting_id = int(out)
    with open_portfolio(tmp_path / "p.sqlite") as portfolio:
        meeting = portfolio.meeting(meeting_id)
        assert [s.name for s in meeting.signoff] == [
            "Cleo Client",
            "Pat Provider",
            "Someone Absent",
        ]
        assert meeting.locked and meeting.signoff_imported
        assert before <= meeting.signoff_imported_at <= dt.datetime.now(dt.UTC)
        assert meeting.signed_fingerprint == fingerprint(meeting)
    # the dump is the file as imported: the mark is not part of the record
    main(["dump", str(meeting_id), "--db", str(tmp_path / "p.sqlite")])
    dumped = json.loads(capsys.readouterr().out)
    assert dumped["signoff"] == [dict(s, role="") for s in signoff]


def test_a_meeting_signed_here_is_not_marked_imported(tmp_path, capsys):
    code, out, _ = _import(tmp_path, capsys, doc())
    assert code == 0
    meeting_id = out.strip()
    db = str(tmp_path / "p.sqlite")
    assert (
        main(
            [
                "signoff",
                meeting_id,
                "--client",
                "Cleo Client",
                "--provider",
                "Pat Provider",
                "--db",
                db,
            ]
        )
        == 0
    )
    capsys.readouterr()
    with open_portfolio(tmp_path / "p.sqlite") as portfolio:
        meeting = portfolio.meeting(int(meeting_id))
        assert meeting.locked and not meeting.signoff_imported
        assert meeting.signed_fingerprint == fingerprint(meeting)
        portfolio.reopen(int(meeting_id), "typo")
        meeting = portfolio.meeting(int(meeting_id))
        assert meeting.signed_fingerprint is None and not meeting.signoff
