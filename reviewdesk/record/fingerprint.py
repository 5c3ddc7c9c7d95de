"""The record's fingerprint: SHA-256 of a meeting's canonical JSON form."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import unicodedata
from typing import Any

from reviewdesk.record.exchange.meeting_format import FORMAT_1, has_v2_content, signed_doc
from reviewdesk.record.model import Meeting


def _canonical_value(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_canonical_value(v) for v in value]
    if isinstance(value, dict):
        return {unicodedata.normalize("NFC", k): _canonical_value(v) for k, v in value.items()}
    return value


def _fits_format_1(meeting: Meeting) -> bool:
    """Whether the signed record says nothing format 1 cannot (the cadence is left out)."""
    p = meeting.partnership
    bare = dataclasses.replace(
        meeting, partnership=dataclasses.replace(p, tier=None, review_interval_months=None)
    )
    return not has_v2_content(bare)


def canonical_form(meeting: Meeting) -> bytes:
    """Sorted keys, NFC text, UTC times, signature images included, the partnership's cadence
    left out (:func:`signed_doc`); compact UTF-8."""
    doc = signed_doc(meeting)
    if _fits_format_1(meeting):
        # A record version 1 can express keeps the fingerprint it had before version 2 existed,
        # so minutes exported then still verify.
        doc["format"] = FORMAT_1
    for signer, signature in zip(doc["signoff"], meeting.signoff, strict=True):
        signer["signed_at"] = to_utc_text(signature.signed_at)
    for s_doc, section in zip(doc["sections"], meeting.sections, strict=True):
        for q_doc, question in zip(s_doc["questions"], section.questions, strict=True):
            for r_doc, rating in zip(q_doc.get("ratings", []), question.ratings, strict=True):
                r_doc["given_at"] = to_utc_text(rating.given_at)
    for r_doc, rnd in zip(doc.get("rounds", []), meeting.rounds, strict=True):
        r_doc["started_at"] = to_utc_text(rnd.started_at)
        if rnd.revealed_at is not None:
            r_doc["revealed_at"] = to_utc_text(rnd.revealed_at)
    doc = _canonical_value(doc)
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def to_utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ").replace(".000000Z", "Z")


def fingerprint(meeting: Meeting) -> str:
    """Hex SHA-256 of the meeting's canonical form."""
    return hashlib.sha256(canonical_form(meeting)).hexdigest()


def changed_since_signed(meeting: Meeting) -> str | None:
    """Why a signed-off meeting is not the record that was signed, or None when it is (or when
    the meeting is not signed off). One line, for export's refusal and verify's verdict."""
    if not meeting.locked:
        return None
    if meeting.signed_fingerprint is None:
        return (
            f"meeting {meeting.id} is signed off, but the file does not record what was signed "
            "(its sign-off was removed or damaged)"
        )
    now = fingerprint(meeting)
    if now != meeting.signed_fingerprint:
        return (
            f"meeting {meeting.id} was changed after it was signed off (signed record "
            f"{meeting.signed_fingerprint[:16]}…, now {now[:16]}…)"
        )
    return None
