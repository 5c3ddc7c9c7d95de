"""Colours, paragraph styles and table styles of the minutes (see look.md)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from reviewdesk.minutes.fonts import MONO, SANS, SANS_BOLD

CLIENT = colors.HexColor("#2563EB")
CLIENT_TINT = colors.HexColor("#DBEAFE")
PROVIDER = colors.HexColor("#D97706")
PROVIDER_TINT = colors.HexColor("#FEF3C7")
JOINT = colors.HexColor("#475569")
GAP = colors.HexColor("#DC2626")
MUTED = colors.HexColor("#64748B")
BORDER = colors.HexColor("#E2E8F0")
HEADER_TINT = colors.HexColor("#F1F5F9")
INK = colors.HexColor("#0F172A")
DRAFT_TINT = colors.HexColor("#FEE2E2")
SIDE_COLOUR = {"client": CLIENT, "provider": PROVIDER, "joint": JOINT, "facilitator": JOINT}
SIDE_HEX = {
    "client": "#2563EB",
    "provider": "#D97706",
    "joint": "#475569",
    "facilitator": "#475569",
}
MUTED_HEX = "#64748B"
GAP_HEX = "#DC2626"

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
AMENDED = _style("amended", textColor=colors.HexColor("#92400E"), spaceAfter=3)


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
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#CBD5E1")),
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
