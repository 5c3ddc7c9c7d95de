"""`reviewdesk verify FILE.pdf` without a portfolio (issue 14): one line per check — signature,
signer, record, re-render — exit 0 only when all hold; every tamper case is named and fails."""

from __future__ import annotations

import io
import json

import pytest
from crafted import sample_portfolio
from signed_minutes import (
    append_update,
    change_visible_word,
    flip_byte,
    other_key,
    resign,
    swap_embedded_record,
    unsigned_part,
)

from reviewdesk.app.export import export_minutes
from reviewdesk.app.proof import check_minutes
from reviewdesk.cli import main
from reviewdesk.minutes import pades
from reviewdesk.minutes.pdf_read import PdfFile
from reviewdesk.minutes.render import CONTEXT_FILE, RECORD_FILE
from reviewdesk.store.opening import open_portfolio

CHECKS = ["signature", "signer", "record", "re-render"]


@pytest.fixture(scope="module")
def minutes(tmp_path_factory):
    """Signed minutes of the sample's signed-off review 3 and of its open review 4 (which has a
    private round not revealed yet), and the key that signed them."""
    folder = tmp_path_factory.mktemp("proof")
    db = sample_portfolio(folder)
    keys = folder / "keys"
    with open_portfolio(db) as portfolio:
        for meeting_id in (3, 4):
            export_minutes(portfolio, meeting_id, folder / f"m{meeting_id}.pdf", key_folder=keys)
    return {
        "db": db,
        "folder": folder,
        3: (folder / "m3.pdf").read_bytes(),
        4: (folder / "m4.pdf").read_bytes(),
        "keys": keys,
    }


def verify(capsys, path, *extra: str) -> tuple[int, dict[str, str]]:
    code = main(["verify", str(path), *extra])
    out, err = capsys.readouterr()
    assert not err and "Traceback" not in out
    lines = out.splitlines()
    checks = {}
    for line in lines:
        verdict, rest = line.split(maxsplit=1)
        name, message = rest.split(": ", 1)
        assert verdict in ("OK", "FAIL"), line
        checks[name] = f"{verdict} {message}"
    assert list(checks)[: len(CHECKS)] == CHECKS, lines
    assert code == (0 if all(v.startswith("OK ") for v in checks.values()) else 1)
    return code, checks


def failed(checks: dict[str, str]) -> set[str]:
    return {name for name, v in checks.items() if v.startswith("FAIL")}


def test_untouched_minutes_verify_by_themselves(minutes, tmp_path, capsys):
    path = tmp_path / "m.pdf"
    path.write_bytes(minutes[3])
    code, checks = verify(capsys, path)
    assert code == 0 and len(checks) == 4
    assert "covers the whole file" in checks["signature"]
    assert "Priya Raman" in checks["signer"] and "trust on first use" in checks["signer"]
    assert "every page footer" in checks["record"]
    assert "exactly the signed bytes" in checks["re-render"]


def test_the_signer_is_named_as_this_computers_key_or_the_given_one(minutes, tmp_path, capsys):
    from reviewdesk.app.keys import current_key

    path = tmp_path / "m.pdf"
    path.write_bytes(minutes[3])
    pem = tmp_path / "priya.pem"
    pem.write_bytes(current_key(minutes["keys"]).certificate_pem())
    code, checks = verify(capsys, path, "--key", str(pem))
    assert code == 0 and "the key given with --key" in checks["signer"]
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(other_key(tmp_path / "k2").certificate_pem())
    code, checks = verify(capsys, path, "--key", str(stranger))
    assert code == 1 and failed(checks) == {"signer"}


def test_one_flipped_byte_fails(minutes, tmp_path, capsys):
    path = tmp_path / "m.pdf"
    path.write_bytes(flip_byte(minutes[3]))
    code, checks = verify(capsys, path)
    assert code == 1 and "digest mismatch" in checks["signature"]
    assert "re-render" in failed(checks)


def test_an_appended_update_changing_a_visible_word_fails(minutes, tmp_path, capsys):
    path = tmp_path / "m.pdf"
    path.write_bytes(change_visible_word(minutes[3], b"Q3 2026", b"Q9 2026"))
    code, checks = verify(capsys, path)
    assert code == 1
    assert "does NOT cover the whole file" in checks["signature"]
    assert "page 1" in checks["signature"]  # says what the update changes


def test_a_swapped_embedded_record_fails(minutes, tmp_path, capsys):
    original = PdfFile(minutes[3]).embedded_files()[RECORD_FILE]
    edited = json.loads(original)
    edited["meeting"]["title"] = "Q3 partnership review (nothing to worry about)"
    path = tmp_path / "m.pdf"
    path.write_bytes(swap_embedded_record(minutes[3], json.dumps(edited).encode()))
    code, checks = verify(capsys, path)
    assert code == 1 and failed(checks) >= {"signature", "record"}
    assert "the embedded file meeting.json" in checks["signature"]
    assert "edited or swapped" in checks["record"]


def test_a_copy_signed_again_by_another_key_fails(minutes, tmp_path, capsys):
    path = tmp_path / "m.pdf"
    path.write_bytes(resign(minutes[3], other_key(tmp_path / "elsewhere")))
    code, checks = verify(capsys, path)
    assert code == 1 and "signer" in failed(checks)
    assert "NOT the key the minutes name" in checks["signer"]
    assert checks["signature"].startswith("OK")  # the new signature itself is sound


def test_a_record_edited_and_re_embedded_then_signed_again_fails(minutes, tmp_path, capsys):
    """The forger's whole route: take the record out, edit it, render and sign it with their
    own key named like the facilitator — then the printed key is theirs and everything holds,
    except that their key is not the one known (``--key``): only the fingerprint tells."""
    import pikepdf

    unsigned = unsigned_part(minutes[3])
    with pikepdf.open(io.BytesIO(unsigned)) as pdf:
        spec = pdf.attachments[RECORD_FILE]
        doc = json.loads(spec.get_file().read_bytes())
        doc["meeting"]["title"] = "Q3 review: all targets met"
        pdf.attachments[RECORD_FILE] = pikepdf.AttachedFileSpec(
            pdf, json.dumps(doc).encode(), filename=RECORD_FILE
        )
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    forger = other_key(tmp_path / "forger")
    forged = pades.sign_pdf(out.getvalue(), forger.private_key(), forger.certificate)
    path = tmp_path / "m.pdf"
    path.write_bytes(forged)
    code, checks = verify(capsys, path)
    assert code == 1 and {"signer", "record", "re-render"} <= failed(checks)


def test_minutes_of_another_portfolio_fail_against_this_one(minutes, tmp_path, capsys):
    other_db = tmp_path / "other.sqlite"
    from reviewdesk.app.demo import load_demo

    with open_portfolio(other_db) as portfolio:
        load_demo(portfolio)
    path = tmp_path / "m.pdf"
    path.write_bytes(minutes[4])
    code, checks = verify(capsys, path, "--db", str(other_db))
    assert code == 1 and failed(checks) == {"signer", "portfolio"}  # not its key, not its export
    # its own portfolio: exported there (the log has these bytes), though with a key that is not
    # this computer's — as after moving the portfolio to a new laptop
    code, checks = verify(capsys, path, "--db", str(minutes["db"]))
    assert code == 0 and "minutes of meeting 4" in checks["portfolio"]
    assert "export log" in checks["signer"]


def test_a_file_that_is_not_signed_minutes_fails_every_check(tmp_path, capsys):
    path = tmp_path / "m.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
    code, checks = verify(capsys, path)
    assert code == 1 and failed(checks) == set(CHECKS)


def test_an_update_that_only_adds_an_object_still_fails(minutes):
    data = append_update(minutes[3], {999: b"<< /Note (harmless?) >>"})
    proof = check_minutes(data)
    assert not proof.ok and proof.failed()[0].name == "signature"


def _ratings(doc: dict) -> list[dict]:
    return [r for s in doc["sections"] for q in s["questions"] for r in q.get("ratings", [])]


def test_unrevealed_private_ratings_are_not_in_the_minutes(minutes):
    """Review 4's named round is open: Nguyễn Văn An's 5 must not travel in the PDF."""
    files = PdfFile(unsigned_part(minutes[4])).embedded_files()
    record = json.loads(files[RECORD_FILE])
    context = json.loads(files[CONTEXT_FILE])
    for doc in (record, context["record"]):
        open_rounds = [i for i, r in enumerate(doc["rounds"]) if r["revealed_at"] is None]
        assert len(open_rounds) == 1  # the open round is there (who rates in it)…
        assert not any(r.get("round") == open_rounds[0] for r in _ratings(doc))  # …not its values
        assert any(r.get("round") is not None for r in _ratings(doc))  # the revealed round's are
        assert not any(r.get("person") == "Nguyễn Văn An" for r in _ratings(doc))
    assert check_minutes(minutes[4]).ok


def test_a_revealed_round_travels_whole(tmp_path):
    db = sample_portfolio(tmp_path)
    with open_portfolio(db) as portfolio:
        (round_id,) = portfolio.conn.execute(
            "SELECT id FROM rating_round WHERE meeting_id = 4 AND revealed_at IS NULL"
        ).fetchone()
        portfolio.reveal_round(round_id)
        export_minutes(portfolio, 4, tmp_path / "m.pdf", key_folder=tmp_path / "k")
    record = json.loads(PdfFile((tmp_path / "m.pdf").read_bytes()).embedded_files()[RECORD_FILE])
    named = [r for r in _ratings(record) if r.get("person") == "Nguyễn Văn An"]
    assert [r["value"] for r in named] == [5]


def test_a_whole_new_render_signed_by_another_key_is_caught_only_by_a_known_key(
    minutes, tmp_path, capsys
):
    """The limit README states: a forger's key named like the facilitator, printed on minutes
    rendered anew, passes the file's own checks (trust on first use) — but not --db (neither
    this computer's key nor bytes in the export log) nor --key with the real certificate."""
    from reviewdesk.app.keys import current_key
    from reviewdesk.minutes.render import render_context
    from reviewdesk.minutes.signoff import KeyMark

    forger = other_key(tmp_path / "forger")
    with open_portfolio(minutes["db"]) as portfolio:
        context = portfolio.minutes_context(3)
    pdf = render_context(context, key=KeyMark(forger.name, forger.fingerprint)).pdf
    path = tmp_path / "m.pdf"
    path.write_bytes(pades.sign_pdf(pdf, forger.private_key(), forger.certificate))
    code, checks = verify(capsys, path)
    assert code == 0 and "not a key known here" in checks["signer"]
    code, checks = verify(capsys, path, "--db", str(minutes["db"]))
    assert code == 1 and failed(checks) == {"signer"}
    real = tmp_path / "real.pem"
    real.write_bytes(current_key(minutes["keys"]).certificate_pem())
    code, checks = verify(capsys, path, "--key", str(real))
    assert code == 1 and failed(checks) == {"signer"}
