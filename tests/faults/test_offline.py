"""The app never opens a socket: the key commands succeed with the network made impossible."""

from __future__ import annotations

import json
import subprocess
import sys

from factories import doc
from faultkit import HERE, child_env


def offline(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, str(HERE / "offline_run.py"), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=child_env(),
    )
    assert "NETWORK ATTEMPT" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_the_guard_itself_refuses_a_socket():
    result = subprocess.run(
        [sys.executable, str(HERE / "offline_run.py"), "--self-test"],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(),
    )
    assert result.returncode != 0
    assert "NETWORK ATTEMPT: socket.create_connection" in result.stderr


def test_key_commands_work_without_any_network(tmp_path):
    db = str(tmp_path / "offline.sqlite")
    demo = offline("demo", "--db", db)
    assert demo.returncode == 0, demo.stderr
    listed = offline("list", "--db", db)
    assert listed.returncode == 0 and len(listed.stdout.strip().splitlines()) >= 4
    first = listed.stdout.split("\t", 1)[0]
    dumped = offline("dump", first, "--db", db)
    assert dumped.returncode == 0 and json.loads(dumped.stdout)["format"] == "reviewdesk.meeting/2"
    source = tmp_path / "m.json"
    source.write_text(json.dumps(doc()), encoding="utf-8")
    imported = offline("import", str(source), "--db", db)
    assert imported.returncode == 0 and imported.stdout.strip().isdigit(), imported.stderr
    pdf = tmp_path / "minutes.pdf"
    exported = offline("export", first, "-o", str(pdf), "--db", db)
    assert exported.returncode == 0, exported.stderr
    assert pdf.read_bytes().startswith(b"%PDF-")
    verified = offline("verify", str(pdf), "--db", db)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    lines = verified.stdout.splitlines()
    assert len(lines) == 5 and all(line.startswith("OK ") for line in lines), lines
    checked = offline("check", "--db", db)
    assert checked.returncode == 0 and checked.stdout.strip().endswith(": ok")
