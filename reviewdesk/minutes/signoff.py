"""The sign-off: each signer with their drawn signature, then the record's fingerprint."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from PIL import Image as PILImage
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer

from reviewdesk import look
from reviewdesk.minutes import styles
from reviewdesk.minutes.blocks import Grid, Raw, coloured, h1
from reviewdesk.minutes.text import PLACEHOLDER, Markup, escape
from reviewdesk.record.model import Meeting, Signature
from reviewdesk.record.wording import (
    DIGEST_COVERS,
    imported_text,
    key_fingerprint_text,
    moment_text,
    plural,
    side_text,
    signed_by_key_text,
)

SIG_WIDTH, SIG_HEIGHT = 62 * mm, 22 * mm
MAX_SIDE = 1200  # pixels: plenty for a 62 mm signature, and a bound on what gets embedded


@dataclass(frozen=True)
class KeyMark:
    """The key that signs the minutes, as printed under the fingerprints: the name in its
    certificate and the certificate's SHA-256 (64 hex digits, upper case)."""

    name: str
    fingerprint: str


def decoded_png(png: bytes) -> tuple[bytes, int, int]:
    """The image fully decoded (so a damaged one fails here, not mid-PDF), at most MAX_SIDE
    pixels a side, as fresh PNG bytes with its width and height."""
    with PILImage.open(BytesIO(png)) as im:
        im.load()
        im.thumbnail((MAX_SIDE, MAX_SIDE))
        if im.width <= 0 or im.height <= 0:
            raise ValueError("empty image")
        out = BytesIO()
        im.save(out, "PNG")
        return out.getvalue(), im.width, im.height


def signature_image(png: bytes | None) -> Flowable | Raw:
    """The drawn signature scaled into its box at its own aspect ratio (or a note)."""
    if not png:
        return Raw(f'<font color="{look.MUTED}">no drawn signature</font>')
    try:
        data, w, h = decoded_png(png)
    except Exception:  # noqa: BLE001 - a broken image must not stop the minutes
        return Raw(f'<font color="{look.MUTED}">signature image could not be read</font>')
    scale = min(SIG_WIDTH / w, SIG_HEIGHT / h)
    image = Image(BytesIO(data), width=w * scale, height=h * scale)
    image.hAlign = "LEFT"
    return image


def _who(s: Signature) -> str:
    role = f" · {s.role}" if s.role else ""
    return f"{side_text(s.side)}{role}"


def signoff(
    mk: Markup,
    meeting: Meeting,
    fingerprint: str,
    width: float,
    digest: str = "",
    key: KeyMark | None = None,
) -> list[Flowable]:
    """Signers (name, side, role, time, signature image), then the record's fingerprint, the
    minutes digest and the key that signs the PDF, in monospace."""
    out: list[Flowable] = [*h1("Sign-off")]
    if not meeting.signoff:
        out.append(Paragraph("Not signed off yet.", styles.BODY))
    else:
        if meeting.signoff_imported_at is not None:
            out.append(Paragraph(escape(imported_text(meeting.signoff_imported_at)), styles.NOTICE))
        grid = Grid(
            mk, ["Signature", "Signed by"], [SIG_WIDTH + 8 * mm, width - SIG_WIDTH - 8 * mm]
        )
        for s in meeting.signoff:
            image = signature_image(s.signature_png)
            side = coloured(mk(_who(s)), look.side_colour(s.side))
            when = f"Signed {moment_text(s.signed_at)}"
            if len(s.name) + len(s.role) < 300:
                details = Raw(f"<b>{mk(s.name, bold=True)}</b><br/>{side}<br/>{mk(when)}")
                grid.add([image, details])
            else:  # an outsized name or role spills over several rows instead
                grid.add([image, s.name])
                grid.add([Raw(""), _who(s)], rule=False)
                grid.add([Raw(""), when], rule=False)
        out.append(grid.table())
    out.append(Spacer(1, 10))
    tail: list[Flowable] = [
        Paragraph("Record fingerprint (SHA-256 of the meeting record)", styles.LABEL),
        Paragraph(fingerprint, styles.MONO_LINE),
    ]
    if digest:
        tail += [
            Spacer(1, 4),
            Paragraph(f"Minutes digest ({escape(DIGEST_COVERS)})", styles.LABEL),
            Paragraph(digest, styles.MONO_LINE),
        ]
    if key is not None:
        tail += [
            Spacer(1, 4),
            # the words escaped, the name through the markup (which may change its font)
            Paragraph(
                escape(signed_by_key_text("\0")).replace("\0", mk(key.name, bold=True)),
                styles.LABEL,
            ),
            Paragraph(key_fingerprint_text(key.fingerprint), styles.MONO_LINE),
        ]
    out.append(KeepTogether(tail))
    return out


def missing_note(count: int) -> list[Flowable]:
    """Say how many characters no font on this computer could draw (shown as □)."""
    if not count:
        return []
    text = (
        f"{plural(count, 'character')} could not be drawn with the fonts on this computer; "
        f"each is shown as {PLACEHOLDER}."
    )
    return [Spacer(1, 6), Paragraph(text, styles.NOTICE)]
