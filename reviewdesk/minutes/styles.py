"""Paragraph and table styles of the minutes, and reportlab's colours of ``reviewdesk.look``."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from reviewdesk import look
from reviewdesk.minutes.fonts import MONO, SANS, SANS_BOLD

# reportlab's colours of the design tokens (markup takes the look's '#RRGGBB' strings as they are)
CLIENT = colors.HexColor(look.CLIENT)
PROVIDER = colors.HexColor(look.PROVIDER)
GAP = colors.HexColor(look.GAP)
MUTED = colors.HexColor(look.MUTED)
BORDER = colors.HexColor(look.BORDER)
HEADER_TINT = colors.HexColor(look.NAV_BG)
HEADER_RULE = colors.HexColor(look.INPUT_BORDER)
INK = colors.HexColor(look.TEXT)
DRAFT_TINT = colors.HexColor(look.GAP_TINT)
HIGHLIGHT = colors.HexColor(look.HIGHLIGHT)
SIDE_COLOUR = {side: colors.HexColor(hex_) for side, hex_ in look.SIDE_COLOURS.items()}

MARGIN = 18 * mm
BODY_SIZE = 9.5
TABLE_SIZE = 8.8
TABLE_LEADING = TABLE_SIZE * 1.3


def _style(name: str, **kw: object) -> ParagraphStyle:
    base = {
        "fontName": SANS,
        "fontSize": BODY_SIZE,
        "leading": BODY_SIZE * 1.32,
        "textColor": INK,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


BODY = _style("body", spaceAfter=2)
CONT = _style("cont")  # continuation of a chunked paragraph: no gap before it
TITLE = _style("title", fontName=SANS_BOLD, fontSize=15, leading=19, spaceAfter=2)
PAIR = _style("pair", fontSize=11.5, leading=15, spaceAfter=6)
H1 = _style("h1", fontName=SANS_BOLD, fontSize=11, leading=14, spaceBefore=12, spaceAfter=5)
H2 = _style(
    "h2",
    fontName=SANS_BOLD,
    fontSize=9.5,
    leading=12.5,
    spaceBefore=8,
    spaceAfter=3,
)
GUIDANCE = _style("guidance", fontName="DejaVuSans-Oblique", textColor=MUTED, spaceAfter=5)
SMALL = _style("small", fontSize=8, leading=10.5, textColor=MUTED)
CELL = _style("cell", fontSize=TABLE_SIZE, leading=TABLE_LEADING)
CELL_HEAD = _style("cellhead", fontName=SANS_BOLD, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.3)
LABEL = _style("label", fontName=SANS_BOLD, fontSize=8, leading=10.5, textColor=MUTED)
COMMENT = _style("comment", fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.3, leftIndent=10)
DETAIL = _style("detail", fontSize=7.8, leading=10, textColor=MUTED, leftIndent=10)
INDENTED = _style("indented", leftIndent=10)
INDENTED_CONT = _style("indentedcont", leftIndent=10)
MONO_LINE = _style("mono", fontName=MONO, fontSize=8.5, leading=11)
NOTICE = _style("notice", fontName=SANS_BOLD, textColor=GAP, spaceBefore=2, spaceAfter=4)
FOOTER = _style("footer", fontSize=7, leading=9, textColor=MUTED)
MONO_FONT = MONO
RUN_NOTE = _style(
    "runnote", fontSize=8, leading=10.5, textColor=MUTED, leftIndent=10, spaceAfter=5
)  # a muted line under an item of the history: how long a gap ran, a goal's steps
GOAL_TITLE = _style("goaltitle", fontName=SANS_BOLD, spaceAfter=1)
AMENDED = _style("amended", textColor=colors.HexColor(look.AMENDED_TEXT), spaceAfter=3)


def plain_table_style(*extra: tuple) -> TableStyle:
    """Padding only: a key/value block without header or rules."""
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), SANS, TABLE_SIZE, TABLE_LEADING),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            *extra,
        ]
    )


def table_commands(*extra: tuple, row_rules: bool = True) -> list[tuple]:
    """Light header tint and thin horizontal rules, no heavy grid."""
    rules = [("LINEBELOW", (0, 1), (-1, -1), 0.4, BORDER)] if row_rules else []
    return [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_TINT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, HEADER_RULE),
        *rules,
        ("FONT", (0, 0), (-1, -1), SANS, TABLE_SIZE, TABLE_LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        *extra,
    ]


def table_style(*extra: tuple, row_rules: bool = True) -> TableStyle:
    """The table commands as a TableStyle."""
    return TableStyle(table_commands(*extra, row_rules=row_rules))
