"""Signature images: whole PNG files only, checked chunk by chunk without an image library."""

from __future__ import annotations

import base64
import binascii
import zlib

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_PNG = 5 * 1024 * 1024


def decode_png(encoded: str) -> bytes | None:
    """Strict base64 of a whole PNG image, or None when it is not one."""
    if len(encoded) > MAX_PNG * 4 // 3 + 4:
        return None
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if is_png(data) else None


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
