"""reportlab's line breaking of a paragraph with line breaks, for the common case, exactly.

A text with newlines (the 100 KB note's pieces, comments over several lines) is a paragraph of
several fragments: pieces of text with reportlab's ``<br/>`` fragments between them. reportlab
breaks it with its general code (``Paragraph.breakLines``, kind 1): it turns the fragments into
"fragment words" (``_getFragWords``), lays them out in ``FragLine`` s and makes the fragment
words the paragraph's fragments (a split hands slices of them to the two new paragraphs, which
break them again). ``frag_lines`` does the same for the case the minutes make — every piece of
text between two breaks one fragment, no markup inside a line — with each word's width looked
up, and answers None for anything else (the caller then runs reportlab's code): hyphenation,
soft hyphens, a word wider than its line (reportlab splits it), bidi or shaping, bullets,
images, two fragments on one line, fragment words split already.

It returns what reportlab returns, object for object and float for float: the same fragment
words (same types, same widths, the same fragments), the same lines (every attribute, each
line's fragments cloned from the same fragments at the same moment, with the same text), the
same attributes left on the paragraph. ``tests/minutes/test_frag_lines.py`` compares both,
attribute by attribute, over many texts, widths and splits.
"""

from __future__ import annotations

from functools import partial
from itertools import repeat
from operator import add as _add
from string import whitespace
from typing import Any

from reportlab.platypus import paragraph as rl
from reportlab.platypus.paragraph import _FK_BREAK, _FK_TEXT, FragLine, ParaLines, _HSFrag

_SHY = "\xad"
_plus_zero = partial(_add, 0)

# (font, size) -> (the font object, {word: width}): reportlab's stringWidth of each word once
_WIDTHS: dict[tuple[str, float], tuple[Any, dict[str, float]]] = {}
_WIDTHS_KEPT = 50_000  # words per font and size; more start a new table


def known_widths(font_name: str, font_size: float) -> dict[str, float]:
    """The widths of words already measured in this font and size (reportlab's answers)."""
    font = rl.getFont(font_name)
    kept = _WIDTHS.get((font_name, font_size))
    if kept is None or kept[0] is not font or len(kept[1]) > _WIDTHS_KEPT:
        kept = _WIDTHS[font_name, font_size] = (font, {})
    return kept[1]


def frag_lines(para: Any, width: float | list[float]) -> Any:
    """``Paragraph.breakLines`` of a paragraph of several fragments, or None when reportlab's
    own code would do anything this does not (see the module's text)."""
    frags = para.frags
    style = para.style
    if (
        not frags
        or para.bulletText
        or style.wordWrap
        or getattr(style, "hyphenationLang", "")
        or style.uriWasteReduce
        or style.embeddedHyphenation
        or (style.shaping and bool(rl.getFont(style.fontName).shapable))
    ):
        return None
    if rl._processed_frags(frags):
        words = _kept_words(frags)
    elif len(frags) > 1:
        words = _frag_words(frags)
    else:
        return None  # one fragment: reportlab's other code (blocks._plain_lines)
    if words is None:
        return None
    return _break(para, words, width)


def _frag_words(frags: list[Any]) -> list[list[Any]] | None:
    """``_getFragWords`` of fragments that alternate between text and line breaks."""
    after_text = False
    for f in frags:
        d = f.__dict__
        text = d.get("text")
        if type(text) is not str or "cbDefn" in d:
            return None
        if text:
            if after_text or "lineBreak" in d or _SHY in text:
                return None  # two texts in a row (markup), or soft hyphens
            after_text = True
        elif "lineBreak" in d:
            after_text = False
        else:
            return None  # an empty fragment: reportlab passes over it
    words: list[list[Any]] = []
    add = words.append
    string_width = rl.stringWidth
    for f in frags:
        text = f.text
        if not text:  # a line break; the text after it loses its leading spaces
            f._fkind = _FK_BREAK
            add([0, (f, "")])
            continue
        f._fkind = _FK_TEXT
        text = rl.lstrip(text)
        if not text:
            continue
        pieces = rl.split(text)
        if not pieces or text[0] in whitespace or "" in pieces:
            return None
        font_name, font_size = f.fontName, f.fontSize
        if not string_width(" ", font_name, font_size):
            return None  # words would join without spaces
        known = known_widths(font_name, font_size)
        widths = [*map(known.get, pieces)]
        if None in widths:
            for j, width in enumerate(widths):
                if width is None:
                    word = pieces[j]
                    widths[j] = known[word] = string_width(word, font_name, font_size)
        # reportlab's width of a word is 0 + its stringWidth (a float: the same float)
        last = len(pieces) - 1
        pairs = zip(repeat(f), pieces[:last])
        words += map(_HSFrag, zip(map(_plus_zero, widths[:last]), pairs, strict=True))
        kind = _HSFrag if text[-1] in whitespace else list
        add(kind([0 + widths[last], (f, pieces[last])]))
    return words or None


def _kept_words(frags: list[Any]) -> list[list[Any]] | None:
    """The fragment words a previous break (or a split) left as the paragraph's fragments,
    when they are what ``_frag_words`` makes: one (fragment, word) each, the words between two
    breaks of one fragment, each but the last followed by a space."""
    run = None  # the fragment of the text since the last break
    open_end = False  # the last word of that text is not followed by a space
    string_width = rl.stringWidth
    for w in frags:
        kind = type(w)
        if (kind is not list and kind is not _HSFrag) or len(w) != 2:
            return None
        size = w[0]
        if type(size) is not float and type(size) is not int:
            return None
        f, text = w[1]
        d = f.__dict__
        fkind = d.get("_fkind")
        if fkind == _FK_BREAK:
            if text or "lineBreak" not in d or "cbDefn" in d:
                return None
            run = None
            continue
        if (
            fkind != _FK_TEXT
            or type(text) is not str
            or not text
            or " " in text
            or "cbDefn" in d
            or "lineBreak" in d
            or (open_end and run is f)
        ):
            return None
        if run is not f:
            if run is not None or not string_width(" ", f.fontName, f.fontSize):
                return None  # two fragments on one line
            run = f
        open_end = kind is not _HSFrag
    return list(frags)


def _break(para: Any, fw: list[list[Any]], width: float | list[float]) -> Any:
    """The lines of ``Paragraph.breakLines`` (kind 1) for fragment words as checked above;
    None if a word is wider than its line (reportlab splits it)."""
    style = para.style
    max_widths = width if isinstance(width, (tuple, list)) else [width]
    max_line = len(max_widths) - 1
    max_width = max_widths[0]
    shrinkage = style.spaceShrinkage
    split_long = style.splitLongWords
    line_break = not style.justifyBreaks
    string_width = rl.stringWidth
    ascent_descent = rl.getAscentDescent
    lines = []
    add = lines.append
    lineno = 0
    width_max = 0
    s_fw = 0
    g = None  # the line's text fragment (a clone of the first word's), once it has one
    texts: list[str] = []  # its words
    n = space_width = current = 0
    max_size = max_ascent = min_descent = 0
    space_of = None  # the fragment whose space width is `space`
    space = 0.0
    for i, w in enumerate(fw):
        word_width, (f, text) = w
        if g is None and not texts:  # a new line: reportlab's "if not words"
            n = space_width = current = 0
            max_size = f.fontSize
            max_ascent, min_descent = ascent_descent(f.fontName, max_size)
        if not text:  # a line break: it ends the line, and stays on it
            words = [f.clone()] if g is None else [g, f.clone()]
            if g is not None:
                g.text = " ".join(texts)
            if current > width_max:
                width_max = current
            add(
                FragLine(
                    extraSpace=max_width - current,
                    wordCount=n,
                    lineBreak=line_break,
                    words=words,
                    fontSize=max_size,
                    ascent=max_ascent,
                    descent=min_descent,
                    maxWidth=max_width,
                    sFW=s_fw,
                )
            )
            s_fw = i
            lineno += 1
            max_width = max_widths[min(max_line, lineno)]
            g = None
            texts = []
            continue
        if f is not space_of:
            space_of = f
            space = string_width(" ", f.fontName, f.fontSize)
        new_width = current + space_width + word_width if word_width > 0 else current
        if not shrinkage:
            limit = max_width
        elif n > 1:  # reportlab counts the spaces in the line's text: n - 1, each `space` wide
            limit = max_width + (space_width + (n - 1) * space) * shrinkage
        else:
            limit = max_width + space_width * shrinkage
        if new_width > limit:
            if split_long:
                nmw = min(lineno, max_line)
                if word_width > max(max_widths[nmw : nmw + 1]):
                    return None  # a long word: reportlab splits it
            if n > 0:  # the line is full: this word starts the next one
                g.text = " ".join(texts)
                if current > width_max:
                    width_max = current
                add(
                    FragLine(
                        extraSpace=max_width - current,
                        wordCount=n,
                        lineBreak=False,
                        words=[g],
                        fontSize=max_size,
                        ascent=max_ascent,
                        descent=min_descent,
                        maxWidth=max_width,
                        sFW=s_fw,
                    )
                )
                s_fw = i
                lineno += 1
                max_width = max_widths[min(max_line, lineno)]
                space_width = space if type(w) is _HSFrag else 0
                current = word_width
                n = 1
                g = f.clone()
                max_size = g.fontSize
                max_ascent, min_descent = ascent_descent(g.fontName, max_size)
                texts = [text]
                continue
        n += 1
        if g is None:
            g = f.clone()
            texts = [text]
        else:
            texts.append(text)
        space_width = space if type(w) is _HSFrag else 0
        current = new_width
    if g is not None:
        g.text = " ".join(texts)
        if current > width_max:
            width_max = current
        add(
            FragLine(
                extraSpace=(max_width - current),
                wordCount=n,
                lineBreak=False,
                words=[g],
                fontSize=max_size,
                ascent=max_ascent,
                descent=min_descent,
                maxWidth=max_width,
                sFW=s_fw,
            )
        )
    para._width_max = width_max
    para.height = 0
    para._splitLongWordCount = para._hyphenations = 0
    para.frags = fw
    return ParaLines(kind=1, lines=lines)
