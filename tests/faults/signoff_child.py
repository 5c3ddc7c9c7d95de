"""Child process for the kill tests: sign off and reopen one meeting forever, reporting each.

Usage: python signoff_child.py DB MEETING_ID — prints ``B signoff``/``B reopen`` before each
step and ``OK`` once it has returned (each sign-off also takes a backup first).
"""

from __future__ import annotations

import datetime as dt
import sys

from reviewdesk.record.model import Signature
from reviewdesk.store.opening import open_portfolio


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    portfolio = open_portfolio(sys.argv[1], create=False)
    mid = int(sys.argv[2])
    now = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
    signers = [Signature("Cleo", "client", now), Signature("Pat", "provider", now)]
    say("READY")
    while True:
        if portfolio.meeting_status(mid) == "signed_off":
            say("B reopen")
            portfolio.reopen(mid, "a correction")
        else:
            say("B signoff")
            portfolio.sign_off(mid, signers)
        say("OK")


if __name__ == "__main__":
    main()
