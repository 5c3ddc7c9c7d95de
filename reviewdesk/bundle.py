"""What differs when reviewdesk runs from the desktop bundle (PyInstaller, ``packaging/``).

The bundle's start-up program puts the bundle's own library folder first on the dynamic
loader's path (``LD_LIBRARY_PATH`` on Linux; ``DYLD_LIBRARY_PATH`` or ``LIBPATH`` elsewhere) and
keeps the user's value in ``NAME_ORIG``. The loader reads the variable once, when a program
starts, so this process keeps the bundle's libraries whatever the variable says later - but every
program it starts inherits it: the user's ``fc-list`` (minutes/fonts.py) would run against the
bundle's copy of fontconfig, and the PDF viewer the window opens (through ``xdg-open``) against
the bundle's Qt, glib and freetype. :func:`restore_system_environment` gives them the user's own
value back, as PyInstaller's documentation recommends.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

LIBRARY_PATH_VARIABLES = ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "LIBPATH")


def is_bundled() -> bool:
    """True when running from the bundle (PyInstaller sets ``sys.frozen``)."""
    return bool(getattr(sys, "frozen", False))


def restore_system_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """In the bundle: the library path the user started it with, for every program it starts
    (the original value, or none when there was none). Outside the bundle: nothing changes."""
    if not is_bundled():
        return
    env = os.environ if environ is None else environ
    for name in LIBRARY_PATH_VARIABLES:
        original = env.pop(f"{name}_ORIG", None)
        if original is not None:
            env[name] = original
        elif name in env and name == "LD_LIBRARY_PATH":
            # set by the bundle alone (Linux): the user had none
            del env[name]
