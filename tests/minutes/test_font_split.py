"""fonts._split_string: reportlab's TTFont.splitString answered by a lookup when it can."""

from __future__ import annotations

from reviewdesk.minutes import fonts


def test_split_string_gives_reportlab_s_answers_and_codes():
    """fonts._split_string against reportlab's loop: two documents fed the same texts end with
    the same answers and the same subsets (a no-break space, characters without a glyph, more
    than one subset, text seen before)."""
    import random

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts.register_fonts()
    font = pdfmetrics.getFont(fonts.SANS)
    words = ["Open", "Client", "", "a\u00a0b", "□ ↔ —", "\U0010fffd x", "ümlaut", " ", "Done"]
    rng = random.Random(12)

    def some(pool: str, n: int) -> list[str]:
        return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(n)]

    ascii_ = "".join(chr(c) for c in range(0x20, 0x7F)) + "\u00a0"
    wide = "".join(chr(c) for c in range(0x20, 0x250)) + "ΑΒΓαβγЖжשלום中文😀"
    texts = words + some(ascii_, 200) + some(wide, 200) + words * 3 + some(ascii_, 50)

    class Doc:  # a document stands for its state (a weak key)
        pass

    ours, theirs = Doc(), Doc()
    looked_up = 0
    for text in texts:
        before = len(font.state[ours].assignments) if ours in font.state else -1
        assert fonts._split_string(font, text, ours) == fonts._rl_split_string(font, text, theirs)
        a, b = font.state[ours], font.state[theirs]
        assert (a.assignments, a.subsets, a.nextCode) == (b.assignments, b.subsets, b.nextCode)
        looked_up += before == len(a.assignments) and "_reviewdesk_codes" in vars(a)
    assert TTFont.splitString is fonts._split_string
    assert len(font.state[ours].subsets) > 1
    assert looked_up > 200
