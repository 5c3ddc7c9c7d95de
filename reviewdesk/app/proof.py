"""What signed minutes prove by themselves, without a portfolio (``reviewdesk verify FILE.pdf``).

Four checks, one line each; the minutes verify only when all four hold:

1. **signature** — reviewdesk's PAdES signature is intact (the digest of the signed bytes and the
   ECDSA signature), covers the whole file, and its update holds nothing but the signature;
2. **signer** — the certificate it was made with (name and SHA-256 fingerprint) is the one the
   minutes print on their sign-off page; known keys (this computer's own, or ``--key`` files)
   are named, and when they are required another key fails;
3. **record** — the embedded record's fingerprint is the one in every page footer, on the
   sign-off page and in the metadata (as a PDF reader shows the file);
4. **re-render** — the embedded record and minutes context, rendered again here with the
   signer's name and fingerprint, give exactly the signed bytes.

Nothing goes over a network: the certificate is self-made and checked against itself, with no
time-stamp, revocation or certificate authority.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.minutes import der, pades
from reviewdesk.minutes.pdf_read import PdfFile, PdfReadError
from reviewdesk.minutes.render import CONTEXT_FILE, RECORD_FILE
from reviewdesk.record.errors import ReviewdeskError

MONO = "DejaVuSansMono"  # the font the fingerprints are printed in


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    message: str

    @property
    def line(self) -> str:
        return f"{'OK' if self.ok else 'FAIL':4} {self.name}: {self.message}"


@dataclass
class Signed:
    """A file's signature taken apart: what it covers and who made it (when it could be read)."""

    signature: pades.SignedFile | None = None
    certificate: der.Certificate | None = None
    unsigned: bytes | None = None  # the revision that was signed
    problem: str | None = None  # why the signature check fails, or None

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.certificate.der).hexdigest().upper() if self.certificate else ""


@dataclass
class Proof:
    checks: list[Check] = field(default_factory=list)
    signed: Signed = field(default_factory=Signed)
    record: bytes | None = None  # the embedded record of the signed revision

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def read_signed(data: bytes) -> Signed:
    """The signature of ``data`` and why it does not hold (``problem``), if it does not."""
    signature = pades.read_signature(data)
    if signature is None:
        others = pades.count_signatures(data)
        return Signed(
            problem=(
                f"signed, but not by reviewdesk ({others} signature(s) of another kind)"
                if others
                else "not signed (minutes exported before reviewdesk signed them, or the "
                "signature was removed)"
            )
        )
    cert, problem = pades.check_cms(signature)
    signed = Signed(signature, cert, pades.unsigned_part(data, signature))
    if problem:
        signed.problem = problem
    elif signature.covered_end != len(data):
        signed.problem = (
            f"intact, but does NOT cover the whole file: {_added(data, signature, signed.unsigned)}"
        )
    else:
        assert cert is not None
        signed.problem = pades.update_problem(data, signature, cert.common_name)
    return signed


def _added(data: bytes, signature: pades.SignedFile, unsigned: bytes | None) -> str:
    """What was appended after the signature: the objects it replaces, by what they are."""
    extra = len(data) - signature.covered_end
    if extra < 0:
        return "the file is shorter than what was signed"
    what = ""
    try:
        after = PdfFile(data[signature.covered_end :])
        before = PdfFile(unsigned if unsigned is not None else data[: signature.covered_end])
        roles = _roles(before)
        changed = sorted({roles.get(n, "other objects") for n in after.objects})
        if pades.count_signatures(data[signature.covered_end :]):
            changed.insert(0, "another signature")
        what = f" that changes {', '.join(changed)}" if changed else ""
    except PdfReadError:
        pass
    return f"{extra:,} bytes were added after signing{what}"


def _roles(pdf: PdfFile) -> dict[int, str]:
    """Object number → what a reader sees of it (page N, its text, an embedded file…)."""
    from reviewdesk.minutes.pdf_read import Ref

    roles: dict[int, str] = {}

    def name(value: object, role: str) -> None:
        if isinstance(value, Ref):
            roles.setdefault(value.number, role)

    name(pdf.trailer.get("Root"), "the catalog")
    name(pdf.trailer.get("Info"), "the document information")
    catalog = pdf.catalog
    name(catalog.get("Metadata"), "the metadata")
    for number, page in enumerate(_page_refs(pdf), start=1):
        name(page, f"page {number}")
        contents = pdf.dict(page, "a page").get("Contents")
        for part in contents if isinstance(contents, list) else [contents]:
            name(part, f"the text of page {number}")
    tree = pdf.dict(pdf.dict(catalog.get("Names", {}), "/Names").get("EmbeddedFiles", {}), "/EF")
    pairs = pdf.get(tree.get("Names", []))
    for i in range(0, len(pairs) - 1, 2):
        label = pairs[i].decode("latin-1") if isinstance(pairs[i], bytes) else str(pairs[i])
        name(pairs[i + 1], f"the embedded file {label}")
        spec = pdf.dict(pairs[i + 1], "a file specification")
        for value in pdf.dict(spec.get("EF", {}), "/EF").values():
            name(value, f"the embedded file {label}")
    return roles


def _page_refs(pdf: PdfFile) -> list[object]:
    from reviewdesk.minutes.pdf_read import Ref

    out: list[object] = []
    stack = [pdf.catalog.get("Pages")]
    while stack and len(out) < 10_000:
        ref = stack.pop(0)
        node = pdf.dict(ref, "a page tree node")
        if node.get("Type") == "Pages":
            stack[0:0] = list(pdf.get(node.get("Kids", [])))
        elif isinstance(ref, Ref):
            out.append(ref)
    return out


def check_minutes(
    data: bytes,
    known: Sequence[bytes] = (),
    *,
    require_known: bool = False,
    key_folder: Path | None = None,
    logged: bool = False,
) -> Proof:
    """The four checks of a PDF's bytes (see the module's docstring).

    ``known`` are certificates (DER) the signer may be expected to use (``verify --key``); this
    computer's own key always counts as known, and so does any key when ``logged`` (the
    portfolio's export log has these exact bytes). With ``require_known`` the signer check fails
    for any other key (``verify --db``, or when ``--key`` is given).
    """
    proof = Proof(signed=read_signed(data))
    signed = proof.signed
    s = signed.signature
    if signed.problem is None and s is not None:
        from reviewdesk.record.wording import moment_text

        message = (
            "intact, and covers the whole file (signed "
            f"{moment_text(s.signed_at)} by the signing computer's clock)"
        )
        proof.checks.append(Check("signature", True, message))
    else:
        proof.checks.append(Check("signature", False, signed.problem or "not checked"))
    proof.checks.append(_signer_check(data, signed, known, require_known, key_folder, logged))
    record_check, record, context = _record_check(data, signed)
    proof.checks.append(record_check)
    proof.record = record
    proof.checks.append(_render_check(signed, record, context))
    return proof


def _known_as(
    cert: der.Certificate, known: Sequence[bytes], key_folder: Path | None, logged: bool
) -> str:
    from reviewdesk.app import keys

    try:
        own = keys.current_key(key_folder)
    except keys.KeyProblem:
        own = None
    if own is not None and keys.same_key(own.certificate, cert.der):
        return "this computer's own reviewdesk key"
    if any(keys.same_key(k, cert.der) for k in known):
        return "the key given with --key"
    if logged:
        return "these exact bytes are in the portfolio's export log"
    return ""


def _signer_check(
    data: bytes,
    signed: Signed,
    known: Sequence[bytes],
    require_known: bool,
    key_folder: Path | None,
    logged: bool,
) -> Check:
    from reviewdesk.minutes.page import read_claims
    from reviewdesk.record.wording import key_fingerprint_text, key_owner_text

    cert = signed.certificate
    if cert is None:
        return Check("signer", False, "no certificate to check (the signature cannot be read)")
    fingerprint = signed.fingerprint
    who = f"{key_owner_text(_printable(cert.common_name))}, certificate SHA-256 " + (
        key_fingerprint_text(fingerprint)
    )
    claims = read_claims(data)
    printed = claims.signing_key if claims else ""
    if printed != fingerprint:
        named = key_fingerprint_text(printed)[:19] + "…" if printed else "no key"
        return Check(
            "signer", False, f"{who} — NOT the key the minutes name ({named}): signed again"
        )
    known_as = _known_as(cert, known, key_folder, logged)
    if known_as:
        return Check("signer", True, f"{who} — {known_as}")
    if require_known:
        return Check(
            "signer",
            False,
            f"{who} — NOT this computer's key, one given with --key, nor a file this "
            "portfolio exported: made elsewhere, or signed again by someone else",
        )
    return Check(
        "signer",
        True,
        f"{who} — not a key known here: compare the fingerprint with earlier minutes from "
        f"{_printable(cert.common_name)} (trust on first use)",
    )


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "\ufffd" for c in text)


def _record_check(data: bytes, signed: Signed) -> tuple[Check, bytes | None, bytes | None]:
    """The record check (on the file as a reader shows it), with the record and context of the
    signed revision (for import and the re-render)."""
    from reviewdesk.minutes.page import read_claims
    from reviewdesk.record.exchange.meeting_format import loads, parse_meeting
    from reviewdesk.record.fingerprint import fingerprint

    record = context = None
    try:
        if signed.unsigned is not None:
            files = PdfFile(signed.unsigned).embedded_files()
            record, context = files.get(RECORD_FILE), files.get(CONTEXT_FILE)
        shown = PdfFile(data)
        files = shown.embedded_files()
        if RECORD_FILE not in files:
            return Check("record", False, f"no {RECORD_FILE} in the file"), record, context
        embedded = fingerprint(parse_meeting(loads(files[RECORD_FILE])))
        pages = [shown.page_text(p, MONO) for p in shown.pages()]
        xmp = shown.metadata().decode("utf-8", "replace")
    except (PdfReadError, ReviewdeskError, ValueError) as exc:
        return Check("record", False, f"the embedded record cannot be read ({exc})"), None, None
    claims = read_claims(data)
    wrong = []
    if not pages or any(embedded[:16] not in text for text in pages):
        wrong.append("page footers")
    if not any(embedded in text for text in pages):
        wrong.append("sign-off page")
    if claims is None or claims.fingerprint != embedded or f"fingerprint {embedded}" not in xmp:
        wrong.append("metadata")
    if wrong:
        return (
            Check(
                "record",
                False,
                f"the embedded record's fingerprint {embedded[:16]}… is NOT the one in the "
                f"{', '.join(wrong)}: the record was edited or swapped",
            ),
            record,
            context,
        )
    return (
        Check(
            "record",
            True,
            f"fingerprint {embedded[:16]}… of the embedded record is the one in every page "
            "footer, on the sign-off page and in the metadata",
        ),
        record,
        context,
    )


def _render_check(signed: Signed, record: bytes | None, context: bytes | None) -> Check:
    from reviewdesk.minutes.signoff import KeyMark

    if signed.certificate is None or signed.unsigned is None:
        return Check("re-render", False, "not tried: the signed revision cannot be found")
    if record is None or context is None:
        return Check("re-render", False, f"not tried: {RECORD_FILE} or {CONTEXT_FILE} is missing")
    key = KeyMark(signed.certificate.common_name, signed.fingerprint)
    try:
        fresh = render_files(record, context, key)
    except ReviewdeskError as exc:
        return Check("re-render", False, f"the embedded minutes context is not valid: {exc}")
    if fresh == signed.unsigned:
        return Check(
            "re-render",
            True,
            f"the embedded record and context render to exactly the signed bytes ({len(fresh):,}"
            " bytes, then the signature)",
        )
    return Check("re-render", False, _why_different(signed.unsigned, fresh))


def render_files(record: bytes, context: bytes, key: object) -> bytes:
    """The minutes made again from the two embedded files (FormatError when one is invalid)."""
    from reviewdesk.minutes.render import render_context
    from reviewdesk.record.exchange.meeting_format import loads
    from reviewdesk.record.exchange.minutes_context import MinutesContext

    parsed = MinutesContext.from_doc(loads(context))
    return render_context(parsed, key=key, record=record).pdf  # type: ignore[arg-type]


def _why_different(signed: bytes, fresh: bytes) -> str:
    from reviewdesk.minutes.page import read_claims

    theirs, ours = read_claims(signed), read_claims(fresh)
    made = f"{theirs.creator} ({theirs.producer})" if theirs else ""
    here = f"{ours.creator} ({ours.producer})" if ours else ""
    if theirs and made != here:
        return (
            f"these minutes were made with {made}; here it is {here}, which makes other bytes "
            "from the same record: check them where the same versions are installed"
        )
    if b"+Fallback-" in signed:
        return (
            "the embedded record renders to other bytes here; the minutes use a font of the "
            "computer they were made on for some characters, which this computer may not have"
        )
    return "the embedded record renders to other bytes: what the pages show is not its minutes"
