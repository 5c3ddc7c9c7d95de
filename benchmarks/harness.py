"""Shared parent side of the benchmarks: cached portfolios, spawning, window runs, tables.

* **Portfolios** (:func:`portfolio`): empty, demo, 4000, 40000 meetings and the big meeting,
  made once into a cache folder outside the repository (``--cache``, else
  ``$REVIEWDESK_BENCH_CACHE``, else ``/tmp/reviewdesk-bench``) and remade when
  generate_portfolio.py changes; how long each took to make is kept and printed.
* **Spawning** (:func:`spawn`): a whole process, timed from just before it is spawned until it
  has been reaped, with its peak RSS from ``wait4``.
* **Window runs** (:func:`window_run`): ``launch.py`` in a fresh process on Qt's offscreen
  platform (a 1920×1080 screen) or under Xvfb (``--platform xvfb``); its ``BENCH-RESULT``
  line, with the child's wall-clock marks turned into seconds since the spawn.
* **Figures** (:class:`Report`): rows of figure, value, target and verdict, printed as a table.

The benchmarks are plain scripts; none of this is a pytest test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LAUNCH = HERE / "launch.py"
GENERATE = HERE / "generate_portfolio.py"
RESULT_PREFIX = "BENCH-RESULT "
DEFAULT_CACHE = Path(os.environ.get("REVIEWDESK_BENCH_CACHE", "/tmp/reviewdesk-bench"))
SCREEN = {"width": 1920, "height": 1080}
STALL_TARGET_MS = 100.0
RSS_TARGET_MIB = 150.0
ENV_NOT_PASSED = (
    "REVIEWDESK_EXIT_AFTER_SHOW",
    "REVIEWDESK_STARTUP_TRACE",
    "PYTHONDONTWRITEBYTECODE",
)

# name -> (what it is, how to make it)
SIZES = {
    "empty": "a new portfolio without meetings",
    "demo": "`reviewdesk demo`: one partnership, 4 reviews",
    "4000": "200 partnerships × 20 reviews (generate_portfolio.py)",
    "40000": "2,000 partnerships × 20 reviews (generate_portfolio.py)",
    "big": "3 reviews, then the big meeting: 300 actions, 50 goals, a 100 KB note",
}


def common_arguments(parser: argparse.ArgumentParser, sizes: list[str], runs: int) -> None:
    parser.add_argument(
        "--sizes",
        default=",".join(sizes),
        help=f"portfolios, comma-separated, of: {', '.join(SIZES)} (default: %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=runs, help="rounds (default: %(default)s)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="portfolio cache folder")
    parser.add_argument("--fresh", action="store_true", help="remake the cached portfolios")
    parser.add_argument("--platform", choices=("offscreen", "xvfb"), default="offscreen")


def chosen_sizes(text: str) -> list[str]:
    names = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [n for n in names if n not in SIZES]
    if unknown:
        raise SystemExit(f"unknown size {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    return names


# ---- commands ----------------------------------------------------------------------------------


def reviewdesk_command(*args: str) -> list[str]:
    """The installed ``reviewdesk`` script (what a user runs), else ``python -m reviewdesk``."""
    script = Path(sys.executable).with_name("reviewdesk")
    if script.exists():
        return [str(script), *args]
    return [sys.executable, "-m", "reviewdesk", *args]


IMPORT_FLOOR = [sys.executable, "-c", "import reviewdesk.cli"]


def child_env(cache: Path, work: Path | None = None) -> dict[str, str]:
    """The environment of every child: bytecode cached outside the checkout, own settings."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_NOT_PASSED}
    # An installed app runs from compiled bytecode; keep it in the cache, not in the checkout.
    env["PYTHONPYCACHEPREFIX"] = str(cache / "pycache")
    env["REVIEWDESK_SETTINGS"] = str((work or cache) / "settings.ini")
    return env


# ---- spawning ----------------------------------------------------------------------------------


@dataclass
class Run:
    command: list[str]
    started: float  # time.time() just before the spawn
    wall: float  # seconds from the spawn until reaped
    code: int
    out: str
    err: str
    maxrss_mib: float
    cpu: float = 0.0  # user + system seconds of the process (wait4)
    result: dict = field(default_factory=dict)  # launch.py's BENCH-RESULT, if any

    def check(self) -> Run:
        if self.code != 0:
            raise SystemExit(
                f"{' '.join(self.command)} exited {self.code}: {self.err.strip()[-800:]}"
            )
        return self


GNU_TIME = Path("/usr/bin/time")


def _gnu_time() -> bool:
    if not GNU_TIME.exists():
        return False
    probe = subprocess.run(
        [str(GNU_TIME), "-f", "%M", "true"], capture_output=True, text=True, check=False
    )
    return probe.returncode == 0 and probe.stderr.strip().isdigit()


USE_GNU_TIME = _gnu_time()


def spawn(command: list[str], env: dict[str, str], timeout: float = 900.0) -> Run:
    """Run ``command`` to its end: wall time from the spawn until reaped, and its peak RSS.

    The peak RSS of a spawned process is not wait4's ``ru_maxrss``: Linux counts the parent's
    RSS at the fork in it (a 200 MB parent makes /bin/true "use" 200 MB). So the command runs
    under GNU time, which forks it from its own tiny process (``%M``); without GNU time the
    child's VmHWM is polled from /proc every 5 ms (may miss a peak in its last moments).
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r", suffix=".rss") as rss,
    ):
        wrapped = [str(GNU_TIME), "-q", "-f", "%M", "-o", rss.name, *command]
        peak = {"kib": 0}
        started = time.time()
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            wrapped if USE_GNU_TIME else command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        poller = None
        if not USE_GNU_TIME:
            poller = threading.Thread(target=_poll_hwm, args=(proc.pid, peak), daemon=True)
            poller.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if poller is not None:
            poller.join()
        else:
            text = rss.read().strip().splitlines()
            peak["kib"] = int(text[-1]) if text and text[-1].isdigit() else 0
        out.seek(0)
        err.seek(0)
        run = Run(
            command,
            started,
            wall,
            code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            peak["kib"] / 1024,
            usage.ru_utime + usage.ru_stime,
        )
    for line in run.out.splitlines():
        if line.startswith(RESULT_PREFIX):
            run.result = json.loads(line[len(RESULT_PREFIX) :])
    return run


def _poll_hwm(pid: int, peak: dict[str, int]) -> None:
    status = Path(f"/proc/{pid}/status")
    while True:
        try:
            text = status.read_text()
        except OSError:
            return
        if "VmHWM:" not in text:  # a zombie: gone
            return
        hwm = int(text.split("VmHWM:")[1].split()[0])
        peak["kib"] = max(peak["kib"], hwm)
        time.sleep(0.005)


# ---- the display -------------------------------------------------------------------------------


@contextlib.contextmanager
def display(kind: str, folder: Path) -> Iterator[dict[str, str]]:
    """Environment entries for Qt: the offscreen platform with a 1920×1080 screen, or Xvfb."""
    if kind == "offscreen":
        config = folder / "offscreen.json"
        screen = {"name": "bench", "x": 0, "y": 0, **SCREEN, "logicalDpi": 96, "dpr": 1}
        config.write_text(json.dumps({"screens": [screen]}))
        yield {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
        return
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    size = f"{SCREEN['width']}x{SCREEN['height']}x24"
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", size, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            time.sleep(0.05)
        yield {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait(10)


class Window:
    """Runs launch.py in fresh processes, each with fresh settings (default window geometry)."""

    def __init__(self, cache: Path, platform_kind: str) -> None:
        self.cache = cache
        self.work = Path(tempfile.mkdtemp(prefix="reviewdesk-bench-"))
        self._display = display(platform_kind, self.work)
        self.platform = platform_kind
        self.env = {**child_env(cache, self.work), **self._display.__enter__()}

    def close(self) -> None:
        self._display.__exit__(None, None, None)
        shutil.rmtree(self.work, ignore_errors=True)

    def __enter__(self) -> Window:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(
        self,
        mode: str,
        db: Path | None = None,
        *extra: str,
        trace: bool = False,
        deadline: float = 600.0,
    ) -> Run:
        """One launch.py run; marks in ``result`` become seconds since the spawn."""
        (self.work / "settings.ini").unlink(missing_ok=True)
        out = self.work / "out"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        command = [sys.executable, str(LAUNCH), mode]
        if db is not None:
            command.append(str(db))
        if mode in ("tour", "csv"):
            command += ["--out", str(out)]
        command += ["--deadline", str(deadline)]
        env = dict(self.env, REVIEWDESK_STARTUP_TRACE="1") if trace else self.env
        run = spawn(command + list(extra), env)
        if not run.result:
            raise SystemExit(
                f"{mode} {db or ''}: no result (exit {run.code}): {run.err.strip()[-1500:]}"
            )
        startup = run.result.get("startup", {})
        for mark in ("first_paint", "home_paint"):
            if f"{mark}_wall" in startup:
                startup[mark] = startup[f"{mark}_wall"] - run.started
        for line in run.err.splitlines():  # the app's own trace, for reference only
            parts = line.split()
            if len(parts) == 2 and parts[0] in ("shown", "ready"):
                startup[f"trace_{parts[0]}"] = float(parts[1]) - run.started
        return run


# ---- portfolios --------------------------------------------------------------------------------


@dataclass
class Portfolio:
    name: str
    path: Path
    meetings: int
    mib: float
    made_s: float
    big_meeting: int | None = None

    def middle_meeting(self) -> int | None:
        with _read(self.path) as conn:
            row = conn.execute(
                "SELECT id FROM meeting ORDER BY id LIMIT 1 OFFSET ?", (self.meetings // 2,)
            ).fetchone()
        return row[0] if row else None


@contextlib.contextmanager
def _read(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def _stamp(name: str) -> str:
    """Changes when the way a portfolio is made changes."""
    digest = hashlib.sha256(GENERATE.read_bytes())
    digest.update(name.encode())
    return digest.hexdigest()[:16]


def _make(name: str, path: Path, cache: Path) -> tuple[float, int | None]:
    env = child_env(cache)
    gen = [sys.executable, str(GENERATE), str(path)]
    command = {
        "empty": [*gen, "--partnerships", "0"],
        "demo": reviewdesk_command("demo", "--db", str(path)),
        "4000": [*gen, "--partnerships", "200", "--reviews", "20"],
        "40000": [*gen, "--partnerships", "2000", "--reviews", "20"],
        "big": [*gen, "--big-meeting"],
    }[name]
    print(f"making the {name} portfolio: {SIZES[name]} …", flush=True)
    run = spawn(command, env, timeout=3600).check()
    big = None
    if name == "big":
        big = int(run.out.split("big meeting ")[1].split()[0])
    print(f"  {path.name}: made in {run.wall:.1f} s (peak RSS {run.maxrss_mib:.0f} MiB)")
    return run.wall, big


def portfolio(name: str, cache: Path, fresh: bool = False) -> Portfolio:
    """The cached portfolio ``name``, made first when missing, stale or ``fresh``."""
    cache.mkdir(parents=True, exist_ok=True)
    index_path = cache / "portfolios.json"
    index = json.loads(index_path.read_text()) if index_path.exists() else {}
    path = cache / f"{name}.sqlite"
    entry = index.get(name)
    if fresh or not path.exists() or not entry or entry.get("stamp") != _stamp(name):
        for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", ".lock"))):
            leftover.unlink(missing_ok=True)
        made_s, big = _make(name, path, cache)
        entry = {"stamp": _stamp(name), "made_s": round(made_s, 1), "big_meeting": big}
        index = json.loads(index_path.read_text()) if index_path.exists() else {}
        index[name] = entry
        index_path.write_text(json.dumps(index, indent=1))
    with _read(path) as conn:
        meetings = conn.execute("SELECT COUNT(*) FROM meeting").fetchone()[0]
    return Portfolio(
        name,
        path,
        meetings,
        path.stat().st_size / 2**20,
        entry["made_s"],
        entry.get("big_meeting"),
    )


def portfolios(names: list[str], cache: Path, fresh: bool = False) -> dict[str, Portfolio]:
    out = {name: portfolio(name, cache, fresh) for name in names}
    for p in out.values():
        extra = f", big meeting {p.big_meeting}" if p.big_meeting else ""
        print(f"portfolio {p.name}: {p.meetings} meetings, {p.mib:.1f} MiB{extra} ({p.path})")
    return out


# ---- figures -----------------------------------------------------------------------------------


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:.0f} ms"


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "n/a"
    return "ok" if value <= limit else "MISSED"


class Report:
    """Rows of (figure, value, target, verdict), printed as a Markdown table."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.rows: list[tuple[str, str, str, str]] = []
        self.notes: list[str] = []

    def note(self, text: str) -> None:
        """A line printed under the table (e.g. where a stall was)."""
        self.notes.append(text)

    def add(self, figure: str, value: str, target: str = "", result: str = "") -> None:
        self.rows.append((figure, value, target, result))

    def print(self) -> None:
        header = ("figure", "value", "target", "verdict")
        widths = [max(len(r[i]) for r in [header, *self.rows]) for i in range(4)]
        print(f"\n### {self.title}\n")
        for row in [header, tuple("-" * w for w in widths), *self.rows]:
            print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        missed = sum(r[3] == "MISSED" for r in self.rows)
        print(f"\n{missed} of {sum(r[3] in ('ok', 'MISSED') for r in self.rows)} targets missed")
        for text in self.notes:
            print(f"  - {text}")


def machine() -> str:
    """One line about where the figures come from."""
    try:
        import PySide6

        qt = f"PySide6 {PySide6.__version__}"
    except ImportError:
        qt = "no PySide6"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{dt.datetime.now().isoformat(timespec='minutes')}, {platform.node()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {qt}, "
        f"load {load:.1f} at start"
    )
