"""Files given to reviewdesk that are not ordinary files of a sane size: a device, a pipe, a
folder, a 1.5 GB file, JSON nested too deep or holding a number of thousands of digits. Each is
refused in one line, quickly, without reading it whole (or at all)."""

from __future__ import annotations

import json
import os
import signal

import pytest
from factories import PNG_1PX, doc
from faultkit import assert_one_line_error, cli

from reviewdesk.record.limits import MAX_IMPORT_BYTES, size_text
from reviewdesk.store.templates import user_agendas

SPECIAL = {
    "/dev/zero": "not a regular file",
    "a link to /dev/zero": "not a regular file",
    "a named pipe": "not a regular file",
    "a folder": "folder",
    "a 1.5 GB file": "larger than",
}


def make_special(kind: str, path):
    if kind == "/dev/zero":
        return "/dev/zero"
    if kind == "a link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "a named pipe":
        os.mkfifo(path)
    elif kind == "a folder":
        path.mkdir()
    else:
        with open(path, "wb") as fh:
            fh.truncate(1536 * 1024 * 1024)  # sparse: no disk used
    return str(path)


@pytest.fixture
def demo_db(tmp_path):
    db = tmp_path / "p.sqlite"
    assert cli("demo", "--db", str(db)).returncode == 0
    return db


def _hung(signum, frame):
    raise TimeoutError("reading the input hung")


@pytest.fixture
def alarm():
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("kind", list(SPECIAL))
def test_import_verify_and_signature_refuse_special_files(tmp_path, demo_db, kind):
    for n, command in enumerate(("import", "verify", "signoff", "import-kpis")):
        special = make_special(kind, tmp_path / f"special-{n}")
        args = {
            "import": ["import", special],
            "verify": ["verify", special],
            "import-kpis": ["import-kpis", special, "--partnership", "1"],
            "signoff": [
                "signoff",
                "4",
                "--client",
                "Maren Holt",
                "--provider",
                "Lourdes Dela Cruz",
                "--signature",
                f"Maren Holt={special}",
            ],
        }[command]
        line = assert_one_line_error(cli(*args, "--db", str(demo_db), timeout=60))
        assert SPECIAL[kind] in line and special in line, (command, line)
    assert "in_progress" in cli("list", "--db", str(demo_db)).stdout.splitlines()[3]


def test_standard_input_is_read_only_up_to_the_limit(demo_db):
    with open("/dev/zero", "rb") as zero:
        result = cli("import", "-", "--db", str(demo_db), stdin=zero, timeout=60)
    line = assert_one_line_error(result)
    assert "standard input" in line and f"larger than {size_text(MAX_IMPORT_BYTES)}" in line


@pytest.mark.parametrize("kind", list(SPECIAL))
def test_special_files_in_templates_are_listed_as_errors(tmp_path, alarm, kind):
    folder = tmp_path / "templates"
    folder.mkdir()
    if kind == "/dev/zero":
        (folder / "zero.json").symlink_to("/dev/zero")
    else:
        make_special(kind, folder / "odd.json")
    agendas, errors = user_agendas(folder)
    assert agendas == [] and len(errors) == 1
    assert "\n" not in str(errors[0]) and SPECIAL[kind].split()[-1] in str(errors[0])


HOSTILE_JSON = {
    "nested too deep": "[" * 200_000 + "]" * 200_000,
    "nested objects": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "4,300 digits": '{"format": ' + "7" * 4300 + "}",
    "a million digits": '{"n": ' + "9" * 1_000_000 + "}",
}


@pytest.mark.parametrize("case", list(HOSTILE_JSON))
def test_hostile_json_in_a_template_is_a_one_line_error(tmp_path, alarm, case):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "hostile.json").write_text(HOSTILE_JSON[case], encoding="utf-8")
    agendas, errors = user_agendas(folder)
    assert agendas == [] and len(errors) == 1
    message = str(errors[0])
    assert "\n" not in message and "hostile.json" in message and len(message) < 300


@pytest.mark.parametrize("case", list(HOSTILE_JSON))
def test_hostile_json_in_a_meeting_file_is_a_one_line_error(tmp_path, demo_db, case):
    source = tmp_path / "m.json"
    source.write_text(HOSTILE_JSON[case], encoding="utf-8")
    line = assert_one_line_error(cli("import", str(source), "--db", str(demo_db), timeout=60))
    assert len(line) < 300


def test_ordinary_inputs_still_work(tmp_path, demo_db):
    source = tmp_path / "m.json"
    source.write_text(json.dumps(doc()), encoding="utf-8")
    assert cli("import", str(source), "--db", str(demo_db)).returncode == 0
    png = tmp_path / "sig.png"
    png.write_bytes(PNG_1PX)
    signed = cli(
        "signoff",
        "4",
        "--client",
        "Maren Holt",
        "--provider",
        "Lourdes Dela Cruz",
        "--signature",
        f"Maren Holt={png}",
        "--db",
        str(demo_db),
    )
    assert signed.returncode == 0, signed.stderr
