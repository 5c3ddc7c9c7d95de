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
        real_write = os.write

        def write(fd, data):
            if fd > 2 and len(data) > 1000:  # the PDF going into its temporary file
                real_write(fd, bytes(data[: len(data) // 2]))
                pause()
            return real_write(fd, data)

        os.write = write
    elif mode == ["before-rename"]:
        real_replace = os.replace

        def replace(src, dst, *args, **kwargs):
            if os.path.abspath(dst) == os.path.abspath(out):  # the PDF put in place
                pause()
            return real_replace(src, dst, *args, **kwargs)  # e.g. the font cache's own files

        os.replace = replace
    sys.exit(cli_main(["export", meeting_id, "-o", out, "--db", db]))


if __name__ == "__main__":
    main()
