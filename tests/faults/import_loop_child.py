"""Child process: import meetings into a portfolio forever, as a script calling
``reviewdesk import`` in a loop would, printing ``ACK n`` once import n has returned its id.

Usage: python import_loop_child.py DB — each meeting is titled ``loop-n``; an import that fails
(the file busy for longer than the wait) prints ``ERR n`` and the loop goes on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from writer_child import import_doc

from reviewdesk.app.importing import import_into
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.exchange.meeting_format import parse_meeting


def main() -> None:
    db = Path(sys.argv[1])
    n = 0
    while True:
        d = import_doc(n)
        d["meeting"]["title"] = f"loop-{n}"
        try:
            import_into(db, parse_meeting(d))
        except ReviewdeskError as exc:
            print(f"ERR {n} {exc}".replace("\n", " "), flush=True)
        else:
            print(f"ACK {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
