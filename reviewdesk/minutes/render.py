"""Render a meeting record as PDF minutes (bytes), deterministic for the same record."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import Color, toColor
from reportlab.platypus import SimpleDocTemplate, paragraph, paraparser

import reviewdesk
from reviewdesk.minutes import styles
from reviewdesk.minutes.across import across_reviews
from reviewdesk.minutes.fonts import FontFinder, system_font_for
from reviewdesk.minutes.page import PAPERS, Claims, PageDecor, numbered_canvas, record_moment
from reviewdesk.minutes.pdfa import Attachment
from reviewdesk.minutes.scorecard import register, scorecard
from reviewdesk.minutes.signoff import KeyMark, missing_note, signoff
from reviewdesk.minutes.story import attendees, section_part, title_block
from reviewdesk.minutes.summary import summary
from reviewdesk.minutes.text import Markup, shorten
from reviewdesk.minutes.tracking import actions, goals
from reviewdesk.record.analytics import History
from reviewdesk.record.exchange.minutes_context import MinutesContext
from reviewdesk.record.fingerprint import fingerprint as record_fingerprint
from reviewdesk.record.model import Meeting

# Nothing in a record may make reportlab fetch a URL or read a file.
rl_config.trustedSchemes = []
rl_config.trustedHosts = []
rl_config.useA85 = 0  # binary streams: smaller files, less work
rl_config.shapeChecking = 0  # the chart's attribute validation is a debugging aid, and slow


def _same_frag(f: Any, g: Any) -> bool:
    """reportlab's own Python ``sameFrag`` (whether two fragments draw alike): rl-accel's C one
    gives the same answers ~12 times slower, as it raises and drops an AttributeError for every
    attribute a fragment does not have."""
    fd, gd = f.__dict__, g.__dict__
    if "cbDefn" in fd or "lineBreak" in fd or "cbDefn" in gd or "lineBreak" in gd:
        return False
    # reportlab's own comparison: two lists, item by item identical, else equal
    return [*map(fd.get, _FRAG_LOOK)] == [*map(gd.get, _FRAG_LOOK)]


_FRAG_LOOK = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")
paragraph.sameFrag = _same_frag

_WIDTHS: dict[tuple[Any, ...], float] = {}
_WIDTHS_KEPT = 200_000
_string_width = paragraph.stringWidth  # pdfmetrics.stringWidth, as reportlab's paragraph has it


def _known_width(text: Any, font_name: str, font_size: float, encoding: str = "utf8") -> float:
    """``stringWidth`` for reportlab's paragraphs, each (text, font, size) measured once per
    render: line breaking asks the width of a space, and of the same words, again and again
    (~50,000 times for the big meeting). The fonts do not change during a render (all are
    registered while its story is made); ``render_context`` forgets the widths before each."""
    key = (text, font_name, font_size, encoding)
    width = _WIDTHS.get(key)
    if width is None:
        if len(_WIDTHS) >= _WIDTHS_KEPT:
            _WIDTHS.clear()
        width = _WIDTHS[key] = _string_width(text, font_name, font_size, encoding)
    return width


paragraph.stringWidth = _known_width

_ASCENTS: dict[tuple[str, float | None], tuple[float, float]] = {}
_ascent_descent = paragraph.getAscentDescent


def _known_ascent(font_name: str, font_size: float | None = None) -> tuple[float, float]:
    """``getAscentDescent`` for reportlab's paragraphs, once per font and size per render (it
    is asked for every word of a paragraph with markup)."""
    key = (font_name, font_size)
    found = _ASCENTS.get(key)
    if found is None:
        found = _ASCENTS[key] = _ascent_descent(font_name, font_size)
    return found


paragraph.getAscentDescent = _known_ascent

_COLOURS: dict[str, Color] = {}
_COLOURS_KEPT = 1_000
_RGBA = ["red", "green", "blue", "alpha"]


def _known_colour(value: Any, default: Any = None) -> Any:
    """reportlab's ``toColor`` for the colour attributes of paragraph markup (``<font
    color="#5b6770">``): a ``#rrggbb`` text goes through reportlab's named colours,
    ``literal_eval`` and its extended evaluator before ``HexColor`` (~25 µs, ~240 times for the
    big meeting). Each text is parsed once per process; every answer is a new Color with
    reportlab's values, as before (a fragment may keep it)."""
    if type(value) is not str:
        return toColor(value, default)
    found = _COLOURS.get(value)
    if found is None:
        found = toColor(value, default)
        if type(found) is not Color or list(vars(found)) != _RGBA:
            return found
        if len(_COLOURS) < _COLOURS_KEPT:
            _COLOURS[value] = found
    return Color(found.red, found.green, found.blue, found.alpha)


def _parse_colours_once() -> None:
    """The parser's attribute tables name ``toColor`` for each colour attribute (e.g.
    ``_fontAttrMap["color"] == ("textColor", toColor)``): they get ``_known_colour``."""
    for table in [t for t in vars(paraparser).values() if isinstance(t, dict)]:
        for name, entry in table.items():
            if type(entry) is tuple and len(entry) > 1 and entry[1] is toColor:
                table[name] = (entry[0], _known_colour, *entry[2:])


_parse_colours_once()
FOOTER_CHARS = 48
RECORD_FILE = "meeting.json"  # the reviewdesk.meeting document: /AFRelationship /Source
CONTEXT_FILE = "minutes-context.json"  # the reviewdesk.minutes-context document: /Supplement


@dataclass(frozen=True)
class RenderResult:
    pdf: bytes
    pages: int
    fingerprint: str
    missing_glyphs: int
    digest: str = ""  # the minutes digest: SHA-256 of the whole MinutesContext


def render_minutes(
    meeting: Meeting,
    *,
    paper: str = "a4",
    fallback_fonts: FontFinder | None = None,
    history: History | None = None,
) -> RenderResult:
    """The minutes of ``meeting`` as PDF bytes on A4 or Letter paper.

    ``fallback_fonts`` finds a font file for a character DejaVu lacks (default: fontconfig on
    this machine); characters no font draws are shown as a placeholder and counted.
    ``history`` (``portfolio.history(partnership_id, upto_meeting_id=meeting.id)``) adds an
    "Across reviews" part when it holds an earlier review; without it the output is unchanged.
    The three together are the :class:`MinutesContext` (see :func:`render_context`).
    """
    if paper not in PAPERS:
        raise ValueError(f"paper: {paper!r} is not a4 or letter")
    context = MinutesContext(meeting, history, paper)
    return render_context(context, fallback_fonts=fallback_fonts)


def record_json(meeting: Meeting) -> bytes:
    """The record as embedded in the minutes: what ``reviewdesk dump`` prints, as it is signed
    (without the partnership's cadence, a setting of the partnership that may change later)."""
    from reviewdesk.record.exchange.meeting_format import dumps, signed_doc

    return (dumps(signed_doc(meeting)) + "\n").encode("utf-8")


def attachments(record: bytes, context: bytes) -> list[Attachment]:
    """The two files the minutes carry: the record, and everything else they were made from."""
    return [
        Attachment(
            RECORD_FILE,
            record,
            "application/json",
            "Source",
            "The meeting record these minutes show (reviewdesk.meeting; reviewdesk import "
            "reads it)",
        ),
        Attachment(
            CONTEXT_FILE,
            context,
            "application/json",
            "Supplement",
            "Everything else these minutes were made from (reviewdesk.minutes-context): with "
            "the record, reviewdesk verify makes the same PDF again",
        ),
    ]


def render_context(
    context: MinutesContext,
    *,
    fallback_fonts: FontFinder | None = None,
    key: KeyMark | None = None,
    record: bytes | None = None,
) -> RenderResult:
    """The minutes of a :class:`MinutesContext`: the same context gives the same bytes.

    The render reads nothing else of the record (the fonts DejaVu lacks come from this machine);
    the context's digest and the record's fingerprint are printed on the sign-off page and kept
    in the PDF's information dictionary. The PDF is PDF/A-3b and carries the record (``record``,
    by default made from the context's meeting) and the context itself as associated files.
    ``key`` names the key that will sign it (printed under the fingerprints).
    """
    _WIDTHS.clear()  # fonts may have been registered since the last render
    _ASCENTS.clear()
    meeting, history, paper = context.meeting, context.history, context.paper
    fingerprint = record_fingerprint(meeting)
    canonical = context.canonical()
    digest = hashlib.sha256(canonical).hexdigest()
    files = attachments(record_json(meeting) if record is None else record, canonical)
    mk = Markup(fallback_fonts or system_font_for)
    pagesize = PAPERS[paper]
    width = pagesize[0] - 2 * styles.MARGIN

    story = title_block(mk, meeting, width)
    story += attendees(mk, meeting)
    story += summary(mk, meeting, width)
    story += scorecard(mk, meeting, history, width)  # in the meeting's order: service levels,
    story += register(mk, meeting, width)  # the register, then the agenda's sections
    for number, section in enumerate(meeting.sections, start=1):
        story += section_part(mk, number, section, width, meeting)
    story += goals(mk, meeting, width)
    story += actions(mk, meeting, width)
    # Across reviews comes after this meeting's own record (whose last parts, goals and actions,
    # it extends with their history) and before the sign-off, which closes the minutes: the
    # summary stays about this meeting, and the record reads the same with or without history.
    story += across_reviews(mk, meeting, history, width)
    story += signoff(mk, meeting, fingerprint, width, digest, key)
    missing = mk.missing
    story += missing_note(missing)

    p = meeting.partnership
    footer_mk = Markup(fallback_fonts or system_font_for)
    label = f"{shorten(p.client, FOOTER_CHARS // 2)} ↔ {shorten(p.provider, FOOTER_CHARS // 2)}"
    decor = PageDecor(
        footer_markup=f"{footer_mk(label)} — {footer_mk(shorten(meeting.title, FOOTER_CHARS))}",
        fingerprint=fingerprint,
        draft=meeting.status != "signed_off",
    )
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=styles.MARGIN,
        rightMargin=styles.MARGIN,
        topMargin=styles.MARGIN,
        bottomMargin=styles.MARGIN,
        title=f"{meeting.title} — {p.label}",
        author=meeting.facilitator,
        subject=f"Partnership review minutes, {meeting.date.isoformat()}",
        creator=f"reviewdesk {reviewdesk.__version__}",
        keywords=f"reviewdesk minutes; fingerprint {fingerprint}",
        invariant=1,
        lang="en",
    )
    doc.build(
        story,
        onFirstPage=decor.banner,
        onLaterPages=decor.banner,
        canvasmaker=numbered_canvas(
            decor,
            Claims(fingerprint, digest, paper, signing_key=key.fingerprint if key else ""),
            files,
            record_moment(meeting),
        ),
    )
    return RenderResult(out.getvalue(), doc.page, fingerprint, missing, digest)
