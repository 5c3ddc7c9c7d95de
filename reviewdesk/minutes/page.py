"""The page: size and margins, the draft banner, the 'page N of M' footer and PDF metadata."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from reviewdesk.minutes import styles
from reviewdesk.minutes.fonts import SANS, SANS_BOLD
from reviewdesk.minutes.pdfa import Attachment, make_pdfa
from reviewdesk.record.wording import DRAFT_TEXT

PAPERS = {"a4": A4, "letter": LETTER}


def _producer() -> str:
    """What else decides the bytes besides reviewdesk (/Creator): the PDF library, the zlib that
    compresses the streams and the Pillow that re-encodes drawn signatures."""
    import zlib

    import PIL
    import reportlab

    return (
        f"ReportLab {reportlab.Version}; zlib {zlib.ZLIB_RUNTIME_VERSION}; Pillow {PIL.__version__}"
    )


PRODUCER = _producer()


@dataclass(frozen=True)
class Claims:
    """What a PDF says it is, in its information dictionary: the record's fingerprint, the
    minutes digest, the paper and the SHA-256 of the certificate it is signed with (``verify``
    reads them back with :func:`read_claims`)."""

    fingerprint: str
    digest: str
    paper: str
    creator: str = ""
    signing_key: str = ""
    producer: str = ""


_CLAIM = {
    "fingerprint": re.compile(rb"/Fingerprint \(([0-9a-f]{64})\)"),
    "digest": re.compile(rb"/MinutesDigest \(([0-9a-f]{64})\)"),
    "paper": re.compile(rb"/Paper \((a4|letter)\)"),
    "creator": re.compile(rb"/Creator \(([ -~]{1,80}?)\)"),
    "signing_key": re.compile(rb"/SigningKey \(([0-9A-F]{64})\)"),
    "producer": re.compile(rb"/Producer \(([ -~]{1,120}?)\)"),
}


def read_claims(pdf: bytes) -> Claims | None:
    """The claims of a PDF these minutes wrote (the last of each, as a reader takes the latest
    revision), or None when it carries no record fingerprint."""
    found: dict[str, str] = {}
    for name, pattern in _CLAIM.items():
        matches = pattern.findall(pdf)
        found[name] = matches[-1].decode("ascii") if matches else ""
    if not found["fingerprint"]:
        return None
    return Claims(**found)


class InfoWithFingerprint(PDFInfo):
    """The document information dictionary plus the custom /Fingerprint, /MinutesDigest,
    /Paper and (on signed minutes) /SigningKey entries."""

    claims = Claims("", "", "")

    def format(self, document: Any) -> bytes:
        stamp = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator),
            "Producer": PDFString(self.producer),
            "CreationDate": stamp,
            "ModDate": stamp,
            "Trapped": PDFName(self.trapped),
            "Fingerprint": PDFString(self.claims.fingerprint),
            "MinutesDigest": PDFString(self.claims.digest),
            "Paper": PDFString(self.claims.paper),
        }
        if self.claims.signing_key:
            entries["SigningKey"] = PDFString(self.claims.signing_key)
        return PDFDictionary(entries).format(document)


@dataclass(frozen=True)
class PageDecor:
    """What every page carries besides the flowing content."""

    footer_markup: str  # safe markup: 'client ↔ provider — title'
    fingerprint: str
    draft: bool

    def banner(self, canvas: Canvas, doc: SimpleDocTemplate) -> None:
        """'DRAFT — not signed off' across the top of the page while the meeting is open."""
        if not self.draft:
            return
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFillColor(styles.DRAFT_TINT)
        canvas.rect(0, height - 11 * 2.835, width, 7 * 2.835, stroke=0, fill=1)
        canvas.setFillColor(styles.GAP)
        canvas.setFont(SANS_BOLD, 9)
        canvas.drawCentredString(width / 2, height - 8.6 * 2.835, DRAFT_TEXT)
        canvas.restoreState()

    def footer(self, canvas: Canvas, page: int, total: int) -> None:
        """'client ↔ provider — title — page N of M' and the fingerprint prefix."""
        width, _ = canvas._pagesize
        inner = width - 2 * styles.MARGIN
        canvas.saveState()
        canvas.setStrokeColor(styles.BORDER)
        canvas.setLineWidth(0.5)
        canvas.line(styles.MARGIN, 13.5 * 2.835, width - styles.MARGIN, 13.5 * 2.835)
        text = f"{self.footer_markup} — page {page} of {total}"
        para = Paragraph(text, styles.FOOTER)
        _, h = para.wrap(inner - 38 * 2.835, 30)
        para.drawOn(canvas, styles.MARGIN, 12.4 * 2.835 - h)
        canvas.setFont(styles.MONO_FONT, 7)
        canvas.setFillColor(styles.MUTED)
        canvas.drawRightString(width - styles.MARGIN, 12.4 * 2.835 - 7.5, self.fingerprint[:16])
        canvas.restoreState()


def numbered_canvas(
    decor: PageDecor, claims: Claims, attachments: Sequence[Attachment] = ()
) -> Callable[..., Canvas]:
    """A canvas class that holds pages back until the end so each footer knows the total; its
    document is PDF/A-3b with ``attachments`` embedded (see ``pdfa.py``)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = SANS  # never the unembedded Helvetica
            super().__init__(*args, **kwargs)
            make_pdfa(self, attachments)
            info = InfoWithFingerprint()
            info.claims = claims
            info.producer = PRODUCER
            self._doc.info = info
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                decor.footer(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
