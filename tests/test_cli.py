"""The ``reviewdesk`` command as a user runs it: exit codes, one-line errors, no half writes."""

import hashlib
import json
import subprocess
import sys

import pytest
from factories import doc

from reviewdesk.cli import main
from reviewdesk.store.opening import open_portfolio


def run(*args, db=None):
    argv = [*args] + (["--db", str(db)] if db else [])
    return subprocess.run(
        [sys.executable, "-m", "reviewdesk", *argv], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def db(tmp_path):
    return tmp_path / "p.sqlite"


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("reviewdesk ")


def test_demo_twice_then_list_shows_four_meetings(db):
    assert run("demo", db=db).returncode == 0
    assert run("demo", db=db).returncode == 0
    result = run("list", db=db)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4
    assert lines[0].split("\t") == [
        "1",
        "2026-03-31",
        "Harbourline Freight ↔ Cebu DataWorks",
        "Q1 2026 partnership review",
        "signed_off",
    ]
    assert lines[3].endswith("in_progress")


def test_default_database_is_in_the_user_data_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert main(["demo"]) == 0
    assert (tmp_path / "xdg" / "reviewdesk" / "reviewdesk.sqlite").exists()


def test_import_dump_import_dump(tmp_path, db, capsys):
    source = tmp_path / "m.json"
    source.write_text(json.dumps(doc()), encoding="utf-8")
    assert main(["import", str(source), "--db", str(db)]) == 0
    first_id = capsys.readouterr().out.strip()
    assert main(["dump", first_id, "--db", str(db)]) == 0
    dump1 = capsys.readouterr().out
    (tmp_path / "d1.json").write_text(dump1, encoding="utf-8")
    assert main(["--db", str(db), "import", str(tmp_path / "d1.json")]) == 0
    second_id = capsys.readouterr().out.strip()
    assert main(["dump", second_id, "--db", str(db)]) == 0
    assert capsys.readouterr().out == dump1
    assert json.loads(dump1)["sections"][0]["notes"] == "Some notes"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": ', "not valid JSON"),
        (
            json.dumps(doc(meeting={"title": "T", "date": "2026-02-30"})),
            "meeting.date: '2026-02-30' is not a real date",
        ),
        (json.dumps(doc(bogus=1)), "bogus: unknown key"),
    ],
)
def test_bad_import_exits_2_with_one_line_and_writes_nothing(tmp_path, db, content, message):
    open_portfolio(db).close()  # an empty portfolio
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    result = run("import", str(source), db=db)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert result.stderr.startswith("import: ")
    assert "Traceback" not in result.stderr
    assert run("list", db=db).stdout == ""
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_refused_file_exits_2(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"not a database at all" * 10)
    result = run("list", db=path)
    assert result.returncode == 2
    assert "not an SQLite file" in result.stderr and "Traceback" not in result.stderr


def test_unknown_meeting_and_locked_meeting(db, capsys):
    assert main(["demo", "--db", str(db)]) == 0
    assert main(["dump", "99", "--db", str(db)]) == 2
    assert "meeting 99: no such meeting" in capsys.readouterr().err
    assert main(["reopen", "4", "--reason", "x", "--db", str(db)]) == 2
    assert "not signed off" in capsys.readouterr().err


def test_signoff_and_reopen_from_the_command_line(db, capsys, tmp_path):
    assert main(["demo", "--db", str(db)]) == 0
    assert main(["signoff", "4", "--client", "Maren Holt", "--db", str(db)]) == 2
    assert "needs at least one client and one provider" in capsys.readouterr().err
    signing_twice = ["signoff", "4", "--client", "Maren Holt", "--provider", "maren holt"]
    assert main([*signing_twice, "--db", str(db)]) == 2
    assert "Maren Holt is named twice" in capsys.readouterr().err
    assert main(["list", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[3].endswith("in_progress")  # nothing signed
    png = tmp_path / "sig.png"
    from factories import PNG_1PX

    png.write_bytes(PNG_1PX)
    assert (
        main(
            [
                "signoff",
                "4",
                "--client",
                "Maren Holt",
                "--provider",
                "Lourdes Dela Cruz",
                "--facilitator",
                "Guest",
                "--role",
                "Guest=Observer",
                "--signature",
                f"Maren Holt={png}",
                "--db",
                str(db),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["dump", "4", "--db", str(db)]) == 0
    signoff = json.loads(capsys.readouterr().out)["signoff"]
    assert [(s["name"], s["side"], s["role"]) for s in signoff] == [
        ("Maren Holt", "client", "Head of Operations"),
        ("Lourdes Dela Cruz", "provider", "Account Manager"),
        ("Guest", "facilitator", "Observer"),
    ]
    assert "signature_png" in signoff[0]
    assert main(["reopen", "4", "--reason", "Wrong date", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["dump", "4", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out)["signoff"] == []


@pytest.mark.parametrize(
    ("argv", "db"),
    [([], None), (["--db", "p.sqlite"], "p.sqlite"), (["--db=q.sqlite"], "q.sqlite")],
)
def test_plain_call_starts_the_window_on_the_given_file(monkeypatch, argv, db):
    import reviewdesk.cli as cli

    started = []
    monkeypatch.setattr(cli, "cmd_window", lambda args: started.append(args.db) or 0)
    assert cli.main(argv) == 0
    assert started == [db]


def test_a_subcommand_never_starts_the_window(monkeypatch, tmp_path, capsys):
    import reviewdesk.cli as cli

    monkeypatch.setattr(cli, "cmd_window", lambda args: pytest.fail("window started"))
    assert cli.main(["--db", str(tmp_path / "p.sqlite"), "list"]) == 0


def test_reading_commands_never_create_a_portfolio(tmp_path):
    missing = tmp_path / "nowhere" / "p.sqlite"
    assert run("list", db=missing).returncode == 0
    assert run("dump", "1", db=missing).returncode == 2
    assert run("search", "x", db=missing).returncode == 2
    assert not missing.parent.exists()


def test_outputs_never_overwrite_the_portfolio(tmp_path, db):
    assert run("demo", db=db).returncode == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for args in (["export", "1", "-o", str(db)], ["export-csv", "actions", "-o", f"{db}-wal"]):
        result = run(*args, db=db)
        assert result.returncode == 2 and "portfolio's own file" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert run("--db", f"{db}-wal", "list").returncode == 2


def test_repeated_keys_and_broken_pngs_are_refused(tmp_path, db):
    raw = json.dumps(doc()).replace('"client": "Acme Logistics"', '"client": "A", "client": "B"')
    source = tmp_path / "dup.json"
    source.write_text(raw, encoding="utf-8")
    result = run("import", str(source), db=db)
    assert result.returncode == 2 and "appears twice" in result.stderr
    from factories import PNG_1PX

    broken = tmp_path / "broken.png"
    broken.write_bytes(PNG_1PX[:30])
    assert run("demo", db=db).returncode == 0
    result = run(
        "signoff",
        "4",
        "--client",
        "Maren Holt",
        "--provider",
        "Lourdes Dela Cruz",
        "--signature",
        f"Maren Holt={broken}",
        db=db,
    )
    assert result.returncode == 2 and "not a whole PNG" in result.stderr
    assert "in_progress" in run("list", db=db).stdout.splitlines()[3]


def test_verify_fails_after_a_reopen_and_a_new_sign_off(tmp_path, db):
    assert run("demo", db=db).returncode == 0
    pdf = tmp_path / "m2.pdf"
    assert run("export", "2", "-o", str(pdf), db=db).returncode == 0
    assert run("verify", str(pdf), db=db).returncode == 0
    assert run("reopen", "2", "--reason", "typo", db=db).returncode == 0
    signers = ["--client", "Maren Holt", "--provider", "Lourdes Dela Cruz"]
    assert run("signoff", "2", *signers, db=db).returncode == 0
    result = run("verify", str(pdf), db=db)
    assert result.returncode == 1 and "changed after this PDF was exported" in result.stdout
    assert "FAIL portfolio: " in result.stdout


def test_an_error_naming_a_file_with_a_newline_stays_on_one_line(tmp_path, db):
    odd = tmp_path / "odd\nname.json"
    odd.write_text("{", encoding="utf-8")
    result = run("import", str(odd), db=db)
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_search_says_when_it_shows_only_the_newest_matches(db, capsys):
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["search", "the", "--limit", "0", "--db", str(db)]) == 0
    every = capsys.readouterr()
    assert every.err == ""
    lines = every.out.splitlines()
    assert len(lines) > 5
    assert main(["search", "the", "--limit", "3", "--db", str(db)]) == 0
    few = capsys.readouterr()
    assert len(few.out.splitlines()) == 3
    assert "more than 3 matches" in few.err and "--limit 0" in few.err
    assert main(["search", "the", "--limit", str(len(lines)), "--db", str(db)]) == 0
    exact = capsys.readouterr()
    assert exact.out.splitlines() == lines and exact.err == ""  # all fit: no note
    for bad in ("-1", "x", "1.5"):
        with pytest.raises(SystemExit) as stop:
            main(["search", "the", "--limit", bad, "--db", str(db)])
        assert stop.value.code == 2
        assert "--limit" in capsys.readouterr().err


def test_the_command_is_named_after_the_top_level_options():
    from reviewdesk.cli import command_named

    assert command_named(["--db", "p.sqlite", "search", "x"]) == "search"
    assert command_named(["--db=p.sqlite", "dump", "3"]) == "dump"
    assert command_named(["--db", "search", "list"]) == "list"  # a file named like a command
    assert command_named(["search", "--db", "p.sqlite", "x"]) == "search"
    assert command_named(["--smoke-test"]) is None
    assert command_named(["--db", "p.sqlite"]) is None
    assert command_named([]) is None


def test_a_command_after_db_builds_its_parser_alone(monkeypatch, tmp_path, capsys):
    import argparse

    made = []
    real = argparse.ArgumentParser.__init__

    def counting(self, *args, **kwargs):
        real(self, *args, **kwargs)
        made.append(self.prog)

    db = tmp_path / "p.sqlite"
    open_portfolio(db).close()
    monkeypatch.setattr(argparse.ArgumentParser, "__init__", counting)
    assert main(["--db", str(db), "search", "backlog"]) == 0
    assert made == ["reviewdesk", "reviewdesk search"]


def test_the_parser_of_one_command_reads_its_arguments_as_the_whole_parser_does(capsys):
    """main() builds only the named command's parser: same arguments, help and errors."""
    from reviewdesk.cli import build_parser

    whole = build_parser()
    names = next(a for a in whole._actions if a.dest == "==SUPPRESS==" and a.choices).choices
    assert {"dump", "search", "list", "export", "signoff", "key"} <= set(names)
    for argv in (
        ["dump", "3", "--db", "x.sqlite"],
        ["search", "backlog", "--limit", "0"],
        ["signoff", "2", "--client", "A", "--provider", "B", "--role", "A=lead"],
        ["export-csv", "actions", "-o", "a.csv"],
        ["key", "--name", "N"],
    ):
        assert build_parser(only=argv[0]).parse_args(argv) == whole.parse_args(argv)
    for name in names:
        outputs = []
        for parser in (build_parser(), build_parser(only=name)):
            for argv in ([name, "--help"], [name, "--no-such-option"]):
                with pytest.raises(SystemExit) as exc:
                    parser.parse_args(argv)
                captured = capsys.readouterr()
                outputs.append((exc.value.code, captured.out, captured.err))
        assert outputs[:2] == outputs[2:], name
    # a name that is no command's: the whole parser, whose error lists every command
    with pytest.raises(SystemExit):
        build_parser(only="nonsense").parse_args(["nonsense"])
    assert "search" in capsys.readouterr().err
