"""Is this PDF an export of a meeting as it now stands? (``reviewdesk verify``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reviewdesk.record.errors import ReviewdeskError

if TYPE_CHECKING:
    from reviewdesk.record.model import Meeting
    from reviewdesk.store.portfolio import Portfolio


class NotVerified(ReviewdeskError):
    """The PDF is not (or no longer) an export of a meeting as it stands."""


@dataclass(frozen=True)
class Verified:
    meeting: Meeting

    @property
    def line(self) -> str:
        """'OK: minutes of meeting 3 (A ↔ B, 27 Nov 2026). Signed off on … by …'."""
        from reviewdesk.record.wording import DRAFT_TEXT, date_short, signed_off_text

        m = self.meeting
        head = f"OK: minutes of meeting {m.id} ({m.partnership.label}, {date_short(m.date)})"
        return f"{head}. {signed_off_text(m) or DRAFT_TEXT + '.'}"


def read_pdf(pdf: Path) -> bytes:
    from reviewdesk.app.outputs import refuse_open_portfolio

    refuse_open_portfolio(pdf, NotVerified, "PDF minutes")
    try:
        return Path(pdf).read_bytes()
    except OSError as exc:
        raise NotVerified(f"{pdf}: cannot read ({exc.strerror})") from None


def verify_pdf(portfolio: Portfolio, pdf: Path) -> Verified:
    """The meeting the PDF's exact bytes were exported from, if its record has not changed since;
    else NotVerified saying why."""
    from reviewdesk.record.fingerprint import fingerprint

    digest = hashlib.sha256(read_pdf(pdf)).hexdigest()
    exports = portfolio.exports_with_hash(digest)
    if not exports:
        raise NotVerified(
            f"{pdf}: not an export this portfolio knows (no export had these exact bytes)"
        )
    for meeting_id, recorded, exported_at in exports:
        try:
            meeting = portfolio.meeting(meeting_id)
        except ReviewdeskError:
            continue
        reopened_since = any(
            r.reopened_at > dt.datetime.fromisoformat(exported_at) for r in meeting.reopenings
        )
        if fingerprint(meeting) == recorded and not reopened_since:
            return Verified(meeting)
    raise NotVerified(
        f"{pdf}: the meeting changed after this PDF was exported (meeting {exports[0][0]})"
    )
