"""Are these the minutes of a meeting as it now stands? (``reviewdesk verify --db``).

What the signed PDF proves by itself is checked in ``proof.py``; this is the portfolio's part.
A PDF verifies against the portfolio when every one of these holds:

1. it carries a record fingerprint (its information dictionary, as reviewdesk writes it);
2. a meeting of this portfolio has that fingerprint now — found through the sign-offs, which
   keep the fingerprint of what was signed, and the export log, which is only a lead;
3. a signed-off meeting is still the record that was signed (the fingerprint kept with the
   sign-off);
4. rendering that meeting's minutes again, from the portfolio as it stands (the same
   MinutesContext export renders: record, amendments, earlier reviews, paper) and with the name
   and fingerprint of the key that signed it, gives exactly the bytes that were signed. The
   render is deterministic, so this covers everything the minutes print: the footer's
   fingerprint, "Across reviews", the amendment notes, the imported mark, the key;
5. the signature holds (``proof.read_signed``): intact, over the whole file, nothing added.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.record.errors import NotFound, ReviewdeskError

if TYPE_CHECKING:
    from reviewdesk.minutes.page import Claims
    from reviewdesk.minutes.signoff import KeyMark
    from reviewdesk.record.exchange.minutes_context import MinutesContext
    from reviewdesk.record.model import Meeting
    from reviewdesk.store.portfolio import Portfolio


class NotVerified(ReviewdeskError):
    """The PDF is not (or no longer) the minutes of a meeting as it stands."""


@dataclass(frozen=True)
class Verified:
    meeting: Meeting

    @property
    def line(self) -> str:
        """'OK: minutes of meeting 3 (A ↔ B, 27 Nov 2026). Signed off on … by …'."""
        return f"OK: {self.text}"

    @property
    def text(self) -> str:
        """'minutes of meeting 3 (A ↔ B, 27 Nov 2026). Signed off on … by …'."""
        from reviewdesk.record.wording import DRAFT_TEXT, date_short, signed_off_text

        m = self.meeting
        head = f"minutes of meeting {m.id} ({m.partnership.label}, {date_short(m.date)})"
        return f"{head}. {signed_off_text(m) or DRAFT_TEXT + '.'}"


def read_pdf(pdf: Path) -> bytes:
    """The PDF's bytes: a regular file of at most MAX_PDF_BYTES (store.files.read_input)."""
    from reviewdesk.record.limits import MAX_PDF_BYTES
    from reviewdesk.store.files import read_input

    return read_input(pdf, MAX_PDF_BYTES, "PDF to verify")


def verify_pdf(portfolio: Portfolio, pdf: Path) -> Verified:
    """The meeting whose minutes, rendered from the portfolio now, are exactly this PDF; else
    NotVerified saying why (for the meeting the PDF names, when it names one)."""
    from reviewdesk.app.proof import read_signed
    from reviewdesk.minutes.page import read_claims
    from reviewdesk.minutes.signoff import KeyMark

    data = read_pdf(pdf)
    claims = read_claims(data)
    if claims is None:
        raise NotVerified(f"{pdf}: not reviewdesk minutes (it carries no record fingerprint)")
    signed = read_signed(data)
    if signed.certificate is None or signed.unsigned is None:
        raise NotVerified(f"{pdf}: {signed.problem or 'the signed revision cannot be found'}")
    key = KeyMark(signed.certificate.common_name, signed.fingerprint)
    candidates = portfolio.meetings_claiming(claims.fingerprint, hashlib.sha256(data).hexdigest())
    if not candidates:
        raise NotVerified(
            f"{pdf}: no meeting of this portfolio has the record fingerprint "
            f"{claims.fingerprint[:16]}… these minutes carry (now or when signed or exported)"
        )
    problems = []
    for meeting_id in candidates:
        try:
            context = portfolio.minutes_context(meeting_id, claims.paper or "a4")
        except NotFound:
            continue  # a log entry of a meeting deleted since
        problem = _problem(context, claims, signed.unsigned, key)
        if problem is None:
            if signed.problem:
                raise NotVerified(f"{pdf}: the signature: {signed.problem}")
            return Verified(context.meeting)
        problems.append(problem)
    if not problems:
        raise NotVerified(f"{pdf}: the meeting these minutes were made from no longer exists")
    raise NotVerified(f"{pdf}: {problems[0]}")


def _problem(context: MinutesContext, claims: Claims, data: bytes, key: KeyMark) -> str | None:
    """Why the signed revision ``data`` is not the minutes of this context signed with ``key``,
    or None when it is."""
    import reviewdesk
    from reviewdesk.minutes.render import render_context
    from reviewdesk.record.fingerprint import changed_since_signed, fingerprint

    meeting = context.meeting
    now = fingerprint(meeting)
    if now != claims.fingerprint:
        return (
            f"meeting {meeting.id} changed after this PDF was exported (record fingerprint "
            f"now {now[:16]}…, the PDF's {claims.fingerprint[:16]}…)"
        )
    changed = changed_since_signed(meeting)
    if changed:
        return changed
    if render_context(context, key=key).pdf == data:
        return None
    if claims.digest and claims.digest != context.digest():
        return (
            f"what the minutes of meeting {meeting.id} show changed after this PDF was exported "
            "(the record is the same, but an amendment, the earlier reviews under 'Across "
            "reviews', the sign-off's origin or the paper differ)"
        )
    ours = f"reviewdesk {reviewdesk.__version__}"
    if claims.creator and claims.creator != ours:
        return (
            f"these minutes of meeting {meeting.id} were made by {claims.creator}; this is "
            f"{ours}, whose minutes of the same record differ: export them again to check them"
        )
    return (
        f"the PDF differs from the minutes of meeting {meeting.id} as they stand (the file "
        "was changed after it was exported)"
    )
