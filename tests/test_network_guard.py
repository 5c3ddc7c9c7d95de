"""The suite's own network guard (tests/conftest.py) really refuses connections off this machine."""

import socket

import pytest


def test_a_connection_off_the_machine_is_refused():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(OSError, match="network disabled in tests"):
            sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never reached, refused before sending
    finally:
        sock.close()
