"""The minutes' paragraphs (blocks.Para) draw exactly what reportlab's own Paragraph draws.

``verify`` re-renders a record and compares bytes, so the shortcuts Para takes (no markup
parser for plain text, one line break per width) must not change a single byte.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate

from reviewdesk.minutes import styles
from reviewdesk.minutes.blocks import CellParagraph, Para, _plain_frags
from reviewdesk.minutes.fonts import register_fonts

TEXTS = [
    "Plain words",
    "  leading and trailing spaces  ",
    "two\nlines\n\nand a gap",
    "tab\there, non-breaking\u00a0space, ümlaut, ↔ arrow, — dash",
    "x",
    " ",
    "",
    "&amp; an entity",
    "<b>bold</b> markup",
    "a long text " * 200,
    "line one<br/>line two",
    "x<br/><br/>y ",
    "<br/>starts with a break",
    "ends with a break<br/>",
    " spaced <br/>  pieces <br/> ",
    "<br/>",
    " <br/> ",
    "<br/><br/>",
    "a<br />b",
    "a<BR/>b",
    "a<br/>b &amp; c",
    "a <br/>" * 40 + "long " * 300,
]
STYLES = [styles.BODY, styles.CELL, styles.CELL_HEAD, styles.H1, styles.GUIDANCE, styles.SMALL]


def _frag_state(paragraph: Paragraph) -> list[dict]:
    return [dict(vars(f)) for f in paragraph.frags]


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.name)
@pytest.mark.parametrize("text", TEXTS)
def test_para_has_the_fragments_the_parser_makes(text, style):
    register_fonts()
    ours, theirs = Para(text, style), Paragraph(text, style)
    assert ours.text == theirs.text
    assert _frag_state(ours) == _frag_state(theirs)


def test_markup_and_entities_go_through_the_parser():
    assert _plain_frags("a <b>b</b>", styles.BODY) is None
    assert _plain_frags("a &amp; b", styles.BODY) is None
    assert _plain_frags("   ", styles.BODY) is None  # the parser makes no fragment at all
    assert _plain_frags("plain", styles.BODY) is not None
    assert _plain_frags("two<br/>lines", styles.BODY) is not None
    assert _plain_frags("a<br />b", styles.BODY) is None


def _pdf(flowables) -> bytes:
    out = BytesIO()
    SimpleDocTemplate(out, invariant=1).build(flowables)
    return out.getvalue()


def _story(kind: type[Paragraph]) -> list:
    long = "A note that runs over several pages to make the frame split it. " * 400
    return [
        kind("Heading", styles.H1),
        KeepTogether([kind("Kept together", styles.GOAL_TITLE), kind(long[:300], styles.SMALL)]),
        kind(long, styles.BODY),
        kind("with <b>markup</b> &amp; more", styles.BODY),
        kind(long[:2000], styles.BODY),
        kind("<br/>".join([long[:900]] * 12), styles.CONT),
        kind("a<br/><br/>b<br/>", styles.CELL),
    ]


def test_a_document_of_para_is_byte_identical_to_one_of_paragraph():
    register_fonts()
    assert _pdf(_story(Para)) == _pdf(_story(Paragraph))


def test_para_breaks_lines_once_per_width_and_again_after_a_split():
    register_fonts()
    para = CellParagraph("some words " * 40, styles.CELL)
    calls = []
    original = para.breakLines
    para.breakLines = lambda widths: calls.append(widths) or original(widths)
    size = para.wrap(100, 1000)
    assert para.wrap(100, 5) == size and len(calls) == 1
    para.wrap(120, 1000)
    assert len(calls) == 2
    parts = para.split(120, 30)
    assert len(parts) == 2 and all(isinstance(p, CellParagraph) for p in parts)
    para.wrap(120, 1000)
    assert len(calls) == 3
    assert para.wrap(0, 1000) == (0, 0x7FFFFFFF)


LINE_TEXTS = [
    "Plain words that wrap over a few lines when the column is narrow enough to need it",
    "trailing spaces here     ",
    "   leading spaces and  double  spaces\tand tabs",
    "Supercalifragilisticexpialidocious" * 3 + " then short words",
    "short then Supercalifragilisticexpialidocious" + "x" * 60,
    "x" * 400,
    "ümlaut ↔ arrow — dash, non-breaking\u00a0space and\u00a0more\u00a0of\u00a0them here",
    "soft\u00adhyphen in a long\u00adword that\u00adwraps",
    "中文字符测试，这是一个很长的句子没有空格需要断行处理 mixed with words",
    "עברית מימין לשמאל ועוד מילים العربية",
    "emoji 😀🎉 family 👨‍👩‍👧 in text",
    "a",
    " ",
    "one two",
    "word " * 300,
    "Action 12: turnaround backlog invoices customs entries accuracy escalation weekly.",
]
WIDTHS = [1.0, 20.0, 47.3, 80.0, 123.456, 200.0, 311.81, 480.0, 1000.0]


def _broken(paragraph: Paragraph, width) -> tuple:
    """Everything breakLines returns and leaves on the paragraph (floats compared exactly)."""
    result = paragraph.breakLines(width)
    return dict(vars(result)), paragraph._width_max, paragraph.height, paragraph._splitLongWordCount


@pytest.mark.parametrize("style", [styles.BODY, styles.CELL, styles.INDENTED, styles.COMMENT])
def test_para_breaks_plain_text_into_the_lines_reportlab_makes(style):
    import math

    from reviewdesk.minutes import blocks

    register_fonts()
    fast = 0
    for text in LINE_TEXTS:
        for base in WIDTHS:
            for width in (base, math.nextafter(base, 0), [base, base - 10], [base + 5.5, base]):
                ours, theirs = Para(text, style), Paragraph(text, style)
                took = blocks._plain_lines(Para(text, style), width) is not None
                fast += took
                assert _broken(ours, width) == _broken(theirs, width), (text, width, took)
    assert fast > len(LINE_TEXTS) * len(WIDTHS) * 2  # most went the fast way
