"""The minutes are PDF/A-3b with the record inside (issue 14): pikepdf's PDF/A checker passes
the unsigned render, every font is an embedded subset, the record is an associated file with
relationship Source, and the same context gives the same bytes whatever the environment."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess

import pikepdf
import pytest
from minutes_support import rich_meeting

from reviewdesk.minutes.render import CONTEXT_FILE, RECORD_FILE, record_json, render_context
from reviewdesk.minutes.signoff import KeyMark
from reviewdesk.record.exchange.meeting_format import loads, parse_meeting
from reviewdesk.record.exchange.minutes_context import MinutesContext
from reviewdesk.record.fingerprint import fingerprint

KEY = KeyMark("Priya Raman", "AB12" * 16)


@pytest.fixture(scope="module")
def rendered():
    meeting = rich_meeting(signed=True)
    context = MinutesContext(meeting, None, "a4")
    return meeting, context, render_context(context, key=KEY)


def test_the_unsigned_minutes_pass_pikepdfs_pdfa_3b_check(rendered, tmp_path):
    from pikepdf import pdfa

    path = tmp_path / "m.pdf"
    path.write_bytes(rendered[2].pdf)
    report = pdfa.validate_written(path, "3b")
    assert report.passed, report.summary()


def test_qpdf_finds_nothing_wrong(rendered, tmp_path):
    assert shutil.which("qpdf"), "qpdf is needed for this check"
    path = tmp_path / "m.pdf"
    path.write_bytes(rendered[2].pdf)
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors found" in done.stdout


def test_every_font_is_an_embedded_subset(rendered):
    names = set()
    with pikepdf.open(io.BytesIO(rendered[2].pdf)) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                name = str(font.BaseFont)
                names.add(name)
                assert font.Subtype == pikepdf.Name.TrueType, name
                assert "/FontFile2" in font.FontDescriptor, f"{name} is not embedded"
                assert re.fullmatch(r"/[A-Z]{6}\+DejaVuSans(-Bold|-Oblique|Mono)?", name), name
    assert "/AAAAAA+DejaVuSansMono" in names  # the fingerprints' font


def test_the_record_is_embedded_as_the_source_and_the_context_as_a_supplement(rendered):
    meeting, context, result = rendered
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        associated = {str(spec.F): spec for spec in pdf.Root.AF}
        assert set(associated) == {RECORD_FILE, CONTEXT_FILE}
        assert associated[RECORD_FILE].AFRelationship == pikepdf.Name.Source
        assert associated[CONTEXT_FILE].AFRelationship == pikepdf.Name.Supplement
        files = {name: f.get_file().read_bytes() for name, f in pdf.attachments.items()}
        assert pdf.attachments[RECORD_FILE].obj.EF.F.Subtype == pikepdf.Name("/application/json")
    assert files[RECORD_FILE] == record_json(meeting)  # `reviewdesk dump`, as signed
    assert fingerprint(parse_meeting(loads(files[RECORD_FILE]))) == result.fingerprint
    assert json.loads(files[CONTEXT_FILE]) == json.loads(context.canonical())


def test_the_same_context_gives_the_same_bytes_whatever_the_environment(rendered, monkeypatch):
    _, context, result = rendered
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # reportlab would date by it
    again = render_context(context, key=KEY)
    assert again.pdf == result.pdf
    assert b"D:20000101000000" in again.pdf


def test_the_xmp_says_what_the_information_dictionary_says(rendered):
    _, _, result = rendered
    with pikepdf.open(io.BytesIO(result.pdf)) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "B"
        assert str(pdf.docinfo.Keywords) == meta["pdf:Keywords"]
        assert result.fingerprint in meta["pdf:Keywords"]
        assert str(pdf.docinfo.Title) == meta["dc:title"]
