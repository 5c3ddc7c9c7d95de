"""Signature images: whole PNG files only, checked chunk by chunk without an image library,
and bounded in bytes and pixels (record.limits) before anything decodes them."""

from __future__ import annotations

import binascii
import zlib

from reviewdesk.record.limits import (
    MAX_SIGNATURE_BYTES,
    MAX_SIGNATURE_PIXELS,
    MAX_SIGNATURE_SIDE,
    size_text,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_PNG = MAX_SIGNATURE_BYTES


def decode_base64(encoded: str) -> bytes | None:
    """The bytes of strict base64 text no longer than a signature image's; else None."""
    import base64  # only for a file that carries a signature image

    if len(encoded) > MAX_PNG * 4 // 3 + 4:
        return None
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) as the PNG's header (IHDR) declares them, read without decoding."""
    if len(data) < 24 or not data.startswith(PNG_MAGIC) or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def signature_problem(data: bytes) -> str | None:
    """Why ``data`` cannot be a signature image, in a few words; None when it can.

    It must be a whole PNG of at most MAX_SIGNATURE_BYTES whose header declares at most
    MAX_SIGNATURE_SIDE pixels each way and MAX_SIGNATURE_PIXELS in all — checked before any
    image library sees it, so a small file that would decode to gigabytes is never decoded.
    """
    if len(data) > MAX_SIGNATURE_BYTES:
        return f"larger than {size_text(MAX_SIGNATURE_BYTES)}, the most a signature image may be"
    if not is_png(data):
        return "not a whole PNG image"
    width, height = png_size(data) or (0, 0)
    if max(width, height) > MAX_SIGNATURE_SIDE or width * height > MAX_SIGNATURE_PIXELS:
        return (
            f"{width:,}×{height:,} pixels; a signature image may be at most "
            f"{MAX_SIGNATURE_SIDE:,} pixels wide or high and {MAX_SIGNATURE_PIXELS:,} in all"
        )
    return None


def is_png(data: bytes) -> bool:
    """A whole PNG: signature, an IHDR with a size, every chunk's CRC right, IDAT, IEND last."""
    if not data.startswith(PNG_MAGIC) or len(data) > MAX_PNG:
        return False
    pos, kinds = len(PNG_MAGIC), []
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return False
        body = data[pos + 8 : pos + 8 + length]
        if zlib.crc32(kind + body) != int.from_bytes(data[end - 4 : end], "big"):
            return False
        if not kinds and (
            kind != b"IHDR"
            or length != 13
            or not int.from_bytes(body[0:4], "big")
            or not int.from_bytes(body[4:8], "big")
        ):
            return False
        kinds.append(kind)
        pos = end
        if kind == b"IEND":
            return pos == len(data) and b"IDAT" in kinds
    return False
