"""A question's ratings in the minutes: each side's score (mean, raters, lowest–highest), the
gap and split-view flags, the private rounds that rated it and, for named ratings only, who gave
which value. What may be shown is decided in ``record/reveal.py``: a round not revealed yet
shows no value ("hidden until the reveal"); an anonymous side of fewer than 3 its mean only.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph

from reviewdesk import look
from reviewdesk.minutes import styles
from reviewdesk.minutes.blocks import Raw, badge, coloured, paragraphs
from reviewdesk.minutes.text import Markup, escape
from reviewdesk.record.model import RATED_SIDES, Meeting, Question
from reviewdesk.record.reveal import (
    has_people,
    round_notes,
    shown_splits,
    side_views,
    split_sides,
)
from reviewdesk.record.wording import (
    NOT_RATED,
    gap_text,
    rated_privately_text,
    rating_text,
    side_text,
    split_heading,
    split_text,
)


def split_badge(sides: list[str]) -> Raw:
    return badge(escape(split_text(sides)).replace(" ", "\u00a0"), look.AMBER)


def ratings_markup(
    q: Question, *, with_gap: bool = True, with_split: bool = True, inline: bool = False
) -> Raw:
    """'Client 4 · Provider 2' in the side colours ('not rated' for none), with the people's
    count and spread where people rated ('Client 3 (2 people, 2–4)', one side a line unless
    ``inline``), then the gap badge and the split-view flag."""
    # the words are escaped too: a rating is a number only when the record's rules held
    people = has_people(q)
    if people:
        views = side_views(q)
        words = [(v.side, v.text()) for v in views]
        rated = True
    else:  # whole-side ratings: as they always were, the values as given
        words = [(side, f"{side_text(side)} {rating_text(q.rating(side))}") for side in RATED_SIDES]
        rated = any(q.rating(side) is not None for side in RATED_SIDES)
        inline = True
    if rated:
        parts = [coloured(escape(w), look.side_colour(side), bold=True) for side, w in words]
        text = (" · " if inline else "<br/>").join(parts)
    else:
        text = f'<font color="{look.MUTED}">{NOT_RATED}</font>'
    flags = []
    if with_gap and q.has_gap:
        flags.append(badge(gap_text(q.gap or 0)))
    sides = split_sides(q) if with_split and people else []
    if sides:
        flags.append(split_badge(sides))
    if flags:
        text += ("  " if inline else "<br/>") + " ".join(flags)
    return Raw(text)


def rating_notes(mk: Markup, meeting: Meeting, section_key: str, q: Question) -> Raw | None:
    """'Rated privately by 5 people, revealed at 10:05 UTC.' for each round that rated the
    question, and the named ratings by side ('Client: Ana Reyes 2, Cem Aydin 4.'); None when
    nobody rated it in person."""
    sentences = [
        escape(rated_privately_text(n.people, n.round.anonymous, n.round.revealed_at)) + "."
        for n in round_notes(meeting, section_key, q)
    ]
    for view in side_views(q):
        if view.people:
            names = ", ".join(f"{mk(name)} {value}" for name, value in view.people)
            side = escape(side_text(view.side))
            lead = coloured(f"{side}:", look.side_colour(view.side), bold=True)
            sentences.append(f"{lead} {names}.")
    if not sentences:
        return None
    return Raw(f'<font color="{look.MUTED}">{" ".join(sentences)}</font>')


def split_views(mk: Markup, meeting: Meeting) -> list[Flowable]:
    """The summary's list of split views, each with its question (nothing when there are none)."""
    splits = shown_splits(meeting)
    if not splits:
        return []
    head = Paragraph(escape(split_heading(len(splits))), styles.H2)
    items: list[Flowable] = []
    for section, q, sides in splits:
        scores = ratings_markup(q, with_gap=False, with_split=False, inline=True)
        lead = split_badge(sides) + " " + scores + " — "
        lead += f"<i>{mk(section.title, italic=True)}</i>: "
        items += paragraphs(mk, q.text, styles.INDENTED, styles.INDENTED_CONT, lead=lead)
    return [CondPageBreak(20 * mm), KeepTogether([head, *items[:1]]), *items[1:]]
