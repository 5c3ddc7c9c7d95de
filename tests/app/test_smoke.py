"""The smoke test's review (app/smoke.py): every step through the use cases, a failure named."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from reviewdesk import paths
from reviewdesk.app import smoke
from reviewdesk.app.verify import verify_pdf
from reviewdesk.record.errors import StorageError
from reviewdesk.record.exchange.png import is_png
from reviewdesk.store import open_guard
from reviewdesk.store.backups import list_backups
from reviewdesk.store.opening import open_portfolio

ROOT = Path(__file__).resolve().parents[2]


def test_the_review_runs_start_to_verified_minutes(tmp_path):
    said: list[str] = []
    assert smoke.run_smoke_test(say=said.append, folder=tmp_path) == smoke.EXIT_OK
    names = [name for name, _ in smoke.STEPS]
    assert [line.split(":")[1].strip() for line in said[:-1]] == names
    assert said[-1].startswith("smoke test: passed in ")
    # what it made is a real portfolio, signed off, with minutes that verify
    with open_portfolio(tmp_path / "smoke.sqlite", create=False) as portfolio:
        (summary,) = portfolio.meetings()
        meeting = portfolio.meeting(summary.id)
        assert meeting.status == "signed_off"
        assert {s.name for s in meeting.signoff} == {smoke.CLIENT_LEAD, smoke.PROVIDER_LEAD}
        questions = meeting.sections[0].questions
        assert questions
        for q in questions:
            assert (q.side_value("client"), q.side_value("provider")) == smoke.RATINGS
        assert verify_pdf(portfolio, tmp_path / "minutes.pdf").meeting.id == summary.id
    assert list_backups(tmp_path / "smoke.sqlite")  # the sign-off took its backup


def test_the_scratch_folder_is_removed_afterwards(tmp_path, monkeypatch):
    """Nothing is left, and nothing was written outside it: not even the window lock's identity
    lock in reviewdesk's data folder, which goes to the scratch folder's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    data = paths.data_dir()
    assert smoke.run_smoke_test(say=lambda line: None) == smoke.EXIT_OK
    assert list(tmp_path.iterdir()) == []
    assert not data.exists()
    assert paths.data_dir() == data  # the data folder is the user's again


def test_a_failing_step_is_named_and_ends_the_run(tmp_path, monkeypatch):
    from reviewdesk.app import export

    def full_disk(*args, **kwargs):
        raise StorageError("cannot write minutes.pdf: No space left on device")

    monkeypatch.setattr(export, "export_minutes", full_disk)
    said: list[str] = []
    assert smoke.run_smoke_test(say=said.append, folder=tmp_path) == smoke.EXIT_FAILED
    assert said[-1] == (
        "smoke test: FAILED at step 'export the minutes': StorageError: "
        "cannot write minutes.pdf: No space left on device"
    )
    assert not any("verify" in line for line in said)


def test_an_unexpected_error_comes_with_its_traceback(tmp_path):
    def broken(_scratch):
        raise KeyError("surprise")

    said: list[str] = []
    steps = (("a broken step", broken),)
    assert smoke.run_smoke_test(steps, say=said.append, folder=tmp_path) == smoke.EXIT_FAILED
    assert said[-2] == "smoke test: FAILED at step 'a broken step': KeyError: 'surprise'"
    assert said[-1].startswith("Traceback") and "broken" in said[-1]


def test_a_step_that_hangs_fails_by_name():
    code = textwrap.dedent(
        """
        import threading
        from reviewdesk.app import smoke
        smoke.STEP_TIMEOUT_S = 1.0
        smoke.STEPS = ()  # only the step that hangs
        never = threading.Event()
        smoke.run_smoke_test([("wait forever", lambda s: never.wait())])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == (
        "smoke test: FAILED at step 'wait forever': no result after 1 s"
    )
    assert "in <lambda>" in result.stderr and "in wait" in result.stderr  # where it hung


def test_the_signature_is_a_whole_png():
    assert is_png(smoke.signature_png())


def test_a_step_that_opens_the_portfolio_outside_sqlite_fails_by_name(tmp_path):
    """The open guard is on, as in the window: an open of the portfolio's file (here caught and
    ignored, as a library might) fails its step, and the guard is idle again afterwards."""

    def peek(s: smoke.Scratch) -> None:
        with contextlib.suppress(PermissionError):
            s.db.read_bytes()

    said: list[str] = []
    steps = (("peek at the file", peek),)
    assert smoke.run_smoke_test(steps, say=said.append, folder=tmp_path) == smoke.EXIT_FAILED
    assert said[-1] == (
        f"smoke test: FAILED at step 'peek at the file': {tmp_path / 'smoke.sqlite'} was opened "
        "outside SQLite while the portfolio was open (refused by the open guard)"
    )
    assert not open_guard.enforcing()
