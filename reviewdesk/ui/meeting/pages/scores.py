"""People's scores as the window shows them after the reveal: each side's mean, raters and
lowest–highest in its colour, the gap badge and the split-view flag (words, never colour alone).

What may be shown is decided once, in ``record/reveal.py``; hidden ratings never reach here.
"""

from __future__ import annotations

from html import escape

from reviewdesk import look
from reviewdesk.record.model import Meeting, Question
from reviewdesk.record.reveal import SideView, shown_splits, side_views, split_sides
from reviewdesk.record.wording import gap_text, split_heading, split_text
from reviewdesk.ui.widgets.history_panels import gap_badge


def _span(text: str, colour: str, *, bold: bool = False) -> str:
    weight = "; font-weight:600" if bold else ""
    return f'<span style="color:{colour}{weight}">{text}</span>'


def split_badge(sides: list[str]) -> str:
    """'Split view: Client' as a white-on-amber badge, as in the minutes (the words say it)."""
    text = escape(split_text(sides)).replace(" ", "&nbsp;")
    return (
        f'<span style="background:{look.AMBER}; color:{look.WHITE}; font-weight:600;">'
        f"&nbsp;{text}&nbsp;</span>"
    )


def side_html(view: SideView) -> str:
    return _span(escape(view.text()), look.side_colour(view.side), bold=True)


def flags_html(question: Question, *, gap: bool = True) -> str:
    """The gap badge (unless not ``gap``) and the split-view flag, or ''."""
    flags = []
    if gap and question.has_gap:
        flags.append(gap_badge(question.gap or 0))
    sides = split_sides(question)
    if sides:
        flags.append(split_badge(sides))
    return " ".join(flags)


def scores_html(question: Question, *, gap: bool = True) -> str:
    """'Client 3 (2 people, 2–4) · Provider 4.7 (3 people, 4–5)' in the sides' colours, then
    the flags (the gap badge only when ``gap``: a question card shows its own)."""
    text = " · ".join(side_html(v) for v in side_views(question))
    if f := flags_html(question, gap=gap):
        text += " &nbsp;" + f
    return text


def scores_words(question: Question, *, gap: bool = True) -> str:
    """The same in plain words, for an accessible name."""
    words = [v.text() for v in side_views(question)]
    if gap and question.has_gap:
        words.append(gap_text(question.gap or 0))
    sides = split_sides(question)
    if sides:
        words.append(split_text(sides))
    return ", ".join(words)


def splits_html(meeting: Meeting) -> str:
    """The split views, each with its question, for the wrap-up ('' when there are none)."""
    splits = shown_splits(meeting)
    if not splits:
        return ""
    items = [f"<p><b>{escape(split_heading(len(splits)))}</b></p>"]
    for section, q, sides in splits:
        title = escape(section.title)
        items.append(
            f"<p>{split_badge(sides)} {escape(q.text)}<br>{scores_html(q, gap=False)} "
            f'<span style="color:{look.MUTED}">· {title}</span></p>'
        )
    return "".join(items)
