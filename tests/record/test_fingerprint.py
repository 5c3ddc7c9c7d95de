import datetime as dt
import unicodedata

from factories import doc

from reviewdesk.record.exchange.meeting_format import parse_meeting
from reviewdesk.record.fingerprint import canonical_form, fingerprint

SIGNOFF = [
    {"name": "Cleo Client", "side": "client", "signed_at": "2026-03-31T17:00:00+02:00"},
    {"name": "Pat Provider", "side": "provider", "signed_at": "2026-03-31T15:00:00Z"},
]


def test_fingerprint_is_sha256_hex_and_stable():
    m = parse_meeting(doc())
    assert len(fingerprint(m)) == 64
    assert fingerprint(m) == fingerprint(parse_meeting(doc()))


def test_any_change_changes_it():
    m = parse_meeting(doc())
    before = fingerprint(m)
    m.sections[0].questions[0].comment += "!"
    assert fingerprint(m) != before


def test_text_is_nfc_normalised_and_times_utc():
    composed = doc()
    composed["meeting"]["title"] = unicodedata.normalize("NFC", "Việt Nam review")
    decomposed = doc()
    decomposed["meeting"]["title"] = unicodedata.normalize("NFD", "Việt Nam review")
    assert fingerprint(parse_meeting(composed)) == fingerprint(parse_meeting(decomposed))

    a = parse_meeting(doc(signoff=SIGNOFF))
    other = [dict(s) for s in SIGNOFF]
    other[0]["signed_at"] = "2026-03-31T15:00:00Z"
    b = parse_meeting(doc(signoff=other))
    assert fingerprint(a) == fingerprint(b)
    assert b"2026-03-31T15:00:00Z" in canonical_form(a)
    assert a.signoff[0].signed_at.astimezone(dt.UTC).hour == 15
