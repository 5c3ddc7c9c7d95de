"""Running from the desktop bundle: programs the app starts get the user's library path back."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reviewdesk import bundle

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)


def test_the_users_library_path_comes_back(frozen):
    env = {"LD_LIBRARY_PATH": "/b/_internal:/usr/lib/x", "LD_LIBRARY_PATH_ORIG": "/usr/lib/x"}
    bundle.restore_system_environment(env)
    assert env == {"LD_LIBRARY_PATH": "/usr/lib/x"}


def test_a_library_path_only_the_bundle_set_is_removed(frozen):
    env = {"LD_LIBRARY_PATH": "/b/_internal", "PATH": "/usr/bin"}
    bundle.restore_system_environment(env)
    assert env == {"PATH": "/usr/bin"}


def test_an_empty_original_stays_empty(frozen):
    env = {"LD_LIBRARY_PATH": "/b/_internal", "LD_LIBRARY_PATH_ORIG": ""}
    bundle.restore_system_environment(env)
    assert env == {"LD_LIBRARY_PATH": ""}


def test_macos_keeps_a_users_own_dyld_path(frozen):
    env = {"DYLD_LIBRARY_PATH": "/opt/mine"}  # the bundle sets none there: the user's own
    bundle.restore_system_environment(env)
    assert env == {"DYLD_LIBRARY_PATH": "/opt/mine"}


def test_outside_the_bundle_nothing_changes(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    env = {"LD_LIBRARY_PATH": "/mine", "LD_LIBRARY_PATH_ORIG": "/other"}
    bundle.restore_system_environment(env)
    assert env == {"LD_LIBRARY_PATH": "/mine", "LD_LIBRARY_PATH_ORIG": "/other"}
    assert not bundle.is_bundled()


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for fc-list")
def test_fc_list_started_by_the_bundled_app_sees_the_users_library_path(tmp_path):
    """The app as the bundle starts it (sys.frozen, the bundle's folder first on the library
    path): the fontconfig query the minutes make runs with the user's own path."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    seen = tmp_path / "seen"
    fake = bin_dir / "fc-list"
    fake.write_text(
        f'#!/bin/sh\nprintf "%s|%s" "$LD_LIBRARY_PATH" "${{LD_LIBRARY_PATH_ORIG-unset}}" >{seen}\n'
    )
    fake.chmod(0o755)
    code = textwrap.dedent(
        """
        import sys
        sys.frozen = True
        from reviewdesk import cli
        try:
            cli.main(["--version"])
        except SystemExit:
            pass
        from reviewdesk.minutes import fonts
        fonts._fontconfig_charsets()
        """
    )
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "LD_LIBRARY_PATH": "/bundle/_internal:/opt/users",
        "LD_LIBRARY_PATH_ORIG": "/opt/users",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert seen.read_text() == "/opt/users|unset"
