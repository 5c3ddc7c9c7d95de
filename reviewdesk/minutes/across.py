"""Across reviews: health over time, persistent gaps, follow-through and goals, review by review.

Every figure comes from ``reviewdesk.record.analytics`` on the history passed in, so the minutes
say exactly what the wrap-up screen says about the same reviews.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from reviewdesk import look
from reviewdesk.minutes import styles
from reviewdesk.minutes.blocks import Grid, Para, Plain, Raw, badge, coloured, paragraphs
from reviewdesk.minutes.fonts import SANS, SANS_BOLD
from reviewdesk.minutes.text import Markup, escape, shorten
from reviewdesk.minutes.trend_chart import trend_chart
from reviewdesk.record import analytics, chart
from reviewdesk.record.analytics import (
    FOLLOW_COLUMNS,
    FOLLOW_NOTE,
    NO_SIDE_WORDS,
    History,
    Trend,
    TrendPoint,
    age_text,
    on_time_text,
)
from reviewdesk.record.model import Meeting
from reviewdesk.record.wording import (
    average_text,
    coverage_text,
    date_short,
    gap_text,
    plural,
    side_text,
    status_text,
)

TITLE = "Across reviews"
SECTION_COLUMN = 32 * mm
REVIEW_COLUMN = 24 * mm  # at most: a few reviews are not stretched over the page
START_ROOM = 110 * mm
CURRENT_CHARS = 80  # a goal's 'current' value in its history line (in full in the goals table)
FIRST_REVIEW = (
    "This is the partnership's first review: trends and persistent perception gaps start with "
    "the next one."
)


def check_history(meeting: Meeting, history: History) -> None:
    """Refuse a history that does not end at this meeting (one line naming the problem)."""
    if meeting.id is None or not history.reviews:
        return
    last = history.reviews[-1].id
    if last != meeting.id:
        raise ValueError(
            f"history: ends at review {last}, not at this meeting ({meeting.id}); "
            "pass portfolio.history(partnership_id, upto_meeting_id=meeting.id)"
        )


def shows_history(history: History | None) -> bool:
    """Whether the minutes get the whole 'Across reviews' part: with an earlier review to compare.

    A partnership's first review gets only its follow-through and goals (see across_reviews).
    """
    return history is not None and len(history.reviews) > 1


def _pair(point: TrendPoint, *, bold: bool = False) -> Raw:
    """'C 3.2' over 'P 3.8' in the side colours ('–' for no rating)."""
    lines = [
        coloured(f"{letter} {average_text(value)}", look.side_colour(side), bold=bold)
        for letter, side, value in (
            ("C", "client", point.client),
            ("P", "provider", point.provider),
        )
    ]
    return Raw("<br/>".join(lines))


def _date_heads(dates: list[str], column: float) -> list[Raw]:
    """The reviews' dates, each on one line of its column, all in one face: bold at the table's
    size when the widest fits, else smaller, else regular."""
    room = column - 8.5  # the cell's padding
    for font, size in ((SANS_BOLD, styles.TABLE_SIZE), (SANS_BOLD, 7.5), (SANS, 7.5), (SANS, 7)):
        if all(stringWidth(date, font, size) <= room for date in dates):
            break
    return [Raw(f'<font name="{font}" size="{size}">{escape(date)}</font>') for date in dates]


def _scope(trend: Trend, history: History) -> str:
    shown, total = len(trend.reviews), len(history.reviews)
    before = "the one" if shown == 2 else f"the {shown - 1} reviews"
    text = f"This review ({date_short(trend.reviews[-1].date)}) and {before} before it"
    if total > shown:
        text += f"; {plural(total - shown, 'earlier review')} not shown"
    text += ". C = client average, P = provider average, each over the questions rated (1–5)."
    partial = [
        f"{date_short(p.review.date)} ({coverage_text(p.coverage)})"
        for p in trend.overall
        if p.partial
    ]
    if partial:
        text += f" Partial reviews, not wholly rated (hollow markers): {'; '.join(partial)}."
    return text


def health(mk: Markup, history: History, width: float) -> list[Flowable]:
    """The overall averages per review as a chart, then every section's averages as a table."""
    trend = analytics.trend(history, last=analytics.TREND_REVIEWS)
    out: list[Flowable] = [
        Paragraph("Health over time", styles.H2),
        Paragraph(_scope(trend, history), styles.SMALL),
        Spacer(1, 4),
        trend_chart(trend.overall, width),
        Spacer(1, 6),
    ]
    column = min(REVIEW_COLUMN, (width - SECTION_COLUMN) / len(trend.reviews))
    heads = _date_heads([label.full for label in chart.x_labels(trend.reviews)], column)
    grid = Grid(mk, ["Section", *heads], [width - column * len(heads), *[column] * len(heads)])
    for key, title in trend.sections:
        grid.add([title, *[_pair(p) for p in trend.by_section[key]]])
    first = grid.add([Raw("<b>All sections</b>"), *[_pair(p, bold=True) for p in trend.overall]])
    out.append(grid.table(("LINEABOVE", (0, first), (-1, first), 0.6, styles.MUTED)))
    return out


def gaps(mk: Markup, history: History) -> list[Flowable]:
    """Each question the sides saw 2+ apart in consecutive reviews, with how long it lasted."""
    found = analytics.persistent_gaps(history)
    head = Paragraph(f"Persistent perception gaps ({len(found)})", styles.H2)
    if not found:
        text = "No question was 2 or more points apart in two reviews in a row."
        return [CondPageBreak(20 * mm), KeepTogether([head, Paragraph(text, styles.BODY)])]
    out: list[Flowable] = [CondPageBreak(20 * mm), head]
    for gap in found:
        lead = badge(gap_text(gap.latest_gap)) + " "
        lead += f"<i>{mk(gap.section_title, italic=True)}</i>: "
        item = paragraphs(mk, gap.question_text, styles.INDENTED, styles.INDENTED_CONT, lead=lead)
        item.append(Para(escape(gap.describe()), styles.RUN_NOTE))
        out.append(KeepTogether(item))
    return out


def follow_through(mk: Markup, history: History, meeting: Meeting, width: float) -> list[Flowable]:
    """Per side: actions closed by their due date, open, overdue, and how old the open ones are."""
    per_side = analytics.follow_through(history, as_of=meeting.date)
    widths = [40 * mm, 16 * mm, 20 * mm, 52 * mm]
    grid = Grid(
        mk,
        list(FOLLOW_COLUMNS),
        [width - sum(widths), *widths],
    )
    for side, f in per_side.items():
        overdue = Plain(str(f.overdue), look.GAP, bold=True) if f.overdue else Plain("0")
        name = side_text(side) if side != analytics.NO_SIDE else NO_SIDE_WORDS
        grid.add(
            [
                Plain(name, look.SIDE_COLOURS.get(side, look.MUTED), bold=True),
                Plain(on_time_text(f)),
                Plain(str(f.open)),
                overdue,
                Plain(age_text(f.average_open_age_days)),
            ]
        )
    note = (
        FOLLOW_NOTE
        + f" Age: days since an open action was raised, as of {date_short(meeting.date)}."
    )
    head = Paragraph(f"Follow-through as of {date_short(meeting.date)}", styles.H2)
    # three rows and their key: one block, never a table on one page and its key on the next
    return [KeepTogether([head, grid.table(), Spacer(1, 2), Paragraph(note, styles.SMALL)])]


def _step(mk: Markup, date: str, status: str, current: str) -> str:
    colour = look.goal_status_colour(status)
    text = f"{escape(date)} " + coloured(mk(status_text(status), bold=True), colour, bold=True)
    value = shorten(current, CURRENT_CHARS)
    return text + (f" {mk(value)}" if value else "")


def goal_lines(mk: Markup, history: History) -> list[Flowable]:
    """Each goal's status and current value at every review that looked at it."""
    found = analytics.goal_histories(history)
    order = {r.id: i for i, r in enumerate(history.reviews)}
    found.sort(key=lambda g: (order[g.steps[0][0].id], g.goal_id))
    head = Paragraph(f"Goals over time ({len(found)})", styles.H2)
    if not found:
        return [CondPageBreak(20 * mm), KeepTogether([head, Paragraph("No goals.", styles.BODY)])]
    out: list[Flowable] = [CondPageBreak(20 * mm), head]
    for goal in found:
        steps = " → ".join(_step(mk, date_short(r.date), s, c) for r, s, c in goal.steps)
        item = paragraphs(mk, goal.title, styles.GOAL_TITLE)
        item.append(Para(steps, styles.RUN_NOTE))
        out.append(KeepTogether(item))
    return out


def across_reviews(
    mk: Markup, meeting: Meeting, history: History | None, width: float
) -> list[Flowable]:
    """The 'Across reviews' part (nothing without a history).

    A first review has nothing to compare: it says so, then gives its follow-through and goals.
    """
    if history is None:
        return []
    check_history(meeting, history)
    if not history.reviews:
        return []
    if not shows_history(history):
        out: list[Flowable] = [CondPageBreak(60 * mm), Paragraph(TITLE, styles.H1)]
        out.append(Paragraph(FIRST_REVIEW, styles.SMALL))
    else:  # the heading, the chart and the start of its table go together
        out = [CondPageBreak(START_ROOM), Paragraph(TITLE, styles.H1)]
        out += health(mk, history, width)
        out += gaps(mk, history)
    out += follow_through(mk, history, meeting, width)
    out += goal_lines(mk, history)
    return out
