"""User text in the minutes: drawn literally, never fetched, in any script, never lost."""

from __future__ import annotations

import shutil
import socket
import subprocess

import pytest
from minutes_support import all_text, flat, page_texts, pypdf_text, rich_doc, rich_meeting

from reviewdesk.minutes import fonts
from reviewdesk.minutes.render import render_minutes
from reviewdesk.resources import resource

MONO_FILE = str(resource("fonts", "DejaVuSansMono.ttf"))


@pytest.fixture
def listener():
    """A local TCP listener; yields (port, count_connections)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.3)

    def connections() -> int:
        count = 0
        while True:
            try:
                conn, _ = server.accept()
            except TimeoutError:
                return count
            conn.close()
            count += 1

    yield server.getsockname()[1], connections
    server.close()


def hostile_strings(port: int) -> list[str]:
    return [
        "<b>not bold</b> & <i>not italic</i>",
        "<font size=90>huge</font> &amp; &lt;",
        f'<img src="http://127.0.0.1:{port}/x.png"/>',
        '<a href="file:///etc/passwd">passwd</a>',
        f'<link href="http://127.0.0.1:{port}/l">link</link> <br/> <para>',
        f"<img src='http://127.0.0.1:{port}/y.png' width=10 height=10 />",
    ]


def test_listener_counts_a_real_connection(listener):
    port, connections = listener
    socket.create_connection(("127.0.0.1", port)).close()
    assert connections() == 1


def test_markup_in_user_text_is_drawn_literally_and_nothing_is_fetched(tmp_path, listener):
    port, connections = listener
    bad = hostile_strings(port)
    d = rich_doc()
    d["partnership"]["client"] = bad[0]
    d["meeting"]["title"] = bad[1]
    d["meeting"]["facilitator"] = bad[2]
    d["participants"][0]["role"] = bad[3]
    section = d["sections"][0]
    section["notes"] = "\n".join(bad)
    section["questions"][0]["comment"] = bad[2]
    section["questions"][0]["text"] = bad[5]
    section["decisions"] = [bad[4]]
    section["title"] = bad[0]
    d["goals"][0]["title"] = bad[3]
    d["goals"][0]["current"] = bad[2]
    d["actions"][0]["text"] = bad[4]
    result = render_minutes(rich_meeting(doc=d))
    text, text2 = all_text(result.pdf, tmp_path), pypdf_text(result.pdf)
    for s in bad:
        assert flat(s) in text, s
        assert flat(s) in text2, s
    assert connections() == 0
    assert b"/URI" not in result.pdf and b"/Link" not in result.pdf


def test_greek_cyrillic_and_vietnamese_extract_exactly(tmp_path):
    samples = ["Ελληνικά κείμενα", "Русский текст", "Tiếng Việt có dấu", "Nguyễn Văn An"]
    d = rich_doc()
    d["sections"][0]["notes"] = "\n".join(samples)
    d["participants"][1]["name"] = samples[3]
    d["actions"][0]["text"] = samples[0]
    result = render_minutes(rich_meeting(doc=d), fallback_fonts=fonts.no_fallback)
    assert result.missing_glyphs == 0
    text = all_text(result.pdf, tmp_path)
    for s in samples:
        assert s in text


def test_characters_no_font_has_are_placeholders_counted_and_reported(tmp_path):
    lacking = "漢字🦀"
    covered = fonts.register_fonts()[fonts.SANS]
    assert not any(c in covered for c in lacking)  # the bundled DejaVu has none of them
    d = rich_doc()
    d["sections"][0]["questions"][0]["comment"] = f"before {lacking} after"
    result = render_minutes(rich_meeting(doc=d), fallback_fonts=fonts.no_fallback)
    assert result.missing_glyphs == len(lacking)
    pages = page_texts(result.pdf, tmp_path)
    text = flat(" ".join(pages))
    assert "before □□□ after" in text
    assert f"{len(lacking)} characters could not be drawn" in flat(pages[-1])


def test_nothing_missing_means_no_note(tmp_path):
    result = render_minutes(rich_meeting(), fallback_fonts=fonts.no_fallback)
    assert result.missing_glyphs == 0
    assert "could not be drawn" not in all_text(result.pdf, tmp_path)


def test_a_fallback_font_draws_what_dejavu_lacks(tmp_path):
    arc = "⌒"  # in DejaVu Sans Mono, not in DejaVu Sans
    assert arc not in fonts.register_fonts()[fonts.SANS]
    asked = []

    def finder(char):
        asked.append(char)
        return MONO_FILE if char == arc else None

    d = rich_doc()
    d["sections"][0]["notes"] = f"an arc {arc} and a crab 🦀"
    result = render_minutes(rich_meeting(doc=d), fallback_fonts=finder)
    assert result.missing_glyphs == 1  # the crab only
    assert asked.count(arc) == 1 and "🦀" in asked
    assert f"an arc {arc} and a crab □" in all_text(result.pdf, tmp_path)


def test_a_finder_that_fails_or_lies_counts_as_no_font():
    d = rich_doc()
    d["sections"][0]["notes"] = "漢字"

    def broken(char):
        raise RuntimeError("font service down")

    def liar(char):
        return MONO_FILE  # has no CJK

    for finder in (broken, liar, lambda c: "/no/such/font.ttf"):
        assert render_minutes(rich_meeting(doc=d), fallback_fonts=finder).missing_glyphs == 2


def test_the_system_finder_is_deterministic_and_checks_the_cmap():
    first = fonts.system_font_for("⌒")
    assert first == fonts.system_font_for("⌒")
    if first is not None:
        found = fonts.fallback_font(str(first))
        assert found is not None and "⌒" in found[1]
    assert fonts.system_font_for("\U0010fffd") is None  # private use: no font has it


def test_without_fontconfig_the_font_folders_are_scanned(tmp_path, monkeypatch):
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(MONO_FILE, folder / "b-mono.ttf")
    (folder / "a-broken.ttf").write_bytes(b"not a font")

    def no_fc(*args, **kwargs):
        raise FileNotFoundError("fc-list")

    monkeypatch.setattr(fonts, "SYSTEM_FONT_DIRS", (folder,))
    monkeypatch.setattr(subprocess, "run", no_fc)
    caches = (fonts.system_font_for, fonts._scanned_fonts, fonts._fontconfig_charsets)
    for cache in caches:
        cache.cache_clear()
    try:
        assert fonts.system_font_for("⌒") == folder / "b-mono.ttf"
        assert fonts.system_font_for("漢") is None
    finally:
        for cache in caches:
            cache.cache_clear()


def test_control_characters_are_visible_placeholders_not_crashes(tmp_path):
    meeting = rich_meeting()
    meeting.sections[0].notes = "tab\there\x00nul\x07bell\x1b end\r\nnext\rlast"
    result = render_minutes(meeting, fallback_fonts=fonts.no_fallback)
    assert result.missing_glyphs == 3
    assert "tab here□nul□bell□ end next last" in all_text(result.pdf, tmp_path)


@pytest.mark.parametrize("text", ["", "plain", "a & b < c > d", "&amp;&lt;", "<>&", "é 😀 &#39;"])
def test_escape_is_saxutils_escape(text):
    from xml.sax.saxutils import escape as sax_escape

    from reviewdesk.minutes.text import escape

    assert escape(text) == sax_escape(text)


@pytest.mark.parametrize(
    "text", ["a\nb", "\n", "a\n\nb & <c>\n", "line one\nline two ↔ — ü", "\n\nx\n\n", "tab\tx\ny"]
)
def test_markup_of_text_with_newlines_is_what_the_character_loop_makes(text):
    from reviewdesk.minutes.text import Markup

    mk = Markup(fonts.no_fallback)
    loop = mk(text.replace("\n", "\r"))  # a carriage return takes the character loop
    assert mk(text) == loop
    assert mk.missing == 0
