"""Reading minutes back as a PDF reader shows them: objects, embedded files, monospaced text.

A small reader for what reviewdesk writes (and for files edited with the usual tools, as long
as their objects are written out plainly): every ``N G obj`` of the file is read in order and the
last definition of each number wins, as in a file with incremental updates; the trailer is the
last one. Values are parsed into Python (dict, list, :class:`Name`, bytes for strings, numbers,
:class:`Ref`). Streams are decoded when they are Flate-compressed or not filtered. Anything else
raises :class:`PdfReadError`, which callers turn into one line.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any

_OBJ = re.compile(rb"(?<![0-9])(\d+)\s+(\d+)\s+obj\b")
_DELIMITERS = b"()<>[]{}/%"
_WHITESPACE = b"\x00\t\n\x0c\r "
MAX_STREAM = 64 * 1024 * 1024  # a decoded stream larger than this is not minutes


class PdfReadError(ValueError):
    """The file cannot be read as reviewdesk minutes."""


class Name(str):
    """A PDF name, without its slash."""


@dataclass(frozen=True)
class Ref:
    number: int


@dataclass
class Stream:
    dictionary: dict[str, Any]
    raw: bytes

    def decoded(self) -> bytes:
        filters = self.dictionary.get("Filter")
        names = [filters] if isinstance(filters, Name) else list(filters or [])
        data = self.raw
        for name in names:
            if name != "FlateDecode":
                raise PdfReadError(f"a stream with the filter /{name}")
            try:
                inflater = zlib.decompressobj()
                data = inflater.decompress(data, MAX_STREAM)
            except zlib.error as exc:
                raise PdfReadError(f"a damaged compressed stream ({exc})") from None
            if inflater.unconsumed_tail:
                raise PdfReadError("a compressed stream larger than minutes can be")
        return data


class _Parser:
    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data, self.pos = data, pos

    def skip(self) -> None:
        data, n = self.data, len(self.data)
        while self.pos < n:
            c = data[self.pos]
            if c in _WHITESPACE:
                self.pos += 1
            elif c == 0x25:  # % comment
                end = data.find(b"\n", self.pos)
                self.pos = n if end < 0 else end + 1
            else:
                return

    def value(self, depth: int = 0) -> Any:
        if depth > 50:
            raise PdfReadError("objects nested too deeply")
        self.skip()
        data, pos = self.data, self.pos
        if pos >= len(data):
            raise PdfReadError("the file ends inside an object")
        c = data[pos : pos + 1]
        if data.startswith(b"<<", pos):
            self.pos += 2
            out: dict[str, Any] = {}
            while True:
                self.skip()
                if self.data.startswith(b">>", self.pos):
                    self.pos += 2
                    return out
                key = self.value(depth + 1)
                if not isinstance(key, Name):
                    raise PdfReadError("a dictionary key that is not a name")
                out[key] = self.value(depth + 1)
        if c == b"[":
            self.pos += 1
            items = []
            while True:
                self.skip()
                if self.data.startswith(b"]", self.pos):
                    self.pos += 1
                    return items
                items.append(self.value(depth + 1))
        if c == b"(":
            return self._literal()
        if c == b"<":
            end = data.find(b">", pos)
            if end < 0:
                raise PdfReadError("an unterminated hex string")
            self.pos = end + 1
            digits = bytes(b for b in data[pos + 1 : end] if b not in _WHITESPACE)
            return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
        if c == b"/":
            return Name(self._token(pos + 1).decode("latin-1"))
        token = self._token(pos)
        if not token:
            raise PdfReadError(f"unexpected {c!r} at {pos}")
        if re.fullmatch(rb"[+-]?\d+", token):
            number = int(token)
            ref = re.match(rb"\s+(\d+)\s+R(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])", data[self.pos :])
            if ref:
                self.pos += ref.end()
                return Ref(number)
            return number
        if re.fullmatch(rb"[+-]?(\d+\.\d*|\.\d+)", token):
            return float(token)
        return {b"true": True, b"false": False, b"null": None}.get(token, token)

    def _token(self, start: int) -> bytes:
        end = start
        data = self.data
        while end < len(data) and data[end] not in _WHITESPACE and data[end] not in _DELIMITERS:
            end += 1
        self.pos = end
        token = data[start:end]
        return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), token)

    def _literal(self) -> bytes:
        data, pos, depth, out = self.data, self.pos + 1, 1, bytearray()
        escapes = {b"n": 10, b"r": 13, b"t": 9, b"b": 8, b"f": 12}
        while pos < len(data):
            c = data[pos : pos + 1]
            if c == b"\\":
                nxt = data[pos + 1 : pos + 2]
                octal = re.match(rb"[0-7]{1,3}", data[pos + 1 : pos + 4])
                if octal:
                    out.append(int(octal[0], 8) & 0xFF)
                    pos += 1 + len(octal[0])
                    continue
                if nxt in escapes:
                    out.append(escapes[nxt])
                elif nxt not in (b"\n", b"\r"):
                    out += nxt
                pos += 2
                continue
            if c == b"(":
                depth += 1
            elif c == b")":
                depth -= 1
                if depth == 0:
                    self.pos = pos + 1
                    return bytes(out)
            out += c
            pos += 1
        raise PdfReadError("an unterminated string")


def parse_value(data: bytes) -> Any:
    return _Parser(data).value()


class PdfFile:
    """The objects of a PDF as a reader takes them: the last definition of each number."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.objects: dict[int, tuple[int, int | None]] = {}  # number -> (offset, stream start)
        pos = 0
        while True:
            m = _OBJ.search(data, pos)
            if m is None:
                break
            parser = _Parser(data, m.end())
            try:
                value = parser.value()
            except (PdfReadError, ValueError):
                pos = m.end()
                continue
            parser.skip()
            stream_at = None
            if isinstance(value, dict) and data.startswith(b"stream", parser.pos):
                start = parser.pos + 6
                start += 2 if data.startswith(b"\r\n", start) else 1
                stream_at = start
                length = value.get("Length")
                end = start + length if isinstance(length, int) else data.find(b"endstream", start)
                pos = max(end, start)
            else:
                pos = parser.pos
            self.objects[int(m[1])] = (m.end(), stream_at)
        self.trailer = self._trailer()

    def _trailer(self) -> dict[str, Any]:
        at = self.data.rfind(b"trailer")
        if at >= 0:
            value = _Parser(self.data, at + 7).value()
            if isinstance(value, dict):
                return value
        raise PdfReadError("no trailer (not a PDF reviewdesk wrote)")

    def get(self, value: Any) -> Any:
        """A value with a reference followed (to the object's dictionary or a Stream)."""
        seen = 0
        while isinstance(value, Ref):
            seen += 1
            if value.number not in self.objects or seen > 20:
                raise PdfReadError(f"object {value.number} is missing")
            offset, stream_at = self.objects[value.number]
            value = _Parser(self.data, offset).value()
            if stream_at is not None and isinstance(value, dict):
                length = value.get("Length")
                if isinstance(length, Ref):
                    length = self.get(length)
                if not isinstance(length, int) or length < 0:
                    raise PdfReadError(f"object {stream_at}: a stream without a length")
                return Stream(value, self.data[stream_at : stream_at + length])
        return value

    def dict(self, value: Any, what: str) -> dict[str, Any]:
        value = self.get(value)
        if isinstance(value, Stream):
            value = value.dictionary
        if not isinstance(value, dict):
            raise PdfReadError(f"{what} is not a dictionary")
        return value

    @property
    def catalog(self) -> dict[str, Any]:
        return self.dict(self.trailer.get("Root"), "the catalog")

    def embedded_files(self) -> dict[str, bytes]:
        """Name → bytes of every file in the catalog's /EmbeddedFiles name tree."""
        names = self.catalog.get("Names")
        if names is None:
            return {}
        tree = self.dict(names, "/Names").get("EmbeddedFiles")
        if tree is None:
            return {}
        out: dict[str, bytes] = {}
        stack = [self.dict(tree, "/EmbeddedFiles")]
        while stack and len(out) < 100:
            node = stack.pop()
            stack.extend(
                self.dict(kid, "a name tree node") for kid in self.get(node.get("Kids", []))
            )
            pairs = self.get(node.get("Names", []))
            for i in range(0, len(pairs) - 1, 2):
                spec = self.dict(pairs[i + 1], "a file specification")
                ef = self.dict(spec.get("EF"), "a file's /EF")
                stream = self.get(ef.get("UF", ef.get("F")))
                if not isinstance(stream, Stream):
                    raise PdfReadError("an embedded file that is not a stream")
                key = pairs[i]
                out[key.decode("latin-1") if isinstance(key, bytes) else str(key)] = (
                    stream.decoded()
                )
        return out

    def metadata(self) -> bytes:
        stream = self.get(self.catalog.get("Metadata"))
        return stream.decoded() if isinstance(stream, Stream) else b""

    def pages(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        stack = [self.catalog.get("Pages")]
        while stack:
            node = self.dict(stack.pop(0), "a page tree node")
            if node.get("Type") == "Pages":
                stack[0:0] = list(self.get(node.get("Kids", [])))
            else:
                out.append(node)
            if len(out) > 10_000:
                raise PdfReadError("more pages than minutes have")
        return out

    def page_text(self, page: dict[str, Any], font_suffix: str) -> str:
        """The text a page draws in fonts whose name ends with ``font_suffix``, in the order
        drawn, pieces joined by spaces (through each font's ToUnicode map)."""
        resources = self.dict(page.get("Resources"), "a page's resources")
        fonts = self.dict(resources.get("Font", {}), "a page's fonts")
        maps = {}
        for name, ref in fonts.items():
            font = self.dict(ref, "a font")
            base = str(font.get("BaseFont", ""))
            if base.endswith(font_suffix) and "ToUnicode" in font:
                stream = self.get(font["ToUnicode"])
                if isinstance(stream, Stream):
                    maps[name] = _cmap(stream.decoded())
        contents = self.get(page.get("Contents"))
        parts = contents if isinstance(contents, list) else [contents]
        data = b"".join(s.decoded() for s in (self.get(p) for p in parts) if isinstance(s, Stream))
        return _text_in(data, maps)


def _cmap(data: bytes) -> dict[int, str]:
    out = {}
    for src, dst in re.findall(rb"<([0-9A-Fa-f]{1,4})>\s*<([0-9A-Fa-f]+)>", data):
        try:
            out[int(src, 16)] = bytes.fromhex(dst.decode("ascii")).decode("utf-16-be")
        except ValueError:
            continue
    return out


_TEXT = re.compile(rb"/([^\s/\[\]()<>]+)\s+[\d.]+\s+Tf|(\((?:\\.|[^\\)])*\))\s*Tj", re.S)


def _text_in(content: bytes, maps: dict[str, dict[int, str]]) -> str:
    current: dict[int, str] | None = None
    out = []
    for m in _TEXT.finditer(content):
        if m[1] is not None:
            current = maps.get(m[1].decode("latin-1"))
        elif current is not None:
            raw = _Parser(m[2]).value()
            out.append("".join(current.get(b, "\ufffd") for b in raw))
    return " ".join(out)
