"""The summary: section averages (table and chart), perception gaps and counts."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from reviewdesk import look
from reviewdesk.minutes import styles
from reviewdesk.minutes.blocks import Grid, Plain, Raw, badge, coloured, h1, h2, paragraphs
from reviewdesk.minutes.chart import section_chart
from reviewdesk.minutes.ratings import ratings_markup, split_views
from reviewdesk.minutes.text import Markup
from reviewdesk.record.model import GAP_THRESHOLD, GOAL_STATUSES, Coverage, Meeting
from reviewdesk.record.rules import (
    coverage,
    goals_by_status,
    overall_scores,
    perception_gaps,
    section_score,
)
from reviewdesk.record.wording import (
    NO_VALUE,
    average_text,
    gap_text,
    meeting_time_text,
    partial_note,
    plural,
    status_text,
)


def _gap_cell(client: float | None, provider: float | None) -> Raw:
    """The gap between the two averages as printed, so the row adds up (2.8 − 2.5 = 0.3)."""
    if client is None or provider is None:
        return Raw(NO_VALUE)
    gap = abs(float(average_text(client)) - float(average_text(provider)))
    text = average_text(gap)
    return badge(gap_text(text)) if gap >= GAP_THRESHOLD else Raw(text)


def _rated_cell(covered: Coverage, *, bold: bool = False) -> Plain:
    """'3 of 8' questions rated by both sides, amber while the part is not wholly rated."""
    text = f"{covered.rated} of {covered.questions}"
    return Plain(text, look.AMBER, bold=True) if covered.partial else Plain(text, bold=bold)


def summary(mk: Markup, meeting: Meeting, width: float) -> list[Flowable]:
    """Averages per section as a table and a chart, the gaps list and the counts."""
    out: list[Flowable] = [*h1("Summary")]
    scores = [section_score(s) for s in meeting.sections]
    client_hex, provider_hex = look.CLIENT, look.PROVIDER
    if scores:
        grid = Grid(
            mk,
            [
                "Section",
                coloured("Client average", client_hex, bold=True),
                coloured("Provider average", provider_hex, bold=True),
                "Gap",
                "Rated",
            ],
            [width - 112 * mm, 35 * mm, 35 * mm, 20 * mm, 22 * mm],
        )
        for section, score in zip(meeting.sections, scores, strict=True):
            grid.add(
                [
                    score.title,
                    Plain(average_text(score.client), client_hex),
                    Plain(average_text(score.provider), provider_hex),
                    _gap_cell(score.client, score.provider),
                    _rated_cell(coverage([section])),
                ]
            )
        client, provider = overall_scores(meeting.sections)
        whole = coverage(meeting.sections)
        first = grid.add(
            [
                Raw("<b>All sections</b>"),
                Plain(average_text(client), client_hex, bold=True),
                Plain(average_text(provider), provider_hex, bold=True),
                _gap_cell(client, provider),
                _rated_cell(whole, bold=True),
            ]
        )
        out.append(grid.table(("LINEABOVE", (0, first), (-1, first), 0.6, styles.MUTED)))
        if whole.partial:  # the averages above cover the rated questions only: say so
            out.append(Spacer(1, 3))
            out.append(Paragraph(mk(partial_note(whole), bold=True), styles.SMALL))
        out.append(Spacer(1, 6))
        labels = [mk.plain(s.title) for s in scores]
        out.append(section_chart(scores, labels, width))
    else:
        out.append(Paragraph("No agenda sections.", styles.BODY))

    gaps = perception_gaps(meeting)
    head = Paragraph(f"Perception gaps ({len(gaps)})", styles.H2)
    if not gaps:
        none = Paragraph("No question where the sides differ by 2 or more.", styles.BODY)
        out.append(KeepTogether([head, none]))
    else:
        items: list[Flowable] = []
        for section, q in gaps:
            scores = ratings_markup(q, with_gap=False, with_split=False, inline=True)
            lead = badge(gap_text(q.gap)) + " " + scores + " — "
            lead += f"<i>{mk(section.title, italic=True)}</i>: "
            items += paragraphs(mk, q.text, styles.INDENTED, styles.INDENTED_CONT, lead=lead)
        out += [CondPageBreak(20 * mm), head, *items]

    out += split_views(mk, meeting)

    counts = [
        plural(len(meeting.decisions), "decision"),
        plural(len(meeting.new_actions), "new action"),
        plural(len(meeting.closed_actions), "closed action"),
    ]
    by_status = goals_by_status(meeting.goals)
    goal_parts = [f"{by_status[s]} {status_text(s)}" for s in GOAL_STATUSES if by_status.get(s)]
    goals = plural(len(meeting.goals), "goal") + (
        f" ({', '.join(goal_parts)})" if goal_parts else ""
    )
    spent = meeting_time_text(sum(s.seconds_spent for s in meeting.sections))
    out += h2("In numbers")
    out.append(Paragraph(" · ".join([*counts, goals, *([spent] if spent else [])]), styles.BODY))
    return out
