"""Service-level values from the provider's CSV: imported exactly, or refused with the row."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from factories import new_portfolio

from reviewdesk.app.kpis import KpiImportRefused, import_kpis
from reviewdesk.cli import main as cli
from reviewdesk.record.model import Participant
from reviewdesk.record.scorecard import Measure
from reviewdesk.store.templates import default_agenda


@pytest.fixture
def setup(tmp_path):
    portfolio = new_portfolio(tmp_path)
    pid = portfolio.add_partnership("Acme", "Nimbus").id
    people = [Participant("Ana", "client"), Participant("Ben", "provider")]
    first = portfolio.create_meeting(
        pid, title="Q1", date=dt.date(2026, 3, 31), agenda=default_agenda(), participants=people
    )
    portfolio.add_measure(first, Measure("Accuracy", "%", "higher", target=99.5, amber=98))
    second = portfolio.create_meeting(
        pid, title="Q2", date=dt.date(2026, 6, 30), agenda=default_agenda(), participants=people
    )
    yield portfolio, pid, first, second, tmp_path
    portfolio.close()


def _file(tmp_path, text: str, name="kpis.csv", bom=False) -> str:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return str(path)


def test_a_good_file_with_a_new_measure_and_non_ascii_names(setup):
    portfolio, pid, first, second, tmp = setup
    path = _file(
        tmp,
        "measure,value,period,direction,target,amber,unit\n"
        "Accuracy,99.1,2026-03-31,,,,\n"
        "Accuracy,99.7,,,,,\n"
        "Durchlaufzeit (Stunden) – Zoll,20,,lower,24,36,h\n",
        bom=True,
    )
    assert import_kpis(portfolio, path, pid) == 3
    assert [(m.name, m.value) for m in portfolio.meeting(first).measures] == [("Accuracy", 99.1)]
    latest = {m.name: m for m in portfolio.meeting(second).measures}
    assert latest["Accuracy"].value == 99.7 and latest["Accuracy"].rag == "green"
    added = latest["Durchlaufzeit (Stunden) – Zoll"]
    assert (added.direction, added.target, added.amber, added.rag) == ("lower", 24, 36, "green")


def test_excel_semicolons_and_decimal_commas(setup):
    portfolio, pid, _first, second, tmp = setup
    path = _file(tmp, "Measure;Value\nAccuracy;98,5\n")
    assert import_kpis(portfolio, path, pid) == 1
    assert portfolio.meeting(second).measures[0].value == 98.5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("measure,value\nAccuracy,ninety\n", "row 2: value: 'ninety' is not a number"),
        ("measure,value\nAccuracy,99\n,98\n", "row 3: measure: must not be empty"),
        ("measure,value\nAccuracy,99\nSpeed,3\n", "row 3: measure: 'Speed' is not a measure"),
        (
            "measure,value,period\nAccuracy,99,2026-02-30\n",
            "row 2: period: '2026-02-30' is not a date",
        ),
        ("measure,value,period\nAccuracy,99,2026-05-01\n", "row 2: period: no review"),
        (
            "measure,value,direction\nSpeed,3,sideways\n",
            "row 2: direction: 'sideways' is not higher",
        ),
        ("measure,value,colour\nAccuracy,99,red\n", "row 1: unknown column 'colour'"),
        ("measure\nAccuracy\n", "row 1: the column 'value' is missing"),
        ("measure,value\nAccuracy,99\nAccuracy,98\n", "row 3: measure: 'Accuracy' has a value"),
        (
            "measure,value,target,amber\nAccuracy,99,95,97\n",
            "row 2: measure amber: 97 must be below",
        ),
    ],
)
def test_bad_rows_are_refused_with_their_number_and_nothing_is_written(setup, text, message):
    portfolio, pid, _first, second, tmp = setup
    portfolio.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = hashlib.sha256(portfolio.path.read_bytes()).hexdigest()
    with pytest.raises(KpiImportRefused, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_kpis(portfolio, _file(tmp, text), pid)
    assert portfolio.meeting(second).measures[0].value is None
    portfolio.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert hashlib.sha256(portfolio.path.read_bytes()).hexdigest() == before


def test_the_command_line_says_one_line_and_exit_2(setup, capsys):
    portfolio, pid, _first, _second, tmp = setup
    path = _file(tmp, "measure,value\nAccuracy,x\n")
    db = str(portfolio.path)
    assert cli(["import-kpis", path, "--partnership", str(pid), "--db", db]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "row 2: value" in err
    good = _file(tmp, "measure,value\nAccuracy,99.9\n", name="good.csv")
    assert cli(["import-kpis", good, "--partnership", str(pid), "--db", db]) == 0
    assert "1 value imported" in capsys.readouterr().out
