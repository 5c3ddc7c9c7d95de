"""Parsed DejaVu faces kept across processes (minutes/font_cache.py): the same faces, in the
per-user cache folder, and a bad cache is ignored."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from minutes_support import rich_meeting

from reviewdesk import paths
from reviewdesk.minutes import font_cache, fonts
from reviewdesk.minutes.render import render_minutes
from reviewdesk.resources import resource

NAMES = (*fonts.FACES.values(), fonts.MONO)


def _load(name: str, folder: Path):
    return font_cache.load_font(name, resource("fonts", f"{name}.ttf"), fonts._prepared, folder)


def _state(font) -> tuple[dict, dict, list]:
    face = dict(vars(font.face))
    scale = face.pop("_pdfScale")
    names = {k: (type(v), v.ustr) for k, v in face.items() if hasattr(v, "ustr")}
    rest = {k: v for k, v in vars(font).items() if k not in ("face", "encoding", "state")}
    return face, {"names": names, **rest}, [scale(x) for x in (0, 1, 1000, 2048, 600.5)]


def _types(value) -> object:
    """The types inside a value, so an int where reportlab has a float shows."""
    if isinstance(value, dict):
        return sorted((repr(k), type(k).__name__, _types(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return [type(value).__name__, *(_types(v) for v in value)]
    return type(value).__name__


@pytest.mark.parametrize("name", NAMES)
def test_a_cached_face_is_the_face_reportlab_parses(name, tmp_path):
    parsed, parsed_extra = _load(name, tmp_path)  # parses and writes the cache
    assert (tmp_path / f"{name}.face").is_file()
    cached, cached_extra = _load(name, tmp_path)
    assert cached.face is not parsed.face
    assert _state(cached) == _state(parsed)
    assert _types(vars(cached.face)["hmetrics"]) == _types(vars(parsed.face)["hmetrics"])
    assert _types(vars(cached.face)["charWidths"]) == _types(vars(parsed.face)["charWidths"])
    assert _types(vars(cached.face)["table"]) == _types(vars(parsed.face)["table"])
    head = next(t for t in cached.face.tables if t["tag"] == "head")
    assert cached.face.table["head"] is head  # one dict in both, as reportlab has it
    assert cached_extra == parsed_extra
    assert type(cached.face) is type(parsed.face) and type(cached) is type(parsed)


def test_the_cache_is_in_the_per_user_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.delenv(paths.DATA_ENV, raising=False)
    if sys.platform not in ("darwin", "win32"):
        assert font_cache._cache_folder() == tmp_path / "xdg-cache" / "reviewdesk" / "fonts"
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "data"))
    assert font_cache._cache_folder() == tmp_path / "data" / "cache" / "fonts"


def _corrupt(entry: Path, how: str) -> None:
    blob = entry.read_bytes()
    if how == "truncated":
        entry.write_bytes(blob[: len(blob) // 2])
    elif how == "flipped":
        entry.write_bytes(blob[:-100] + bytes([blob[-100] ^ 1]) + blob[-99:])
    elif how == "garbage":
        entry.write_bytes(os.urandom(5000))
    elif how == "empty":
        entry.write_bytes(b"")
    elif how == "stale":  # another reportlab: same layout, another key
        entry.write_bytes(blob.replace(b"reportlab ", b"reportlab 0", 1))
    elif how == "folder":
        entry.unlink()
        entry.mkdir()


@pytest.mark.parametrize("how", ["truncated", "flipped", "garbage", "empty", "stale", "folder"])
def test_a_bad_cache_is_ignored(how, tmp_path):
    name = fonts.SANS
    parsed, _ = _load(name, tmp_path)
    entry = tmp_path / f"{name}.face"
    _corrupt(entry, how)
    again, extra = _load(name, tmp_path)
    assert _state(again) == _state(parsed)
    assert extra["coverage"] == fonts._drawable(parsed)
    if how != "folder":  # written again, good this time
        key = font_cache._key(resource("fonts", f"{name}.ttf").read_bytes())
        assert font_cache._read(entry, key) is not None
        cached, _ = _load(name, tmp_path)
        assert _state(cached) == _state(parsed)


def test_a_payload_of_the_wrong_shape_is_parsed_instead(tmp_path, monkeypatch):
    name = fonts.MONO
    parsed, _ = _load(name, tmp_path)
    monkeypatch.setattr(font_cache, "_read", lambda entry, key: ({"nonsense": 1}, {}))
    again, extra = _load(name, tmp_path)
    assert _state(again) == _state(parsed)
    assert extra["coverage"] == fonts._drawable(parsed)


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    font, extra = _load(fonts.SANS, blocker / "fonts")
    assert extra["coverage"] and font.face.unitsPerEm == 2048


def test_the_minutes_are_the_same_from_a_cold_and_a_warm_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "data"))
    meeting = rich_meeting(signed=True)
    pdfs = []
    try:
        for _ in range(3):  # parsed (cache written), from the cache, from the cache again
            fonts.register_fonts.cache_clear()
            pdfs.append(render_minutes(meeting, fallback_fonts=fonts.no_fallback).pdf)
        assert len(list((tmp_path / "data" / "cache" / "fonts").glob("*.face"))) == len(NAMES)
    finally:
        fonts.register_fonts.cache_clear()
    assert pdfs[0] == pdfs[1] == pdfs[2]
