"""The wrap-up's "Scorecard and register" card: red/amber/green counts and the reds, the register's
new, carried and closed entries, and where the numbers and the people disagree."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from reviewdesk import look
from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.model import Meeting
from reviewdesk.record.scorecard_summary import entered, rag_counts, reds, register_groups
from reviewdesk.record.wording import plural
from reviewdesk.ui import style
from reviewdesk.ui.meeting.pages.perception import PerceptionNotice
from reviewdesk.ui.meeting.session import Change, MeetingSession
from reviewdesk.ui.widgets.cards import Card, rich, section_heading

WATCHED = (Change.MEASURES, Change.REGISTER, Change.SIGNOFF)
LIST_LIMIT = 6


def _span(text: str, colour: str, *, bold: bool = False) -> str:
    weight = "; font-weight:600" if bold else ""
    return f'<span style="color:{colour}{weight}">{text}</span>'


def scorecard_html(meeting: Meeting) -> str:
    """'4 measures · 3 with a value', the counts in words, then each red measure."""
    measures = meeting.measures
    if not measures:
        return _span("No service levels on this review.", look.MUTED)
    counts = rag_counts(measures)
    parts = [f"{plural(len(measures), 'measure')} · {entered(measures)} with a value"]
    for rag in ("green", "amber", "red"):
        if counts[rag]:
            parts.append(
                _span(f"{counts[rag]} {words.rag_text(rag)}", look.rag_colour(rag), bold=True)
            )
    if counts["none"]:
        parts.append(f"{counts['none']} not judged")
    lines = [" · ".join(parts)]
    for m in reds(measures):
        target = (
            f"{'≥' if m.direction == 'higher' else '≤'} {words.measure_value(m.target, m.unit)}"
        )
        lines.append(
            f"{_span(words.rag_text('red'), look.rag_colour('red'), bold=True)} "
            f"{escape(m.name)}: {escape(words.measure_value(m.value, m.unit))} "
            f"{_span(f'(target {escape(target)})', look.MUTED)}"
        )
    return "<br>".join(lines)


def register_html(meeting: Meeting) -> str:
    """The register's new, carried and closed entries."""
    groups = register_groups(meeting)
    blocks = []
    for title, entries, with_age in (
        ("New", groups.new, False),
        ("Carried over", groups.carried, True),
        ("Closed in this review", groups.closed, False),
    ):
        blocks.append(f"<b>{title} ({len(entries)})</b>")
        if not entries:
            blocks.append(f'<p style="color:{look.MUTED}; margin:0">none</p>')
            continue
        items = []
        for e in entries[:LIST_LIMIT]:
            about = f"{words.kind_text(e.kind)} · {words.severity_text(e.severity)}"
            if with_age:
                about += f" · {words.entry_age_text(e, meeting.date)}"
            kind = _span(about, look.MUTED)
            items.append(f"<li>{escape(e.title)} {kind}</li>")
        more = len(entries) - LIST_LIMIT
        if more > 0:
            items.append(f'<li style="color:{look.MUTED}">… and {more} more on the Register</li>')
        blocks.append(f"<ul style='margin:0'>{''.join(items)}</ul>")
    return "".join(blocks)


class ScorecardWrapUp(Card):
    """Scorecard and register side by side, the perception flags under them."""

    def __init__(self, session: MeetingSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.body.addWidget(section_heading("Scorecard and register"))
        row = QHBoxLayout()
        style.scaled(row, spacing=16)
        columns = []
        for title in ("Service levels", "Register"):
            column = QVBoxLayout()
            column.addWidget(section_heading(title))
            content = rich(title)
            column.addWidget(content)
            column.addStretch(1)
            row.addLayout(column, 1)
            columns.append(content)
        self.scorecard, self.register = columns
        self.body.addLayout(row)
        self.flags = PerceptionNotice(session, None)
        self.body.addWidget(self.flags)
        session.changed.connect(self._changed)
        self.reload()

    def reload(self) -> None:
        meeting = self.session.meeting
        self.scorecard.setText(scorecard_html(meeting))
        self.register.setText(register_html(meeting))

    def _changed(self, change: Change) -> None:
        if change in WATCHED:
            self.reload()
