"""Building blocks: chunked paragraphs and tables whose rows never outgrow a page."""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from reviewdesk import look
from reviewdesk.minutes import styles
from reviewdesk.minutes.fonts import SANS, SANS_BOLD
from reviewdesk.minutes.frag_lines import frag_lines, known_widths
from reviewdesk.minutes.paging import ItemTable
from reviewdesk.minutes.text import CHUNK_CHARS, Markup, chunks

CELL_CHARS = 800  # longest text in one table cell; more spills into the next row
CELL_LINES = 16
NO_ROOM = 0x7FFFFFFF  # the height Paragraph.wrap answers for a width it cannot use


class Raw(str):
    """Markup the minutes wrote themselves (already safe); never escaped again."""


class Bare(str):
    """Text a table draws as a plain string (checked to be drawable and to fit)."""


@dataclass(frozen=True)
class Plain:
    """Short user text for a table cell, drawn as a bare string when it fits (fast)."""

    text: str
    colour: str | None = None
    bold: bool = False


Cell = str | Raw | Plain | Flowable


class Para(Paragraph):
    """A paragraph broken into lines once per width: frames, KeepTogether and tables ask the
    same width again (a second break at the same width gives the same lines, and so the same
    bytes). A split may alter the paragraph's fragments, so it forgets the lines it had."""

    _wrapped_at: float | None = None

    def __init__(self, text: str | None, style: ParagraphStyle, **kw: Any) -> None:
        plain = None if text is None or "frags" in kw else _plain_frags(text, style)
        if plain is not None:  # what reportlab keeps as the text of a parsed paragraph
            text, kw["frags"] = cleanBlockQuotedText(text), plain
        super().__init__(text, style, **kw)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_at != availWidth:
            size = super().wrap(availWidth, availHeight)
            if size[1] == NO_ROOM:  # too narrow: reportlab wrapped nothing
                return size
            self._wrapped_at = availWidth
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._wrapped_at = None
        return super().split(availWidth, availHeight)

    def breakLines(self, width: float | list[float]) -> Any:
        lines = _plain_lines(self, width)
        if lines is None:
            lines = frag_lines(self, width)
        return super().breakLines(width) if lines is None else lines


_SHY = "\xad"


def _plain_lines(para: Paragraph, width: float | list[float]) -> Any:
    """``Paragraph.breakLines`` for one fragment of text in one font (most of the minutes'
    paragraphs and table cells): the same lines, the same numbers, computed the same way, with
    each word's width looked up rather than measured again. None whenever reportlab's own code
    would do anything else (hyphenation, soft hyphens, a word wider than the line, bidi,
    shaping, bullets, dots, inline images or backgrounds, fragments split already): the caller
    then runs reportlab's. ``tests/minutes/test_minutes_blocks.py`` compares both on many
    texts and widths.
    """
    frags = para.frags
    if len(frags) != 1 or para.bulletText is not None:
        return None
    f = frags[0]
    style = para.style
    if (
        style.endDots
        or not hasattr(f, "text")
        or hasattr(f, "cbDefn")
        or hasattr(f, "backColor")
        or rl_paragraph._processed_frags(frags)
        or (style.wordWrap and style.wordWrap.upper() in ("RTL", "LTR"))
        or (style.shaping and bool(rl_paragraph.getFont(style.fontName).shapable))
        or getattr(style, "hyphenationLang", "")
        or style.uriWasteReduce
        or style.embeddedHyphenation
        or _SHY in f.text
    ):
        return None
    max_widths = width if isinstance(width, (tuple, list)) else [width]
    font_name, font_size = f.fontName, f.fontSize
    ascent, descent = rl_paragraph.getAscentDescent(font_name, font_size)
    text = rl_paragraph.strip(f.text)
    if not text:
        lines: list[tuple[float, list[str]]] = []
        result = f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=font_size)
        para._width_max = 0
        para.height = 0
        para._splitLongWordCount = para._hyphenations = 0
        return result
    words = rl_paragraph.split(text)
    known = known_widths(font_name, font_size)
    string_width = rl_paragraph.stringWidth
    encoding = para.encoding
    space_width = string_width(" ", font_name, font_size, encoding)
    d_space_shrink = style.spaceShrinkage * space_width
    split_long = style.splitLongWords
    max_line = len(max_widths) - 1
    lines = []
    line: list[str] = []
    current = -space_width
    lineno = 0
    max_width = max_widths[0]
    width_max = 0
    for word in words:
        word_width = known.get(word)
        if word_width is None:
            word_width = known[word] = string_width(word, font_name, font_size, encoding)
        new_width = current + space_width + word_width
        lim_width = max_width + d_space_shrink * len(line)
        if new_width > lim_width:
            if split_long:
                nmw = min(lineno, max_line)
                if word_width > max(max_widths[nmw : nmw + 1]):
                    return None  # reportlab splits the word: its own code does that
            if line:  # the line is full: the word starts the next one
                if current > width_max:
                    width_max = current
                lines.append((max_width - current, line))
                line = [word]
                current = word_width
                lineno += 1
                max_width = max_widths[min(max_line, lineno)]
                continue
        line.append(word)
        current = new_width
    if line:
        if current > width_max:
            width_max = current
        lines.append((max_width - current, line))
    para._width_max = width_max
    para.height = 0
    para._splitLongWordCount = para._hyphenations = 0
    return f.clone(kind=0, lines=lines, ascent=ascent, descent=descent, fontSize=font_size)


class CellParagraph(Para):
    """A paragraph in a table cell (tables re-measure rows often)."""


_TEMPLATES: dict[ParagraphStyle, tuple[ParaFrag, ParaFrag] | None] = {}
BREAK = "<br/>"  # the one tag of a plain text with newlines (Markup writes it for "\n")


def _plain_frags(text: str, style: ParagraphStyle) -> list[ParaFrag] | None:
    """The fragments reportlab's markup parser makes of ``text`` when it holds no markup but
    line breaks (no other tag, no entity): one fragment in the style's font per piece of text,
    as the parser's ``handle_data`` copies it from the style's, holding the cleaned text, and
    between pieces the parser's ``<br/>`` fragment. None for anything else (the parser reads
    it).

    Most of the minutes' paragraphs are plain text, and the parser (html.parser underneath)
    costs more than breaking them into lines.
    """
    if "&" in text or style.textTransform or ("<" in text and "<" in text.replace(BREAK, "")):
        return None
    cleaned = cleanBlockQuotedText(text)
    if not cleaned or cleaned.strip() == BREAK:
        return None
    templates = _templates(style)
    if templates is None:
        return None
    plain, line_break = templates
    frags = []
    for i, piece in enumerate(cleaned.split(BREAK)):
        if i:
            frags.append(copy.copy(line_break))
        if piece:  # html.parser hands over no empty text
            frag = copy.copy(plain)
            frag.text = piece
            frags.append(frag)
    return frags


def _templates(style: ParagraphStyle) -> tuple[ParaFrag, ParaFrag] | None:
    """The parser's own fragments of a text and of a line break in ``style``."""
    if style not in _TEMPLATES:
        _, parsed, _ = ParaParser().parse(f"x{BREAK}", style)
        ok = parsed is not None and len(parsed) == 2 and getattr(parsed[1], "lineBreak", False)
        _TEMPLATES[style] = (parsed[0], parsed[1]) if ok else None
    return _TEMPLATES[style]


def paragraphs(
    mk: Markup,
    text: str,
    style: ParagraphStyle = styles.BODY,
    cont: ParagraphStyle | None = None,
    *,
    lead: str = "",
) -> list[Para]:
    """User text as one or more paragraphs (a long text is split; ``lead`` is safe markup)."""
    bold, italic = _face(style)
    pieces = chunks(text, CHUNK_CHARS)
    out = []
    for i, piece in enumerate(pieces):
        body = mk(piece, bold=bold, italic=italic)
        shape = style if i == 0 else (cont or style)
        if len(pieces) > 1:  # pieces of one text sit together, with no gap between them
            shape = _joined(shape, first=i == 0, last=i == len(pieces) - 1)
        out.append(Para((lead + body) if i == 0 else body, shape))
    return out


@functools.cache
def _joined(style: ParagraphStyle, *, first: bool, last: bool) -> ParagraphStyle:
    return ParagraphStyle(
        f"{style.name}-{int(first)}{int(last)}",
        parent=style,
        spaceBefore=style.spaceBefore if first else 0,
        spaceAfter=style.spaceAfter if last else 0,
    )


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
            self.rows.append([CellParagraph(_head(mk, h), styles.CELL_HEAD) for h in header])
        self.header_rows = len(self.rows)
        self.commands: list[tuple] = []
        self.joined: list[int] = []  # rows that continue the item above: no rule between
        self.starts: list[int] = []  # the first row of each item

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
        first = len(self.rows)
        if rule or not self.starts:  # an unruled item belongs with the one above
            self.starts.append(first)
        pieces: list[list[Cell]] = []
        for j, cell in enumerate(cells):
            if isinstance(cell, Plain):
                pieces.append(self._plain(cell, style, (j, first)))
            elif isinstance(cell, Raw) or not isinstance(cell, str):
                pieces.append([cell])
            else:
                pieces.append(list(chunks(cell, CELL_CHARS, CELL_LINES)))
        for i in range(max(len(p) for p in pieces)):
            row: list[Cell | str] = []
            for j, p in enumerate(pieces):
                prefix = lead if i == 0 and j == 0 else ""
                row.append(self._cell(p[i], style, prefix) if i < len(p) else "")
            self.rows.append(row + [""] * (len(self.widths) - len(row)))
        last = len(self.rows) - 1
        if not rule:
            self.joined.append(first)
            self.commands.append(("TOPPADDING", (0, first), (-1, first), 0))
        if last > first:
            self.joined.extend(range(first + 1, last + 1))
            self.commands.append(("BOTTOMPADDING", (0, first), (-1, last - 1), 0))
            self.commands.append(("TOPPADDING", (0, first + 1), (-1, last), 0))
        if span:
            self.commands += [("SPAN", (0, r), (-1, r)) for r in range(first, last + 1)]
        return first

    def _plain(self, item: Plain, style: ParagraphStyle, where: tuple[int, int]) -> list[Cell]:
        """A bare string cell when DejaVu draws it all and it fits the column, else paragraphs."""
        font = SANS_BOLD if item.bold else SANS
        room = self.widths[where[0]] - 8
        lines = item.text.split("\n")
        if all(
            self.mk.covers(line, bold=item.bold) and stringWidth(line, font, style.fontSize) <= room
            for line in lines
        ):
            if font != SANS or style.fontSize != styles.TABLE_SIZE:
                self.commands.append(("FONT", where, where, font, style.fontSize, style.leading))
            if item.colour:
                self.commands.append(("TEXTCOLOR", where, where, colors.HexColor(item.colour)))
            return [Bare(item.text)]
        out: list[Cell] = []
        for piece in chunks(item.text, CELL_CHARS, CELL_LINES):
            markup = self.mk(piece, bold=item.bold)
            if item.bold:
                markup = f"<b>{markup}</b>"
            if item.colour:
                markup = f'<font color="{item.colour}">{markup}</font>'
            out.append(Raw(markup))
        return out

    def _cell(self, item: Cell, style: ParagraphStyle, prefix: str) -> Cell:
        if isinstance(item, Bare):
            return str(item)
        if isinstance(item, Raw):
            return CellParagraph(prefix + item, style)
        if isinstance(item, str):
            if not item and not prefix:
                return ""
            bold, italic = _face(style)
            return CellParagraph(prefix + self.mk(item, bold=bold, italic=italic), style)
        return item

    def table(self, *extra: tuple) -> Flowable:
        """The table: a thin rule under every row, painted out between rows of one item.

        ``extra`` commands name explicit item rows (as returned by ``add``).
        """
        if not self.header_rows:
            style = styles.plain_table_style(*self.commands, *extra)
            return Table(self.rows, colWidths=self.widths, style=style, hAlign="LEFT")
        unruled = [("LINEABOVE", (0, r), (-1, r), 0.8, colors.white) for r in self.joined]
        return ItemTable(
            self.rows,
            self.header_rows,
            self.widths,
            styles.table_commands(),
            [*self.commands, *unruled, *extra],
            self.starts,
        )


def _head(mk: Markup, text: str) -> str:
    return text if isinstance(text, Raw) else mk(text, bold=True)


def coloured(text_markup: str, hex_colour: str, *, bold: bool = False) -> Raw:
    """Safe markup in a colour (and bold)."""
    inner = f"<b>{text_markup}</b>" if bold else text_markup
    return Raw(f'<font color="{hex_colour}">{inner}</font>')


def badge(text: str, hex_colour: str = look.GAP) -> Raw:
    """A small white-on-colour label such as 'Gap 3' (text is ours, never user input)."""
    return Raw(
        f'<font backColor="{hex_colour}" color="{look.WHITE}"><b>\u00a0{text}\u00a0</b></font>'
    )


def h1(markup: str) -> list[Flowable]:
    """A part heading that starts a new page rather than sit alone at the bottom of one."""
    return [CondPageBreak(32 * mm), Para(markup, styles.H1)]


def h2(markup: str) -> list[Flowable]:
    """A sub-heading, kept off the very bottom of a page."""
    return [CondPageBreak(20 * mm), Para(markup, styles.H2)]
