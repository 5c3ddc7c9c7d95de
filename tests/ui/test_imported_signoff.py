"""A sign-off that came with an imported record is marked as imported in the window."""

from __future__ import annotations

import datetime as dt

from factories import doc

from reviewdesk.record.exchange.meeting_format import parse_meeting
from reviewdesk.record.model import Signature

SIGNOFF = [
    {"name": "Cleo Client", "side": "client", "signed_at": "2026-03-31T17:00:00+02:00"},
    {"name": "Pat Provider", "side": "provider", "signed_at": "2026-03-31T15:00:00Z"},
]


def test_an_imported_sign_off_says_so_on_every_page(window, portfolio):
    meeting_id = portfolio.import_meeting(parse_meeting(doc(signoff=SIGNOFF)))
    window.open_meeting(meeting_id)
    view = window.meeting_view
    text = view.banner.text()
    assert text.startswith("Signed off on 31 March 2026, 17:00 UTC+02:00 by Cleo Client (Client)")
    assert "Signed off elsewhere; imported into this portfolio on" in text
    assert "not signed here" in text and view.banner.isVisible()


def test_a_sign_off_made_here_is_not_marked(window, portfolio, meeting_id):
    now = dt.datetime.now(dt.UTC)
    portfolio.sign_off(
        meeting_id, [Signature("Ana Reyes", "client", now), Signature("Ben Cruz", "provider", now)]
    )
    window.open_meeting(meeting_id)
    text = window.meeting_view.banner.text()
    assert text.startswith("Signed off on") and "imported" not in text
