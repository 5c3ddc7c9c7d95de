"""A PNG bomb — 688 KB that decodes to 13,300 × 13,300 RGBA (700 MB) — as a signature is refused
from its header, in one line, without the process growing."""

from __future__ import annotations

import base64
import json
import struct
import zlib

import pytest
from factories import doc
from faultkit import assert_one_line_error, cli, cli_measured

SIDE = 13_300
PEAK_RSS_MB = 250  # the command line alone is about 60 MB; decoding the bomb would be 700 MB+


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    packer = zlib.compressobj(6)
    row = b"\x00" * (1 + 4 * SIDE)
    idat = b"".join(packer.compress(row) for _ in range(SIDE)) + packer.flush()
    header = struct.pack(">IIBBBBB", SIDE, SIDE, 8, 6, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat)
    data += chunk(b"IEND", b"")
    assert len(data) < 1024 * 1024
    path = tmp_path_factory.mktemp("bomb") / "bomb.png"
    path.write_bytes(data)
    return path


@pytest.fixture
def demo_db(tmp_path):
    db = tmp_path / "p.sqlite"
    assert cli("demo", "--db", str(db)).returncode == 0
    return db


def test_a_png_bomb_as_signature_is_refused_from_its_header(demo_db, bomb):
    result, peak = cli_measured(
        "signoff",
        "4",
        "--client",
        "Maren Holt",
        "--provider",
        "Lourdes Dela Cruz",
        "--signature",
        f"Maren Holt={bomb}",
        "--db",
        str(demo_db),
    )
    line = assert_one_line_error(result)
    assert f"{SIDE:,}×{SIDE:,} pixels" in line and str(bomb) in line
    assert peak < PEAK_RSS_MB, peak
    assert "in_progress" in cli("list", "--db", str(demo_db)).stdout.splitlines()[3]


def test_a_png_bomb_in_an_imported_sign_off_is_refused(tmp_path, demo_db, bomb):
    d = doc()
    d["signoff"] = [
        {
            "name": "Cleo Client",
            "side": "client",
            "signed_at": "2026-03-31T10:00:00Z",
            "signature_png": base64.b64encode(bomb.read_bytes()).decode("ascii"),
        },
        {"name": "Pat Provider", "side": "provider", "signed_at": "2026-03-31T10:00:00Z"},
    ]
    source = tmp_path / "m.json"
    source.write_text(json.dumps(d), encoding="utf-8")
    result, peak = cli_measured("import", str(source), "--db", str(demo_db))
    line = assert_one_line_error(result)
    assert "signoff[0].signature_png" in line and "pixels" in line
    assert peak < PEAK_RSS_MB, peak
