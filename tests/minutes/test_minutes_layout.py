"""Long records lay out across pages; output is byte-stable, valid and self-contained."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from minutes_support import (
    all_text,
    body_lines,
    flat,
    page_texts,
    png,
    reader,
    rich_doc,
    rich_meeting,
    sign,
)

from reviewdesk.minutes import fonts
from reviewdesk.minutes.render import render_minutes
from reviewdesk.record.exchange.meeting_format import parse_meeting

WORD = "".join(chr(ord("a") + i % 26) for i in range(500))  # 500 characters, no spaces


def long_doc() -> dict:
    d = rich_doc()
    lines = [f"Note line {i}: " + "lorem ipsum dolor sit amet " * (3 + i % 9) for i in range(800)]
    note = "\n".join(lines)[:100_000]
    d["sections"][0]["notes"] = note
    d["sections"][0]["questions"][0]["comment"] = f"before {WORD} after"
    d["sections"][1]["notes"] = "unbroken " + "x" * 30_000 + " tail"
    base_goal = d["goals"][1]
    d["goals"] = [dict(base_goal, title=f"Goal number {i}") for i in range(50)]
    d["goals"][7]["title"] = "Huge goal " + "target words " * 900
    d["goals"][7]["measure"] = "Scans counted by hand"
    base = d["actions"][0]
    d["actions"] = [dict(base, text=f"Action item {i}") for i in range(300)]
    d["actions"][3]["text"] = "Huge action " + "spelled out " * 2000
    d["actions"][4]["text"] = "Tall action\n" + "\n".join(f"row {i}" for i in range(400))
    d["participants"][0]["role"] = "Many hats " * 600
    return d


def long_meeting():
    return rich_meeting(doc=long_doc())


def test_long_content_flows_across_pages_and_every_item_extracts(tmp_path):
    meeting = long_meeting()
    result = render_minutes(meeting)
    pages = page_texts(result.pdf, tmp_path)
    assert result.pages == len(pages) > 30
    text = flat(" ".join(body_lines(pages)))
    squeezed = "".join(text.split())
    for i in range(300):
        assert f"Action item {i} " in text or i in (3, 4)
    for i in range(50):
        assert f"Goal number {i} " in text or i == 7
    # a huge cell continues over several rows, beside the item's other cells
    assert text.count("words") == 900
    assert text.count("spelled") == 2000
    assert all(f"row {i} " in text for i in range(400))
    assert WORD in squeezed
    assert "x" * 30_000 in squeezed
    assert "".join(meeting.sections[0].notes.split()) in squeezed
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in page


def test_the_table_header_repeats_on_a_continued_page(tmp_path):
    pages = page_texts(render_minutes(long_meeting()).pdf, tmp_path)
    action_pages = [p for p in pages if "Action item 150" in p or "Action item 250" in p]
    assert action_pages
    assert all("Action Owner Side Due Status" in flat(p) for p in action_pages)


def test_two_renders_are_byte_identical():
    first = render_minutes(rich_meeting(signed=True))
    second = render_minutes(rich_meeting(signed=True))
    assert first.pdf == second.pdf
    assert b"CreationDate" in first.pdf


def test_a_fresh_process_renders_the_same_bytes(tmp_path):
    d = rich_doc()
    here = render_minutes(rich_meeting(doc=d), fallback_fonts=fonts.no_fallback).pdf
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[2])\n"
        "from minutes_support import rich_meeting\n"
        "from reviewdesk.minutes.fonts import no_fallback\n"
        "from reviewdesk.minutes.render import render_minutes\n"
        "d = json.load(open(sys.argv[1]))\n"
        "pdf = render_minutes(rich_meeting(doc=d), fallback_fonts=no_fallback).pdf\n"
        "sys.stdout.buffer.write(pdf)\n"
    )
    (tmp_path / "doc.json").write_text(json.dumps(d))
    there = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "doc.json"), str(Path(__file__).parent)],
        capture_output=True,
        check=True,
        env={"TZ": "Pacific/Auckland", "PATH": "/usr/bin:/bin", "LANG": "C"},
    ).stdout
    assert here == there


def test_a_change_to_the_record_changes_the_output():
    meeting = rich_meeting(signed=True)
    before = render_minutes(meeting)
    meeting.sections[0].questions[0].comment += "!"
    after = render_minutes(meeting)
    assert after.fingerprint != before.fingerprint and after.pdf != before.pdf


def test_every_font_is_embedded_and_qpdf_finds_no_errors(tmp_path):
    meeting = rich_meeting(signed=True)
    meeting.sections[0].notes = "Bold in heading, italic guidance, mono fingerprint; Ελληνικά"
    path = tmp_path / "m.pdf"
    path.write_bytes(render_minutes(meeting).pdf)
    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    names = {row[0].split("+")[-1] for row in rows}
    assert {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSansMono"} <= names
    assert all(row[-5] == "yes" for row in rows), listing  # the 'emb' column
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_an_empty_meeting_renders(tmp_path):
    d = rich_doc(sections=[], goals=[], actions=[], participants=[])
    meeting = parse_meeting(d)
    result = render_minutes(meeting)
    text = all_text(result.pdf, tmp_path)
    assert "No agenda sections." in text and "No goals recorded." in text
    assert "Not signed off yet." in text and result.pages == 1


@pytest.mark.parametrize("cut", [20, 60])  # inside the header; inside the image data
def test_an_unreadable_signature_image_is_said_not_fatal(tmp_path, cut):
    meeting = rich_meeting()
    sign(meeting)
    meeting.signoff[0].signature_png = png(120, 40)[:cut]
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    assert "signature image could not be read" in text
    assert "Maren Holt" in text


def test_a_huge_signature_is_embedded_smaller_at_its_aspect_ratio():
    meeting = rich_meeting()
    sign(meeting)
    meeting.signoff[0].signature_png = png(3000, 600)
    pdf = reader(render_minutes(meeting).pdf)
    sizes = []
    for page in pdf.pages:
        for obj in page["/Resources"].get("/XObject", {}).values():
            image = obj.get_object()
            if image["/Subtype"] == "/Image":
                sizes.append((image["/Width"], image["/Height"]))
    assert (1200, 240) in sizes


def test_items_stay_whole_and_a_header_repeats_only_at_the_top_of_a_page(tmp_path):
    pages = page_texts(render_minutes(long_meeting()).pdf, tmp_path)
    group = re.compile(r"(New in this meeting|Carried over|Closed in this meeting) \(\d+\)$")
    continued = 0
    for page in pages:
        lines = body_lines([page])
        goals = [line for line in lines if re.match(r"Goal number \d+ ", line)]
        details = [line for line in lines if "Measure: Branches at 300 dpi" in line]
        assert len(goals) == len(details)  # a goal's detail line never leaves it
        for i, line in enumerate(lines):
            if line.startswith("Action Owner Side Due Status"):
                assert i == 0 or group.match(lines[i - 1].strip()), lines[i - 1]
                continued += i == 0
    assert continued >= 5


def test_the_pdf_dates_come_from_the_record_not_the_year_2000():
    signed = render_minutes(rich_meeting(signed=True)).pdf
    # the last signature closes the record: 15:09 UTC on 30 September 2026
    assert b"/CreationDate (D:20260930150900+00'00')" in signed
    assert b"/ModDate (D:20260930150900+00'00')" in signed
    draft_meeting = rich_meeting()
    draft = render_minutes(draft_meeting).pdf
    day = draft_meeting.date.strftime("%Y%m%d").encode()
    assert b"/CreationDate (D:" + day + b"000000+00'00')" in draft
    assert b"D:2000" not in signed + draft
