"""``reviewdesk --smoke-test``: a whole review, start to verified minutes, in a scratch folder.

It proves an installation works - above all the desktop bundle, where a library, a Qt plugin
or a data file left out shows only when it is used. Every step goes through the same use cases
the window and the command line use (store.opening, app.rating, app.signoff, app.export,
app.verify); the window's own steps (ui/smoke.py) come after them. The first step that fails
ends the test and is named; nothing outside the scratch folder is read or written. As in the
window, the open guard (store.open_guard) is on throughout: a Python-level open of the
portfolio's files fails its step, even where the refusal was caught.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import os
import struct
import sys
import tempfile
import threading
import time
import traceback
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reviewdesk.store.portfolio import Portfolio

EXIT_OK, EXIT_FAILED = 0, 1
CLIENT, PROVIDER = "Smoke Client Ltd", "Smoke Provider Ltd"
CLIENT_LEAD, PROVIDER_LEAD = "Chloé Client", "Pavel Provider"
STEP_TIMEOUT_S = 180.0  # a busy CI machine exports in seconds, not minutes
RATINGS = (4, 2)  # the client's and the provider's: a gap of 2 shows as a badge


@dataclass
class Scratch:
    """What the steps make, for the steps after them."""

    folder: Path
    portfolio: Portfolio | None = None
    meeting_id: int | None = None
    minutes: Path | None = None
    rated: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def db(self) -> Path:
        return self.folder / "smoke.sqlite"


Step = tuple[str, Callable[[Scratch], None]]


class SmokeFailed(Exception):
    """A step did not do what it should (said in one line)."""


def create_portfolio(s: Scratch) -> None:
    from reviewdesk.store.opening import open_portfolio

    s.portfolio = open_portfolio(s.db, exclusive=True)
    if s.portfolio.readonly:
        raise SmokeFailed(f"{s.db}: opened read-only ({s.portfolio.notice})")


def make_review(s: Scratch) -> None:
    from reviewdesk.record.model import Participant
    from reviewdesk.store.templates import default_agenda

    p = _portfolio(s)
    partnership = p.add_partnership(CLIENT, PROVIDER, "Invoice data entry")
    s.meeting_id = p.create_meeting(
        partnership.id,
        title="Smoke test review",
        date=dt.date.today(),
        agenda=default_agenda(),
        facilitator="Fay Facilitator",
        participants=[
            Participant(CLIENT_LEAD, "client", "Operations lead"),
            Participant(PROVIDER_LEAD, "provider", "Delivery manager"),
        ],
    )


def rate(s: Scratch) -> None:
    from reviewdesk.app.rating import rate as rate_question

    p, mid = _portfolio(s), _meeting(s)
    section = p.meeting(mid).sections[0]
    for question in section.questions:
        ref = f"{section.key}.{question.key}"
        for person, value in zip((CLIENT_LEAD, PROVIDER_LEAD), RATINGS, strict=True):
            rate_question(p, mid, person, ref, value)
            s.rated += 1
    p.add_decision(mid, section.key, "Weekly status call — both sides bring the figures")
    if s.rated == 0:
        raise SmokeFailed("the default agenda's first section has no questions")


def sign_off(s: Scratch) -> None:
    from reviewdesk.app.signoff import Signer
    from reviewdesk.app.signoff import sign_off as sign

    p, mid = _portfolio(s), _meeting(s)
    sign(
        p,
        mid,
        [Signer(CLIENT_LEAD, "client", image=signature_png()), Signer(PROVIDER_LEAD, "provider")],
    )
    status = p.meeting_status(mid)
    if status != "signed_off":
        raise SmokeFailed(f"meeting {mid} is {status!r} after sign-off")


def export_minutes(s: Scratch) -> None:
    from reviewdesk.app.export import export_minutes as export

    s.minutes = s.folder / "minutes.pdf"
    written = export(_portfolio(s), _meeting(s), s.minutes)
    head = s.minutes.read_bytes()[:5]
    if head != b"%PDF-" or written.pages < 1:
        raise SmokeFailed(f"{s.minutes}: not a PDF ({written.pages} pages, starts {head!r})")
    s.notes.append(f"minutes of {written.pages} pages")


def verify_minutes(s: Scratch) -> None:
    from reviewdesk.app.verify import verify_pdf

    assert s.minutes is not None, "no minutes exported"
    verify_pdf(_portfolio(s), s.minutes)  # raises NotVerified saying why


STEPS: tuple[Step, ...] = (
    ("create a portfolio", create_portfolio),
    ("make a review", make_review),
    ("rate", rate),
    ("sign off", sign_off),
    ("export the minutes", export_minutes),
    ("verify the minutes", verify_minutes),
)


def run_smoke_test(
    more_steps: Iterable[Step] = (),
    say: Callable[[str], None] = print,
    folder: Path | None = None,
) -> int:
    """Run :data:`STEPS`, then ``more_steps`` (the window's), in a scratch folder that is removed
    afterwards (or in ``folder``, kept). 0 when every step passed; 1 naming the first that
    failed, with its error and, for an unexpected one, the traceback."""
    scratch_folder = (
        contextlib.nullcontext(str(folder))
        if folder is not None
        else tempfile.TemporaryDirectory(prefix="reviewdesk-smoke-", ignore_cleanup_errors=True)
    )
    from reviewdesk import paths
    from reviewdesk.store import open_guard

    guarded_already = open_guard.enforcing()
    saved_data = os.environ.get(paths.DATA_ENV)
    open_guard.enforce()  # as in the window: nothing but SQLite opens the portfolio's files
    try:
        with scratch_folder as tmp:
            scratch = Scratch(Path(tmp))
            # reviewdesk's data folder (the window lock's identity locks) inside the scratch one
            os.environ[paths.DATA_ENV] = str(scratch.folder / "data")
            try:
                return _run((*STEPS, *more_steps), scratch, say)
            finally:
                if scratch.portfolio is not None:
                    scratch.portfolio.close()
    finally:
        if not guarded_already:
            open_guard.stop_enforcing()
        if saved_data is None:
            os.environ.pop(paths.DATA_ENV, None)
        else:
            os.environ[paths.DATA_ENV] = saved_data


def _run(steps: Iterable[Step], scratch: Scratch, say: Callable[[str], None]) -> int:
    from reviewdesk.store import open_guard

    started = time.perf_counter()
    for name, step in steps:
        t0 = time.perf_counter()
        refused = len(open_guard.refusals())
        watchdog = threading.Timer(STEP_TIMEOUT_S, _stuck, (name, say))
        watchdog.daemon = True
        watchdog.start()
        try:
            step(scratch)
        except Exception as exc:  # noqa: BLE001 - any failure is the step's, named
            expected = isinstance(exc, SmokeFailed) or _is_reviewdesk_error(exc)
            say(f"smoke test: FAILED at step '{name}': {type(exc).__name__}: {exc}")
            if not expected:
                say(traceback.format_exc().rstrip())
            return EXIT_FAILED
        finally:
            watchdog.cancel()
        opened = open_guard.refusals()[refused:]
        if opened:  # refused, and the refusal swallowed somewhere: SQLite's locks were at stake
            say(
                f"smoke test: FAILED at step '{name}': {opened[0]} was opened outside SQLite "
                "while the portfolio was open (refused by the open guard)"
            )
            return EXIT_FAILED
        say(f"smoke test: {name}: ok ({(time.perf_counter() - t0) * 1000:.0f} ms)")
    extra = f"; {', '.join(scratch.notes)}" if scratch.notes else ""
    say(f"smoke test: passed in {time.perf_counter() - started:.1f} s{extra}")
    return EXIT_OK


def _stuck(name: str, say: Callable[[str], None]) -> None:
    """A step that hangs (a modal wait, a deadlock) fails too: named, with every thread's stack,
    and the process ends at once (exit 1)."""
    say(f"smoke test: FAILED at step '{name}': no result after {STEP_TIMEOUT_S:.0f} s")
    if sys.stderr is not None:  # None in a windowed Windows program
        faulthandler.dump_traceback(sys.stderr, all_threads=True)
    os._exit(EXIT_FAILED)


def _is_reviewdesk_error(exc: Exception) -> bool:
    from reviewdesk.record.errors import ReviewdeskError

    return isinstance(exc, ReviewdeskError)


def _portfolio(s: Scratch) -> Portfolio:
    if s.portfolio is None:
        raise SmokeFailed("no portfolio (an earlier step did not make it)")
    return s.portfolio


def _meeting(s: Scratch) -> int:
    if s.meeting_id is None:
        raise SmokeFailed("no review (an earlier step did not make it)")
    return s.meeting_id


def signature_png(width: int = 240, height: int = 72) -> bytes:
    """A drawn-looking signature (a dark wave on white) as a PNG, made without an image library:
    the minutes then decode and scale a real image (Pillow, zlib) as they do a drawn one."""
    rows = []
    for y in range(height):
        row = bytearray(b"\xff" * width)
        for x in range(width):
            wave = height / 2 + (height / 3) * ((x % 60) / 30 - 1) * (1 if (x // 60) % 2 else -1)
            if abs(y - wave) < 2:
                row[x] = 0x20
        rows.append(b"\x00" + bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )
