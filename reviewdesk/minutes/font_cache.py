"""Parsed TrueType faces kept across processes: reportlab's pure-Python reader takes 15–30 ms
per DejaVu face (100–150 ms of every export), loading its result back takes ~2 ms.

One file per face in the per-user cache folder (``paths.cache_dir()/fonts``, never beside a
portfolio). A file is used only when its key matches: this format's version, reportlab's
version, Python's version (marshal's format) and the SHA-256 of the font file's bytes, which
are read anyway (the PDF embeds subsets of them). Its payload carries its own SHA-256, checked
before it is decoded: a truncated, corrupt, stale or foreign file is ignored (the font is
parsed as before and the file written again), and a cache that cannot be written is no error.
The faces loaded are the faces reportlab parses, attribute for attribute (a test compares),
so the PDF's bytes are the same either way.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import reportlab
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont, TTFontFace

if TYPE_CHECKING:
    from importlib.abc import Traversable

FORMAT = 1
MAGIC = b"reviewdesk-ttf\n"
# a function (rebuilt), the file's bytes and its path (as this process reads them)
_KEEP_OUT = ("_pdfScale", "_ttf_data", "filename")


def _cache_folder() -> Path:
    from reviewdesk import paths

    return paths.cache_dir() / "fonts"


def _key(data: bytes) -> bytes:
    """What a cached face depends on, besides the file's name."""
    parts = (
        f"format {FORMAT}",
        f"reportlab {reportlab.Version}",
        f"python {sys.version_info[0]}.{sys.version_info[1]}",
        f"marshal {marshal.version}",
        f"font {hashlib.sha256(data).hexdigest()}",
    )
    return "\n".join(parts).encode()


def load_font(
    name: str, path: Traversable, prepare: Any, folder: Path | None = None
) -> tuple[TTFont, dict[str, Any]]:
    """``TTFont(name, path)`` with ``prepare(font)`` applied (a repair of its face; it returns
    extra data to keep with the face, e.g. its coverage), from the cache when the cache holds
    this very face, else parsed and then cached. Returns (font, extra)."""
    folder = _cache_folder() if folder is None else folder
    data = path.read_bytes()
    key = _key(data)
    entry = folder / f"{name}.face"
    cached = _read(entry, key)
    if cached is not None:
        face_dict, extra = cached
        try:
            return _font(name, str(path), data, face_dict), extra
        except Exception:  # noqa: BLE001 - a payload of the wrong shape: parse instead
            pass
    font = TTFont(name, str(path))
    extra = prepare(font)
    _write(entry, key, font, extra)
    return font, extra


def _read(entry: Path, key: bytes) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The cached (face attributes, extra) of ``entry`` when its key is ``key``, else None."""
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    head = MAGIC + len(key).to_bytes(4, "big") + key
    if not blob.startswith(head) or len(blob) < len(head) + 32:
        return None
    digest, payload = blob[len(head) : len(head) + 32], blob[len(head) + 32 :]
    if hashlib.sha256(head + payload).digest() != digest:
        return None
    collecting = gc.isenabled()
    gc.disable()  # ~100,000 new containers, none in a cycle: no collection while they load
    try:
        face_dict, extra = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
    if not isinstance(face_dict, dict) or not isinstance(extra, dict):
        return None
    return face_dict, extra


def _write(entry: Path, key: bytes, font: TTFont, extra: dict[str, Any]) -> None:
    """Keep the face for the next process; any failure only means no cache."""
    try:
        face_dict = {}
        for attr, value in vars(font.face).items():
            if attr in _KEEP_OUT:
                continue
            if isinstance(value, TTFNameBytes):
                value = ("TTFNameBytes", bytes(value), value.ustr)
            elif type(value) not in (int, float, str, bytes, list, dict, tuple, bool, type(None)):
                return  # something this format does not know: do not cache this face
            face_dict[attr] = value
        payload = marshal.dumps((face_dict, extra))
        head = MAGIC + len(key).to_bytes(4, "big") + key
        blob = head + hashlib.sha256(head + payload).digest() + payload
        import tempfile

        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=entry.name, suffix=".tmp", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(blob)
            os.replace(temp, entry)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError, TypeError):
        pass


def _font(name: str, filename: str, data: bytes, face_dict: dict[str, Any]) -> TTFont:
    """A TTFont as ``TTFont(name, filename)`` makes it, its face's attributes given."""
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    attrs = {}
    for attr, value in face_dict.items():
        if isinstance(value, tuple) and len(value) == 3 and value[0] == "TTFNameBytes":
            value = TTFNameBytes(value[1])
            if value.ustr != face_dict[attr][2]:
                raise ValueError(attr)
        attrs[attr] = value
    units = attrs["unitsPerEm"]
    if units == 1000:
        scale = _same
    else:
        mult = 1000 / units
        scale = lambda x: x * mult  # noqa: E731 - as reportlab's extractInfo makes it
    face.__dict__.update(attrs)
    face._pdfScale = scale
    face._ttf_data = data
    face.filename = filename
    font = TTFont.__new__(TTFont)
    _init_font(font, name, face)
    return font


def _same(x: Any) -> Any:
    return x


def _init_font(font: TTFont, name: str, face: TTFontFace) -> None:
    """The rest of ``TTFont.__init__`` (reportlab 4.x/5.x) once its face is made."""
    from fnmatch import fnmatch
    from weakref import WeakKeyDictionary

    from reportlab import rl_config

    font.fontName = name
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in ttfonts.unShapedFontGlob)
