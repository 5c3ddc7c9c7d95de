"""Child process: export a meeting's minutes, optionally stopping at a chosen moment.

Usage: python export_child.py DB MEETING_ID OUT.pdf [MODE]
MODE ``mid-write`` pauses (forever) once half the PDF is in the temporary file; ``before-rename``
pauses once the whole PDF is written but before it replaces OUT.pdf. It prints PAUSED there.
"""

from __future__ import annotations

import os
import sys
import time

from reviewdesk.cli import main as cli_main


def pause() -> None:
    print("PAUSED", flush=True)
    while True:
        time.sleep(1)


def main() -> None:
    db, meeting_id, out, *mode = sys.argv[1:]
    if mode == ["mid-write"]:
        real_fdopen = os.fdopen

        def fdopen(fd, *args, **kwargs):
            handle = real_fdopen(fd, *args, **kwargs)
            real_write = handle.write

            def write(data):
                real_write(data[: len(data) // 2])
                handle.flush()
                pause()

            handle.write = write
            return handle

        os.fdopen = fdopen
    elif mode == ["before-rename"]:
        os.replace = lambda *a, **k: pause()
    sys.exit(cli_main(["export", meeting_id, "-o", out, "--db", db]))


if __name__ == "__main__":
    main()
