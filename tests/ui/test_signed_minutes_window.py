"""The window and the signing key (issue 14): About and the sign-off page show the key's
fingerprint as the minutes print it; File → Import minutes (PDF)… verifies off the UI thread and
imports the record, or says in one line why not."""

from __future__ import annotations

from crafted import sample_portfolio
from signed_minutes import change_visible_word

from reviewdesk.app import keys
from reviewdesk.app.export import export_minutes
from reviewdesk.record.wording import key_fingerprint_text
from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui.meeting.pages.wrapup import WrapUpPage


def about_text(window, dialog_log) -> str:
    window.about()
    (_, _, text) = dialog_log.kinds("info")[-1]
    return text


def test_about_shows_the_keys_fingerprint_once_there_is_one(window, dialog_log):
    assert "made on the first export" in about_text(window, dialog_log)
    key = keys.signing_key("Fay Lim")
    text = about_text(window, dialog_log)
    assert "Signed by the reviewdesk key of Fay Lim, fingerprint" in text
    assert key_fingerprint_text(key.fingerprint) in text


def test_the_signoff_page_shows_the_key_the_minutes_are_signed_with(qtbot, session):
    page = WrapUpPage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert "made on the first export" in page.key.text()
    key = keys.signing_key("Fay Lim")
    page.hide()
    page.show()  # shown again, as after an export
    assert key_fingerprint_text(key.fingerprint) in page.key.text()
    assert page.key.accessibleName() == "Signing key"


def _minutes(folder):
    db = sample_portfolio(folder)
    with open_portfolio(db) as portfolio:
        export_minutes(portfolio, 3, folder / "m3.pdf", key_folder=folder / "their-key")
    return folder / "m3.pdf"


def test_import_minutes_opens_the_imported_signed_record(qtbot, window, dialog_log, tmp_path):
    dialog_log.open_path = _minutes(tmp_path)
    window.import_minutes()
    qtbot.waitUntil(lambda: window.session is not None, timeout=30_000)
    assert dialog_log.errors == []
    meeting = window.session.meeting
    assert meeting.title == "Q3 2026 partnership review" and meeting.locked
    assert ("open_file", "Import minutes (PDF)", "PDF minutes (*.pdf);;All files (*)") in (
        dialog_log.calls
    )


def test_import_of_tampered_minutes_is_refused_in_a_dialog(
    qtbot, window, dialog_log, tmp_path, portfolio
):
    pdf = _minutes(tmp_path)
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(change_visible_word(pdf.read_bytes(), b"Q3", b"Q9"))
    dialog_log.open_path = tampered
    window.import_minutes()
    qtbot.waitUntil(lambda: bool(dialog_log.errors), timeout=30_000)
    (message,) = dialog_log.errors
    assert "do not verify (signature:" in message and "nothing was imported" in message
    assert portfolio.meetings() == []
    assert window.session is None
