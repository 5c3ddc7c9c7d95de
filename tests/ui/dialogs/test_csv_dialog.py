"""CSV export from the window: the chosen file gets the spreadsheet's rows, cancel writes nothing,
a file that cannot be written is one line in an error box."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from reviewdesk.app.demo import load_demo
from reviewdesk.store import queries
from reviewdesk.store.opening import open_portfolio
from reviewdesk.ui.dialogs import csv as csv_export
from reviewdesk.ui.dialogs.csv import ask_csv_path, export_csv, suggested_name

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def demo(qtbot, tmp_path: Path):  # noqa: ARG001 - qtbot makes sure a QApplication exists
    portfolio = open_portfolio(tmp_path / "demo.sqlite")
    load_demo(portfolio)
    pid = portfolio.partnerships()[0].id
    yield portfolio, pid
    portfolio.close()


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Replace the file-name question: answers ``answer['path']``, records what was suggested."""
    answer: dict = {"path": None, "suggested": []}

    def ask(parent, suggested, caption="Export CSV"):
        answer["suggested"].append((suggested, caption))
        return answer["path"]

    monkeypatch.setattr(csv_export, "ask_csv_path", ask)
    return answer


class Done:
    """Records ``on_done(path, problem)``: the CSV is written off the UI thread."""

    def __init__(self) -> None:
        self.calls: list[tuple[str | None, str | None]] = []

    def __call__(self, path: str | None, problem: str | None) -> None:
        self.calls.append((path, problem))

    def wait(self, qtbot) -> tuple[str | None, str | None]:
        qtbot.waitUntil(lambda: bool(self.calls), timeout=20000)
        (call,) = self.calls
        return call


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_actions_are_written_with_a_bom_and_names_intact(qtbot, demo, asked, dialog_log, tmp_path):
    portfolio, pid = demo
    target = tmp_path / "out" / "actions.csv"
    target.parent.mkdir()
    asked["path"] = target
    done = Done()
    assert export_csv(None, portfolio, "actions", pid, done) == target
    assert done.wait(qtbot) == (str(target), None)
    data = target.read_bytes()
    assert data.startswith(BOM)
    rows = _rows(target)
    latest = queries.latest_actions(portfolio.conn, pid)
    assert sorted(int(r["action_id"]) for r in rows) == sorted(a.id for a in latest)
    owners = {r["owner"] for r in rows}
    assert "Nguyễn Văn An" in owners  # non-ASCII survives the round trip
    assert {r["partnership"] for r in rows} == {"Harbourline Freight ↔ Cebu DataWorks"}
    assert dialog_log.errors == []
    suggested, caption = asked["suggested"][0]
    assert Path(suggested).name.startswith("Harbourline-Freight-Cebu-DataWorks-actions-")
    assert Path(suggested).parent == Path(".")  # a bare name: never beside the portfolio
    assert "action" in caption.lower()


def test_goals_of_every_partnership(qtbot, demo, asked, dialog_log, tmp_path):
    portfolio, pid = demo
    asked["path"] = tmp_path / "goals.csv"
    done = Done()
    assert export_csv(None, portfolio, "goals", None, done) == tmp_path / "goals.csv"
    assert done.wait(qtbot) == (str(tmp_path / "goals.csv"), None)
    rows = _rows(tmp_path / "goals.csv")
    titles = {r["title"] for r in rows}
    assert titles == {g.title for g in queries.latest_goals(portfolio.conn, pid)}
    assert {r["partnership"] for r in rows} == {portfolio.partnership(pid).label}
    assert Path(asked["suggested"][0][0]).name.startswith("all-partnerships-goals-")
    assert dialog_log.errors == []


def test_cancel_writes_nothing(demo, asked, dialog_log, tmp_path):
    portfolio, pid = demo
    before = sorted(tmp_path.iterdir())
    assert export_csv(None, portfolio, "actions", pid) is None
    assert sorted(tmp_path.iterdir()) == before
    assert dialog_log.calls == []


def test_an_unwritable_path_is_one_line_in_an_error_box(qtbot, demo, asked, dialog_log, tmp_path):
    portfolio, pid = demo
    target = tmp_path / "no-such-folder" / "actions.csv"
    asked["path"] = target
    done = Done()
    assert export_csv(None, portfolio, "actions", pid, done) == target
    path, problem = done.wait(qtbot)
    assert path is None and problem and str(target) in problem
    assert not target.exists()
    [(kind, title, message)] = dialog_log.calls
    assert kind == "error" and title
    assert "\n" not in message and str(target) in message
    assert "Traceback" not in message
    assert QGuiApplication.overrideCursor() is None  # no wait cursor: the window stays usable


def test_a_directory_as_target_is_refused_and_left_alone(qtbot, demo, asked, dialog_log, tmp_path):
    portfolio, pid = demo
    folder = tmp_path / "a-folder.csv"
    folder.mkdir()
    asked["path"] = folder
    done = Done()
    export_csv(None, portfolio, "goals", pid, done)
    assert done.wait(qtbot)[0] is None
    assert folder.is_dir()
    assert len(dialog_log.errors) == 1 and "\n" not in dialog_log.errors[0]


def test_the_file_question_adds_csv_and_passes_on_cancel(demo, dialog_log, tmp_path):
    portfolio, pid = demo
    dialog_log.save_path = tmp_path / "report"
    assert ask_csv_path(None, str(tmp_path / "x.csv")) == tmp_path / "report.csv"
    dialog_log.save_path = tmp_path / "Report.CSV"
    assert ask_csv_path(None, "x.csv") == tmp_path / "Report.CSV"
    dialog_log.save_path = None
    assert ask_csv_path(None, "x.csv") is None
    assert [c[0] for c in dialog_log.calls] == ["save_file"] * 3
    assert suggested_name(portfolio, "goals", pid).endswith(".csv")


def test_an_unknown_kind_is_a_programming_error(demo):
    portfolio, pid = demo
    with pytest.raises(ValueError, match="what"):
        export_csv(None, portfolio, "decisions", pid)


def test_the_csv_is_written_off_the_ui_thread_with_its_own_connection(
    qtbot, demo, asked, dialog_log, tmp_path, monkeypatch
):
    import threading

    from reviewdesk.app import export as app_export

    portfolio, pid = demo
    seen = []
    real = app_export.export_csv

    def spy(reader, what, target, partnership_id=None, today=None):
        seen.append((threading.get_ident(), reader.conn is portfolio.conn, reader.readonly))
        return real(reader, what, target, partnership_id, today)

    monkeypatch.setattr(csv_export, "export_csv_file", spy)
    asked["path"] = tmp_path / "actions.csv"
    done = Done()
    export_csv(None, portfolio, "actions", None, done)
    assert done.wait(qtbot) == (str(tmp_path / "actions.csv"), None)
    ((thread, same_connection, readonly),) = seen
    assert thread != threading.get_ident() and not same_connection and readonly
