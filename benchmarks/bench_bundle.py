"""The desktop bundle's figures, side by side in one run (written up in BUNDLE.md).

    .venv/bin/python benchmarks/bench_bundle.py [--runs 10] [--no-build] [--platform offscreen]

1. **Build**: ``packaging/build`` as CI runs it (its own venv in build/venv), with the seconds of
   each step it prints; then the bundle's size on disk, its file count and the packed size.
2. **Contents**: no test module in the bundle's Python archive, no test file on disk, no
   WebEngine / QML / Quick, no Qt library twice, ``--version`` as in pyproject.toml.
3. **First paint**: spawn → the end of the first paint pass of a visible window, from the
   bundle, from the venv (build/venv: the app installed with ``pip install .``, as "From
   source" does) and for a bare PySide6 ``QMainWindow`` (the same venv's Python), interleaved,
   medians of ``--runs`` rounds after a warm-up, on the demo portfolio; offscreen and under
   Xvfb (xcb). The same probe measures all three (paint_probe.py): in the bundle as a runtime
   hook of a measurement build made from the same spec into a folder of its own (the shipped
   bundle has no hook), in the venv and the bare window as ``sitecustomize``. CPU time until
   the paint is printed beside wall time (a busy machine disturbs it less).
4. **Smoke test**: ``reviewdesk --smoke-test`` from the shipped bundle and from the venv, whole
   processes, medians of 3.

Targets (issue 16): on disk < 180 MB, packed < 70 MB, first paint from the bundle ≤ 1.2× the venv.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import harness

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist" / "reviewdesk"
BUILD_VENV = ROOT / "build" / "venv"
PY = BUILD_VENV / "bin" / "python"
DISK_TARGET_MB, PACKED_TARGET_MB, BUNDLE_VS_VENV = 180, 70, 1.2
BARE = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\n"
    "w = QMainWindow()\n"
    "w.resize(1280, 800)\n"
    "w.show()\n"
    "app.exec()\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="rounds of first paint (default 10)")
    parser.add_argument("--no-build", action="store_true", help="use dist/ and build/venv as is")
    parser.add_argument(
        "--platform", choices=("offscreen", "xvfb", "both"), default="both", help="first paint on"
    )
    args = parser.parse_args()
    print(f"bench_bundle: {harness.machine()}")
    report = harness.Report("The desktop bundle (issue 16)")
    work = Path(tempfile.mkdtemp(prefix="reviewdesk-bench-bundle-"))
    try:
        if not args.no_build:
            build(report)
        sizes(report)
        contents(report)
        probed = probe_build(work)
        demo = work / "demo.sqlite"
        subprocess.run([str(DIST / "reviewdesk"), "--db", str(demo), "demo"], check=True)
        kinds = ("offscreen", "xvfb") if args.platform == "both" else (args.platform,)
        for kind in kinds:
            first_paint(report, kind, probed, demo, work, args.runs)
        smoke(report, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report.print()


# ---- build, size, contents ---------------------------------------------------------------------


def build(report: harness.Report) -> None:
    t0 = time.perf_counter()
    out = subprocess.run(
        [str(ROOT / "packaging" / "build")], cwd=ROOT, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - t0
    steps = re.search(r"^seconds: (.*)$", out.stdout, re.MULTILINE)
    report.add("build (packaging/build, wall)", f"{wall:.0f} s", "", "")
    if steps:
        report.note(f"build steps: {steps.group(1)}")
    fresh = "creating the build venv" in out.stderr
    report.note(f"the build {'made a fresh' if fresh else 'reused its'} venv (build/venv)")


def sizes(report: harness.Report) -> None:
    disk_kb = int(
        subprocess.run(
            ["du", "-sk", str(DIST)], capture_output=True, text=True, check=True
        ).stdout.split()[0]
    )
    files = sum(1 for p in DIST.rglob("*") if p.is_file())
    disk_mb = disk_kb / 1024
    report.add(
        "bundle on disk (du -sk)",
        f"{disk_mb:.0f} MB, {files} files",
        f"< {DISK_TARGET_MB} MB",
        harness.verdict(disk_mb, DISK_TARGET_MB),
    )
    (archive,) = sorted(DIST.parent.glob("reviewdesk-*.tar.gz"))
    packed_mb = archive.stat().st_size / 2**20
    report.add(
        f"packed ({archive.name})",
        f"{packed_mb:.1f} MB",
        f"< {PACKED_TARGET_MB} MB",
        harness.verdict(packed_mb, PACKED_TARGET_MB),
    )


def contents(report: harness.Report) -> None:
    listing = subprocess.run(
        [str(BUILD_VENV / "bin" / "pyi-archive_viewer"), "-r", "-b", str(DIST / "reviewdesk")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    modules = [line.strip() for line in listing.splitlines() if line.startswith(" ")]
    tests = [
        m
        for m in modules
        if any(p in ("tests", "test", "conftest") or p.startswith("test_") for p in m.split("."))
    ]
    on_disk = [
        p
        for p in DIST.rglob("*")
        if p.name == "conftest.py" or "tests" in p.parts or p.name.startswith("test_")
    ]
    report.add(
        "test modules in the archive / test files on disk",
        f"{len(tests)} / {len(on_disk)}",
        "0 / 0",
        "ok" if not tests + on_disk else "MISSED",
    )
    unwanted = [
        p for p in DIST.rglob("*") if re.search(r"WebEngine|Qt6Qml|Qt6Quick|QtQml|QtQuick", p.name)
    ]
    report.add(
        "WebEngine, QML, Quick files", str(len(unwanted)), "0", "ok" if not unwanted else "MISSED"
    )
    qt_libs: dict[str, list[Path]] = {}
    for p in DIST.rglob("*Qt6*"):
        if p.is_file() and not p.is_symlink():
            qt_libs.setdefault(p.name, []).append(p)
    twice = [name for name, found in qt_libs.items() if len(found) > 1]
    report.add(
        "Qt libraries present twice",
        f"{len(twice)} of {len(qt_libs)}",
        "0",
        "ok" if not twice else "MISSED",
    )
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    said = subprocess.run(
        [str(DIST / "reviewdesk"), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    report.add(
        "--version",
        said,
        f"reviewdesk {version}",
        "ok" if said == f"reviewdesk {version}" else "MISSED",
    )


def probe_build(work: Path) -> Path:
    """The bundle again, from the same spec, with paint_probe.py as a runtime hook."""
    empty = work / "pyinstaller"
    empty.mkdir()
    env = {**os.environ, "REVIEWDESK_BUNDLE_RTHOOK": str(HERE / "paint_probe.py")}
    subprocess.run(
        [
            str(PY),
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "packaging" / "reviewdesk.spec"),
        ],
        cwd=empty,
        env=env,
        check=True,
        capture_output=True,
    )
    return work / "dist" / "reviewdesk" / "reviewdesk"


# ---- first paint -------------------------------------------------------------------------------


def first_paint(
    report: harness.Report, kind: str, probed: Path, demo: Path, work: Path, runs: int
) -> None:
    site = work / "site"
    site.mkdir(exist_ok=True)
    shutil.copy(HERE / "paint_probe.py", site / "sitecustomize.py")
    commands = {
        "bundle": [str(probed), "--db", str(demo)],
        "venv": [str(BUILD_VENV / "bin" / "reviewdesk"), "--db", str(demo)],
        "bare": [str(PY), "-c", BARE],
    }
    with harness.display(kind, work) as screen:
        base = {**harness.child_env(work, work), **screen, "PAINT_PROBE": "1"}
        envs = {
            "bundle": base,
            "venv": {**base, "PYTHONPATH": str(site)},
            "bare": {**base, "PYTHONPATH": str(site)},
        }
        for name, command in commands.items():  # warm-up: caches, bytecode
            _paint(command, envs[name])
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(runs):
            order = list(commands)[round_ % 3 :] + list(commands)[: round_ % 3]
            for name in order:
                wall, cpu = _paint(commands[name], envs[name])
                walls[name].append(wall)
                cpus[name].append(cpu)
    med = {name: harness.median(values) for name, values in walls.items()}
    cpu = {name: harness.median(values) for name, values in cpus.items()}
    label = "offscreen" if kind == "offscreen" else "Xvfb (xcb)"
    for name in commands:
        report.add(
            f"first paint, {name}, {label}",
            f"{harness.ms(med[name])} (CPU {harness.ms(cpu[name])})",
        )
    ratio = med["bundle"] / med["venv"]
    report.add(
        f"first paint bundle / venv, {label}",
        f"{ratio:.2f}× (CPU {cpu['bundle'] / cpu['venv']:.2f}×)",
        f"≤ {BUNDLE_VS_VENV}×",
        harness.verdict(ratio, BUNDLE_VS_VENV),
    )
    report.add(
        f"first paint bundle / bare window, {label}",
        f"{med['bundle'] / med['bare']:.2f}× (venv / bare {med['venv'] / med['bare']:.2f}×)",
    )


def _paint(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    run = harness.spawn(command, env, timeout=300).check()
    mark = re.search(r"^painted (\S+) (\S+)$", run.err, re.MULTILINE)
    if mark is None:
        raise SystemExit(f"{command[0]}: no paint mark: {run.err[-800:]}")
    return float(mark.group(1)) - run.started, float(mark.group(2))


# ---- smoke test --------------------------------------------------------------------------------


def smoke(report: harness.Report, work: Path) -> None:
    env = {**harness.child_env(work, work), "QT_QPA_PLATFORM": "offscreen"}
    for name, program in (
        ("bundle", DIST / "reviewdesk"),
        ("venv", BUILD_VENV / "bin" / "reviewdesk"),
    ):
        runs = [
            harness.spawn([str(program), "--smoke-test"], env, timeout=600).check()
            for _ in range(3)
        ]
        wall = harness.median([r.wall for r in runs])
        cpu = harness.median([r.cpu for r in runs])
        report.add(f"reviewdesk --smoke-test, {name}", f"{wall:.1f} s (CPU {cpu:.1f} s)")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main()
