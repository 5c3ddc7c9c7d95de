"""Forged and outdated minutes do not verify (issue 10 §15, §16): verify re-renders the minutes
from the portfolio and compares bytes, reads the fingerprint from the PDF itself, and checks
that a signed-off record is still the one that was signed."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest
from crafted import copy_of, sample_portfolio

from reviewdesk.app.export import export_minutes
from reviewdesk.cli import main
from reviewdesk.minutes.pdf_read import PdfFile
from reviewdesk.store.opening import open_portfolio

SIGNERS = ["--client", "Maren Holt", "--provider", "Lourdes Dela Cruz"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample portfolio and the minutes of each of its four reviews."""
    folder = tmp_path_factory.mktemp("sample")
    path = sample_portfolio(folder)
    pdfs = {}
    with open_portfolio(path) as portfolio:
        for meeting_id in (1, 2, 3, 4):
            pdfs[meeting_id] = folder / f"m{meeting_id}.pdf"
            key_folder = folder / "xdg" / "reviewdesk" / "keys"
            export_minutes(portfolio, meeting_id, pdfs[meeting_id], key_folder=key_folder)
    return path, pdfs


@pytest.fixture(autouse=True)
def _this_computers_key(sample, monkeypatch):
    """The computer that exported the sample is the one verifying it: its key is known."""
    monkeypatch.setenv("XDG_DATA_HOME", str(sample[0].parent / "xdg"))


@pytest.fixture
def db(sample, tmp_path):
    return copy_of(sample[0], tmp_path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def verify(capsys, pdf, db) -> tuple[int, str]:
    """Exit code and what verify --db said: the portfolio's line when all holds, else every
    line. One line per check on standard output, each OK or FAIL; nothing on standard error."""
    code, out, err = run(capsys, "verify", str(pdf), "--db", str(db))
    lines = out.splitlines()
    assert not err and lines and all(line.startswith(("OK   ", "FAIL ")) for line in lines), out
    assert [line.split(":")[0].split()[-1] for line in lines][-1] == "portfolio", out
    if code == 0:
        assert all(line.startswith("OK   ") for line in lines), out
        return code, lines[-1].replace("OK   portfolio: ", "OK: ", 1)
    assert code == 1 and any(line.startswith("FAIL ") for line in lines), (code, out)
    return code, out


def sql(db, *statements: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_untouched_minutes_verify(sample, db, capsys):
    _, pdfs = sample
    for meeting_id, pdf in pdfs.items():
        code, line = verify(capsys, pdf, db)
        assert code == 0 and line.startswith(f"OK: minutes of meeting {meeting_id} ")
    _, line = verify(capsys, pdfs[3], db)
    assert "by Maren Holt (Client) and Lourdes Dela Cruz (Provider)." in line
    assert "Signed off elsewhere; imported into this portfolio on" in line
    assert "DRAFT" in verify(capsys, pdfs[4], db)[1]


def test_a_signed_record_edited_with_sqlite3_neither_exports_nor_verifies(sample, db, capsys):
    _, pdfs = sample
    sql(
        db,
        "UPDATE question SET comment = 'all fine' WHERE section_id IN "
        "(SELECT id FROM section WHERE meeting_id = 3)",
    )
    code, line = verify(capsys, pdfs[3], db)
    assert code == 1 and "meeting 3 changed after this PDF was exported" in line
    target = db.parent / "new.pdf"
    code, out, err = run(capsys, "export", "3", "-o", str(target), "--db", str(db))
    assert code == 2 and "meeting 3 was changed after it was signed off" in err
    assert not target.exists() and len(err.strip().splitlines()) == 1


def test_an_edit_with_its_fingerprint_rewritten_still_fails_on_the_old_pdf(sample, db, capsys):
    """A forger who also rewrites the kept fingerprint gets a new PDF, never the old one."""
    _, pdfs = sample
    sql(db, "UPDATE section SET notes = 'forged' WHERE meeting_id = 3")
    with open_portfolio(db) as portfolio:
        from reviewdesk.record.fingerprint import fingerprint

        forged = fingerprint(portfolio.meeting(3))
    sql(db, f"UPDATE signoff SET fingerprint = '{forged}' WHERE meeting_id = 3")
    code, line = verify(capsys, pdfs[3], db)
    assert code == 1 and "meeting 3 changed" in line


def test_a_forged_export_log_row_verifies_nothing(sample, db, capsys):
    _, pdfs = sample
    text = db.parent / "minutes.pdf"
    text.write_text("These minutes say whatever I like.\n")
    for forged in (text, pdfs[2]):
        digest = hashlib.sha256(forged.read_bytes()).hexdigest()
        sql(
            db,
            "INSERT INTO export_log (meeting_id, pdf_sha256, fingerprint, exported_at) "
            f"SELECT 3, '{digest}', fingerprint, '2026-11-30T10:00:00+00:00' FROM signoff "
            "WHERE meeting_id = 3",
        )
    code, line = verify(capsys, text, db)
    assert code == 1 and "not reviewdesk minutes" in line
    # meeting 2's minutes claimed for meeting 3: they are still meeting 2's
    code, line = verify(capsys, pdfs[2], db)
    assert code == 0 and "meeting 2 " in line


def test_a_text_file_with_a_copied_fingerprint_does_not_verify(sample, db, capsys):
    _, pdfs = sample
    data = pdfs[3].read_bytes()
    start = data.index(b"/Fingerprint (")
    fake = db.parent / "fake.pdf"
    fake.write_bytes(b"%PDF-1.4\nForged page text\n" + data[start : start + 80] + b"\n%%EOF\n")
    digest = hashlib.sha256(fake.read_bytes()).hexdigest()
    sql(
        db,
        "INSERT INTO export_log (meeting_id, pdf_sha256, fingerprint, exported_at) "
        f"SELECT 3, '{digest}', fingerprint, '2026-11-30T10:00:00+00:00' FROM signoff "
        "WHERE meeting_id = 3",
    )
    code, line = verify(capsys, fake, db)
    assert code == 1 and "FAIL signature: not signed" in line
    assert "FAIL portfolio: " in line and "not signed" in line.split("FAIL portfolio: ")[1]


@pytest.mark.parametrize("where", [b"Q3 2026", b"/Fingerprint (", b"/MinutesDigest ("])
def test_a_changed_byte_is_found(sample, db, capsys, where):
    _, pdfs = sample
    data = bytearray(pdfs[3].read_bytes())
    at = data.index(where) + len(where) if where.startswith(b"/") else len(data) // 2
    data[at] = ord("0") if data[at] != ord("0") else ord("1")
    changed = db.parent / "changed.pdf"
    changed.write_bytes(bytes(data))
    code, _ = verify(capsys, changed, db)
    assert code == 1


def test_minutes_showing_averages_that_no_longer_exist_do_not_verify(sample, db, capsys):
    """§16: an earlier review reopened and re-rated changes the later minutes' history part."""
    _, pdfs = sample
    assert run(capsys, "reopen", "2", "--reason", "ratings swapped", "--db", str(db))[0] == 0
    assert verify(capsys, pdfs[3], db)[0] == 0  # reopening alone changes nothing it shows
    with open_portfolio(db) as portfolio:
        section = portfolio.meeting(2).sections[0]
        question = section.questions[0]
        rating = 1 if question.client_rating != 1 else 5
        portfolio.set_rating(2, section.key, question.key, "client", rating)
    code, line = verify(capsys, pdfs[3], db)
    assert code == 1 and "Across reviews" in line and "record is the same" in line
    code, line = verify(capsys, pdfs[2], db)
    assert code == 1 and "meeting 2 changed" in line


def test_an_amendment_after_the_export_is_found(sample, db, capsys):
    _, pdfs = sample
    assert run(capsys, "reopen", "3", "--reason", "typo", "--db", str(db))[0] == 0
    assert run(capsys, "signoff", "3", *SIGNERS, "--db", str(db))[0] == 0
    code, line = verify(capsys, pdfs[3], db)
    assert code == 1 and "meeting 3 changed" in line
    fresh = db.parent / "fresh.pdf"
    assert run(capsys, "export", "3", "-o", str(fresh), "--db", str(db))[0] == 0
    code, line = verify(capsys, fresh, db)
    assert code == 0 and "Signed off on" in line and "elsewhere" not in line


def test_minutes_verify_without_the_export_log(sample, db, capsys):
    """The log is only a lead: a signed-off meeting is found through its kept fingerprint."""
    _, pdfs = sample
    sql(db, "DELETE FROM export_log")
    assert verify(capsys, pdfs[3], db)[0] == 0
    code, line = verify(capsys, pdfs[4], db)  # a draft has only the log to find it by
    assert code == 1 and "no meeting of this portfolio has the record fingerprint" in line


def test_letter_minutes_verify_and_say_their_paper(sample, db, capsys, tmp_path):
    letter = tmp_path / "letter.pdf"
    assert (
        run(capsys, "export", "1", "-o", str(letter), "--paper", "letter", "--db", str(db))[0] == 0
    )
    assert b"/Paper (letter)" in letter.read_bytes()
    assert verify(capsys, letter, db)[0] == 0


def test_minutes_of_a_meeting_deleted_since(sample, db, capsys, tmp_path):
    _, pdfs = sample
    other = tmp_path / "other.sqlite"
    shutil.copyfile(db, other)
    sql(other, "PRAGMA foreign_keys = ON", "DELETE FROM meeting WHERE id = 4")
    code, line = verify(capsys, pdfs[4], other)
    assert code == 1 and "no meeting of this portfolio" in line


def test_the_partnerships_cadence_is_not_part_of_what_was_signed(sample, db, capsys, tmp_path):
    """The tier and review interval are the partnership's current settings: changing them later
    leaves its signed reviews (and their minutes) as they were."""
    _, pdfs = sample
    with open_portfolio(db) as portfolio:
        pid = portfolio.meeting(3).partnership.id
        portfolio.set_cadence(pid, "strategic", 2)
    assert verify(capsys, pdfs[3], db)[0] == 0
    fresh = tmp_path / "fresh.pdf"
    assert run(capsys, "export", "3", "-o", str(fresh), "--db", str(db))[0] == 0
    # the same record and context inside (the fresh export is signed with this test's key)
    embedded = [PdfFile(p.read_bytes()).embedded_files() for p in (fresh, pdfs[3])]
    assert embedded[0] == embedded[1]
    code, out, _ = run(capsys, "dump", "3", "--db", str(db))
    assert code == 0 and '"tier": "strategic"' in out  # the file still says it
