"""The signing key of the person using this computer account: made on first use, kept private.

One key per account (not per portfolio, not per meeting): ``keys/signing-key.pem`` in the
per-user data folder (``paths.data_dir()``), never in a portfolio file or one of its backups. The
file holds an ECDSA P-256 private key (PKCS#8) and a self-made certificate whose common name is
the signing name: on first use the facilitator of the meeting being exported, else the account's
login name; ``reviewdesk key --name`` changes it (a new certificate for the same key). The file
and its folder are readable by their owner only (0600/0700; on Windows the user's profile folder
protects them); a key file others may read is refused, as ssh does.

The certificate's SHA-256 is the key's *fingerprint*, printed on the minutes and shown in the
window; reading it needs no cryptography library (``cryptography`` loads only to make a key or to
sign).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reviewdesk import paths
from reviewdesk.minutes import der
from reviewdesk.minutes.pades import EC_PUBLIC_KEY, P256
from reviewdesk.record.errors import ReviewdeskError

KEY_FILE = "signing-key.pem"
NAME_LIMIT = 64  # RFC 5280's upper bound for a certificate's common name
ORGANISATION = "reviewdesk (self-made signing key)"
_PEM = re.compile(rb"-----BEGIN ([A-Z ]+)-----\r?\n(.*?)-----END \1-----", re.S)


class KeyProblem(ReviewdeskError):
    """The signing key cannot be made, read or used; one line says why."""


def default_folder() -> Path:
    return paths.data_dir() / "keys"


@dataclass(frozen=True)
class SigningKey:
    """The account's key: its file, the certificate (DER) and, when loaded to sign, the key."""

    path: Path
    certificate: bytes
    key_pem: bytes = b""

    @property
    def name(self) -> str:
        return der.certificate(self.certificate).common_name

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate, 64 upper-case hex digits."""
        return certificate_fingerprint(self.certificate)

    def certificate_pem(self) -> bytes:
        return pem("CERTIFICATE", self.certificate)

    def private_key(self) -> object:
        """The ECDSA key, read from its PKCS#8 form here: ``cryptography``'s serialization
        module costs more to import than the whole signature."""
        from cryptography.hazmat.primitives.asymmetric import ec

        blocks = [body for kind, body in pem_blocks(self.key_pem) if kind == "PRIVATE KEY"]
        try:
            (info,) = blocks
            top = der.read(info)
            version, algorithm, wrapped = der.children(info, top)[:3]
            if der.whole(info, algorithm) != der.seq(der.oid(EC_PUBLIC_KEY), der.oid(P256)):
                raise der.DerError("not a P-256 key")
            ec_key = der.read(info, wrapped.content, wrapped.end)
            scalar = der.content(info, der.children(info, ec_key)[1])
            return ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP256R1())
        except (ValueError, der.DerError) as exc:
            raise KeyProblem(f"{self.path}: the signing key is damaged ({exc})") from None


def certificate_fingerprint(cert_der: bytes) -> str:
    return hashlib.sha256(cert_der).hexdigest().upper()


def pem(kind: str, data: bytes) -> bytes:
    body = base64.encodebytes(data).replace(b"\n", b"")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return b"".join([f"-----BEGIN {kind}-----\n".encode(), *(x + b"\n" for x in lines),
                     f"-----END {kind}-----\n".encode()])  # fmt: skip


def pem_blocks(data: bytes) -> list[tuple[str, bytes]]:
    """(kind, DER) of every PEM block in ``data``."""
    out = []
    for kind, body in _PEM.findall(data):
        try:
            out.append((kind.decode("ascii"), base64.b64decode(b"".join(body.split()))))
        except ValueError:
            continue
    return out


def read_certificates(path: Path) -> list[bytes]:
    """The certificates (DER) in a PEM file given with ``verify --key``; one line when none."""
    try:
        data = _read_small(Path(path))
    except OSError as exc:
        raise KeyProblem(f"{path}: cannot read ({exc.strerror or exc})") from None
    certs = [body for kind, body in pem_blocks(data) if kind == "CERTIFICATE"]
    if not certs and data[:1] == b"\x30":
        certs = [data]  # a DER certificate
    for cert in certs:
        try:
            der.certificate(cert)
        except der.DerError:
            raise KeyProblem(f"{path}: not a certificate (PEM or DER)") from None
    if not certs:
        raise KeyProblem(f"{path}: holds no certificate (-----BEGIN CERTIFICATE-----)")
    return certs


def _read_small(path: Path, limit: int = 1 << 20) -> bytes:
    """A small regular file's bytes (never a device, a pipe or a huge file)."""
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise OSError(0, "larger than 1 MB")
    return data


def _check_private(path: Path) -> None:
    if os.name != "posix":
        return  # the per-user profile folder's permissions protect it
    mode = path.stat().st_mode
    if mode & 0o077:
        raise KeyProblem(
            f"{path}: the signing key is readable by other users of this computer; make it "
            f"private (chmod 600 '{path}') or delete it to make a new key"
        )


def current_key(folder: Path | None = None) -> SigningKey | None:
    """The account's key as it is on disk (certificate only), or None when there is none yet.

    Cheap (one small file, no cryptography): the window shows it in About and at sign-off.
    """
    path = (folder or default_folder()) / KEY_FILE
    try:
        data = _read_small(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeyProblem(f"{path}: cannot read the signing key ({exc.strerror or exc})") from None
    certs = [body for kind, body in pem_blocks(data) if kind == "CERTIFICATE"]
    keys = [body for kind, body in pem_blocks(data) if kind == "PRIVATE KEY"]
    if len(certs) != 1 or len(keys) != 1:
        raise KeyProblem(f"{path}: not a reviewdesk signing key (one key and one certificate)")
    try:
        der.certificate(certs[0])
    except der.DerError:
        raise KeyProblem(f"{path}: its certificate is damaged") from None
    return SigningKey(path, certs[0], pem("PRIVATE KEY", keys[0]))


def key_text(folder: Path | None = None) -> str:
    """This account's signing key in one sentence, for the window (About, the sign-off page):
    whom it names and its fingerprint, as the minutes print them."""
    from reviewdesk.record.wording import key_fingerprint_text, signed_by_key_text

    try:
        key = current_key(folder)
    except KeyProblem as exc:
        return str(exc)
    if key is None:
        return (
            "PDF minutes are signed with a key of this computer account, made on the first "
            "export and named after that meeting's facilitator."
        )
    fingerprint = key_fingerprint_text(key.fingerprint)
    return f"PDF minutes: {signed_by_key_text(key.name)} {fingerprint}."


def signing_key(first_name: str = "", folder: Path | None = None) -> SigningKey:
    """The key to sign with, made now when there is none (named ``first_name`` when given,
    else after the account). Raises KeyProblem with one line when it cannot be used."""
    folder = folder or default_folder()
    found = current_key(folder)
    if found is None:
        found = _create(folder, signing_name(first_name))
    _check_private(found.path)
    return found


def signing_name(first_name: str = "") -> str:
    """The name a new key gets: the given one (the meeting's facilitator), else the login."""
    name = " ".join(first_name.split())
    if not name:
        import getpass

        try:
            name = getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name on this system: still sign
            name = "reviewdesk user"
    name = unicodedata.normalize("NFC", name)
    return name if len(name) <= NAME_LIMIT else name[: NAME_LIMIT - 1] + "…"


def check_name(name: str) -> str:
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    if not name:
        raise KeyProblem("name: a signing key needs a name")
    if len(name) > NAME_LIMIT:
        raise KeyProblem(f"name: at most {NAME_LIMIT} characters (a certificate's limit)")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in name):
        raise KeyProblem("name: has characters that are not printable")
    return name


def rename(name: str, folder: Path | None = None) -> SigningKey:
    """Give the key a new certificate naming ``name`` (same key; the fingerprint changes)."""
    name = check_name(name)
    key = signing_key(name, folder)
    if key.name == name:
        return key
    cert = make_certificate(key.private_key(), name)
    _write(key.path, key.key_pem + pem("CERTIFICATE", cert), replace=True)
    return SigningKey(key.path, cert, key.key_pem)


def make_certificate(private: object, name: str, now: dt.datetime | None = None) -> bytes:
    """A self-signed certificate (DER) for ``private`` whose subject is ``name``; valid from a
    few minutes ago to 9999-12-31 (RFC 5280's "no expiry"), so old minutes never expire."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
        ]
    )
    public = private.public_key()  # type: ignore[attr-defined]
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(private, hashes.SHA256())  # type: ignore[arg-type]
    )
    return cert.public_bytes(serialization.Encoding.DER)


def _create(folder: Path, name: str) -> SigningKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if os.name == "posix":
            os.chmod(folder, 0o700)
    except OSError as exc:
        raise KeyProblem(f"{folder}: cannot make the key folder ({exc.strerror or exc})") from None
    private = ec.generate_private_key(ec.SECP256R1())
    key_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    cert = make_certificate(private, name)
    path = folder / KEY_FILE
    if not _write(path, key_pem + pem("CERTIFICATE", cert), replace=False):
        found = current_key(folder)  # another export made one at the same moment: use it
        if found is not None:
            return found
    return SigningKey(path, cert, key_pem)


def _write(path: Path, data: bytes, *, replace: bool) -> bool:
    """Write ``path`` (0600) whole or not at all; False when it exists and ``replace`` is not
    set (it is then left as it is)."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if replace:
            os.replace(temp, path)
        elif os.name == "nt":
            os.rename(temp, path)  # refuses an existing file
        else:
            os.link(temp, path)  # refuses an existing file
        if os.name == "posix":
            with contextlib.suppress(OSError):
                dir_fd = os.open(path.parent, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        return True
    except FileExistsError:
        return False
    except OSError as exc:
        raise KeyProblem(f"{path}: cannot write the signing key ({exc.strerror or exc})") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def export_certificate(target: Path, folder: Path | None = None) -> SigningKey:
    """Write the key's certificate (PEM; never the private key) to ``target``."""
    from reviewdesk.store.files import write_atomically

    key = signing_key("", folder)
    write_atomically(Path(target), key.certificate_pem())
    return key


def same_key(cert_a: bytes, cert_b: bytes) -> bool:
    """Whether two certificates hold the same public key (a renamed key is still the key)."""
    try:
        return (
            der.certificate(cert_a).subject_public_key_info
            == der.certificate(cert_b).subject_public_key_info
        )
    except der.DerError:
        return False
