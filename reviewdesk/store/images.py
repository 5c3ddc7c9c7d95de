"""Signature images as stored: checked, then scaled down to a small size and re-encoded.

Decoding uses Pillow (installed with reportlab). An image is decoded only after its PNG header
has been checked against the limits in record.limits, so a small file that declares a huge
image never reaches the decoder.
"""

from __future__ import annotations

import dataclasses
import io

from reviewdesk.record.errors import InvalidValue
from reviewdesk.record.exchange.png import png_size, signature_problem
from reviewdesk.record.limits import SIGNATURE_BOX
from reviewdesk.record.model import Signature

# An image already within SIGNATURE_BOX and no bigger than this is stored byte for byte, so
# storing what was stored (a dump imported again) changes nothing.
KEEP_AS_IS_BYTES = 256 * 1024


def normalise_signature(png: bytes, who: str = "") -> bytes:
    """The signature image as it is stored: at most SIGNATURE_BOX pixels (aspect kept).

    Raises InvalidValue naming ``who`` when the image is beyond the limits or not a PNG.
    """
    problem = signature_problem(png)
    if problem:
        raise InvalidValue(f"signature of {who}: {problem}" if who else f"signature: {problem}")
    width, height = png_size(png) or (0, 0)
    box_w, box_h = SIGNATURE_BOX
    if width <= box_w and height <= box_h and len(png) <= KEEP_AS_IS_BYTES:
        return png
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(png), formats=["PNG"]) as image:
            image.load()
            alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            flat = image.convert("RGBA" if alpha else "RGB")
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise InvalidValue(f"signature of {who}: the PNG image cannot be read ({exc})") from None
    flat.thumbnail(SIGNATURE_BOX, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    flat.save(out, "PNG", optimize=True)
    return out.getvalue()


def normalised(signers: list[Signature]) -> list[Signature]:
    """The signatures with their images as stored (see :func:`normalise_signature`)."""
    return [
        s
        if s.signature_png is None
        else dataclasses.replace(s, signature_png=normalise_signature(s.signature_png, s.name))
        for s in signers
    ]
