"""The signing key (issue 14): made on first need in the per-user data folder, readable by its
owner only, never beside the portfolio; its certificate names the facilitator; `reviewdesk key`
shows its fingerprint and `--export` writes the certificate (never the private key)."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest
from crafted import sample_portfolio
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from reviewdesk import paths
from reviewdesk.app import keys
from reviewdesk.app.export import export_minutes
from reviewdesk.cli import main
from reviewdesk.record.wording import key_fingerprint_text
from reviewdesk.store.backups import take_backup
from reviewdesk.store.opening import open_portfolio

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def test_no_key_until_the_first_export(tmp_path):
    assert keys.current_key() is None
    db = sample_portfolio(tmp_path)
    with open_portfolio(db) as portfolio:
        written = export_minutes(portfolio, 3, tmp_path / "m.pdf")
        backup = take_backup(portfolio.conn, db, "test")
    assert backup.is_relative_to(tmp_path)
    key = keys.current_key()
    assert key is not None
    assert key.path == paths.data_dir() / "keys" / keys.KEY_FILE
    assert written.key_fingerprint == key.fingerprint
    assert written.key_name == "Priya Raman"  # the meeting's facilitator
    # nothing of the key is in the portfolio, its backups or anywhere beside them
    secret = key.key_pem.split(b"-----")[2].strip()[:40]
    assert not key.path.is_relative_to(tmp_path)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"PRIVATE KEY" not in data and secret not in data, path


@posix_only
def test_the_key_file_and_its_folder_are_the_owners_only(tmp_path):
    key = keys.signing_key("Priya Raman", tmp_path / "keys")
    assert stat.S_IMODE(key.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.path.parent.stat().st_mode) == 0o700


@posix_only
def test_a_key_others_may_read_is_refused(tmp_path):
    key = keys.signing_key("Priya Raman", tmp_path / "keys")
    key.path.chmod(0o644)
    with pytest.raises(keys.KeyProblem, match="readable by other users"):
        keys.signing_key("Priya Raman", tmp_path / "keys")


def test_the_certificate_names_the_facilitator_and_its_sha256_is_the_fingerprint(tmp_path):
    key = keys.signing_key("Nguyễn Văn An", tmp_path / "keys")
    cert = x509.load_der_x509_certificate(key.certificate)
    assert cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Nguyễn Văn An"
    assert cert.issuer == cert.subject  # self-made
    assert key.name == "Nguyễn Văn An"
    assert key.fingerprint == hashlib.sha256(key.certificate).hexdigest().upper()
    basic = cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and not basic.value.ca


def test_the_key_is_made_once_and_kept(tmp_path):
    first = keys.signing_key("Priya Raman", tmp_path / "keys")
    again = keys.signing_key("Someone Else", tmp_path / "keys")
    assert again.fingerprint == first.fingerprint and again.name == "Priya Raman"


def test_renaming_gives_a_new_certificate_for_the_same_key(tmp_path):
    first = keys.signing_key("Priya Raman", tmp_path / "keys")
    renamed = keys.rename("Priya Raman-Okafor", tmp_path / "keys")
    assert renamed.name == "Priya Raman-Okafor" and renamed.fingerprint != first.fingerprint
    assert keys.same_key(first.certificate, renamed.certificate)
    with pytest.raises(keys.KeyProblem, match="name: a signing key needs a name"):
        keys.rename("  ", tmp_path / "keys")


def test_a_damaged_key_file_is_one_line(tmp_path):
    folder = tmp_path / "keys"
    key = keys.signing_key("Priya Raman", folder)
    key.path.write_bytes(b"not a key")
    key.path.chmod(0o600)
    with pytest.raises(keys.KeyProblem, match="not a reviewdesk signing key"):
        keys.signing_key("Priya Raman", folder)


def test_reviewdesk_key_shows_the_fingerprint_and_exports_the_certificate(tmp_path, capsys):
    assert main(["key"]) == 0
    assert "no signing key yet" in capsys.readouterr().out
    key = keys.signing_key("Priya Raman")
    assert main(["key"]) == 0
    out = capsys.readouterr().out
    assert "the reviewdesk key of Priya Raman" in out
    assert key_fingerprint_text(key.fingerprint) in out
    target = tmp_path / "priya.pem"
    assert main(["key", "--export", str(target)]) == 0
    pem = target.read_bytes()
    assert b"PRIVATE" not in pem
    cert = x509.load_pem_x509_certificate(pem)
    assert cert.fingerprint(hashes.SHA256()).hex().upper() == key.fingerprint
