"""Run ``python -m reviewdesk ARGS`` with every way of opening a socket made to fail loudly.

Usage: python offline_run.py ARGS... (or ``--self-test``, which tries to connect). Any attempt
is also written to stderr as NETWORK ATTEMPT, so one the app catches is still seen.
"""

from __future__ import annotations

import runpy
import socket
import sys


class NoNetwork(OSError):
    pass


def _refuse(what: str):
    def refuse(*args, **kwargs):
        sys.stderr.write(f"NETWORK ATTEMPT: {what}{args[:2]!r}\n")
        raise NoNetwork(f"{what}: this test forbids the network")

    return refuse


class _NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        _refuse("socket.socket")(*args)


def main() -> None:
    socket.socket = _NoSocket  # type: ignore[misc]
    for name in ("create_connection", "create_server", "socketpair", "getaddrinfo", "fromfd"):
        setattr(socket, name, _refuse(f"socket.{name}"))
    if sys.argv[1:] == ["--self-test"]:  # prove the guard works: this must fail
        socket.create_connection(("127.0.0.1", 9))
    sys.argv = ["reviewdesk", *sys.argv[1:]]
    runpy.run_module("reviewdesk", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
