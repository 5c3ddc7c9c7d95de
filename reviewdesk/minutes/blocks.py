"""Building blocks: chunked paragraphs and tables whose rows never outgrow a page."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table

from reviewdesk.minutes import styles
from reviewdesk.minutes.text import CHUNK_CHARS, Markup, chunks

CELL_CHARS = 500  # longest text in one table cell; more spills into the next row
CELL_LINES = 10


class Raw(str):
    """Markup the minutes wrote themselves (already safe); never escaped again."""


Cell = str | Raw | Flowable


def paragraphs(
    mk: Markup,
    text: str,
    style: ParagraphStyle = styles.BODY,
    cont: ParagraphStyle | None = None,
    *,
    lead: str = "",
) -> list[Paragraph]:
    """User text as one or more paragraphs (a long text is split; ``lead`` is safe markup)."""
    cont = cont or style
    bold, italic = _face(style)
    out = []
    for i, piece in enumerate(chunks(text, CHUNK_CHARS)):
        body = mk(piece, bold=bold, italic=italic)
        out.append(Paragraph((lead + body) if i == 0 else body, style if i == 0 else cont))
    return out


def _face(style: ParagraphStyle) -> tuple[bool, bool]:
    name = style.fontName
    return "Bold" in name, "Oblique" in name


class Grid:
    """A table with a header row, thin rules between items and cells split across rows."""

    def __init__(self, mk: Markup, header: Sequence[str] | None, widths: Sequence[float]) -> None:
        self.mk = mk
        self.widths = list(widths)
        self.rows: list[list[Cell | str]] = []
        if header is not None:
            self.rows.append([Paragraph(_head(mk, h), styles.CELL_HEAD) for h in header])
        self.header_rows = len(self.rows)
        self.commands: list[tuple] = []

    def add(
        self,
        cells: Sequence[Cell],
        style: ParagraphStyle = styles.CELL,
        *,
        lead: str = "",
        rule: bool = True,
        span: bool = False,
    ) -> int:
        """Add one item (``lead`` is safe markup before its first cell); returns its first row."""
        pieces: list[list[Cell]] = []
        for cell in cells:
            if isinstance(cell, Raw) or not isinstance(cell, str):
                pieces.append([cell])
            else:
                pieces.append(list(chunks(cell, CELL_CHARS, CELL_LINES)))
        first = len(self.rows)
        for i in range(max(len(p) for p in pieces)):
            row: list[Cell | str] = []
            for j, p in enumerate(pieces):
                prefix = lead if i == 0 and j == 0 else ""
                row.append(self._cell(p[i], style, prefix) if i < len(p) else "")
            self.rows.append(row + [""] * (len(self.widths) - len(row)))
        last = len(self.rows) - 1
        if rule and first > self.header_rows:
            self.commands.append(("LINEABOVE", (0, first), (-1, first), 0.4, styles.BORDER))
        if not rule:
            self.commands.append(("TOPPADDING", (0, first), (-1, first), 0))
        if last > first:
            self.commands.append(("BOTTOMPADDING", (0, first), (-1, last - 1), 0))
            self.commands.append(("TOPPADDING", (0, first + 1), (-1, last), 0))
        if span:
            self.commands += [("SPAN", (0, r), (-1, r)) for r in range(first, last + 1)]
        return first

    def _cell(self, item: Cell, style: ParagraphStyle, prefix: str) -> Cell:
        if isinstance(item, Raw):
            return Paragraph(prefix + item, style)
        if isinstance(item, str):
            if not item and not prefix:
                return ""
            bold, italic = _face(style)
            return Paragraph(prefix + self.mk(item, bold=bold, italic=italic), style)
        return item

    def table(self, *extra: tuple) -> Table:
        style = styles.table_style(*self.commands, *extra, row_rules=False)
        if not self.header_rows:
            style = styles.plain_table_style(*self.commands, *extra)
        return Table(
            self.rows,
            colWidths=self.widths,
            repeatRows=self.header_rows,
            style=style,
            hAlign="LEFT",
        )


def _head(mk: Markup, text: str) -> str:
    return text if isinstance(text, Raw) else mk(text, bold=True)


def coloured(text_markup: str, hex_colour: str, *, bold: bool = False) -> Raw:
    """Safe markup in a colour (and bold)."""
    inner = f"<b>{text_markup}</b>" if bold else text_markup
    return Raw(f'<font color="{hex_colour}">{inner}</font>')


def badge(text: str, hex_colour: str = styles.GAP_HEX) -> Raw:
    """A small white-on-colour label such as 'Gap 3' (text is ours, never user input)."""
    return Raw(f'<font backColor="{hex_colour}" color="#FFFFFF"><b>\u00a0{text}\u00a0</b></font>')
