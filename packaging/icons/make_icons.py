"""Regenerate the app icon files from resources/icons/reviewdesk.svg (run after editing it).

    QT_QPA_PLATFORM=offscreen python packaging/icons/make_icons.py

Qt's QSvgRenderer draws the SVG at every size (so small sizes are rendered, not scaled down),
Pillow writes the Windows .ico and the macOS .icns from those renders. Needs PySide6 (QtSvg is in
PySide6-Essentials) and Pillow, both already in the app's environment. Writes, beside this file:
  hicolor/<N>x<N>/apps/reviewdesk.png  for N in 16 24 32 48 64 128 256 512 (Linux, freedesktop)
  reviewdesk.png                        256 px (window icon, AppStream/README)
  reviewdesk.ico                        16 24 32 48 64 128 256 (Windows)
  reviewdesk.icns                       16 32 64 128 256 512 1024, incl. @2x (macOS)
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[1] / "resources" / "icons" / "reviewdesk.svg"  # the window's icon too
NAME = "reviewdesk"
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE}: not a valid SVG", file=sys.stderr)
        return 1
    renders = {n: render(renderer, n) for n in sorted({*LINUX_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for n in LINUX_SIZES:
        target = HERE / "hicolor" / f"{n}x{n}" / "apps" / f"{NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        renders[n].save(target, optimize=True)
    renders[256].save(HERE / f"{NAME}.png", optimize=True)
    big = renders[256]
    big.save(
        HERE / f"{NAME}.ico",
        sizes=[(n, n) for n in ICO_SIZES],
        append_images=[renders[n] for n in ICO_SIZES if n != 256],
    )
    renders[1024].save(HERE / f"{NAME}.icns", append_images=[renders[n] for n in ICNS_SIZES])
    for path in sorted(HERE.rglob(f"{NAME}.*")):
        if path.suffix != ".py":
            print(f"{path.relative_to(HERE)}\t{path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
