"""What the minutes say: every part of the record, in order, on every page."""

from __future__ import annotations

import re

import pytest
from minutes_support import (
    SIGNATURE_SIZES,
    all_text,
    flat,
    page_texts,
    pypdf_text,
    reader,
    reopened,
    rich_meeting,
)
from pypdf.generic import ContentStream

import reviewdesk
from reviewdesk.minutes.render import render_minutes
from reviewdesk.record.fingerprint import fingerprint
from reviewdesk.record.smart import missing_letters

DRAFT = "DRAFT — not signed off"


def record_strings(meeting):
    """Every name, title, comment, note line, decision, goal and action text of a meeting."""
    p = meeting.partnership
    out = [p.client, p.provider, p.service, meeting.title, meeting.location, meeting.facilitator]
    out += [x.name for x in meeting.participants] + [x.role for x in meeting.participants]
    for s in meeting.sections:
        out += [s.title, s.guidance, *s.notes.splitlines()]
        out += [q.text for q in s.questions] + [q.comment for q in s.questions if q.comment]
        out += [d.text for d in s.decisions]
    out += [g.title for g in meeting.goals] + [g.current for g in meeting.goals]
    out += [g.target for g in meeting.goals]
    out += [a.text for a in meeting.actions] + [a.owner for a in meeting.actions]
    out += [s.name for s in meeting.signoff]
    return [x for x in out if x]


@pytest.mark.parametrize("signed", [False, True])
def test_every_part_of_the_record_appears_in_the_extracted_text(tmp_path, signed):
    meeting = rich_meeting(signed=signed)
    pdf = render_minutes(meeting).pdf
    poppler, pypdf = all_text(pdf, tmp_path), pypdf_text(pdf)
    for expected in record_strings(meeting):
        assert flat(expected) in poppler, expected
        assert flat(expected) in pypdf, expected


def test_the_parts_come_in_the_agreed_order(tmp_path):
    meeting = rich_meeting(signed=True)
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    marks = [
        meeting.title,
        "Attendees",
        "Summary",
        "Perception gaps",
        "1. Trust",
        "2. Teamwork",
        "SMART goals",
        "Action items",
        "Sign-off",
        fingerprint(meeting),
    ]
    positions = [text.find(m) for m in marks]
    assert -1 not in positions, dict(zip(marks, positions, strict=True))
    assert positions == sorted(positions)


def test_title_block_names_both_sides_service_date_place_and_facilitator(tmp_path):
    text = all_text(render_minutes(rich_meeting()).pdf, tmp_path)
    head = text[: text.find("Attendees")]
    for expected in (
        "Harbourline Freight ↔ Cebu DataWorks",
        "Customs data entry",
        "Q3 partnership review",
        "30 September 2026",
        "Room Kestrel",
        "Priya Raman",
    ):
        assert expected in head


def test_attendees_are_grouped_by_side_and_presence(tmp_path):
    text = all_text(render_minutes(rich_meeting()).pdf, tmp_path)
    part = text[text.find("Attendees") : text.find("Summary")]
    client, provider, facilitator = (part.find(w) for w in ("Client", "Provider", "Facilitator"))
    assert 0 <= client < provider < facilitator
    assert re.search(r"Present: Maren Holt \(Head of Operations\).*Absent: Tomasz Wojcik", part)
    assert re.search(r"Present: Lourdes Dela Cruz.*Absent: Ana Bautista", part)


def test_ratings_show_both_sides_and_a_dash_for_a_missing_one(tmp_path):
    text = all_text(render_minutes(rich_meeting()).pdf, tmp_path)
    sections = text[text.find("1. Trust") :]
    assert "Was each side open about problems? Client 2 · Provider 5 Gap 3" in sections
    assert "Did bad news arrive early? Client – · Provider 3" in sections
    assert "Client 4 · Provider 4" in sections


def test_summary_lists_section_averages_gaps_and_counts(tmp_path):
    meeting = rich_meeting()
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    summary = text[text.find("Summary") : text.find("1. Trust")]
    # Trust: client 2 (one rating), provider (5+3)/2 = 4, gap 2
    assert "Trust 2.0 4.0 Gap 2.0 1 of 2" in summary  # one question rated by one side only
    assert "Teamwork 4.0 4.0 0.0 1 of 1" in summary
    # A partial review says so under its averages.
    assert "2 of 3" in summary[summary.find("All sections") :]
    assert "Partial review: 2 of 3 questions rated; the averages cover those only." in summary
    assert "Client" in summary and "Provider" in summary  # the chart's legend
    gaps = summary[summary.find("Perception gaps") :]
    assert "Gap 3" in gaps and "Was each side open about problems?" in gaps
    assert "Does the provider feel like part of the team?" not in gaps
    assert "2 decisions" in summary
    assert "1 new action" in summary
    assert "1 closed action" in summary
    assert "2 goals (1 on track, 1 off track)" in summary


def test_sections_carry_guidance_notes_and_decisions(tmp_path):
    text = all_text(render_minutes(rich_meeting()).pdf, tmp_path)
    trust = text[text.find("1. Trust") : text.find("2. Teamwork")]
    assert trust.index("Share worries") < trust.index("Was each side open")
    assert "Comment: Client learnt of the outage late." in trust
    assert "Peak season plan shared early. Second line of trust notes." in trust
    assert trust.index("Notes") < trust.index("Decisions") < trust.index("Send the backlog")


def test_newlines_in_notes_become_line_breaks(tmp_path):
    pages = page_texts(render_minutes(rich_meeting()).pdf, tmp_path)
    lines = [line.strip() for page in pages for line in page.splitlines()]
    assert "Peak season plan shared early." in lines
    assert "Second line of trust notes." in lines


def test_goals_show_status_target_due_smart_gaps_and_change(tmp_path):
    meeting = rich_meeting()
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    goals = text[text.find("SMART goals") : text.find("Action items")]
    first, second = meeting.goals
    row1 = goals[goals.find(first.title) : goals.find(second.title)]
    row2 = goals[goals.find(second.title) :]
    assert missing_letters(first) == []
    assert "On track" in row1 and "98.6% / target 99%" in row1 and "31 Dec 2026" in row1
    assert "complete" in row1
    assert "at risk → on track; current 97.1% → 98.6%" in row1
    assert "Off track" in row2 and "11 branches / target 14 branches" in row2
    assert "missing " + ", ".join(missing_letters(second)) in row2
    assert "new this review" in row2


def test_actions_are_grouped_and_overdue_ones_say_so(tmp_path):
    meeting = rich_meeting()
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    part = text[text.find("Action items") : text.find("Sign-off")]
    new = part[part.find("New in this meeting (1)") : part.find("Carried over")]
    carried = part[part.find("Carried over (2)") : part.find("Closed in this meeting")]
    closed = part[part.find("Closed in this meeting (1)") :]
    assert "Publish the escalation ladder Lourdes Dela Cruz Provider 15 Oct 2026 Open" in new
    assert "OVERDUE" not in new  # due after the meeting date
    assert "Push scanner settings to all branches" in carried
    assert "15 Aug 2026 OVERDUE" in carried and "carried 2 reviews" in carried
    assert "Draft the SLA annex" in closed and "Done" in closed
    assert "OVERDUE" not in closed  # done is never overdue


def test_sign_off_lists_signers_with_time_and_the_fingerprint_in_monospace(tmp_path):
    meeting = rich_meeting(signed=True)
    result = render_minutes(meeting)
    assert result.fingerprint == fingerprint(meeting)
    text = all_text(result.pdf, tmp_path)
    part = text[text.find("Sign-off") :]
    assert (
        "Maren Holt Client · Head of Operations Signed 30 September 2026, 17:05 UTC+02:00" in part
    )
    assert "Lourdes Dela Cruz Provider · Account Manager" in part
    assert "Priya Raman Facilitator" in part and "no drawn signature" in part
    mono = []
    last = reader(result.pdf).pages[-1]
    last.extract_text(
        visitor_text=lambda t, cm, tm, font, size: (
            mono.append(t) if font and "DejaVuSansMono" in str(font.get("/BaseFont")) else None
        )
    )
    assert result.fingerprint in "".join(mono)


def drawn_images(page):
    """(width, height) of each image XObject as drawn on the page (from the 'cm' before 'Do')."""
    xobjects = page["/Resources"].get("/XObject", {})
    images = {n for n, x in xobjects.items() if x.get_object()["/Subtype"] == "/Image"}
    sizes, matrix = [], None
    for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
        if op == b"cm":
            matrix = [float(v) for v in operands]
        elif op == b"Do" and operands[0] in images:
            sizes.append((matrix[0], matrix[3]))
    return sizes


def test_signature_images_keep_their_aspect_ratio():
    result = render_minutes(rich_meeting(signed=True))
    sizes = [s for page in reader(result.pdf).pages for s in drawn_images(page)]
    expected = sorted(w / h for w, h in SIGNATURE_SIZES.values())
    assert sorted(w / h for w, h in sizes) == pytest.approx(expected, rel=0.01)


def test_every_page_says_draft_until_signed_off(tmp_path):
    draft = render_minutes(rich_meeting())
    pages = page_texts(draft.pdf, tmp_path)
    assert len(pages) == draft.pages >= 2
    assert all(DRAFT in flat(page) for page in pages)
    signed = render_minutes(rich_meeting(signed=True))
    assert all("DRAFT" not in page for page in page_texts(signed.pdf, tmp_path))
    assert "Signed off on 30 September 2026" in all_text(signed.pdf, tmp_path)


def test_reopenings_are_stated_as_amendments(tmp_path):
    meeting = reopened(rich_meeting(signed=True), "Goal target corrected to 99%")
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    assert (
        "Amended after sign-off on 2 October 2026, 09:00 UTC: Goal target corrected to 99%" in text
    )


def test_every_page_has_the_footer_with_page_n_of_m_and_fingerprint_prefix(tmp_path):
    result = render_minutes(rich_meeting(signed=True))
    pages = page_texts(result.pdf, tmp_path)
    assert len(pages) == result.pages
    for number, page in enumerate(pages, start=1):
        footer = (
            "Harbourline Freight ↔ Cebu DataWorks — Q3 partnership review — "
            f"page {number} of {len(pages)}"
        )
        assert footer in flat(page)
        assert result.fingerprint[:16] in page


def test_metadata_names_creator_author_subject_and_fingerprint():
    meeting = rich_meeting(signed=True)
    result = render_minutes(meeting)
    meta = reader(result.pdf).metadata
    assert meta["/Creator"] == f"reviewdesk {reviewdesk.__version__}"
    assert meta["/Author"] == "Priya Raman"
    assert "Q3 partnership review" in meta["/Title"]
    assert "2026-09-30" in meta["/Subject"]
    assert meta["/Fingerprint"] == result.fingerprint == fingerprint(meeting)
    assert result.fingerprint in meta["/Keywords"]


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_size_is_a4_or_letter(paper, size):
    page = reader(render_minutes(rich_meeting(), paper=paper).pdf).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


@pytest.mark.parametrize("paper", ["A5", "", "legal"])
def test_other_paper_is_refused_with_a_one_line_error(paper):
    with pytest.raises(ValueError, match=r"^paper: .* is not a4 or letter$"):
        render_minutes(rich_meeting(), paper=paper)


def test_averages_round_halves_up_and_the_gap_adds_up(tmp_path):
    from reviewdesk.record.model import Question

    meeting = rich_meeting()
    teamwork = meeting.section("teamwork")
    teamwork.questions = [
        Question(key=f"q{i}", text=f"Question {i}?", client_rating=c, provider_rating=p)
        for i, (c, p) in enumerate([(2, 3), (2, 3), (2, 3), (3, 4)])
    ]  # client 9/4 = 2.25, provider 13/4 = 3.25
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    summary = text[text.find("Summary") : text.find("1. Trust")]
    assert "Teamwork 2.3 3.3 1.0" in summary  # not 2.2 and 3.2 (Python's half-to-even)


def test_counts_are_singular_for_one(tmp_path):
    meeting = rich_meeting()
    meeting.goals = meeting.goals[:1]
    text = all_text(render_minutes(meeting).pdf, tmp_path)
    numbers = text[text.find("In numbers") :]
    assert "1 goal (1 on track)" in numbers and "1 goals" not in text
    assert "1 new action" in numbers and "1 closed action" in numbers
