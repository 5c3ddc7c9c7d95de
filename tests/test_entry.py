"""The ``reviewdesk`` program: the window at once for a plain call, else the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk import entry, paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("argv", "db"),
    [([], None), (["--db", "p.sqlite"], "p.sqlite"), (["--db=q.sqlite"], "q.sqlite")],
)
def test_a_plain_call_starts_the_window_on_the_given_file(monkeypatch, argv, db):
    import reviewdesk.ui.app as app

    started = []
    monkeypatch.setattr(app, "run", lambda path: started.append(path) or 0)
    assert entry.main(argv) == 0
    assert started == [paths.resolve_db(db)]


def test_the_window_starts_without_loading_the_command_line():
    code = (
        "import json, sys\n"
        "import reviewdesk.ui.app as app\n"
        "seen = {}\n"
        "def run(path):\n"
        "    seen.update(path=str(path), loaded=sorted(m for m in ('reviewdesk.cli', 'argparse',"
        " 'reviewdesk.record.wording') if m in sys.modules))\n"
        "    return 0\n"
        "app.run = run\n"
        "from reviewdesk.entry import main\n"
        "assert main(['--db', 'p.sqlite']) == 0\n"
        "print(json.dumps(seen))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout)
    assert seen == {"path": "p.sqlite", "loaded": []}


def test_a_command_goes_to_the_command_line(monkeypatch, tmp_path, capsys):
    import reviewdesk.ui.app as app

    monkeypatch.setattr(app, "run", lambda path: pytest.fail("window started"))
    assert entry.main(["--db", str(tmp_path / "p.sqlite"), "list"]) == 0
    assert capsys.readouterr().out == ""  # no portfolio there: nothing listed, none made
    assert not (tmp_path / "p.sqlite").exists()


@pytest.mark.parametrize("argv", [["--db", "-x.sqlite"], ["--db"], ["--nonsense"]])
def test_what_is_not_a_plain_call_is_the_parser_s_to_refuse(monkeypatch, capsys, argv):
    import reviewdesk.ui.app as app

    monkeypatch.setattr(app, "run", lambda path: pytest.fail("window started"))
    with pytest.raises(SystemExit) as stop:
        entry.main(argv)
    assert stop.value.code == 2
    assert "reviewdesk:" in capsys.readouterr().err
