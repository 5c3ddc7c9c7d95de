"""CSV of actions and goals: for a spreadsheet, streamed, whole or not at all."""

import csv
import datetime as dt
import io

from factories import new_meeting, new_portfolio

from reviewdesk.app.demo import load_demo
from reviewdesk.app.export import export_csv
from reviewdesk.record.model import Action
from reviewdesk.store.templates import default_agenda


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


# ---- the same bytes as the plain definition, for any value the file may hold --------------


def _plain_cell(value):
    """A cell as the straightforward writer made it (each value on its own)."""
    if isinstance(value, str):
        text = value
    elif value is None:
        return ""
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
        if type(value) is int and value >= 0:
            return text
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _plain_action_csv(portfolio, today, partnership_id=None):
    """Every action as it last stood, row by row in Python and through csv.writer."""
    from reviewdesk.store.spreadsheets import ACTION_COLUMNS

    conn = portfolio.conn
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(ACTION_COLUMNS)
    if partnership_id is None:
        partnerships = portfolio.partnerships()
    else:
        partnerships = [portfolio.partnership(partnership_id)]
    for p in partnerships:
        labels = dict(
            conn.execute(
                "SELECT id, date || ' ' || title FROM meeting WHERE partnership_id = ?", (p.id,)
            )
        )
        latest, listed = {}, {}
        for r in conn.execute(
            "SELECT a.id, a.raised_in, s.meeting_id, s.text, s.owner, s.side, s.due, s.status, "
            "s.section FROM meeting m JOIN action_state s ON s.meeting_id = m.id "
            "JOIN action a ON a.id = s.action_id "
            "WHERE m.partnership_id = ? AND a.partnership_id = ? "
            "ORDER BY m.date, m.id, s.position",
            (p.id, p.id),
        ):
            latest[r[0]] = r
            listed[r[0]] = listed.get(r[0], 0) + 1
        for action_id, raised_in, last, txt, owner, side, due, status, section in latest.values():
            due_date = dt.date.fromisoformat(due) if due else None
            overdue = status == "open" and due_date is not None and due_date < today
            row = [p.label, action_id, txt, owner, side or "", due_date, status]
            row += ["yes" if overdue else "", section, labels.get(raised_in, "")]
            row += [labels.get(last, "") if status != "open" else "", labels.get(last, "")]
            row += [max(listed[action_id] - 1, 0)]
            writer.writerow([_plain_cell(v) for v in row])
    return b"\xef\xbb\xbf" + text.getvalue().encode("utf-8")


def _odd_portfolio(tmp_path):
    """Actions whose cells need quotes or a formula guard, meetings of the same day, states
    out of list order, an action listed in another partnership's meeting, odd stored values."""
    portfolio = new_portfolio(tmp_path)
    load_demo(portfolio)
    first = new_meeting(portfolio, title="+Plus, first", date=dt.date(2026, 2, 1))
    second = new_meeting(portfolio, title='Same "day"', date=dt.date(2026, 2, 1))
    third = new_meeting(portfolio, title="Later\nline", date=dt.date(2026, 3, 1))
    odd = portfolio.add_partnership("=Odd", "@Provider")
    other = portfolio.create_meeting(
        odd.id, title="-Other", date=dt.date(2026, 1, 5), agenda=default_agenda(), participants=[]
    )
    texts = ['=HYPERLINK("x")', "a, b", 'say "hi"', "two\nlines", "cr\rhere", "\tTab", "-1", "@x"]
    ids = []
    for n, text in enumerate(texts):
        action = Action(
            text, owner="+Owner" if n % 2 else "Zoë, Ñúñez", side=None if n % 3 else "joint"
        )
        action.section = "=Section" if n % 2 else "Plain"
        action.due = dt.date(2026, 1, 1 + n) if n % 4 else None
        ids.append(portfolio.add_action(first, action))
    conn = portfolio.conn
    with conn:
        for pos, action_id in enumerate(reversed(ids[:5])):  # listed again, in another order
            conn.execute(
                "INSERT INTO action_state (action_id, meeting_id, position, text, owner, side, "
                "due, status, section) SELECT action_id, ?, ?, text || ' (again)', owner, side, "
                "due, CASE WHEN ? % 2 THEN 'done' ELSE 'open' END, section FROM action_state "
                "WHERE action_id = ? AND meeting_id = ?",
                (second if pos % 2 else third, pos, pos, action_id, first),
            )
        conn.execute("UPDATE action SET raised_in = NULL WHERE id = ?", (ids[1],))
        conn.execute("UPDATE action SET raised_in = ? WHERE id = ?", (other, ids[2]))
        conn.execute("UPDATE action_state SET due = '20260105' WHERE action_id = ?", (ids[3],))
        conn.execute("UPDATE action_state SET due = '' WHERE action_id = ?", (ids[4],))
        conn.execute(  # a state of another partnership's action: not part of either
            "INSERT INTO action_state (action_id, meeting_id, position, text, status) "
            "VALUES (?, ?, 9, 'stray', 'open')",
            (ids[0], other),
        )
        conn.execute(
            "INSERT INTO action (id, partnership_id, raised_in) VALUES (-7, ?, ?)", (odd.id, other)
        )
        conn.execute(
            "INSERT INTO action_state (action_id, meeting_id, position, text, due, status) "
            "VALUES (-7, ?, 0, 'negative id', '2020-01-01', 'open')",
            (other,),
        )
    return portfolio, odd.id


def test_csv_is_the_plain_definition_byte_for_byte(tmp_path):
    portfolio, odd = _odd_portfolio(tmp_path)
    today = dt.date(2026, 1, 4)
    for partnership_id in (None, 1, odd):
        target = tmp_path / f"all-{partnership_id}.csv"
        export_csv(portfolio, "actions", target, partnership_id=partnership_id, today=today)
        assert target.read_bytes() == _plain_action_csv(portfolio, today, partnership_id)
    data = (tmp_path / "all-None.csv").read_bytes().decode("utf-8-sig")
    assert '"\'=HYPERLINK(""x"")' in data and "'=Odd ↔ @Provider" in data
    assert ",'-7," in data  # a negative id is guarded too


def test_csv_of_a_value_reviewdesk_never_writes(tmp_path):
    portfolio, _ = _odd_portfolio(tmp_path)
    with portfolio.conn:  # blobs where text belongs (SQLite checks no type)
        portfolio.conn.execute("UPDATE action_state SET owner = x'2b41' WHERE action_id = 1")
        portfolio.conn.execute("UPDATE action_state SET section = 4.5 WHERE action_id = 2")
        portfolio.conn.execute("UPDATE action_state SET text = x'3d41' WHERE action_id = -7")
    today = dt.date(2026, 11, 27)
    export_csv(portfolio, "actions", tmp_path / "a.csv", today=today)
    assert (tmp_path / "a.csv").read_bytes() == _plain_action_csv(portfolio, today)


def test_csv_writer_quotes_as_csv_does(tmp_path):
    from reviewdesk.app.csv_table import write_csv

    cells = ["", "a", "a,b", 'q"', "x\ny", "x\rz", "\r\n", " sp ", "é ↔ ü", "'=ok"]
    blocks = [[[a, b] for b in cells] for a in cells] + [[], [["one", "two"]], [["x", 3]]]
    blocks += [[["short"], ["a", "b"]], [["a", "b", "c,"], ["d"]]]
    out = io.BytesIO()
    assert write_csv(out, ["c1", "c2"], blocks) == sum(map(len, blocks))
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["c1", "c2"])
    for block in blocks:
        writer.writerows(block)
    assert out.getvalue() == b"\xef\xbb\xbf" + text.getvalue().encode("utf-8")
