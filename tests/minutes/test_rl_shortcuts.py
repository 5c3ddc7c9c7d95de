"""Shortcuts around reportlab that keep its answers: colours of markup parsed once, Pillow's
Image module loaded only when an image is read."""

from __future__ import annotations

import subprocess
import sys

import pytest
from reportlab.lib.colors import Color, toColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paraparser

from reviewdesk.minutes import render


@pytest.mark.parametrize(
    "value",
    ["#AA0000", "#5b6770", "#5B6770", "#5b677080", "red", "White", "rgb(10,20,30)", "0x112233"],
)
def test_markup_colours_are_reportlabs(value):
    theirs = toColor(value)
    for _ in range(2):  # parsed, then remembered
        ours = render._known_colour(value)
        assert type(ours) is type(theirs) and vars(ours) == vars(theirs)
        assert [type(v) for v in vars(ours).values()] == [type(v) for v in vars(theirs).values()]
        assert ours is not render._known_colour(value)  # each fragment its own, as before


def test_bad_colours_fail_as_before():
    with pytest.raises(ValueError):
        toColor("no such colour")
    with pytest.raises(ValueError):
        render._known_colour("no such colour")
    assert render._known_colour("no such colour", "x") == toColor("no such colour", "x") == "x"
    colour = Color(0.1, 0.2, 0.3)
    assert render._known_colour(colour) is toColor(colour)


def test_the_parser_uses_it_for_every_colour_attribute():
    tables = [t for t in vars(paraparser).values() if isinstance(t, dict)]
    entries = [e for t in tables for e in t.values() if type(e) is tuple and len(e) > 1]
    assert not [e for e in entries if e[1] is toColor]
    assert [e for e in entries if e[1] is render._known_colour]
    _, frags, _ = paraparser.ParaParser().parse(
        '<font color="#AA0000">a</font>', ParagraphStyle("s")
    )
    assert vars(frags[0].textColor) == vars(toColor("#AA0000"))


LAZY = """
import gc, struct, sys, zlib
from reviewdesk.app.export import prepare_one_export_process
prepare_one_export_process()  # what the command line's export does in its own process
assert not gc.isenabled()
import reviewdesk.minutes.render
import reportlab.lib.utils as utils
from reviewdesk.minutes import signoff
module = sys.modules["PIL.Image"]
print(type(module).__name__, utils.Image is module, signoff.PILImage is module)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = (b"\\x00" + b"\\xff\\x00\\x00" * 3) * 2  # 3 x 2 red pixels, no filter
png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 2, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
data, width, height = signoff.decoded_png(png)  # a drawn signature: Pillow loads now
print(type(module).__name__, width, height, utils.Image.Image.__name__, utils.Image is module)
"""


def test_pillow_loads_when_first_used():
    out = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True, check=True)
    lazy, loaded = out.stdout.splitlines()
    assert lazy.split() == ["_LazyModule", "True", "True"]
    assert loaded.split() == ["module", "3", "2", "Image", "True"]


def test_pillow_is_loaded_as_usual_outside_the_export_command():
    # the window's threads could both be first to use a lazy module: it gets the real one
    code = "import sys, reviewdesk.minutes.render\nprint(type(sys.modules['PIL.Image']).__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["module"]
