"""The minutes' signature (issue 14): one incremental update after the unchanged render, covering
the whole file; pyHanko's validator and poppler's pdfsig both call it valid, and both see one
flipped byte."""

from __future__ import annotations

import subprocess

import pytest
from minutes_support import rich_meeting
from signed_minutes import append_update, flip_byte, pdfsig, pyhanko_status

from reviewdesk.app.keys import signing_key
from reviewdesk.minutes import pades
from reviewdesk.minutes.render import render_context
from reviewdesk.minutes.signoff import KeyMark
from reviewdesk.record.exchange.minutes_context import MinutesContext


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    key = signing_key("Priya Raman", tmp_path_factory.mktemp("keys"))
    context = MinutesContext(rich_meeting(signed=True), None, "a4")
    unsigned = render_context(context, key=KeyMark(key.name, key.fingerprint)).pdf
    return key, unsigned, pades.sign_pdf(unsigned, key.private_key(), key.certificate)


def test_the_signature_is_an_incremental_update_after_the_unchanged_render(signed):
    _, unsigned, pdf = signed
    assert pdf.startswith(unsigned)
    update = pdf[len(unsigned) :]
    assert update.count(b"%%EOF") == 1 and update.count(b"\nxref\n") == 1
    # Info and XMP as rendered: neither is written again
    assert b"/Type /Metadata" not in update and b"/Producer" not in update


def test_pyhanko_finds_it_intact_valid_and_covering_the_whole_file(signed):
    from pyhanko.sign.validation.pdf_embedded import SignatureCoverageLevel

    key, _, pdf = signed
    status = pyhanko_status(pdf, key.certificate)
    assert status.intact and status.valid
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.subject.native["common_name"] == "Priya Raman"


def test_pyhanko_sees_a_flipped_byte(signed):
    key, _, pdf = signed
    status = pyhanko_status(flip_byte(pdf), key.certificate)
    assert not status.intact


def test_pdfsig_calls_the_untouched_file_valid_and_totally_signed(signed, tmp_path):
    path = tmp_path / "m.pdf"
    path.write_bytes(signed[2])
    report = pdfsig(path)
    assert "Signature is Valid" in report, report
    assert "Total document signed" in report, report
    assert "Signer Certificate Common Name: Priya Raman" in report


def test_pdfsig_reports_a_digest_mismatch_for_one_flipped_byte(signed, tmp_path):
    path = tmp_path / "m.pdf"
    path.write_bytes(flip_byte(signed[2]))
    report = pdfsig(path)
    assert "Digest Mismatch" in report, report


def test_pdfsig_sees_an_update_appended_after_signing(signed, tmp_path):
    path = tmp_path / "m.pdf"
    path.write_bytes(append_update(signed[2], {1: b"<< /Hello (world) >>"}))
    report = pdfsig(path)
    assert "Total document signed" not in report, report


def test_qpdf_reads_the_signed_file_cleanly(signed, tmp_path):
    path = tmp_path / "m.pdf"
    path.write_bytes(signed[2])
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_reading_the_signature_back(signed):
    key, unsigned, pdf = signed
    found = pades.read_signature(pdf)
    assert found is not None and found.covered_end == len(pdf)
    assert pades.unsigned_part(pdf, found) == unsigned
    cert, problem = pades.check_cms(found)
    assert problem is None and cert is not None and cert.der == key.certificate
    assert pades.update_problem(pdf, found, cert.common_name) is None


def test_a_flipped_byte_is_a_digest_mismatch(signed):
    found = pades.read_signature(flip_byte(signed[2]))
    _, problem = pades.check_cms(found)
    assert problem is not None and "digest mismatch" in problem


def test_an_unsigned_pdf_has_no_signature(signed):
    assert pades.read_signature(signed[1]) is None


def test_pyhanko_sees_an_update_appended_after_signing(signed):
    from pyhanko.sign.validation.pdf_embedded import SignatureCoverageLevel

    key, _, pdf = signed
    status = pyhanko_status(append_update(pdf, {1: b"<< /Hello (world) >>"}), key.certificate)
    assert status.intact and status.coverage != SignatureCoverageLevel.ENTIRE_FILE
