"""The ``reviewdesk`` command: the window by default, and subcommands for the record."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reviewdesk import __version__, paths
from reviewdesk.bundle import restore_system_environment
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.wording import plural

if TYPE_CHECKING:
    from reviewdesk.store.portfolio import Portfolio

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A problem to print as one line, with the exit code to leave with."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, its width from the terminal without importing shutil (argparse
    makes a formatter for every option it adds: each command would pay for the import)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24):
        try:
            columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
        except (ValueError, OSError):
            columns = 80
        super().__init__(prog, indent_increment, max_help_position, max(columns - 2, 20))


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, _clean(f"{self.prog}: {message} (see --help)") + "\n")


# Characters a terminal may act on rather than show: C0 and C1 controls (ESC, CSI), DEL, the
# Unicode line and paragraph separators, and the bidirectional overrides and isolates.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SPACED = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029")


def _unsafe(ch: str) -> bool:
    return ch < " " or "\x7f" <= ch <= "\x9f" or ch in _SPACED or ch in _BIDI


def _clean(text: object) -> str:
    """Text safe to print on one terminal line: every printed word of record text, every path
    and error goes through here. Line breaks and tabs become spaces; other control characters
    (an ANSI escape, a carriage return) are shown as escapes such as ``\\x1b``."""
    text = str(text)
    if not any(_unsafe(ch) for ch in text):
        return text
    return "".join(
        (" " if ch in _SPACED else repr(ch)[1:-1] if ch < "\xa0" else f"\\u{ord(ch):04x}")
        if _unsafe(ch)
        else ch
        for ch in text
    )


def _out(*fields: object) -> None:
    """One line on standard output: the fields, each cleaned, separated by tabs."""
    line = "\t".join(_clean(f) for f in fields)
    sys.stdout.buffer.write(line.encode("utf-8", "surrogateescape") + b"\n")
    sys.stdout.flush()


def _err(line: str) -> None:
    """One line on standard error, cleaned."""
    sys.stderr.write(_clean(line) + "\n")
    sys.stderr.flush()


def _db_path(args: argparse.Namespace) -> Path:
    from reviewdesk.store.fileformat import SIDE_FILES

    db = paths.resolve_db(args.db)
    if db.name.endswith(SIDE_FILES):
        raise CommandError(f"{db}: is the name of one of SQLite's own files, not a portfolio")
    return db


def _open(args: argparse.Namespace, *, create: bool = True) -> Portfolio:
    from reviewdesk.store.opening import open_portfolio

    return open_portfolio(_db_path(args), create=create)


def _meeting_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a meeting number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a meeting number")
    return value


def _rating_value(text: str) -> int:
    if text.strip() not in ("1", "2", "3", "4", "5"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a rating from 1 to 5")
    return int(text)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return value


# ---- commands -----------------------------------------------------------------------------


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


def _db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help=f"portfolio file (default: {paths.default_db_path()})",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reviewdesk",
        description="Lead client-provider partnership reviews and sign off their minutes.",
    )
    parser.add_argument("--version", action="version", version=f"reviewdesk {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="check this installation: a whole review in a scratch folder (portfolio, ratings, "
        "sign-off, minutes, verify) and the window; exit 1 naming the step that failed",
    )
    _db_option(parser, top=True)
    parser.set_defaults(func=cmd_window)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str):
        p = sub.add_parser(name, help=help, description=help)
        _db_option(p, top=False)
        p.set_defaults(func=func, command=name)
        return p

    command("demo", cmd_demo, "fill the portfolio with a sample partnership (idempotent)")
    command("list", cmd_list, "one line per meeting: id, date, client ↔ provider, title, status")
    p = command(
        "import",
        cmd_import,
        "import a meeting JSON file (format 1 or 2) or the record inside signed PDF minutes "
        "(once they verify); prints the id",
    )
    p.add_argument("file", metavar="FILE.json|MINUTES.pdf")
    p.add_argument(
        "--unverified",
        action="store_true",
        help="import the record of PDF minutes even when they do not verify",
    )
    p = command("dump", cmd_dump, "print a meeting as reviewdesk.meeting/2 JSON")
    p.add_argument("meeting_id", type=_meeting_id, metavar="MEETING_ID")
    p = command("export", cmd_export, "write a meeting's PDF minutes")
    p.add_argument("meeting_id", type=_meeting_id, metavar="MEETING_ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4")
    p = command(
        "verify",
        cmd_verify,
        "check signed PDF minutes by themselves (signature, signer, record, re-render); with "
        "--db also against that portfolio",
    )
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument(
        "--key",
        action="append",
        metavar="CERT.pem",
        help="the certificate the minutes must be signed with (from `reviewdesk key --export`)",
    )
    p = command("key", cmd_key, "show this computer's signing key (made on the first export)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--export", metavar="FILE.pem", help="write the key's certificate")
    group.add_argument("--name", metavar="NAME", help="the name the key signs with")
    p = command("signoff", cmd_signoff, "sign off a meeting (at least one client and one provider)")
    p.add_argument("meeting_id", type=_meeting_id, metavar="MEETING_ID")
    p.add_argument("--client", action="append", metavar="NAME", default=[])
    p.add_argument("--provider", action="append", metavar="NAME", default=[])
    p.add_argument("--facilitator", action="append", metavar="NAME", default=[])
    p.add_argument("--role", action="append", metavar="NAME=ROLE")
    p.add_argument("--signature", action="append", metavar="NAME=FILE.png")
    p = command("reopen", cmd_reopen, "reopen a signed-off meeting; voids its signatures")
    p.add_argument("meeting_id", type=_meeting_id, metavar="MEETING_ID")
    p.add_argument("--reason", required=True)
    p = command("rate", cmd_rate, "record one person's rating of a question (1 to 5)")
    p.add_argument("meeting_id", type=_meeting_id, metavar="MEETING_ID")
    p.add_argument("--person", required=True, metavar="NAME")
    p.add_argument("--question", required=True, metavar="SECTION.QUESTION")
    p.add_argument("--value", required=True, type=_rating_value, metavar="N")
    command("backups", cmd_backups, "list the portfolio's backups, newest first")
    p = command("restore", cmd_restore, "replace the portfolio with a backup (current one saved)")
    p.add_argument("backup", metavar="BACKUP")
    command("check", cmd_check, "run SQLite's integrity check and print the verdict")
    p = command(
        "search", cmd_search, "full-text search over notes, comments, decisions, actions and goals"
    )
    p.add_argument("text")
    p.add_argument(
        "--limit",
        type=_count,
        default=200,
        metavar="N",
        help="at most N matches, the most recently written (default 200; 0 shows every one)",
    )
    p = command("import-kpis", cmd_import_kpis, "import service-level values from a CSV (see docs)")
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--partnership", type=_meeting_id, metavar="ID", required=True)
    p = command(
        "export-csv",
        cmd_export_csv,
        "write actions, goals or the register as CSV for a spreadsheet",
    )
    p.add_argument("what", choices=("actions", "goals", "register"))
    p.add_argument("--partnership", type=_meeting_id, metavar="ID")
    p.add_argument("-o", "--output", required=True, metavar="FILE.csv")
    return parser


_NOT_THE_WINDOW = object()


def _window_only(argv: list[str]) -> object:
    """The ``--db`` of a plain ``reviewdesk [--db PATH]`` call, else _NOT_THE_WINDOW.

    Starting the window is the common case and must be quick: it skips building the parser of
    every subcommand.
    """
    if not argv:
        return None
    if len(argv) == 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        return argv[1]
    if len(argv) == 1 and argv[0].startswith("--db=") and len(argv[0]) > 5:
        return argv[0][5:]
    return _NOT_THE_WINDOW


def main(argv: Sequence[str] | None = None) -> int:
    restore_system_environment()  # the bundle: programs it starts get the user's library path
    arguments = sys.argv[1:] if argv is None else list(argv)
    db = _window_only(arguments)
    if db is not _NOT_THE_WINDOW:
        return cmd_window(argparse.Namespace(db=db))
    parser = build_parser()
    args = parser.parse_args(arguments)
    name = getattr(args, "command", "reviewdesk")
    if args.smoke_test:
        if name != "reviewdesk":
            parser.error("--smoke-test takes no command")
        args.func = cmd_smoke_test
    try:
        return args.func(args)
    except CommandError as exc:
        _err(f"{name}: {exc}")
        return exc.code
    except ReviewdeskError as exc:
        _err(f"{name}: {exc}")
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `reviewdesk search x | head -1`: the reader has gone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
