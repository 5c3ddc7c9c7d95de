"""Signature images are bounded in bytes and pixels and stored at a small size."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

import pytest
from factories import new_meeting, new_portfolio, noisy_png

from reviewdesk.record.errors import InvalidValue
from reviewdesk.record.exchange.png import png_size
from reviewdesk.record.limits import SIGNATURE_BOX
from reviewdesk.record.model import Signature
from reviewdesk.store.images import normalise_signature

NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, *, colour_type: int = 6, idat: bytes | None = None) -> bytes:
    """A PNG declaring ``width`` × ``height`` (RGBA by default); white unless ``idat`` is given."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour_type]
    if idat is None:
        row = b"\x00" + b"\xff" * (channels * width)
        idat = zlib.compress(row * height)
    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def test_an_image_within_the_box_is_kept_byte_for_byte():
    small = png(300, 100)
    assert normalise_signature(small) == small


@pytest.mark.parametrize(("width", "height"), [(2000, 600), (900, 100), (400, 1200), (3000, 30)])
def test_a_bigger_image_is_scaled_into_the_box_keeping_its_shape(width, height):
    stored = normalise_signature(png(width, height))
    w, h = png_size(stored)
    assert w <= SIGNATURE_BOX[0] and h <= SIGNATURE_BOX[1]
    assert abs(w / h - width / height) < 0.05 * (width / height) + 1 / h


def test_a_noisy_image_within_the_box_but_big_in_bytes_is_re_encoded_within_the_box():
    stored = normalise_signature(noisy_png(790, 230))
    assert png_size(stored) == (790, 230)


@pytest.mark.parametrize(
    ("width", "height"), [(13_300, 13_300), (4_001, 10), (10, 4_001), (2_001, 2_001)]
)
def test_an_image_declaring_too_many_pixels_is_refused_before_decoding(width, height):
    # the data does not hold the pixels it declares: decoding it would fail differently
    bomb = png(width, height, idat=zlib.compress(b"\x00" * 64))
    with pytest.raises(InvalidValue, match="pixels") as info:
        normalise_signature(bomb, "Cleo")
    assert "Cleo" in str(info.value) and f"{width:,}×{height:,}" in str(info.value)


def test_sign_off_and_import_store_the_small_version(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    signers = [
        Signature("Cleo", "client", NOW, signature_png=png(2400, 720, colour_type=2)),
        Signature("Pat", "provider", NOW, signature_png=png(120, 40)),
    ]
    portfolio.sign_off(mid, signers)
    stored = portfolio.meeting(mid).signoff
    assert png_size(stored[0].signature_png) == (800, 240)
    assert stored[1].signature_png == signers[1].signature_png
    meeting = portfolio.meeting(mid)
    meeting.signoff = signers
    copy_id = portfolio.import_meeting(meeting)
    assert png_size(portfolio.meeting(copy_id).signoff[0].signature_png) == (800, 240)
    portfolio.close()
