"""The minutes' digital signature: PAdES B-B (ETSI.CAdES.detached) in one incremental update.

:func:`sign_pdf` appends to the PDF that reportlab wrote exactly one revision: the catalog with
an ``/AcroForm``, the last page (the sign-off) with the signature's widget in ``/Annots``, the
invisible widget (print flag set, as PDF/A wants), the form, and the signature dictionary whose
``/ByteRange`` covers the whole file but its ``/Contents``: a CMS SignedData (signed attributes
contentType, messageDigest and ESS signing-certificate-v2; ECDSA P-256 with SHA-256; the
certificate included), written here with a little DER and ``cryptography``. Info and XMP are left
as rendered, so the signed file is still the PDF/A-3b the render made. No time-stamp server, no
revocation data: nothing goes over a network. The time in ``/M`` is the laptop's clock.

:func:`read_signature` takes a signed file apart again and :func:`check_cms` checks the
signature; the update is rebuilt from what it says (:func:`signature_update`) and must be the
same bytes, so a file passes only when it is a render plus reviewdesk's signature and nothing
else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from reviewdesk.minutes import der

FIELD = "reviewdesk"
REASON = "Minutes exported by reviewdesk"
SIG_HEX = 8192  # hex digits reserved for the CMS (about 1 KB is used)
SHA256 = "2.16.840.1.101.3.4.2.1"
ECDSA_SHA256 = "1.2.840.10045.4.3.2"
SIGNED_DATA, DATA = "1.2.840.113549.1.7.2", "1.2.840.113549.1.7.1"
CONTENT_TYPE, MESSAGE_DIGEST = "1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4"
SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47"
EC_PUBLIC_KEY, P256 = "1.2.840.10045.2.1", "1.2.840.10045.3.1.7"
_BYTE_RANGE_BLANK = b"[0 0000000000 0000000000 0000000000]"


class SignatureError(ValueError):
    """A PDF this signer cannot sign, or a signature that is not reviewdesk's."""


# ---- the incremental update -------------------------------------------------------------------


def _startxref(pdf: bytes) -> int:
    m = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf[-1024:])
    if not m:
        raise SignatureError("no startxref at the end of the file")
    return int(m.group(1))


def _trailer(pdf: bytes, startxref: int) -> bytes:
    if pdf[startxref : startxref + 4] != b"xref":
        raise SignatureError("not a classic cross-reference table")
    at = pdf.index(b"trailer", startxref)
    return pdf[at : pdf.index(b"startxref", at)]


def _offsets(pdf: bytes, startxref: int) -> dict[int, int]:
    """Object number → offset, from the file's one classic xref section (reportlab's)."""
    lines = pdf[startxref + 4 : pdf.index(b"trailer", startxref)].split()
    out, i = {}, 0
    while i + 1 < len(lines):
        first, count = int(lines[i]), int(lines[i + 1])
        for n in range(count):
            offset, _generation, kind = lines[i + 2 + 3 * n : i + 5 + 3 * n]
            if kind == b"n":
                out[first + n] = int(offset)
        i += 2 + 3 * count
    return out


def _body(pdf: bytes, offsets: dict[int, int], number: int) -> bytes:
    if number not in offsets:
        raise SignatureError(f"object {number} is not in the cross-reference table")
    start = offsets[number]
    head = re.match(rb"\d+ 0 obj\s*", pdf[start : start + 40])
    if not head:
        raise SignatureError(f"object {number} is not where the table says")
    return pdf[start + head.end() : pdf.index(b"endobj", start)].rstrip()


def _ref(text: bytes, key: bytes) -> int:
    m = re.search(rb"/" + key + rb"\s+(\d+)\s+0\s+R", text)
    if not m:
        raise SignatureError(f"no /{key.decode()} reference")
    return int(m.group(1))


def pdf_text(text: str) -> bytes:
    """A PDF text string: printable ASCII as a literal, anything else as UTF-16BE hex."""
    if all(32 <= ord(c) < 127 for c in text):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("ascii") + b")"
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def signature_update(unsigned: bytes, name: str, when: str) -> tuple[bytearray, int, int]:
    """The unsigned PDF plus the signature's revision, its ``/ByteRange`` filled in and its
    ``/Contents`` all zeros; with the offsets of the ``<`` and one past the ``>`` around them.

    Deterministic: ``verify`` builds it again from the signed file's name and time.
    """
    startxref = _startxref(unsigned)
    trailer = _trailer(unsigned, startxref)
    offsets = _offsets(unsigned, startxref)
    size_match = re.search(rb"/Size\s+(\d+)", trailer)
    if not size_match:
        raise SignatureError("the trailer has no /Size")
    size = int(size_match.group(1))
    root = _ref(trailer, b"Root")
    catalog = _body(unsigned, offsets, root)
    if b"/AcroForm" in catalog:
        raise SignatureError("the document already has a form")
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", _body(unsigned, offsets, _ref(catalog, b"Pages")))
    refs = re.findall(rb"(\d+)\s+0\s+R", kids.group(1)) if kids else []
    if not refs:
        raise SignatureError("no pages")
    last_page = int(refs[-1])
    page = _body(unsigned, offsets, last_page)
    if b"/Annots" in page or not catalog.endswith(b">>") or not page.endswith(b">>"):
        raise SignatureError("the last page is not one reportlab wrote")
    sig, field, form = size, size + 1, size + 2
    placeholder = b"<" + b"0" * SIG_HEX + b">"
    objects = {
        root: catalog[:-2] + f" /AcroForm {form} 0 R >>".encode(),
        last_page: page[:-2] + f" /Annots [{field} 0 R] >>".encode(),
        sig: b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Name "
        + pdf_text(name)
        + b" /M ("
        + when.encode("ascii")
        + b") /Reason "
        + pdf_text(REASON)
        + b" /ByteRange "
        + _BYTE_RANGE_BLANK
        + b" /Contents "
        + placeholder
        + b" >>",
        field: f"<< /Type /Annot /Subtype /Widget /FT /Sig /T ({FIELD}) /F 132 /Rect [0 0 0 0] "
        f"/P {last_page} 0 R /V {sig} 0 R >>".encode(),
        form: f"<< /Fields [{field} 0 R] /SigFlags 3 >>".encode(),
    }
    out = bytearray(unsigned if unsigned.endswith(b"\n") else unsigned + b"\n")
    positions = {}
    for number, body in objects.items():
        positions[number] = len(out)
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number in sorted(positions):
        out += f"{number} 1\n{positions[number]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {form + 1} /Root {root} 0 R".encode()
    info = re.search(rb"/Info\s+\d+\s+0\s+R", trailer)
    if info:
        out += b" " + info.group(0)
    ids = re.search(rb"/ID\s*\[\s*(<[0-9A-Fa-f]*>)\s*(<[0-9A-Fa-f]*>)\s*\]", trailer)
    if ids:
        out += b" /ID [" + ids.group(1) + b" " + ids.group(2) + b"]"
    out += f" /Prev {startxref} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    c0 = out.index(placeholder, positions[sig])
    c1 = c0 + len(placeholder)
    byte_range = f"[0 {c0:010d} {c1:010d} {len(out) - c1:010d}]".encode()
    b0 = out.index(_BYTE_RANGE_BLANK, positions[sig])
    out[b0 : b0 + len(byte_range)] = byte_range
    return out, c0, c1


def pdf_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%SZ")


def sign_pdf(pdf: bytes, key: Any, cert_der: bytes, when: dt.datetime | None = None) -> bytes:
    """``pdf`` (as reportlab wrote it) with reviewdesk's signature appended; ``key`` is the
    ECDSA private key (``cryptography``) of the certificate ``cert_der``."""
    cert = der.certificate(cert_der)
    moment = when or dt.datetime.now(dt.UTC)
    out, c0, c1 = signature_update(pdf, cert.common_name, pdf_date(moment))
    digest = hashlib.sha256(bytes(out[:c0]) + bytes(out[c1:])).digest()
    blob = cms_signed_data(digest, key, cert)
    if 2 * len(blob) > SIG_HEX:
        raise SignatureError("the signature is larger than the room kept for it")
    out[c0 + 1 : c1 - 1] = blob.hex().encode("ascii").ljust(SIG_HEX, b"0")
    return bytes(out)


# ---- the CMS signature ------------------------------------------------------------------------


def _signed_attributes(digest: bytes, cert: der.Certificate) -> bytes:
    ess_cert_id = der.seq(  # hashAlgorithm left out: DEFAULT sha256
        der.tlv(der.OCTET_STRING, hashlib.sha256(cert.der).digest()),
        der.seq(der.seq(der.tlv(0xA4, cert.issuer)), cert.serial),  # issuerSerial
    )
    return der.set_of(
        der.seq(der.oid(CONTENT_TYPE), der.set_of(der.oid(DATA))),
        der.seq(der.oid(MESSAGE_DIGEST), der.set_of(der.tlv(der.OCTET_STRING, digest))),
        der.seq(der.oid(SIGNING_CERTIFICATE_V2), der.set_of(der.seq(der.seq(ess_cert_id)))),
    )


def cms_signed_data(digest: bytes, key: Any, cert: der.Certificate) -> bytes:
    """A detached CMS SignedData over ``digest`` (SHA-256 of the signed bytes), no signing
    time (PAdES puts the time in the signature dictionary's ``/M``)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise SignatureError("the signing key is not an ECDSA key")
    attributes = _signed_attributes(digest, cert)  # signed as a SET …
    signature = key.sign(attributes, ec.ECDSA(hashes.SHA256()))
    sha256 = der.seq(der.oid(SHA256))
    signer_info = der.seq(
        der.tlv(der.INTEGER, b"\x01"),
        der.seq(cert.issuer, cert.serial),
        sha256,
        b"\xa0" + attributes[1:],  # … and stored as [0] IMPLICIT
        der.seq(der.oid(ECDSA_SHA256)),
        der.tlv(der.OCTET_STRING, signature),
    )
    signed_data = der.seq(
        der.tlv(der.INTEGER, b"\x01"),
        der.set_of(sha256),
        der.seq(der.oid(DATA)),
        der.tlv(0xA0, cert.der),  # certificates [0] IMPLICIT
        der.set_of(signer_info),
    )
    return der.seq(der.oid(SIGNED_DATA), der.tlv(0xA0, signed_data))


# ---- reading a signed file back ---------------------------------------------------------------

_SIG_DICT = re.compile(
    rb"<< /Type /Sig /Filter /Adobe\.PPKLite /SubFilter /ETSI\.CAdES\.detached /Name "
    rb"(?P<name>\((?:\\.|[^\\)])*\)|<[0-9A-F]*>) /M \((?P<when>D:\d{14}Z)\) /Reason .{0,200}? "
    rb"/ByteRange \[0 (?P<a>\d{10}) (?P<b>\d{10}) (?P<c>\d{10})\] "
    rb"/Contents <(?P<contents>[0-9a-f]{%d})> >>" % SIG_HEX,
    re.S,
)
_ANY_SIGNATURE = re.compile(rb"/ByteRange\s*\[")


@dataclass(frozen=True)
class SignedFile:
    """A file with reviewdesk's signature, taken apart."""

    signatures: int  # how many signature dictionaries the file has (``/ByteRange``s)
    byte_range: tuple[int, int, int, int]
    signed_bytes: bytes  # what the signature covers: the file but its /Contents
    cms: bytes  # the CMS, cut at its DER length
    contents_hex: bytes  # /Contents as written (the CMS, then zeros)
    name: bytes  # /Name as written
    when: str  # /M, e.g. D:20261130120000Z
    object_start: int  # where the signature's object begins
    file_size: int

    @property
    def covered_end(self) -> int:
        _, _, b, c = self.byte_range
        return b + c

    @property
    def signed_at(self) -> dt.datetime:
        return dt.datetime.strptime(self.when, "D:%Y%m%d%H%M%SZ").replace(tzinfo=dt.UTC)


def read_signature(pdf: bytes) -> SignedFile | None:
    """reviewdesk's signature in ``pdf``, or None when there is none."""
    m = _SIG_DICT.search(pdf)
    if m is None:
        return None
    a, b, c = int(m["a"]), int(m["b"]), int(m["c"])
    contents = m["contents"]
    try:
        blob = bytes.fromhex(contents.decode("ascii"))
        top = der.read(blob)
    except (ValueError, der.DerError):
        blob, top = b"", None
    return SignedFile(
        signatures=len(_ANY_SIGNATURE.findall(pdf)),
        byte_range=(0, a, b, c),
        signed_bytes=pdf[:a] + pdf[b : b + c],
        cms=blob[: top.end] if top else b"",
        contents_hex=contents,
        name=m["name"],
        when=m["when"].decode("ascii"),
        object_start=m.start(),
        file_size=len(pdf),
    )


def count_signatures(pdf: bytes) -> int:
    return len(_ANY_SIGNATURE.findall(pdf))


def unsigned_part(pdf: bytes, signed: SignedFile) -> bytes | None:
    """The revision that was signed: the file up to the end of the revision before the
    signature's (None when it cannot be found)."""
    end = pdf.rfind(b"%%EOF\n", 0, signed.object_start)
    return pdf[: end + 6] if end >= 0 else None


def update_problem(pdf: bytes, signed: SignedFile, name: str) -> str | None:
    """Why the signed file is not exactly ``unsigned + reviewdesk's signature update`` (with
    the signer's name from the certificate), or None when it is."""
    unsigned = unsigned_part(pdf, signed)
    if unsigned is None:
        return "the signature is not an update of a PDF reviewdesk wrote"
    try:
        expected, c0, c1 = signature_update(unsigned, name, signed.when)
    except (SignatureError, ValueError) as exc:
        return f"the signed revision is not one reviewdesk wrote ({exc})"
    expected[c0 + 1 : c1 - 1] = signed.cms.hex().encode("ascii").ljust(SIG_HEX, b"0")
    covered = pdf[: signed.covered_end]
    if bytes(expected) != covered:
        return "the signed update holds more than reviewdesk's signature"
    return None


def check_cms(signed: SignedFile) -> tuple[der.Certificate | None, str | None]:
    """(the signer's certificate, None) when the CMS is reviewdesk's and signs exactly the
    covered bytes; else (the certificate if it could be read, what is wrong)."""
    blob = signed.cms
    try:
        info = der.read(blob)
        oid_e, wrapped = der.children(blob, info)
        if der.whole(blob, oid_e) != der.oid(SIGNED_DATA):
            return None, "the signature is not CMS SignedData"
        signed_data = der.children(blob, wrapped)[0]
        _v, _algs, encap, certs, infos = der.children(blob, signed_data)
        if der.whole(blob, encap) != der.seq(der.oid(DATA)) or certs.tag != 0xA0:
            return None, "the signature is not a detached CMS with its certificate"
        cert = der.certificate(der.whole(blob, der.children(blob, certs)[0]))
        (signer_info,) = der.children(blob, infos)
        _v, sid, digest_alg, attrs, sig_alg, sig_value = der.children(blob, signer_info)
    except (ValueError, der.DerError) as exc:
        return None, f"the signature cannot be read ({exc})"
    if der.whole(blob, sid) != der.seq(cert.issuer, cert.serial) or attrs.tag != 0xA0:
        return cert, "the signature names another certificate than the one it carries"
    if der.whole(blob, digest_alg) != der.seq(der.oid(SHA256)) or der.whole(
        blob, sig_alg
    ) != der.seq(der.oid(ECDSA_SHA256)):
        return cert, "the signature uses other algorithms than reviewdesk's"
    attributes = b"\x31" + der.whole(blob, attrs)[1:]
    digest = hashlib.sha256(signed.signed_bytes).digest()
    if attributes != _signed_attributes(digest, cert):
        if attributes == _signed_attributes(_message_digest(blob, attrs), cert):
            return cert, "BROKEN: the signed bytes were changed (digest mismatch)"
        return cert, "the signature's signed attributes are not reviewdesk's"
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    spki = cert.subject_public_key_info
    try:
        algorithm, point = der.children(spki, der.read(spki))
        if der.whole(spki, algorithm) != der.seq(der.oid(EC_PUBLIC_KEY), der.oid(P256)):
            return cert, "the certificate's key is not an ECDSA P-256 key"
        raw = der.content(spki, point)[1:]  # a BIT STRING: its first byte counts unused bits
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
        public.verify(der.content(blob, sig_value), attributes, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, der.DerError):
        return cert, "BROKEN: the signature does not verify with its certificate's key"
    return cert, None


def _message_digest(blob: bytes, attrs: der.Element) -> bytes:
    """The messageDigest value among the signed attributes (b"" when there is none)."""
    for attribute in der.children(blob, attrs):
        kind, values = der.children(blob, attribute)
        if der.whole(blob, kind) == der.oid(MESSAGE_DIGEST):
            return der.content(blob, der.children(blob, values)[0])
    return b""
