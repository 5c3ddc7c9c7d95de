"""Signed minutes for the tests, and the tools to tamper with them (issue 14's hidden cases).

Each tamper helper makes a copy the way a person with ordinary tools would: an incremental
update appended after the signature, a byte flipped, the same render signed by another key, a
record edited and the file signed again.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zlib
from pathlib import Path

from reviewdesk.app.keys import SigningKey, signing_key
from reviewdesk.minutes import pades
from reviewdesk.minutes.pdf_read import PdfFile, Ref, Stream


def other_key(folder: Path, name: str = "Priya Raman") -> SigningKey:
    """A key made elsewhere (its own folder), by default naming the same facilitator."""
    return signing_key(name, folder)


def unsigned_part(pdf: bytes) -> bytes:
    signature = pades.read_signature(pdf)
    assert signature is not None
    part = pades.unsigned_part(pdf, signature)
    assert part is not None
    return part


def resign(pdf: bytes, key: SigningKey) -> bytes:
    """The same render, its signature replaced by one made with ``key``."""
    return pades.sign_pdf(unsigned_part(pdf), key.private_key(), key.certificate)


def flip_byte(pdf: bytes, at: int | None = None) -> bytes:
    """One byte changed inside the signed range (by default in the information dictionary's
    /Author, where a reader still opens the file)."""
    if at is None:
        at = pdf.index(b"/Author (") + len(b"/Author (")
    out = bytearray(pdf)
    out[at] ^= 0x01
    return bytes(out)


def append_update(pdf: bytes, objects: dict[int, bytes]) -> bytes:
    """``pdf`` with one classic incremental update replacing ``objects`` (number → the body
    between ``obj`` and ``endobj``), as an editor's "save" appends it."""
    startxref = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    trailer = pdf[pdf.rindex(b"trailer") :]
    size = int(re.search(rb"/Size\s+(\d+)", trailer).group(1))
    root = re.search(rb"/Root\s+\d+\s+0\s+R", trailer).group(0)
    info = re.search(rb"/Info\s+\d+\s+0\s+R", trailer).group(0)
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number, offset in sorted(offsets.items()):
        out += f"{number} 1\n{offset:010d} 00000 n \n".encode()
    out += b"trailer\n<< /Size " + str(max(size, max(offsets) + 1)).encode() + b" " + root
    out += b" " + info + f" /Prev {startxref} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream_object(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    head = f"<< /Filter /FlateDecode /Length {len(packed)} ".encode() + extra + b">>"
    return head + b"\nstream\n" + packed + b"\nendstream"


def change_visible_word(pdf: bytes, old: bytes, new: bytes) -> bytes:
    """An appended update whose page 1 content draws ``new`` where the signed one drew ``old``
    (same length: the text stays in place)."""
    assert len(old) == len(new)
    reader = PdfFile(pdf)
    page = reader.pages()[0]
    ref = page["Contents"]
    assert isinstance(ref, Ref)
    stream = reader.get(ref)
    assert isinstance(stream, Stream)
    content = stream.decoded()
    assert old in content, old
    return append_update(pdf, {ref.number: stream_object(content.replace(old, new))})


def swap_embedded_record(pdf: bytes, record: bytes) -> bytes:
    """An appended update that replaces the embedded meeting.json's stream with ``record``."""
    reader = PdfFile(pdf)
    names = reader.dict(reader.catalog["Names"], "names")
    tree = reader.dict(names["EmbeddedFiles"], "tree")
    pairs = reader.get(tree["Names"])
    spec = reader.dict(pairs[pairs.index(b"meeting.json") + 1], "spec")
    ref = reader.dict(spec["EF"], "ef")["F"]
    extra = b"/Type /EmbeddedFile /Subtype /application#2Fjson "
    return append_update(pdf, {ref.number: stream_object(record, extra)})


def pdfsig(path: Path) -> str:
    assert shutil.which("pdfsig"), "poppler's pdfsig is needed (apt install poppler-utils)"
    done = subprocess.run(
        ["pdfsig", "-nocert", str(path)], capture_output=True, text=True, check=False
    )
    return done.stdout + done.stderr


def pyhanko_status(pdf: bytes, cert_der: bytes):
    """pyHanko's validation of the file's one signature, trusting its own certificate only
    (no fetching, no revocation)."""
    from io import BytesIO

    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    cert = x509.Certificate.load(cert_der)
    context = ValidationContext(
        trust_roots=[cert],
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=dt.datetime.now(dt.UTC),
    )
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    (signature,) = reader.embedded_signatures
    return validate_pdf_signature(signature, context, skip_diff=True)
