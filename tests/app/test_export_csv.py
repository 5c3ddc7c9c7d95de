"""CSV of actions and goals: for a spreadsheet, streamed, whole or not at all."""

import csv
import datetime as dt
import io

from factories import new_meeting, new_portfolio

from reviewdesk.app.demo import load_demo
from reviewdesk.app.export import export_csv
from reviewdesk.record.model import Action


def test_csv_opens_in_a_spreadsheet(tmp_path):
    portfolio = new_portfolio(tmp_path)
    load_demo(portfolio)
    mid = new_meeting(portfolio, title="Other", date=dt.date(2026, 2, 1))
    portfolio.add_action(mid, Action('=HYPERLINK("x")', owner="Zoë Ñúñez", side="client"))
    count = export_csv(portfolio, "actions", tmp_path / "a.csv", today=dt.date(2026, 11, 27))
    data = (tmp_path / "a.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == count == 7
    formula = next(r for r in rows if "HYPERLINK" in r["text"])
    assert formula["text"].startswith("'=") and formula["owner"] == "Zoë Ñúñez"
    scanner = next(r for r in rows if r["text"].startswith("Push 300 dpi"))
    assert scanner["overdue"] == "yes" and scanner["status"] == "open"
    assert scanner["reviews_carried"] == "2"
    count = export_csv(portfolio, "goals", tmp_path / "g.csv", partnership_id=1)
    data = (tmp_path / "g.csv").read_bytes()
    goals = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert count == 3
    turnaround = next(g for g in goals if g["title"].startswith("Entry turnaround"))
    assert turnaround["status"] == "done"
    assert turnaround["history"].count("→") == 2
