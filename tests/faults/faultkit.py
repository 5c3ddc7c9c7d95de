"""Helpers shared by the fault tests: hashing, running the CLI in a subprocess, spawning."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parent.parent


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def child_env() -> dict[str, str]:
    """The environment for a child Python: the repo importable, no display."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), str(HERE), env.get("PYTHONPATH", "")) if p
    )
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def cli(*args: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    """Run ``python -m reviewdesk ARGS`` and capture its text output."""
    return subprocess.run(
        [sys.executable, "-m", "reviewdesk", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(),
        **kw,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, code: int = 2) -> str:
    """The command failed with ``code`` and printed one line, not a traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def on_read_only_mount(folder: Path, *argv: str) -> subprocess.CompletedProcess:
    """Run ``argv`` with ``folder`` remounted read-only (as a USB stick with its switch on)."""
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, "sh", str(folder), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_env(),
    )


def kill_after(
    proc: subprocess.Popen, rng: random.Random, oks: int | None, sliver: float
) -> list[str]:
    """SIGKILL a child at a seeded moment and return every line it printed; always reaps it.

    With ``oks`` the kill comes after the child has printed a line and reported that many
    commits ("OK"), plus up to ``sliver`` seconds; with None, anywhere in the first ``sliver``.
    """
    lines: list[str] = []
    try:
        if oks is not None:
            while lines.count("OK") < oks or not lines:
                line = proc.stdout.readline()
                if not line:
                    raise AssertionError(f"child died on its own: {proc.stderr.read()}")
                lines.append(line.strip())
        time.sleep(rng.uniform(0, sliver))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        lines.extend(line.strip() for line in proc.stdout.read().splitlines())
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    return lines


# Runs the command line and then reports its own peak resident memory (VmHWM of the process's
# memory after exec). wait4's ru_maxrss would count the parent's resident size at the fork.
_MEASURED = """
import runpy, sys
sys.argv = ["reviewdesk", *sys.argv[1:]]
try:
    runpy.run_module("reviewdesk", run_name="__main__", alter_sys=True)
finally:
    with open("/proc/self/status") as status:
        peak = next(line for line in status if line.startswith("VmHWM:")).split()[1]
    sys.stderr.write(f"PEAK_KB {peak}\\n")
"""


def cli_measured(
    *args: str, timeout: float = 300, **kw
) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``reviewdesk ARGS``; its result (stderr without the report) and peak memory in MiB."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(),
        **kw,
    )
    lines = result.stderr.splitlines()
    assert lines and lines[-1].startswith("PEAK_KB "), result.stderr
    result.stderr = "".join(f"{line}\n" for line in lines[:-1])
    return result, int(lines[-1].split()[1]) / 1024
