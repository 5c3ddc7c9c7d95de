"""Signing off a meeting here and now: the signers' roles come from the attendee list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.model import Signature

if TYPE_CHECKING:
    from reviewdesk.store.portfolio import Portfolio


class SignerRefused(ReviewdeskError):
    """A signer, role or signature image that cannot be used."""


@dataclass(frozen=True)
class Signer:
    name: str
    side: str
    role: str = ""
    image: bytes | None = None


def sign_off(
    portfolio: Portfolio, meeting_id: int, signers: list[Signer], at: dt.datetime | None = None
) -> list[Signature]:
    """Sign off and lock the meeting now (one time for everyone, to the microsecond)."""
    from reviewdesk.record.exchange.png import is_png

    at = at or dt.datetime.now(dt.UTC)
    meeting = portfolio.meeting(meeting_id)
    signatures = []
    for s in signers:
        if s.image is not None and not is_png(s.image):
            raise SignerRefused(f"signature of {s.name}: not a whole PNG image (at most 5 MB)")
        participant = meeting.participant(s.name)
        role = s.role or (participant.role if participant else "")
        signatures.append(
            Signature(name=s.name, side=s.side, role=role, signed_at=at, signature_png=s.image)
        )
    portfolio.sign_off(meeting_id, signatures)
    return signatures
