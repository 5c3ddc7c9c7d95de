"""The head of the minutes: title block, attendees, and each agenda section."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from reviewdesk import look
from reviewdesk.minutes import styles
from reviewdesk.minutes.blocks import Grid, Raw, coloured, h1, h2, paragraphs
from reviewdesk.minutes.ratings import rating_notes, ratings_markup
from reviewdesk.minutes.text import Markup
from reviewdesk.record.model import SIDES, Meeting, Section
from reviewdesk.record.wording import (
    DRAFT_TEXT,
    NO_VALUE,
    date_long,
    moment_text,
    section_time_text,
    side_text,
    signed_off_text,
)


def title_block(mk: Markup, meeting: Meeting, width: float) -> list[Flowable]:
    """Partnership, service, title, date, location, facilitator, status and amendments."""
    p = meeting.partnership
    out: list[Flowable] = [Paragraph("Partnership review minutes", styles.LABEL)]
    out += paragraphs(mk, meeting.title, styles.TITLE)
    pair = (
        coloured(mk(p.client), look.CLIENT, bold=True)
        + " ↔ "
        + coloured(mk(p.provider), look.PROVIDER, bold=True)
    )
    out.append(Paragraph(pair, styles.PAIR))
    grid = Grid(mk, None, [28 * mm, width - 28 * mm])
    for label, value in (
        ("Service", p.service or NO_VALUE),
        ("Date", date_long(meeting.date)),
        ("Location", meeting.location or NO_VALUE),
        ("Facilitator", meeting.facilitator or NO_VALUE),
    ):
        grid.add([Raw(f'<font color="{look.MUTED}">{label}</font>'), value], rule=False)
    out.append(grid.table())
    out.append(Spacer(1, 4))
    if meeting.locked:
        out += paragraphs(mk, signed_off_text(meeting), styles.BODY)
    else:
        out.append(Paragraph(DRAFT_TEXT + ": these minutes may still change.", styles.NOTICE))
    for reopening in meeting.reopenings:
        lead = f"<b>Amended after sign-off on {moment_text(reopening.reopened_at)}:</b> "
        out += paragraphs(mk, reopening.reason, styles.AMENDED, lead=lead)
        if reopening.voided:
            voided = "Signatures voided: " + ", ".join(reopening.voided) + "."
            out += paragraphs(mk, voided, styles.SMALL)
    return out


def attendees(mk: Markup, meeting: Meeting) -> list[Flowable]:
    """Attendees by side, present then absent, with their roles."""
    out: list[Flowable] = [*h1("Attendees")]
    if not meeting.participants:
        out.append(Paragraph("No attendees recorded.", styles.BODY))
    for side in SIDES:
        people = [p for p in meeting.participants if p.side == side]
        if not people:
            continue
        head = coloured(mk(side_text(side), bold=True), look.side_colour(side), bold=True)
        out += h2(head)
        for present, word in ((True, "Present"), (False, "Absent")):
            group = [p for p in people if p.present == present]
            if group:
                names = "; ".join(f"{p.name} ({p.role})" if p.role else p.name for p in group)
                lead = f'<font color="{look.MUTED}">{word}:</font> '
                out += paragraphs(mk, names, styles.BODY, lead=lead)
    return out


def section_part(
    mk: Markup, number: int, section: Section, width: float, meeting: Meeting | None = None
) -> list[Flowable]:
    """A section: guidance, each question with both ratings and comment, notes, decisions."""
    out: list[Flowable] = []
    heading = paragraphs(mk, f"{number}. {section.title}", styles.H1)
    spent = section_time_text(section.seconds_spent, section.timebox_minutes)
    if spent:
        heading.append(Paragraph(mk(spent), styles.SMALL))
    if section.guidance:
        heading += paragraphs(mk, " ".join(section.guidance.split()), styles.GUIDANCE)
    out += [CondPageBreak(40 * mm), KeepTogether(heading)]
    if section.questions:
        grid = Grid(mk, ["Question", "Ratings"], [width - 60 * mm, 60 * mm])
        for q in section.questions:
            grid.add([q.text, ratings_markup(q)])
            notes = rating_notes(mk, meeting, section.key, q) if meeting else None
            if notes:  # the rounds that rated it; who gave which value (named ratings only)
                grid.add([notes], styles.COMMENT, rule=False, span=True)
            if q.comment:
                lead = f'<font color="{look.MUTED}">Comment:</font> '
                grid.add([q.comment], styles.COMMENT, lead=lead, rule=False, span=True)
        out.append(grid.table())
    else:
        out.append(Paragraph("No questions in this section.", styles.SMALL))
    if section.notes.strip():
        out += h2("Notes")
        out += paragraphs(mk, section.notes, styles.BODY, styles.CONT)
    if section.decisions:
        out += h2("Decisions")
        for d in section.decisions:
            out += paragraphs(mk, d.text, styles.INDENTED, styles.INDENTED_CONT, lead="■ ")
    return out
