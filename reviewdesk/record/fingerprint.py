"""The record's fingerprint: SHA-256 of a meeting's canonical JSON form."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from typing import Any

from reviewdesk.record.exchange.meeting_format import FORMAT_1, has_v2_content, meeting_to_doc
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
    if not has_v2_content(meeting):
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
