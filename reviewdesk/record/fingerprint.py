"""The record's fingerprint: SHA-256 of a meeting's canonical JSON form."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from typing import Any

from reviewdesk.record.exchange.meeting_format import meeting_to_doc
from reviewdesk.record.model import Meeting


def _canonical_value(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_canonical_value(v) for v in value]
    if isinstance(value, dict):
        return {unicodedata.normalize("NFC", k): _canonical_value(v) for k, v in value.items()}
    return value


def canonical_form(meeting: Meeting) -> bytes:
    """Sorted keys, NFC text, UTC times, signature images included; compact UTF-8."""
    doc = meeting_to_doc(meeting)
    for signer, signature in zip(doc["signoff"], meeting.signoff, strict=True):
        signer["signed_at"] = to_utc_text(signature.signed_at)
    doc = _canonical_value(doc)
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def to_utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ").replace(".000000Z", "Z")


def fingerprint(meeting: Meeting) -> str:
    """Hex SHA-256 of the meeting's canonical form."""
    return hashlib.sha256(canonical_form(meeting)).hexdigest()
