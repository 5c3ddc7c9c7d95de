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
        [_tool("ruff"), "check", "reviewdesk", "tests", "benchmarks", "packaging"],
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


def test_every_library_the_package_imports_is_declared():
    """A module of another distribution imported by the package must be in pyproject's
    dependencies, not arrive only through another library (the bundle and `pip install .` rely
    on the declared list)."""
    import ast
    import importlib.metadata
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {
        re.split(r"[<>=!~ ;\[]", spec, maxsplit=1)[0].lower().replace("_", "-")
        for spec in project["dependencies"]
    }
    distributions = importlib.metadata.packages_distributions()
    # Qt's binding runtime: PySide6-Essentials requires it at exactly its own version
    distributions["shiboken6"] = ["PySide6-Essentials"]
    undeclared = set()
    for path in (ROOT / "reviewdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == "reviewdesk":
                    continue
                dists = {d.lower().replace("_", "-") for d in distributions.get(top, [top])}
                if not dists & declared:
                    undeclared.add(f"{top} ({path.relative_to(ROOT)})")
    assert not undeclared, sorted(undeclared)


def test_one_version_everywhere():
    """`reviewdesk --version`, the PDF's creator, the bundle's name and the AppStream release
    all say pyproject's version."""
    import re
    import tomllib

    import reviewdesk

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]
    assert reviewdesk.__version__ == version
    metainfo = (ROOT / "packaging/linux/io.github.reviewdesk.metainfo.xml").read_text()
    assert re.findall(r'<release version="([^"]+)"', metainfo)[0] == version


def test_every_package_is_installed():
    """A plain `pip install .` ships each package: pyproject lists them one by one."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "reviewdesk").rglob("__init__.py")
    }
    assert found - listed == set()
