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
from reviewdesk.record.model import GAP_THRESHOLD, GOAL_STATUSES, Meeting
from reviewdesk.record.rules import (
    goals_by_status,
    overall_scores,
    perception_gaps,
    section_score,
)
from reviewdesk.record.wording import NO_VALUE, average_text, gap_text, plural, status_text


def _gap_cell(client: float | None, provider: float | None) -> Raw:
    """The gap between the two averages as printed, so the row adds up (2.8 − 2.5 = 0.3)."""
    if client is None or provider is None:
        return Raw(NO_VALUE)
    gap = abs(float(average_text(client)) - float(average_text(provider)))
    text = average_text(gap)
    return badge(gap_text(text)) if gap >= GAP_THRESHOLD else Raw(text)


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
            ],
            [width - 96 * mm, 32 * mm, 32 * mm, 32 * mm],
        )
        for score in scores:
            grid.add(
                [
                    score.title,
                    Plain(average_text(score.client), client_hex),
                    Plain(average_text(score.provider), provider_hex),
                    _gap_cell(score.client, score.provider),
                ]
            )
        client, provider = overall_scores(meeting.sections)
        first = grid.add(
            [
                Raw("<b>All sections</b>"),
                Plain(average_text(client), client_hex, bold=True),
                Plain(average_text(provider), provider_hex, bold=True),
                _gap_cell(client, provider),
            ]
        )
        out.append(grid.table(("LINEABOVE", (0, first), (-1, first), 0.6, styles.MUTED)))
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
    out += h2("In numbers")
    out.append(Paragraph(" · ".join([*counts, goals]), styles.BODY))
    return out
