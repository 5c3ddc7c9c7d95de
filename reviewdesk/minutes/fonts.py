"""The minutes' fonts: bundled DejaVu as one family, plus system fonts for missing characters."""

from __future__ import annotations

import functools
import hashlib
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from reviewdesk.resources import resource

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"
SANS_BOLD_ITALIC = "DejaVuSans-BoldOblique"
MONO = "DejaVuSansMono"
FACES = {
    (False, False): SANS,
    (True, False): SANS_BOLD,
    (False, True): SANS_ITALIC,
    (True, True): SANS_BOLD_ITALIC,
}
FONT_SUFFIXES = (".ttf",)
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))

# Given one character DejaVu lacks, the path of a font file that may draw it (or None).
FontFinder = Callable[[str], "str | Path | None"]


@functools.cache
def register_fonts() -> dict[str, frozenset[str]]:
    """Register the bundled DejaVu faces once; map each face name to the characters it draws."""
    from reviewdesk.minutes.font_cache import load_font

    coverage = {}
    for name in (*FACES.values(), MONO):
        font, extra = load_font(name, resource("fonts", f"{name}.ttf"), _prepared)
        pdfmetrics.registerFont(font)
        coverage[name] = extra["coverage"]
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD_ITALIC
    )
    return coverage


def _prepared(font: TTFont) -> dict[str, frozenset[str]]:
    """A bundled face as parsed: its widths repaired; what the cache keeps beside it."""
    _fix_widths(font)
    return {"coverage": _drawable(font)}


def _fix_widths(font: TTFont) -> None:
    """Put the font's own advance widths back where reportlab scaled them (a reportlab bug).

    For glyphs past ``hhea.numberOfHMetrics`` (every glyph of a monospaced font but the first
    few) ``TTFontFile.extractInfo`` keeps the width already scaled to 1000 units (a float)
    instead of the font's units, and the subsets it embeds carry that wrong ``hmtx``. Viewers
    use ``/Widths`` and look right, but PDF/A (ISO 19005-3 6.2.11.5: the widths in the font
    dictionary and in the font program agree) fails. Such glyphs share the last full metric's
    width, which is what the float replaces.
    """
    metrics = font.face.hmetrics
    if not any(isinstance(width, float) for width, _ in metrics):
        return
    fixed, raw = [], 0
    for width, lsb in metrics:
        raw = raw if isinstance(width, float) else width
        fixed.append((raw, lsb))
    font.face.hmetrics = fixed


def _drawable(font: TTFont) -> frozenset[str]:
    """The printable characters a TrueType font has a glyph for (its cmap)."""
    return frozenset(chr(c) for c in font.face.charToGlyph if c >= 0x20 and not 0x7F <= c < 0xA0)


@functools.cache
def fallback_font(path: str) -> tuple[str, frozenset[str]] | None:
    """Register a system font file for use inside paragraphs: (font name, coverage) or None."""
    name = "Fallback-" + hashlib.sha256(path.encode()).hexdigest()[:10]
    try:
        font = TTFont(name, path)
    except Exception:  # noqa: BLE001 - unreadable, CFF outlines, not embeddable: not usable here
        return None
    _fix_widths(font)
    pdfmetrics.registerFont(font)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return name, _drawable(font)


@functools.cache
def system_font_for(char: str) -> Path | None:
    """A TrueType font on this machine that has ``char``: fontconfig first, else a folder scan.

    The first such font in path order, so the choice does not depend on what was asked before.
    """
    code = ord(char)
    charsets = _fontconfig_charsets()
    if charsets is None:
        candidates = [str(p) for p in _scanned_fonts()]
    else:
        candidates = [path for path, ranges in charsets if _in_ranges(code, ranges)]
    for path in candidates:
        found = fallback_font(path)
        if found and char in found[1]:
            return Path(path)
    return None


@functools.cache
def _fontconfig_charsets() -> tuple[tuple[str, tuple[tuple[int, int], ...]], ...] | None:
    """Every TrueType font fontconfig knows with its character ranges (one call), or None."""
    try:
        out = subprocess.run(
            ["fc-list", "--format=%{file}\t%{charset}\n"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    fonts = {}
    for line in out.splitlines():
        path, _, charset = line.partition("\t")
        if path.lower().endswith(FONT_SUFFIXES):
            try:
                fonts[path] = tuple(_ranges(charset))
            except ValueError:
                continue
    return tuple(sorted(fonts.items()))


def _ranges(charset: str) -> list[tuple[int, int]]:
    out = []
    for part in charset.split():
        low, _, high = part.partition("-")
        out.append((int(low, 16), int(high or low, 16)))
    return out


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


@functools.cache
def _scanned_fonts() -> tuple[Path, ...]:
    """Every TrueType file under the usual font folders, in a stable order."""
    files: list[Path] = []
    for root in SYSTEM_FONT_DIRS:
        if root.is_dir():
            files.extend(p for p in root.rglob("*") if p.suffix.lower() in FONT_SUFFIXES)
    return tuple(sorted(files))


def no_fallback(char: str) -> None:
    """A FontFinder that never finds a font (every character DejaVu lacks is a placeholder)."""


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, but with characters beyond U+FFFF as UTF-16 pairs.

    reportlab writes ``<1F600>`` for an emoji, which readers take as U+1F60; text extraction
    of such characters would then be wrong.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


_rl_split_string = ttfonts.TTFont.splitString


def _split_string(self: TTFont, text: str, doc: Any, encoding: str = "utf-8") -> list:
    """reportlab's ``TTFont.splitString`` (a text as (subset, codes) pairs of this document's
    font subsets), looked up in C when every character already has its code in the document
    and all are in the first subset (most texts after the first few): the same answer, and
    nothing to assign. Anything else is reportlab's own loop."""
    state = self.state.get(doc)
    if state is not None and text.__class__ is str and text:
        known, codes = _known_codes(state)
        if known.issuperset(text):
            mapped = text.translate(codes)
            if max(mapped) < "\u0100":  # subset 0
                return [(0, mapped.encode("latin-1"))]
    return _rl_split_string(self, text, doc, encoding)


def _known_codes(state: Any) -> tuple[frozenset[str], dict[int, int]]:
    """The characters with a code in this document's subsets, and their codes (a no-break
    space is drawn as a space, as reportlab's loop does); remade when codes were added."""
    assignments = state.assignments
    kept = state.__dict__.get("_reviewdesk_codes")
    if kept is not None and kept[0] == len(assignments):
        return kept[1], kept[2]
    codes = dict(assignments)
    codes.pop(0xA0, None)
    if 32 in assignments:
        codes[0xA0] = assignments[32]
    known = frozenset(map(chr, codes))
    state._reviewdesk_codes = (len(assignments), known, codes)
    return known, codes


ttfonts.TTFont.splitString = _split_string
