"""The scorecard and the register in the minutes: each service level with its target, amber
threshold, value, red/amber/green in words and a small trend (``record.chart.measure_spec``, as
the window draws it); where the numbers and the people disagree; the register's new, carried
and closed entries with both sides' views side by side.

Every word comes from ``record.scorecard_wording``, every figure from ``record`` — the wrap-up
screen says the same about the same review. User text is escaped by ``Markup``.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, PolyLine
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from reviewdesk import look
from reviewdesk.minutes import styles
from reviewdesk.minutes.blocks import Grid, Plain, Raw, coloured, h1, h2, paragraphs
from reviewdesk.minutes.fonts import SANS, SANS_BOLD
from reviewdesk.minutes.text import Markup
from reviewdesk.minutes.trend_chart import _marker, _stroke
from reviewdesk.record import chart
from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.analytics import History
from reviewdesk.record.model import Meeting
from reviewdesk.record.rules import perception_vs_performance
from reviewdesk.record.scorecard import Measure, RegisterEntry
from reviewdesk.record.scorecard_summary import (
    measure_points,
    previous_value,
    rag_counts,
    register_groups,
)
from reviewdesk.record.wording import NO_VALUE, side_text

SPARK_W, SPARK_H = 17 * mm, 6 * mm
NUMBER_COLUMNS = (13 * mm, 17 * mm, 17 * mm, 17 * mm, 19 * mm, 19 * mm, SPARK_W + 4)
# Unit, target, amber and value widen to a long unit or number (never split inside it) while the
# measure's name keeps at least this much of the line.
GROWING = 4
MEASURE_MIN = 40 * mm
CELL_PAD = 8  # a table cell's left and right padding (points)
NO_VIEW = "no view given"


def spark(spec: chart.TrendSpec, width: float = SPARK_W, height: float = SPARK_H) -> Drawing:
    """A measure's trend the size of a word: its line, the target dashed, the last value marked."""
    drawing = Drawing(width, height)
    n = len(spec.labels)
    pad = 2.5

    def x_at(i: int) -> float:
        return width / 2 if n == 1 else pad + i * (width - 2 * pad) / (n - 1)

    def y_at(value: float) -> float:
        return pad + spec.fraction(value) * (height - 2 * pad)

    if spec.target is not None:
        y = y_at(spec.target)
        drawing.add(
            Line(
                pad,
                y,
                width - pad,
                y,
                strokeColor=colors.HexColor(look.TARGET),
                strokeWidth=0.6,
                strokeDashArray=[d * 0.6 for d in chart.TARGET_DASH],
            )
        )
    for line in spec.lines:
        stroke = {**_stroke(line), "strokeWidth": 0.9}
        for run in line.runs():
            if len(run) > 1:
                coords = [c for i in run for c in (x_at(i), y_at(line.values[i]))]  # type: ignore[arg-type]
                drawing.add(PolyLine(coords, **stroke))
        known = [i for i, v in enumerate(line.values) if v is not None]
        if known:
            last = known[-1]
            drawing.add(_marker(line, x_at(last), y_at(line.values[last]), 3.2))  # type: ignore[arg-type]
    return drawing


def _number(value: float | None) -> str:
    return words.measure_number(value) if value is not None else NO_VALUE


def _bound(value: float | None, m: Measure) -> str:
    """'≥ 95' (the unit has its own column)."""
    return words.bound_text(value, m.direction) if value is not None else NO_VALUE


def scorecard(
    mk: Markup, meeting: Meeting, history: History | None, width: float
) -> list[Flowable]:
    """Each measure: unit, target, amber threshold, value, RAG word, change and trend; the
    counts; then perception versus performance."""
    measures = meeting.measures
    out: list[Flowable] = [*h1(f"Scorecard ({len(measures)})")]
    if not measures:
        out.append(Paragraph("No service levels recorded.", styles.BODY))
        return out
    points = measure_points(history, meeting)
    columns = _columns(measures, width)
    grid = Grid(
        mk,
        ["Measure", "Unit", "Target", "Amber", "Value", "Status", "Since last", "Trend"],
        [width - sum(columns), *columns],
    )
    for m in measures:
        mp = points.get(m.id or 0, [])
        spec = chart.measure_spec(mp, m.name, m.unit, m.target, meeting.id)
        previous = previous_value(mp)
        change = words.measure_change(previous, m.value, m.direction) or NO_VALUE
        rag = Plain(
            words.rag_text(m.rag, has_value=m.value is not None),
            look.rag_colour(m.rag) if m.rag else look.MUTED,
            bold=bool(m.rag),
        )
        grid.add(
            [
                m.name,
                Plain(m.unit or NO_VALUE),
                Plain(_bound(m.target, m)),
                Plain(_bound(m.amber, m)),
                Plain(_number(m.value), bold=True),
                rag,
                Plain(change, look.GAP if "worse" in change else None),
                spark(spec),
            ]
        )
        details = [
            f"{label}: {' '.join(text.split())}"
            for label, text in (("Note", m.note), ("About", m.description))
            if text.strip()
        ]
        reported = words.reported_by_text(m.side)
        line = " · ".join([*details, *([reported] if reported else [])])
        if line:
            grid.add([line], styles.DETAIL, rule=False, span=True)
    out.append(grid.table())
    counts = rag_counts(measures)
    out.append(Paragraph(mk(words.rag_counts_text(counts)), styles.SMALL))
    out += perception(mk, meeting)
    return out


def _columns(measures: list[Measure], width: float) -> list[float]:
    """The widths of the columns after the measure's name: the unit as wide as its longest
    word, target, amber and value as their longest number (up to what leaves the name
    ``MEASURE_MIN``), the rest fixed."""
    columns = list(NUMBER_COLUMNS)
    texts = [
        [(word, SANS) for m in measures for word in (m.unit or NO_VALUE).split()],  # wraps
        [(_bound(m.target, m), SANS) for m in measures],
        [(_bound(m.amber, m), SANS) for m in measures],
        [(_number(m.value), SANS_BOLD) for m in measures],
    ]
    wanted = [
        max([columns[i], *(stringWidth(t, f, styles.TABLE_SIZE) + CELL_PAD + 1 for t, f in col)])
        for i, col in enumerate(texts)
    ]
    spare = width - MEASURE_MIN - sum(columns)
    grown = columns[:GROWING]
    for i in (3, 1, 2, 0):  # the value first, the unit (which wraps between words) last
        if 0 < wanted[i] - grown[i] <= spare:  # a column too narrow still splits: all or none
            spare -= wanted[i] - grown[i]
            grown[i] = wanted[i]
    return [*grown, *columns[GROWING:]]


def perception(mk: Markup, meeting: Meeting) -> list[Flowable]:
    """Sections where a side's score and the linked service levels disagree."""
    flags = perception_vs_performance(meeting)
    out: list[Flowable] = [*h2(f"{words.PERCEPTION_TITLE} ({len(flags)})")]
    if not flags:
        out.append(
            Paragraph("No section where the ratings and the service levels disagree.", styles.BODY)
        )
    for flag in flags:
        out += paragraphs(
            mk, words.perception_flag_text(flag), styles.INDENTED, styles.INDENTED_CONT, lead="⚑ "
        )
    return out


def _view(mk: Markup, text: str) -> Raw | str:
    return text if text.strip() else Raw(f'<font color="{look.MUTED}"><i>{NO_VIEW}</i></font>')


def _entry_head(mk: Markup, e: RegisterEntry, meeting: Meeting) -> Raw:
    about = [words.kind_text(e.kind), f"severity {words.severity_text(e.severity).lower()}"]
    if e.kind == "risk" and e.likelihood:
        about.append(f"likelihood {words.likelihood_text(e.likelihood).lower()}")
    about.append(words.register_status_text(e.status))
    if e.owner_side:
        about.append(f"owner {side_text(e.owner_side)}")
    about.append(words.entry_age_text(e, meeting.date))
    muted = f'<font color="{look.MUTED}">{mk(" · ".join(about))}</font>'
    return Raw(f"<b>{mk(e.title, bold=True)}</b> — {muted}")


def register(mk: Markup, meeting: Meeting, width: float) -> list[Flowable]:
    """New, carried over and closed entries, each with both sides' views side by side."""
    groups = register_groups(meeting)
    out: list[Flowable] = [*h1(f"Register ({len(meeting.register)})")]
    if not meeting.register:
        out.append(Paragraph("No risks, issues or escalations on the register.", styles.BODY))
        return out
    for title, entries in (
        ("New in this review", groups.new),
        ("Carried over", groups.carried),
        ("Closed in this review", groups.closed),
    ):
        out += h2(f"{title} ({len(entries)})")
        if not entries:
            out.append(Paragraph("None.", styles.SMALL))
            continue
        grid = Grid(
            mk,
            [
                coloured(mk("Client's view", bold=True), look.CLIENT, bold=True),
                coloured(mk("Provider's view", bold=True), look.PROVIDER, bold=True),
            ],
            [width / 2, width / 2],
        )
        for e in entries:
            grid.add([_entry_head(mk, e, meeting)], span=True)
            grid.add([_view(mk, e.client_view), _view(mk, e.provider_view)], rule=False)
            details = [
                f"{label}: {' '.join(text.split())}"
                for label, text in (
                    ("Agreed cause", e.cause),
                    ("Next step", e.next_step),
                    ("Actions", "; ".join(e.actions)),
                    ("Agreed", e.agreed),
                )
                if text.strip()
            ]
            if details:
                grid.add([" · ".join(details)], styles.DETAIL, rule=False, span=True)
        out.append(grid.table())
    return out
