"""User text to safe Paragraph markup: escaped, with fallback fonts and visible placeholders."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from reviewdesk.minutes.fonts import FACES, FontFinder, fallback_font, register_fonts

PLACEHOLDER = "\u25a1"  # □, drawn where no font on the machine has the character
CHUNK_CHARS = 1200  # a paragraph or table cell never holds more than about this much text
CHUNK_LINES = 24
BREAK = "<br/>"


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities: ``xml.sax.saxutils.escape`` without its import (which
    loads ``urllib.request``, ``http.client``, ``ssl`` and ``email``: ~15 ms of every export)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def _invisible(char: str) -> bool:
    """Format controls and variation selectors: instructions to a shaper, not visible text."""
    return unicodedata.category(char) == "Cf" or "\ufe00" <= char <= "\ufe0f"


class Markup:
    """Turns user strings into Paragraph markup and counts the characters it could not draw."""

    def __init__(self, finder: FontFinder) -> None:
        self._finder = finder
        self._coverage = register_fonts()
        self._fallbacks: list[tuple[str, frozenset[str]]] = []
        self._font_for: dict[str, str | None] = {}
        self.missing = 0

    def covers(self, text: str, *, bold: bool = False, italic: bool = False) -> bool:
        """Whether the DejaVu face draws every character of ``text`` as it is."""
        return self._coverage[FACES[(bold, italic)]].issuperset(text)

    def __call__(self, text: str, *, bold: bool = False, italic: bool = False) -> str:
        """Escaped markup for ``text``; newlines become line breaks."""
        covered = self._coverage[FACES[(bold, italic)]]
        if covered.issuperset(text):
            return escape(text)
        if "\r" not in text and "\t" not in text and covered.issuperset(text.replace("\n", "")):
            return BREAK.join(map(escape, text.split("\n")))  # what the loop below makes of it
        out: list[str] = []
        run: list[str] = []
        run_font: str | None = None
        for char in text.replace("\r\n", "\n").replace("\r", "\n"):
            font: str | None = None
            if char == "\n":
                self._flush(out, run, run_font)
                run, run_font = [], None
                out.append(BREAK)
                continue
            if char == "\t":
                char = " "
            elif char not in covered:
                if _invisible(char):
                    continue
                font = self._fallback(char)
                if font is None:
                    char = PLACEHOLDER
                    self.missing += 1
            if font != run_font:
                self._flush(out, run, run_font)
                run, run_font = [], font
            run.append(char)
        self._flush(out, run, run_font)
        return "".join(out)

    @staticmethod
    def _flush(out: list[str], run: list[str], font: str | None) -> None:
        if not run:
            return
        text = escape("".join(run))
        out.append(f'<font name="{font}">{text}</font>' if font else text)

    def _fallback(self, char: str) -> str | None:
        """The name of a registered fallback font that draws ``char``, or None."""
        if char in self._font_for:
            return self._font_for[char]
        name = None
        if unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn"):
            name = next((n for n, cov in self._fallbacks if char in cov), None)
            if name is None:
                name = self._load(char)
        self._font_for[char] = name
        return name

    def _load(self, char: str) -> str | None:
        try:
            path = self._finder(char)
        except Exception:  # noqa: BLE001 - a finder that fails is a finder that found nothing
            return None
        if path is None:
            return None
        found = fallback_font(str(Path(path)))
        if found is None or char not in found[1]:
            return None
        if found not in self._fallbacks:
            self._fallbacks.append(found)
        return found[0]

    def plain(self, text: str) -> str:
        """``text`` with characters DejaVu lacks replaced by '?' (for chart labels; not counted)."""
        covered = self._coverage[FACES[(False, False)]]
        return "".join(
            c if c in covered else "?" for c in text if c in covered or not _invisible(c)
        )


def chunks(text: str, limit: int = CHUNK_CHARS, max_lines: int = CHUNK_LINES) -> list[str]:
    """Split text into pieces of at most ``limit`` characters and ``max_lines`` lines.

    Pieces break after a newline or at a space when possible; joined they give back the text
    (the newline at a piece boundary is dropped, as the next piece starts on a new line anyway).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pieces: list[str] = []
    while len(text) > limit or text.count("\n", 0, limit) >= max_lines:
        cut = _cut(text, limit, max_lines)
        pieces.append(text[:cut].removesuffix("\n"))
        text = text[cut:]
    pieces.append(text)
    return pieces


def _cut(text: str, limit: int, max_lines: int) -> int:
    """Where the first piece ends: after a newline, else after a space, else at the limit."""
    pos = -1
    for _ in range(max_lines):
        nxt = text.find("\n", pos + 1, limit)
        if nxt < 0:
            break
        pos = nxt
    else:
        return pos + 1
    if pos > limit // 3:
        return pos + 1
    space = text.rfind(" ", limit // 2, limit)
    return space + 1 if space >= 0 else limit


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, with an ellipsis when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
