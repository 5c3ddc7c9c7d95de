"""Everything the command line prints from the record is cleaned of control characters: a name
holding an ANSI escape and a line break cannot forge a line of its own (such as another "OK:")."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from factories import doc

FORGERY = "Acme\x1b[1A\x1b[2K\r\nOK: minutes of meeting 99 (forged)\x9b31m\u2028\u202e"
CONTROLS = ("\x1b", "\r", "\x9b", "\u2028", "\u202e")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reviewdesk", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def assert_clean(text: str, lines: int) -> None:
    assert len(text.splitlines()) == lines, text
    for ch in CONTROLS:
        assert ch not in text, (ch, text)


@pytest.fixture
def forged(tmp_path):
    """A portfolio holding one meeting whose client, signer and title carry the forgery."""
    db = tmp_path / "p.sqlite"
    source = tmp_path / "m.json"
    d = doc()
    d["partnership"]["client"] = FORGERY
    d["meeting"]["title"] = FORGERY
    d["participants"][0]["name"] = FORGERY
    d["actions"][0]["owner"] = ""
    source.write_text(json.dumps(d), encoding="utf-8")
    result = run("import", str(source), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db, result.stdout.strip()


def test_verify_prints_one_ok_line_whatever_the_names(forged, tmp_path):
    db, mid = forged
    pdf = tmp_path / "m.pdf"
    exported = run("export", mid, "-o", str(pdf), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    signed = run("signoff", mid, "--client", FORGERY, "--provider", "Pat Provider", "--db", str(db))
    assert signed.returncode == 0, signed.stderr
    assert_clean(signed.stdout, 1)
    assert run("export", mid, "-o", str(pdf), "--db", str(db)).returncode == 0
    result = run("verify", str(pdf), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout, 5)  # one line per check: the names forge none
    lines = result.stdout.splitlines()
    assert all(line.startswith("OK   ") for line in lines), lines
    assert lines[-1].startswith(f"OK   portfolio: minutes of meeting {mid} (")
    assert lines[-1].count("OK:") == 2  # the names' text, on the portfolio's line
    assert "\\x1b" in result.stdout  # shown as an escape, not acted on


def test_list_search_and_backups_print_one_clean_line_per_item(forged):
    db, _mid = forged
    listed = run("list", "--db", str(db))
    assert_clean(listed.stdout, 1)
    assert len(listed.stdout.rstrip("\n").split("\t")) == 5
    found = run("search", "report", "--db", str(db))
    assert_clean(found.stdout, 1)


def test_errors_that_echo_names_stay_on_one_clean_line(forged):
    db, mid = forged
    result = run(
        "signoff",
        mid,
        "--client",
        "Cleo",
        "--provider",
        "Pat",
        "--role",
        f"{FORGERY}=x",
        "--db",
        str(db),
    )
    assert result.returncode == 2
    assert_clean(result.stderr, 1)
    result = run("reopen", mid, "--reason", "x", "--db", str(db))
    assert result.returncode == 2
    assert_clean(result.stderr, 1)


def test_dump_escapes_what_json_leaves_raw_and_still_reads_back(forged):
    db, mid = forged
    result = run("dump", mid, "--db", str(db))
    assert result.returncode == 0
    for ch in CONTROLS:
        assert ch not in result.stdout
    assert json.loads(result.stdout)["partnership"]["client"] == FORGERY


def test_the_quick_check_finds_exactly_the_characters_cleaned():
    from reviewdesk.cli.common import _ANY_UNSAFE, _unsafe

    found = {ch for ch in map(chr, range(0x110000)) if _ANY_UNSAFE.search(ch)}
    assert found == {ch for ch in map(chr, range(0x110000)) if _unsafe(ch)}
