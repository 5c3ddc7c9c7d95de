"""The command line's commands: each parses nothing and prints little; the work is in app/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewdesk import paths
from reviewdesk.cli.common import (
    _BIDI,
    EXIT_FAIL,
    EXIT_OK,
    CommandError,
    _db_path,
    _err,
    _open,
    _out,
)
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.wording import plural


def cmd_window(args: argparse.Namespace) -> int:
    from reviewdesk.ui.app import run

    return run(paths.resolve_db(args.db))


def cmd_smoke_test(args: argparse.Namespace) -> int:
    from reviewdesk.app.smoke import run_smoke_test
    from reviewdesk.ui.smoke import WindowSteps, default_platform

    default_platform()
    window = WindowSteps()
    with window.scoped():
        return run_smoke_test(window.steps(), say=_out)


def cmd_demo(args: argparse.Namespace) -> int:
    from reviewdesk.app.demo import load_demo

    with _open(args) as portfolio:
        ids = load_demo(portfolio)
    _out(f"sample partnership ready: meetings {', '.join(map(str, ids))} in {portfolio.path}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    db = _db_path(args)
    if not db.exists() and not db.is_symlink():
        return EXIT_OK  # no portfolio yet: no meetings (and nothing is created)
    with _open(args, create=False) as portfolio:
        for m in portfolio.meetings():
            _out(m.id, m.date.isoformat(), f"{m.client} ↔ {m.provider}", m.title, m.status)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from reviewdesk.app.importing import (
        import_into,
        import_minutes_into,
        is_pdf,
        parse_source,
        read_minutes,
        read_source,
    )

    raw = read_source(args.file)
    if not is_pdf(raw):
        _out(import_into(_db_path(args), parse_source(raw, args.file)))
        return EXIT_OK
    minutes = read_minutes(raw, args.file, unverified=args.unverified)
    meeting_id, added = import_minutes_into(_db_path(args), minutes)
    _out(meeting_id)
    if not added:
        _err(
            f"import: {args.file}: already in this portfolio as meeting {meeting_id}; nothing added"
        )
    return EXIT_OK


# In JSON text these characters can only stand inside strings, where \\uXXXX means the same.
_JSON_ESCAPES = {
    c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), *(ord(ch) for ch in _BIDI), 0x2028, 0x2029)
}


def cmd_dump(args: argparse.Namespace) -> int:
    from reviewdesk.record.exchange.meeting_format import dump_chunks, meeting_to_doc

    with _open(args, create=False) as portfolio:
        doc = meeting_to_doc(portfolio.meeting(args.meeting_id))
    out = sys.stdout.buffer
    for chunk in dump_chunks(doc):  # streamed: no second copy of a big meeting's text
        out.write(chunk.translate(_JSON_ESCAPES).encode("utf-8", "surrogateescape"))
    out.write(b"\n")
    out.flush()
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from reviewdesk.app.export import export_minutes

    with _open(args, create=False) as portfolio:
        written = export_minutes(portfolio, args.meeting_id, Path(args.output), args.paper)
    missing = written.missing_glyphs
    notes = [f"{plural(missing, 'character')} could not be drawn"] * bool(missing)
    note = "".join(f"; {n}" for n in [*notes, written.note] if n)
    pages = plural(written.pages, "page")
    _out(f"{written.target}: {pages}, fingerprint {written.fingerprint[:16]}{note}")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    """The file's own proof, one line per check; with --db also the portfolio's check."""
    import hashlib

    from reviewdesk.app.keys import read_certificates
    from reviewdesk.app.proof import Check, check_minutes
    from reviewdesk.app.verify import NotVerified, read_pdf, verify_pdf

    data = read_pdf(Path(args.file))  # a file that cannot be read is a usage error
    known = [cert for path in args.key or [] for cert in read_certificates(Path(path))]
    if getattr(args, "db", None) is None:
        checks = check_minutes(data, known, require_known=bool(known)).checks
    else:
        with _open(args, create=False) as portfolio:
            logged = bool(portfolio.exports_with_hash(hashlib.sha256(data).hexdigest()))
            checks = check_minutes(data, known, require_known=True, logged=logged).checks
            try:
                checks.append(Check("portfolio", True, verify_pdf(portfolio, Path(args.file)).text))
            except NotVerified as exc:
                checks.append(Check("portfolio", False, str(exc)))
    for check in checks:
        _out(check.line)
    return EXIT_OK if all(c.ok for c in checks) else EXIT_FAIL


def cmd_key(args: argparse.Namespace) -> int:
    from reviewdesk.app import keys
    from reviewdesk.record.wording import key_fingerprint_text, key_owner_text

    if args.name is not None:
        key = keys.rename(args.name)
    elif args.export:
        key = keys.export_certificate(Path(args.export))
    else:
        key = keys.current_key()
        if key is None:
            _out("no signing key yet: one is made on the first export")
            _out("(reviewdesk key --name NAME makes it now)")
            return EXIT_OK
    _out(key_owner_text(key.name))
    _out(f"fingerprint (SHA-256 of its certificate): {key_fingerprint_text(key.fingerprint)}")
    _out(f"kept in {key.path} (readable by you only; never in a portfolio or a backup)")
    if args.export:
        _out(f"certificate written to {args.export}")
    return EXIT_OK


def _pairs(values: list[str] | None, option: str) -> dict[str, str]:
    out = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise CommandError(f"{option}: {item!r} is not NAME=VALUE")
        out[name.strip()] = value.strip()
    return out


def cmd_signoff(args: argparse.Namespace) -> int:
    from reviewdesk.app.signoff import Signer, read_signature, sign_off

    roles = _pairs(args.role, "--role")
    images = {}
    for name, file in _pairs(args.signature, "--signature").items():
        try:
            images[name] = read_signature(Path(file))
        except ReviewdeskError as exc:
            raise CommandError(f"--signature: {exc}") from None
    signers = [
        Signer(name.strip(), side, roles.get(name.strip(), ""), images.get(name.strip()))
        for side, names in (
            ("client", args.client),
            ("provider", args.provider),
            ("facilitator", args.facilitator),
        )
        for name in names or []
    ]
    known = {s.name for s in signers}
    for option, mapping in (("--role", roles), ("--signature", images)):
        for name in mapping:
            if name not in known:
                raise CommandError(f"{option}: {name!r} is not one of the signers")
    with _open(args) as portfolio:
        sign_off(portfolio, args.meeting_id, signers)
    _out(f"meeting {args.meeting_id} signed off by {', '.join(s.name for s in signers)} and locked")
    return EXIT_OK


def cmd_reopen(args: argparse.Namespace) -> int:
    with _open(args) as portfolio:
        portfolio.reopen(args.meeting_id, args.reason)
    _out(f"meeting {args.meeting_id} reopened; its signatures are void")
    return EXIT_OK


def cmd_backups(args: argparse.Namespace) -> int:
    from reviewdesk.store.backups import list_backups

    db = paths.resolve_db(args.db)
    found = list_backups(db)
    if not found:
        _out(f"no backups of {db} yet (one is taken before every upgrade and sign-off)")
    for b in found:
        _out(b.path, b.taken_at.isoformat(timespec="seconds"), b.reason, f"{b.size} bytes")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from reviewdesk.app.restore import restore

    db = _db_path(args)
    safety = restore(db, Path(args.backup))
    _out(f"restored {db} from {args.backup}; what was there before is in {safety}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with _open(args, create=False) as portfolio:
        verdict = portfolio.integrity_check()
    if verdict != "ok":
        raise CommandError(f"{portfolio.path}: integrity check failed: {verdict}", EXIT_FAIL)
    _out(f"{portfolio.path}: ok")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    limit = args.limit or None  # 0: every match, streamed
    with _open(args, create=False) as portfolio:
        if limit is None:
            hits = portfolio.search_all(args.text)
        else:
            hits = iter(portfolio.search(args.text, limit=limit + 1))
        shown = 0
        for h in hits:
            if limit is not None and shown == limit:
                _err(
                    f"search: more than {limit} matches; these are the most recently written "
                    "(--limit 0 shows every one)"
                )
                break
            where = f"{h.kind} in {h.section_key}" if h.section_key else h.kind
            snippet = " ".join(h.snippet.split())
            _out(h.meeting_id, h.meeting_date, h.partnership, h.meeting_title, where, snippet)
            shown += 1
    if not shown:
        _out(f"no matches for {args.text!r}")
    return EXIT_OK


def cmd_rate(args: argparse.Namespace) -> int:
    from reviewdesk.app.rating import rate

    with _open(args, create=False) as portfolio:  # a rating needs a meeting: create nothing
        where = rate(portfolio, args.meeting_id, args.person, args.question, args.value)
    _out(f"{args.person} rated {args.question} {where}")
    return EXIT_OK


def cmd_import_kpis(args: argparse.Namespace) -> int:
    from reviewdesk.app.kpis import import_kpis

    with _open(args, create=False) as portfolio:
        count = import_kpis(portfolio, Path(args.file), args.partnership)
    _out(f"{args.file}: {plural(count, 'value')} imported")
    return EXIT_OK


def cmd_export_csv(args: argparse.Namespace) -> int:
    from reviewdesk.app.export import export_csv

    with _open(args, create=False) as portfolio:
        count = export_csv(portfolio, args.what, Path(args.output), args.partnership)
    word, many = {"actions": ("action", None), "goals": ("goal", None)}.get(
        args.what, ("register entry", "register entries")
    )
    _out(f"{args.output}: {plural(count, word, many)}")
    return EXIT_OK


# ---- parser -------------------------------------------------------------------------------
