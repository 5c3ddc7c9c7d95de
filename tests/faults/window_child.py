"""Child process: open a portfolio as a window does (exclusive) and keep it open until told.

Usage: python window_child.py DB — prints ``OPEN <readonly> <notice>``, then waits for a line on
stdin; a line ``edit`` makes it try one edit and print ``EDIT ok`` or ``EDIT refused <message>``.
"""

from __future__ import annotations

import sys

from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.store.opening import open_portfolio


def main() -> None:
    portfolio = open_portfolio(sys.argv[1], exclusive=True)
    print(f"OPEN {int(portfolio.readonly)} {portfolio.notice}", flush=True)
    for line in sys.stdin:
        if line.strip() == "edit":
            try:
                partnership = portfolio.partnerships()[0]
                portfolio.update_partnership(partnership.id, service="edited by the child")
                print("EDIT ok", flush=True)
            except ReviewdeskError as exc:
                print(f"EDIT refused {exc}", flush=True)
        else:
            break
    portfolio.close()
    print("CLOSED", flush=True)


if __name__ == "__main__":
    main()
