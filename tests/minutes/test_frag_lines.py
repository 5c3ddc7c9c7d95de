"""Paragraphs with line breaks: ``frag_lines`` breaks them exactly as reportlab's own code does.

``verify`` re-renders a record and compares bytes, so everything reportlab's ``breakLines``
returns or leaves behind (the lines, their fragments, the fragment words that become the
paragraph's fragments, what a split hands to its two parts) must be the same, object for
object and float for float. Each test runs reportlab's ``Paragraph`` and our ``Para`` side by
side and compares their whole state.
"""

from __future__ import annotations

import math
import pickle
from io import BytesIO

import pytest
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table

from reviewdesk.minutes import styles
from reviewdesk.minutes.blocks import CellParagraph, Para
from reviewdesk.minutes.fonts import register_fonts
from reviewdesk.minutes.frag_lines import frag_lines

PIECES = [
    "Plain words that wrap over a few lines when the column is narrow enough to need it",
    "trailing spaces here     ",
    "   leading spaces and  double  spaces\tand tabs",
    "",
    " ",
    "x",
    "one two",
    "ümlaut ↔ arrow — dash, non-breaking\u00a0space and\u00a0more\u00a0of\u00a0them here",
    "ends with a non-breaking space\u00a0",
    "Supercalifragilisticexpialidocious" * 3 + " then short words",
    "中文字符测试，这是一个很长的句子没有空格需要断行处理 mixed with words",
    "emoji 😀🎉 family 👨‍👩‍👧 in text, zero\u200bwidth and\u2003em space",
    "soft\u00adhyphen in a long\u00adword that\u00adwraps",
    "word " * 120,
    "Action 12: turnaround backlog invoices customs entries accuracy escalation weekly.",
]


def _texts() -> list[str]:
    out = []
    n = len(PIECES)
    for i in range(n):
        for k in (2, 3, 5):
            out.append("<br/>".join(PIECES[(i + j * 7) % n] for j in range(k)))
    out += [
        "<br/>starts with a break<br/>and goes on",
        "ends with a break<br/>",
        "<br/><br/>",
        "a<br/><br/><br/>b",
        "a <br/>" * 40 + "long " * 300,
        "a<br/>b &amp; c &lt;d&gt;",
        '<font color="#AA0000">red<br/>lines of red text<br/></font>',
        "<b>bold</b> then<br/>plain",  # two fragments on a line: reportlab's code
        "x<br/>" + "y" * 300,  # a word wider than the line: reportlab's code
    ]
    return out


TEXTS = _texts()
WIDTHS = [20.0, 47.3, 123.456, 311.81, 480.0]
STYLES = [styles.CONT, styles.COMMENT, styles.FOOTER]


def _para_state(p: Paragraph) -> tuple:
    names = ("frags", "_width_max", "height", "_splitLongWordCount", "_hyphenations")
    names += ("blPara", "_JustifyLast", "_splitpara", "width", "text")
    return tuple(getattr(p, name, "<none>") for name in names)


def _bytes(*state) -> bytes:
    """The state as a pickle: every float exactly, every type (a list or reportlab's _HSFrag,
    an int or a float), every attribute in order, and which objects are one and the same."""
    return pickle.dumps(state, protocol=5)


def _broken(p: Paragraph, width) -> bytes:
    result = p.breakLines(width)
    return _bytes(result, _para_state(p))


def test_fragment_words_and_lines_are_reportlabs():
    register_fonts()
    fast = cases = 0
    for style in STYLES:
        for text in TEXTS:
            for base in WIDTHS:
                for width in (base, math.nextafter(base, 0), [base + 5.5, base]):
                    ours, theirs = Para(text, style), Paragraph(text, style)
                    took = frag_lines(Para(text, style), width) is not None
                    fast += took
                    cases += 1
                    assert _broken(ours, width) == _broken(theirs, width), (text, width, took)
                    # a second break reads the fragment words the first one left
                    again = [base * 0.7, base * 0.7]
                    assert _broken(ours, again) == _broken(theirs, again), (text, again, took)
    assert cases // 3 < fast < cases  # both ways taken (long words, soft hyphens: reportlab)


def test_lines_that_fill_their_width_exactly():
    """Widths a line fills to the last bit, and one ulp either side of them."""
    register_fonts()
    for text in TEXTS:
        lines = Paragraph(text, styles.CELL).breakLines(123.456).lines
        used = {line.maxWidth - line.extraSpace for line in lines if hasattr(line, "words")}
        for width in sorted(used):
            for w in (width, math.nextafter(width, 0), math.nextafter(width, math.inf)):
                ours, theirs = Para(text, styles.CELL), Paragraph(text, styles.CELL)
                assert _broken(ours, w) == _broken(theirs, w), (text, w)


def _split_all(p: Paragraph, width: float, heights: list[float]) -> list:
    """Wrap, split at each height in turn (the rest goes on), and record everything."""
    out = []
    for height in heights:
        out.append(_bytes("wrap", p.wrap(width, height), _para_state(p)))
        parts = p.split(width, height)
        out.append(_bytes("split", [_para_state(q) for q in parts]))
        if len(parts) != 2:
            break
        first, p = parts
        out.append(_bytes("first", first.wrap(width, height), _para_state(first)))
    out.append(_bytes("last", p.wrap(width, 1e6), _para_state(p)))
    return out


@pytest.mark.parametrize("style", [styles.CONT, styles.CELL, styles.COMMENT])
def test_splits_hand_over_the_fragments_reportlab_does(style):
    register_fonts()
    long = "<br/>".join(
        [PIECES[i % len(PIECES)] for i in range(30)] + ["", "", "after two empty lines"]
    )
    for text in (long, "a<br/>b<br/>c<br/>d<br/>e<br/>f<br/>", TEXTS[3], TEXTS[40]):
        for width in (60.0, 151.3, 300.0):
            for heights in ([30.0, 50.0, 1000.0], [12.0, 24.0, 36.0, 13.0], [100.0] * 8):
                ours = _split_all(Para(text, style), width, heights)
                theirs = _split_all(Paragraph(text, style), width, heights)
                assert ours == theirs, (text[:40], width, heights)


def _pdf(flowables) -> bytes:
    out = BytesIO()
    SimpleDocTemplate(out, invariant=1).build(flowables)
    return out.getvalue()


def _story(kind: type[Paragraph], cell: type[Paragraph]) -> list:
    note = "<br/>".join(PIECES[i % 13] + f" line {i}" for i in range(400))
    return [
        kind("Heading", styles.H1),
        kind(note, styles.CONT),
        KeepTogether([kind("Kept", styles.GOAL_TITLE), kind(TEXTS[7], styles.SMALL)]),
        Table(
            [
                [cell(t, styles.CELL), cell(TEXTS[i + 5], styles.CELL)]
                for i, t in enumerate(TEXTS[:35])
            ]
        ),
        kind(note[:5000], styles.COMMENT),
        *(kind(t, styles.BODY) for t in TEXTS),
    ]


def test_a_document_with_line_breaks_is_byte_identical_to_reportlabs():
    register_fonts()
    assert _pdf(_story(Para, CellParagraph)) == _pdf(_story(Paragraph, Paragraph))
