"""Child process, run on a tiny tmpfs: a portfolio on a disk with no room left at all.

Usage: python full_disk_open_child.py FOLDER PORTFOLIO IMPORT.json OUT_FOLDER — copies PORTFOLIO
onto the full disk and runs commands on it; prints one ``STEP code|line`` line per step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from reviewdesk.store.opening import open_portfolio


def fill(path: Path) -> None:
    try:
        with open(path, "wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
    except OSError:
        pass


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reviewdesk", *args], capture_output=True, text=True, timeout=120
    )


def say(step: str, result: subprocess.CompletedProcess) -> None:
    text = (result.stdout.strip().splitlines() or [""])[0] if result.returncode == 0 else ""
    text = text or result.stderr.strip().replace("\n", "\\n")
    print(f"{step} {result.returncode}|{text}", flush=True)


def main() -> None:
    folder, source, meeting_file, out = (Path(a) for a in sys.argv[1:5])
    db = folder / "p.sqlite"
    shutil.copyfile(source, db)
    fill(folder / "filler")
    say("LIST", cli("list", "--db", str(db)))
    say("DUMP", cli("dump", "1", "--db", str(db)))
    say("SEARCH", cli("search", "backlog", "--db", str(db)))
    say("CHECK", cli("check", "--db", str(db)))
    say("EXPORT", cli("export", "1", "-o", str(out / "m.pdf"), "--db", str(db)))
    say("IMPORT", cli("import", str(meeting_file), "--db", str(db)))
    portfolio = open_portfolio(db, exclusive=True)
    print(f"WINDOW {portfolio.readonly}|{portfolio.notice}", flush=True)
    portfolio.close()
    os.unlink(folder / "filler")
    say("ROOM", cli("import", str(meeting_file), "--db", str(db)))


if __name__ == "__main__":
    main()
