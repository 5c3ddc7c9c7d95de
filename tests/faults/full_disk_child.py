"""Child process, run on a tiny tmpfs: fill the disk for real, edit, then make room.

Usage: python full_disk_child.py FOLDER IMPORT.json — prints one ``STEP result`` line per step.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.model import Action, Participant, Signature
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.templates import default_agenda


def say(step: str, text: str) -> None:
    print(f"{step} {text}".replace("\n", "\\n"), flush=True)


def attempt(step: str, edit) -> None:
    try:
        edit()
        say(step, "ok")
    except ReviewdeskError as exc:
        say(step, f"refused {type(exc).__name__}: {exc}")


def fill(path: Path) -> None:
    with open(path, "wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass


def main() -> None:
    folder, source = Path(sys.argv[1]), sys.argv[2]
    db = folder / "p.sqlite"
    portfolio = open_portfolio(db)
    pid = portfolio.add_partnership("Acme", "Bolt").id
    mid = portfolio.create_meeting(
        pid,
        title="Q1",
        date=dt.date(2026, 3, 31),
        agenda=default_agenda(),
        participants=[Participant("Cleo", "client"), Participant("Pat", "provider")],
    )
    portfolio.set_notes(mid, "trust", "saved before the disk filled")
    fill(folder / "filler")
    now = dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC)
    signers = [Signature("Cleo", "client", now), Signature("Pat", "provider", now)]
    attempt("EDIT", lambda: portfolio.add_action(mid, Action(text="x" * 20_000)))
    attempt("NOTES", lambda: portfolio.set_notes(mid, "trust", "y" * 50_000))
    attempt("SIGNOFF", lambda: portfolio.sign_off(mid, signers))
    cli = subprocess.run(
        [sys.executable, "-m", "reviewdesk", "import", source, "--db", str(db)],
        capture_output=True,
        text=True,
    )
    say("CLI", f"{cli.returncode} {cli.stderr.strip()}")
    say("KEPT", f"{portfolio.meeting(mid).section('trust').notes} | {portfolio.integrity_check()}")
    say("STATUS", portfolio.meeting_status(mid))
    os.unlink(folder / "filler")
    attempt("ROOM", lambda: portfolio.set_notes(mid, "trust", "after making room"))
    attempt("SIGNED", lambda: portfolio.sign_off(mid, signers))
    portfolio.close()
    say("FILES", " ".join(sorted(os.listdir(folder))))
    say("BACKUPS", str(len(os.listdir(folder / "backups"))))


if __name__ == "__main__":
    main()
