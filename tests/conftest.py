"""Shared fixtures: every test works in tmp_path with a private data folder and no display."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Fixtures of a module or session scope run before _private_home: they, too, get a data folder
# of their own (an export there makes a signing key), never the real one.
_SESSION_HOME = tempfile.mkdtemp(prefix="reviewdesk-tests-")
atexit.register(shutil.rmtree, _SESSION_HOME, True)
os.environ["XDG_DATA_HOME"] = str(Path(_SESSION_HOME) / "data")
os.environ["XDG_CONFIG_HOME"] = str(Path(_SESSION_HOME) / "config")
os.environ["XDG_CACHE_HOME"] = str(Path(_SESSION_HOME) / "cache")

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point the per-user data folder at a temporary one so no test touches the real one."""
    home = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    return home


_LOCAL_HOSTS = ("127.", "::1", "localhost")


def _is_local(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = str(address[0]) if isinstance(address, tuple) and address else ""
    return host.startswith(_LOCAL_HOSTS)


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    """The whole suite runs with the network switched off: any connection that leaves this
    machine fails loudly (tests may still talk to a listener of their own on 127.0.0.1)."""
    import socket

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guarded(real):
        def connect(self, address):
            if not _is_local(address):
                raise OSError(f"network disabled in tests: connection to {address!r} refused")
            return real(self, address)

        return connect

    socket.socket.connect = guarded(real_connect)
    socket.socket.connect_ex = guarded(real_connect_ex)
    yield
    socket.socket.connect, socket.socket.connect_ex = real_connect, real_connect_ex


FOREIGN_LOCALES = ("de_DE.UTF-8", "fr_FR.UTF-8", "de_DE.utf8", "fr_FR.utf8")
GERMAN_MONTHS = {"%b": "Mär", "%B": "März"}  # what a German C library says for March


@pytest.fixture
def foreign_language(monkeypatch: pytest.MonkeyPatch):
    """The computer set to another language for dates (LC_TIME German or French).

    Where neither locale is installed, ``time.strftime`` — which ``date.strftime`` calls —
    answers month names in German instead, so locale-dependent formatting still shows.
    Yields the locale's name, or "strftime" for the stand-in.
    """
    import locale
    import time

    previous = locale.setlocale(locale.LC_TIME)
    for name in FOREIGN_LOCALES:
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        try:
            yield name
        finally:
            locale.setlocale(locale.LC_TIME, previous)
        return
    real = time.strftime

    def german(fmt: str, *args):
        for code, word in GERMAN_MONTHS.items():
            fmt = fmt.replace(code, word)
        return real(fmt, *args)

    monkeypatch.setattr(time, "strftime", german)
    yield "strftime"
