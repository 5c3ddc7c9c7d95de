"""PDF/A-3b straight from reportlab: metadata, output intent, associated files, fixed dates.

The minutes are an archival document that carries its own input: :func:`make_pdfa` turns the
document of a fresh canvas into ISO 19005-3 level B (XMP metadata mirroring the information
dictionary, an sRGB output intent, the embedded files listed as the catalog's associated files,
a PDF 1.7 header, no empty ``/Trans``) and dates it at reportlab's invariant moment whatever the
environment says. Importing this module also makes reportlab write an end-of-line before every
``endstream`` (6.1.7.1). The fonts are embedded TrueType subsets (``fonts.py``; their widths are
repaired there). Everything here is deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (
    XMP,
    PDFArray,
    PDFCatalog,
    PDFDate,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
    PDFText,
    PDFZCompress,
)

from reviewdesk.resources import resource

PDF_VERSION = (1, 7)
INVARIANT_TIME = 946684800  # 2000-01-01T00:00:00Z: reportlab's invariant date
OUTPUT_CONDITION = "sRGB IEC61966-2.1"


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF and listed as one of its associated files (``/AF``)."""

    name: str
    data: bytes
    mime: str  # e.g. application/json
    relationship: str  # ISO 32000-2 /AFRelationship: Source, Data, Supplement, …
    description: str


def _format_with_eol(self: PDFStream, document: Any) -> bytes:
    """reportlab writes ``…data`` + ``endstream``; PDF/A wants an end-of-line between them,
    not counted in ``/Length``."""
    out = _format_stream(self, document)
    assert out.endswith(b"endstream\n")
    return out[:-10] + b"\nendstream\n"


_format_stream = pdfdoc.PDFStream.format
if getattr(_format_stream, "__name__", "") != _format_with_eol.__name__:
    pdfdoc.PDFStream.format = _format_with_eol  # process-wide, like fonts.py's ToUnicode fix


def _icc_profile() -> bytes:
    return resource("icc", "sRGB.icc").read_bytes()


def _invariant_stamp() -> TimeStamp:
    """reportlab's invariant time stamp, which it would move to ``SOURCE_DATE_EPOCH`` when that
    is set: the minutes must be the same bytes whatever the environment of the export."""
    stamp = TimeStamp(invariant=True)
    if stamp.t != INVARIANT_TIME:
        import time

        stamp.t = float(INVARIANT_TIME)
        stamp.lt = time.gmtime(INVARIANT_TIME)
        stamp.YMDhms = tuple(stamp.lt)[:6]
        stamp.dhh = stamp.dmm = 0
        stamp.tzname = "UTC"
    return stamp


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xmp_date(stamp: TimeStamp) -> str:
    y, mo, d, h, mi, s = stamp.YMDhms
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z"


def xmp_packet(doc: Any) -> bytes:
    """XMP that says the same as the information dictionary, plus PDF/A part 3, level B.

    Made while reportlab writes the document, from ``doc.info`` itself, so the two cannot
    disagree. Only predefined schemas (a custom property would need an extension schema): the
    record's fingerprint is in the keywords, as in the information dictionary.
    """
    info = doc.info
    date = _xmp_date(doc._timeStamp)
    lang = getattr(doc.Catalog, "Lang", None)
    parts = [
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '<rdf:Description rdf:about=""',
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
        ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
        "<pdfaid:part>3</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<dc:format>application/pdf</dc:format>",
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_xml(info.title)}</rdf:li>'
        "</rdf:Alt></dc:title>",
        f"<dc:creator><rdf:Seq><rdf:li>{_xml(info.author)}</rdf:li></rdf:Seq></dc:creator>",
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_xml(info.subject)}'
        "</rdf:li></rdf:Alt></dc:description>",
    ]
    if lang is not None:
        parts.append(
            f"<dc:language><rdf:Bag><rdf:li>{_xml(lang.s)}</rdf:li></rdf:Bag></dc:language>"
        )
    parts += [
        f"<pdf:Keywords>{_xml(info.keywords)}</pdf:Keywords>",
        f"<pdf:Producer>{_xml(info.producer)}</pdf:Producer>",
        f"<xmp:CreatorTool>{_xml(info.creator)}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{date}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{date}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{date}</xmp:MetadataDate>",
        "</rdf:Description>",
        "</rdf:RDF>",
        "</x:xmpmeta>",
        '<?xpacket end="r"?>',
    ]
    return "\n".join(parts).encode("utf-8")


def _output_intent() -> PDFDictionary:
    profile = PDFStream(PDFDictionary({"N": 3}), _icc_profile())  # unfiltered: 588 bytes
    return PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
            "Info": PDFString(OUTPUT_CONDITION),
            "RegistryName": PDFString("http://www.color.org"),
            "DestOutputProfile": profile,
        }
    )


def _file_spec(doc: Any, a: Attachment) -> PDFDictionary:
    stream = PDFStream(
        PDFDictionary(
            {
                "Type": PDFName("EmbeddedFile"),
                # PDFName would not escape the '/' of a MIME type: written out by hand
                "Subtype": "/" + a.mime.replace("/", "#2F"),
                "Params": PDFDictionary(
                    {
                        "Size": len(a.data),
                        "ModDate": PDFDate(ts=doc._timeStamp),
                        "CheckSum": PDFText(hashlib.md5(a.data).digest(), enc="raw"),
                    }
                ),
            }
        ),
        a.data,
        filters=[PDFZCompress],
    )
    return PDFDictionary(
        {
            "Type": PDFName("Filespec"),
            "F": PDFString(a.name),
            "UF": PDFString(a.name),
            "Desc": PDFString(a.description),
            "AFRelationship": PDFName(a.relationship),
            "EF": PDFDictionary({"F": stream, "UF": stream}),
        }
    )


def make_pdfa(canvas: Any, attachments: Sequence[Attachment]) -> None:
    """Make the document of a fresh reportlab canvas PDF/A-3b (call right after its
    ``__init__``, before anything is drawn) with ``attachments`` embedded and associated."""
    doc = canvas._doc
    doc._pdfVersion = max(doc._pdfVersion, PDF_VERSION)
    stamp = _invariant_stamp()
    doc._timeStamp = stamp
    doc.signature = hashlib.md5(b"a reportlab document", usedforsecurity=False)
    doc.signature.update(ascii(stamp.t).encode("ascii"))  # the file's /ID, as reportlab seeds it
    cat = doc.Catalog
    # PDFCatalog.format writes only the keys it lists: this instance lists two more
    cat.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents", "AF"]
    cat.Metadata = XMP(creator=xmp_packet)
    cat.OutputIntents = PDFArray([_output_intent()])
    names, refs = [], []
    for a in sorted(attachments, key=lambda a: a.name):
        ref = doc.Reference(_file_spec(doc, a))
        names += [PDFString(a.name), ref]
        refs.append(ref)
    if refs:
        cat.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray(names)})})
        cat.AF = PDFArray(refs)
    add_page = doc.addPage

    def add_page_without_trans(page: Any) -> None:
        # Canvas.showPage gives every page an empty /Trans dictionary, which PDF/A refuses
        trans = getattr(page, "Trans", None)
        if trans is not None and not trans.dict:
            page.Trans = None
        add_page(page)

    doc.addPage = add_page_without_trans
