"""Child process, run on a tiny tmpfs: export minutes while the portfolio's disk is full.

Usage: python export_full_disk_child.py FOLDER DEMO.sqlite OUT_FOLDER — the portfolio is copied
onto the tmpfs at FOLDER and opened (as the window keeps it open); then the disk is filled and
the minutes exported to OUT_FOLDER (another disk) from the command line and as the window does.
Prints one ``STEP result`` line per step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from reviewdesk.app.export import finish_export, prepare_minutes
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.store.opening import open_portfolio


def say(step: str, text: str) -> None:
    print(f"{step} {text}".replace("\n", "\\n"), flush=True)


def fill(path: Path) -> None:
    try:
        with open(path, "wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
    except OSError:
        pass


def logged(portfolio) -> int:  # noqa: ANN001 - a Portfolio
    return portfolio.conn.execute("SELECT count(*) FROM export_log").fetchone()[0]


def main() -> None:
    folder, demo, out = (Path(a) for a in sys.argv[1:4])
    db = folder / "p.sqlite"
    shutil.copyfile(demo, db)
    portfolio = open_portfolio(db, exclusive=True)  # the window, open before the disk filled
    portfolio.set_notes(4, "trust", "written before the disk filled")
    before = logged(portfolio)
    # The disk is filled again before each try: SQLite may keep room a failed write won.
    for n, name in enumerate(("new.pdf", "old.pdf")):
        fill(folder / f"filler{n}")
        cli = subprocess.run(
            [sys.executable, "-m", "reviewdesk", "export", "1", "-o", str(out / name)]
            + ["--db", str(db)],
            capture_output=True,
            text=True,
        )
        say(f"CLI-{name}", f"{cli.returncode} {cli.stderr.strip()}")
        say(f"LOGGED-{name}", str(logged(portfolio) - before))
    job = prepare_minutes(portfolio, 2, out / "window.pdf")
    written = job.run()
    fill(folder / "filler2")
    try:
        finish_export(portfolio, job, written)
        say("WINDOW", "ok")
    except ReviewdeskError as exc:
        say("WINDOW", f"refused {exc}")
    say("LOGGED", str(logged(portfolio) - before))
    say("OUT", " ".join(sorted(os.listdir(out))))
    for n in range(3):
        os.unlink(folder / f"filler{n}")
    written = finish_export(portfolio, job, prepare_minutes(portfolio, 2, out / "w.pdf").run())
    say("ROOM", f"{written.logged} {logged(portfolio) - before}")
    portfolio.close()


if __name__ == "__main__":
    main()
