"""The ``reviewdesk`` command: the window by default, and subcommands for the record
(commands.py; what they share in common.py)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import types
from collections.abc import Callable, Sequence
from typing import NoReturn

from reviewdesk import __version__, paths
from reviewdesk.bundle import restore_system_environment
from reviewdesk.cli.commands import (
    cmd_backups,
    cmd_check,
    cmd_demo,
    cmd_dump,
    cmd_export,
    cmd_export_csv,
    cmd_import,
    cmd_import_kpis,
    cmd_key,
    cmd_list,
    cmd_rate,
    cmd_reopen,
    cmd_restore,
    cmd_search,
    cmd_signoff,
    cmd_smoke_test,
    cmd_verify,
    cmd_window,
)
from reviewdesk.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    _clean,
    _count,
    _err,
    _meeting_id,
    _rating_value,
)
from reviewdesk.record.errors import ReviewdeskError


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
def _db_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help=f"portfolio file (default: {paths.default_db_path()})",
    )


class _NotBuilt:
    """Stands in for the parser of a command that is not being run: its arguments go nowhere."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        return None

    def add_mutually_exclusive_group(self, **kwargs: object) -> _NotBuilt:
        return self


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command; with ``only`` (a command's name), of that command alone:
    what running it needs (argparse looks up translations for each parser it makes, ~0.3 ms
    each). A name that is no command's gets the whole parser (its error lists them all)."""
    built: list[str] = []
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
        if only is not None and name != only:
            return _NotBuilt()
        built.append(name)
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
    if only is not None and not built:
        return build_parser()
    return parser


def _collect_less() -> None:
    """A command runs once and ends. What is loaded before it lives until then: the cyclic
    collector stops walking it (freeze); and it runs every 20,000 new objects rather than 700
    while the command loads its modules, whose objects live on too (~15 % of a short command's
    time). Cycles that become garbage are still collected."""
    gc.freeze()
    gc.set_threshold(20_000, *gc.get_threshold()[1:])
    _load_inspect_when_used()


def _load_inspect_when_used() -> None:
    """``dataclasses`` imports ``inspect`` (and with it ``ast``, ``dis`` and ``tokenize``: ~14 ms,
    a tenth of a short command) for one use: the signature it writes as the docstring of a
    class without one. In a command's own process ``dataclasses`` is imported with a stand-in
    for ``inspect`` that imports the real module when an attribute is first asked of it."""
    if "dataclasses" in sys.modules or "inspect" in sys.modules:
        return
    stand_in = _InspectWhenUsed("inspect")
    sys.modules["inspect"] = stand_in
    try:
        import dataclasses  # noqa: F401 - imported here, with the stand-in
    finally:
        if sys.modules.get("inspect") is stand_in:
            del sys.modules["inspect"]  # the next ``import inspect`` is the real one


class _InspectWhenUsed(types.ModuleType):
    """Stands for ``inspect`` where it was imported; the real module on first use."""

    def __getattr__(self, name: str) -> object:
        import importlib

        if sys.modules.get("inspect") is self:  # asked while dataclasses was being imported
            del sys.modules["inspect"]
        return getattr(importlib.import_module("inspect"), name)


def command_named(arguments: Sequence[str]) -> str | None:
    """The command an argument list names (its first word after the top-level options, e.g.
    ``--db PATH search x`` names ``search``); None when it names none."""
    words = iter(arguments)
    for word in words:
        if word == "--db":
            next(words, None)  # the path, whatever it looks like
        elif word == "--":
            return next(words, None)
        elif not word.startswith("-"):
            return word
    return None


# Commands that make one set of minutes and end: the cyclic collector finds next to nothing to
# free there (~5,000 objects, well under 1 MiB, for the big meeting) but walks the young
# objects ~11 times (~30 ms); with the process's own command line they run without it.
_NO_COLLECTOR = frozenset({"export"})


def main(argv: Sequence[str] | None = None) -> int:
    restore_system_environment()  # the bundle: programs it starts get the user's library path
    arguments = sys.argv[1:] if argv is None else list(argv)
    if argv is None:  # the process's own command line (not a caller's, e.g. a test)
        _collect_less()
    parser = build_parser(only=command_named(arguments))
    args = parser.parse_args(arguments)
    name = getattr(args, "command", "reviewdesk")
    if args.smoke_test:
        if name != "reviewdesk":
            parser.error("--smoke-test takes no command")
        args.func = cmd_smoke_test
    if argv is None and name in _NO_COLLECTOR:
        from reviewdesk.app.export import prepare_one_export_process

        prepare_one_export_process()
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
