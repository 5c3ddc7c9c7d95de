"""Signing off a meeting here and now: the signers' roles come from the attendee list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
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


def read_signature(path: Path) -> bytes:
    """A signature image file: a regular file (never a device or pipe), a whole PNG within the
    limits in bytes and pixels (record.limits); else one line naming the file."""
    from reviewdesk.record.exchange.png import signature_problem
    from reviewdesk.record.limits import MAX_SIGNATURE_BYTES
    from reviewdesk.store.files import read_input

    data = read_input(path, MAX_SIGNATURE_BYTES, "signature image")
    problem = signature_problem(data)
    if problem:
        raise SignerRefused(f"{path}: {problem}")
    return data


def sign_off(
    portfolio: Portfolio, meeting_id: int, signers: list[Signer], at: dt.datetime | None = None
) -> list[Signature]:
    """Sign off and lock the meeting now (one time for everyone, to the microsecond)."""
    from reviewdesk.record.exchange.png import signature_problem

    at = at or dt.datetime.now(dt.UTC)
    meeting = portfolio.meeting(meeting_id)
    signatures = []
    for s in signers:
        problem = signature_problem(s.image) if s.image is not None else None
        if problem:
            raise SignerRefused(f"signature of {s.name}: {problem}")
        participant = meeting.participant(s.name)
        role = s.role or (participant.role if participant else "")
        signatures.append(
            Signature(name=s.name, side=s.side, role=role, signed_at=at, signature_png=s.image)
        )
    portfolio.sign_off(meeting_id, signatures)
    return signatures
