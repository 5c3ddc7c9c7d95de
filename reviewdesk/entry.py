"""The ``reviewdesk`` program: pyproject's script, ``python -m reviewdesk`` and the bundle.

A plain ``reviewdesk`` or ``reviewdesk --db PATH`` starts the window straight away: nothing of
the command line (its parser, its commands and what they import, 10–15 ms) is loaded before
the window's first paint. Any other argument list goes to :func:`reviewdesk.cli.main`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

NOT_THE_WINDOW = object()


def window_db(arguments: Sequence[str]) -> object:
    """The ``--db`` of a plain ``reviewdesk [--db PATH]`` call (None without one), else
    NOT_THE_WINDOW: anything else (``--help``, a command, a path starting with ``-``) is the
    command line's to parse and, if need be, to refuse."""
    if not arguments:
        return None
    if len(arguments) == 2 and arguments[0] == "--db" and not arguments[1].startswith("-"):
        return arguments[1] or None
    if len(arguments) == 1 and arguments[0].startswith("--db=") and len(arguments[0]) > 5:
        return arguments[0][5:]
    return NOT_THE_WINDOW


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    db = window_db(arguments)
    if db is NOT_THE_WINDOW:
        from reviewdesk.cli import main as command_line

        return command_line(argv)
    from reviewdesk import paths
    from reviewdesk.bundle import restore_system_environment
    from reviewdesk.ui.app import run

    restore_system_environment()  # the bundle: programs it starts get the user's library path
    return run(paths.resolve_db(db))
