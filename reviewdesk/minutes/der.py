"""Just enough DER (ITU-T X.690) to write and read the minutes' CMS signature and certificate.

Writing: tag-length-value elements, SEQUENCE, SET OF (sorted, as DER wants), OBJECT IDENTIFIER.
Reading: one element at a position, the children of a constructed element, and the fields of an
X.509 certificate that signing and verifying need. No ASN.1 library is loaded at export.
"""

from __future__ import annotations

from dataclasses import dataclass

SEQUENCE, SET, OCTET_STRING, OID, INTEGER, BIT_STRING = 0x30, 0x31, 0x04, 0x06, 0x02, 0x03
UTF8_STRING, PRINTABLE_STRING = 0x0C, 0x13


class DerError(ValueError):
    """Bytes that are not the DER this module reads."""


def length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + length(len(content)) + content


def seq(*items: bytes) -> bytes:
    return tlv(SEQUENCE, b"".join(items))


def set_of(*items: bytes) -> bytes:
    return tlv(SET, b"".join(sorted(items)))  # DER: a SET OF in ascending order of encodings


def oid(dotted: str) -> bytes:
    nums = [int(x) for x in dotted.split(".")]
    out = bytearray([40 * nums[0] + nums[1]])
    for n in nums[2:]:
        chunk = [n & 0x7F]
        while n > 0x7F:
            n >>= 7
            chunk.append(0x80 | (n & 0x7F))
        out += bytes(reversed(chunk))
    return tlv(OID, bytes(out))


@dataclass(frozen=True)
class Element:
    tag: int
    start: int  # where the element begins (its tag)
    content: int  # where its content begins
    end: int  # one past its content


def read(data: bytes, pos: int = 0, limit: int | None = None) -> Element:
    """The element at ``pos``, which must end within ``limit`` (default: the data's end)."""
    limit = len(data) if limit is None else limit
    if pos + 2 > limit:
        raise DerError(f"truncated element at {pos}")
    tag, first = data[pos], data[pos + 1]
    if tag & 0x1F == 0x1F:
        raise DerError(f"multi-byte tag at {pos}")
    start = pos + 2
    if first & 0x80:
        n = first & 0x7F
        if n == 0 or n > 4 or start + n > limit:
            raise DerError(f"bad length at {pos}")
        size = int.from_bytes(data[start : start + n], "big")
        start += n
    else:
        size = first
    if start + size > limit:
        raise DerError(f"element at {pos} runs past its end")
    return Element(tag, pos, start, start + size)


def children(data: bytes, parent: Element) -> list[Element]:
    out, pos = [], parent.content
    while pos < parent.end:
        child = read(data, pos, parent.end)
        out.append(child)
        pos = child.end
    return out


def whole(data: bytes, e: Element) -> bytes:
    return data[e.start : e.end]


def content(data: bytes, e: Element) -> bytes:
    return data[e.content : e.end]


COMMON_NAME = oid("2.5.4.3")


@dataclass(frozen=True)
class Certificate:
    """What the signature needs of an X.509 certificate, as DER pieces."""

    der: bytes
    issuer: bytes  # the issuer Name element
    serial: bytes  # the serialNumber INTEGER element
    subject_public_key_info: bytes
    common_name: str


def certificate(der: bytes) -> Certificate:
    """Read a certificate's issuer, serial, public key and subject common name."""
    try:
        top = read(der)
        if top.tag != SEQUENCE or top.end != len(der):
            raise DerError("not one SEQUENCE")
        tbs = children(der, top)[0]
        parts = children(der, tbs)
        if parts and parts[0].tag == 0xA0:  # [0] version
            parts = parts[1:]
        serial, issuer, subject, spki = parts[0], parts[2], parts[4], parts[5]
        name = ""
        for rdn in children(der, subject):
            for atv in children(der, rdn):
                kind, value = children(der, atv)[:2]
                if whole(der, kind) == COMMON_NAME:
                    text = content(der, value)
                    name = text.decode("utf-8" if value.tag == UTF8_STRING else "latin-1")
    except (IndexError, ValueError) as exc:
        raise DerError(f"not an X.509 certificate ({exc})") from None
    return Certificate(der, whole(der, issuer), whole(der, serial), whole(der, spki), name)
