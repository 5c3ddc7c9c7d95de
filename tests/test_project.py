"""The project's own rules, checked by the test command: layering and lint."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _tool(name):
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed beside {sys.executable}"
    return found


def test_import_contracts_hold():
    result = subprocess.run(
        [_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_ruff_check_is_clean():
    result = subprocess.run(
        [_tool("ruff"), "check", "reviewdesk", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_store_and_minutes_import_without_qt():
    code = (
        "import sys, reviewdesk.record.exchange.meeting_format, reviewdesk.store.portfolio, "
        "reviewdesk.app.demo, reviewdesk.cli; "
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; "
        "assert 'reportlab' not in sys.modules, 'reportlab imported eagerly'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)
