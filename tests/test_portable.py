"""Runs on Windows and macOS too: per-platform paths (with the platform faked here) and no
POSIX-only module imported by the package (ruff's TID251 rule guards the source; this guards what
actually gets imported, dependencies included)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk import paths

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "home"))
    for name in ("APPDATA", "XDG_DATA_HOME", paths.DATA_ENV):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {}, ".local/share/reviewdesk"),
        ("linux", {"XDG_DATA_HOME": "{tmp}/xdg"}, "{tmp}/xdg/reviewdesk"),
        ("linux", {"XDG_DATA_HOME": ""}, ".local/share/reviewdesk"),  # empty = unset
        ("win32", {"APPDATA": "{tmp}/Roaming"}, "{tmp}/Roaming/reviewdesk"),
        ("win32", {}, "AppData/Roaming/reviewdesk"),  # no APPDATA: the usual place
        ("darwin", {}, "Library/Application Support/reviewdesk"),
        ("darwin", {"XDG_DATA_HOME": "{tmp}/xdg"}, "Library/Application Support/reviewdesk"),
        # REVIEWDESK_DATA names the folder itself on every platform (the smoke test's scratch)
        ("linux", {paths.DATA_ENV: "{tmp}/own", "XDG_DATA_HOME": "{tmp}/xdg"}, "{tmp}/own"),
        ("win32", {paths.DATA_ENV: "{tmp}/own", "APPDATA": "{tmp}/Roaming"}, "{tmp}/own"),
        ("darwin", {paths.DATA_ENV: "{tmp}/own"}, "{tmp}/own"),
    ],
)
def test_the_data_folder_follows_each_platforms_convention(
    home, tmp_path, monkeypatch, platform, env, expected
):
    monkeypatch.setattr(sys, "platform", platform)
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(tmp=tmp_path))
    want = Path(expected.format(tmp=tmp_path))
    if not want.is_absolute():
        want = home / want
    assert paths.data_dir() == want
    assert paths.default_db_path() == want / "reviewdesk.sqlite"
    db = want / "reviewdesk.sqlite"
    assert paths.templates_dir(db) == want / "templates"
    assert paths.backups_dir(db) == want / "backups"


POSIX_ONLY = ("fcntl", "termios", "pwd", "grp", "resource", "posix")


def test_the_package_imports_with_posix_only_modules_missing():
    """As on Windows: importing one of them raises ImportError. Every module of the package is
    imported (Qt offscreen), then a portfolio is created, locked, written and closed."""
    code = f"""
import os, sys, pkgutil, importlib, tempfile
# posix itself cannot be blocked on a POSIX system (os needs it): the others can.
for name in {POSIX_ONLY!r}[:-1]:
    sys.modules.pop(name, None)
    sys.modules[name] = None
import reviewdesk
failed = []
for info in pkgutil.walk_packages(reviewdesk.__path__, "reviewdesk."):
    if info.name == "reviewdesk.__main__":  # runs the app
        continue
    try:
        importlib.import_module(info.name)
    except ImportError as exc:
        failed.append(f"{{info.name}}: {{exc}}")
assert not failed, failed
from reviewdesk.store.opening import open_portfolio
from reviewdesk.store.files import write_atomically
from pathlib import Path
with tempfile.TemporaryDirectory() as tmp:
    with open_portfolio(Path(tmp) / "p.sqlite", exclusive=True) as p:
        assert not p.readonly
        with open_portfolio(Path(tmp) / "p.sqlite", exclusive=True) as q:
            assert q.readonly
    write_atomically(Path(tmp) / "out.csv", b"a,b\\n")
print("ok")
"""
    env = {"QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=120,
    )
    assert result.stdout.strip().endswith("ok"), result.stderr[-3000:]
