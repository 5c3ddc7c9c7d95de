import datetime as dt

from factories import new_meeting, new_portfolio

from reviewdesk.app.demo import load_demo
from reviewdesk.record.model import Action, Goal


def test_search_finds_every_kind_of_text_and_follows_edits(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    portfolio.set_notes(mid, "trust", "The warehouse scanner is broken")
    portfolio.set_comment(mid, "teamwork", "balance", "Quartermaster decides alone")
    did = portfolio.add_decision(mid, "communication", "Use the Zebra channel")
    aid = portfolio.add_action(mid, Action("Replace the Kestrel printer", section="trust"))
    portfolio.add_goal(mid, Goal("Halve rework", measure="Reworked Ærøskøbing files"))
    portfolio.add_goal(mid, Goal("Baseline goal", baseline="Pelican count of 40"))
    found = {
        h.kind: h
        for w in ("warehouse", "quartermaster", "zebra", "kestrel", "ærøskøbing")
        for h in portfolio.search(w)
    }
    assert set(found) == {"notes", "comment", "decision", "action", "goal"}
    assert found["notes"].step == "section:trust"
    assert found["comment"].step == "section:teamwork"
    assert found["action"].step == "actions" and found["goal"].step == "goals"
    assert found["notes"].meeting_id == mid

    portfolio.update_decision(did, "Use the Falcon channel")
    portfolio.update_action(mid, aid, text="Replace the printer")
    assert portfolio.search("zebra") == [] and portfolio.search("kestrel") == []
    assert [h.kind for h in portfolio.search("pelican")] == ["goal"]
    assert [h.kind for h in portfolio.search("falc")] == ["decision"]  # prefix match
    assert portfolio.search('"') == [] and portfolio.search("   ") == []
    assert portfolio.search('AND OR NOT ( * "') == []  # operators are plain words
    assert [h.kind for h in portfolio.search("fal\x00con\x1b")] == []  # controls are spaces
    assert [h.kind for h in portfolio.search("\x00falcon\t")] == ["decision"]


def test_open_action_counts_match_each_actions_latest_state(tmp_path):
    portfolio = new_portfolio(tmp_path)
    load_demo(portfolio)
    mid = new_meeting(portfolio, title="Other", date=dt.date(2026, 2, 1))
    portfolio.add_action(mid, Action("Late", due=dt.date(2026, 3, 1)))
    portfolio.add_action(mid, Action("Later", due=dt.date(2027, 3, 1)))
    done = portfolio.add_action(mid, Action("Done"))
    portfolio.update_action(mid, done, status="done")
    today = dt.date(2026, 11, 27)
    counts = portfolio.open_action_counts(today)
    for p in portfolio.partnerships():
        still_open, _goals = portfolio.carry_over_preview(p.id)
        assert counts.get(p.id, (0, 0)) == (
            len(still_open),
            sum(a.is_overdue(today) for a in still_open),
        )
    assert counts[portfolio.find_partnership("Acme", "Bolt").id] == (2, 1)


def test_search_finds_actions_by_their_owners_name(tmp_path):
    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    portfolio.add_action(mid, Action("Send the rota", owner="Ana Reyes", section="trust"))
    portfolio.add_action(mid, Action("Reyes report", owner="Ana Reyes"))
    portfolio.add_action(mid, Action("Call Ben", owner="Ben Cruz"))
    hits = portfolio.search("reyes")
    assert sorted(h.kind for h in hits) == ["action", "action"]  # each action once
    assert any("Send the rota" in h.snippet and "Ana Reyes" in h.snippet for h in hits)
    assert [h.snippet for h in portfolio.search("ana rey")] != []  # every word, as a prefix
    assert portfolio.search("ana cruz") == []
    assert [h.kind for h in portfolio.search("cruz")] == ["action"]
    assert portfolio.search("%") == [] and portfolio.search("_") == []  # LIKE's wildcards


# Owners unlike the text, Unicode owners (cased, accented, CJK, apostrophes, hyphens), owners that
# only the name finds, names that are also in a text, and words LIKE and the index split apart.
OWNERS = (
    ("Send the rota", "Ana Reyes"),
    ("Reyes report", "Ana Reyes"),
    ("Call Ben", "Ben Cruz"),
    ("Book the venue", "Élise Ørsted"),
    ("Order toner", "élise ørsted"),
    ("Fix the gate", "Nguyễn Văn An"),
    ("Renew the lease", "Jean-Luc O'Neill"),
    ("Audit stock", "山田 太郎"),
    ("Plan Q3", "Zoë d'Arcy-Smith"),
    ("Ping the team", "ÅSA 100% Berg_2"),
    ("Anna's list", "Ann Lee"),
    ("Nobody's", ""),
)
QUERIES = (
    "reyes",
    "ana rey",
    "ana cruz",
    "cruz",
    "ben",
    "élise",
    "Élise",
    "elise",
    "ørsted",
    "ORSTED",
    "nguyễn",
    "nguyen",
    "văn an",
    "an",
    "jean",
    "jean-luc",
    "luc",
    "o'neill",
    "neill",
    "山田",
    "太郎",
    "zoë",
    "zoe",
    "d'arcy",
    "arcy",
    "smith",
    "åsa",
    "asa",
    "100%",
    "%",
    "_",
    "berg_",
    "berg_2",
    "ann",
    "anna",
    "lee",
    "the",
    "a",
    "e",
    "--",
    "'",
    "2",
)


def _owner_hits(portfolio, monkeypatch, indexed):
    from reviewdesk.store import search

    real = search._owner_sql
    monkeypatch.setattr(search, "_owner_sql", lambda text, indexed=indexed: real(text, indexed))
    try:
        return {
            q: (portfolio.search(q), portfolio.search(q, limit=2), list(portfolio.search_all(q)))
            for q in QUERIES
        }
    finally:
        monkeypatch.setattr(search, "_owner_sql", real)


def test_owner_search_through_its_index_finds_what_reading_every_owner_found(tmp_path, monkeypatch):
    portfolio = new_portfolio(tmp_path)
    first, second = new_meeting(portfolio), new_meeting(portfolio, title="Later")
    ids = {}
    for mid in (first, second):
        for text, owner in OWNERS:
            ids[mid, owner] = portfolio.add_action(mid, Action(text, owner=owner, section="trust"))
    read_all = _owner_hits(portfolio, monkeypatch, indexed=False)
    assert _owner_hits(portfolio, monkeypatch, indexed=True) == read_all
    found = {q: [h.snippet for h in hits[0]] for q, hits in read_all.items()}
    assert found["jean-luc"] and found["山田"] and found["berg_2"]  # owner-only matches
    assert found["luc"] == [] and found["berg_"] != []  # a name's words are split at spaces
    assert (
        found["Élise"] == found["élise"] and len(found["élise"]) == 2
    )  # LIKE folds ASCII only (unchanged)
    assert found["elise"] == []

    # the index follows renames and removals
    portfolio.update_action(second, ids[second, "Ben Cruz"], owner="Bea Quintero")
    portfolio.update_action(second, ids[second, "Ann Lee"], text="Anna's other list")
    portfolio.remove_action(second, ids[second, "山田 太郎"])
    assert [h.snippet for h in portfolio.search("quintero")] == ["Call Ben · Bea Quintero"]
    assert len(portfolio.search("cruz")) == 1 and len(portfolio.search("山田")) == 1
    assert _owner_hits(portfolio, monkeypatch, indexed=True) == _owner_hits(
        portfolio, monkeypatch, indexed=False
    )
    portfolio.conn.execute(
        "INSERT INTO action_state_owner_fts (action_state_owner_fts) VALUES ('integrity-check')"
    )


# Words that begin one term, several, none; in one index and not another; cased; with digits.
TEXTS = (
    "Backlog review: the backlog of invoices",
    "Backlogs grew; backlogged scans wait",
    "Invoice 2024 batch, batches of 20",
    "Scanner broken, scans late",
)
WORDS = (
    "backlog",
    "Backlogs",
    "backlogg",
    "back",
    "b",
    "invoice",
    "INVOICES",
    "scan",
    "scanner late",
    "20",
    "2024",
    "2025",
    "batch",
    "zebra",
    "backlog zebra",
    "rev",
)


def test_a_word_that_begins_one_term_is_that_term_and_finds_what_its_prefix_found(
    tmp_path, monkeypatch
):
    from reviewdesk.store import search
    from reviewdesk.store.reading import read_connection

    portfolio = new_portfolio(tmp_path)
    first, second = new_meeting(portfolio), new_meeting(portfolio, title="Later")
    for mid in (first, second):
        for i, text in enumerate(TEXTS):
            portfolio.set_notes(mid, ("trust", "teamwork", "communication", "same_page")[i], text)
            portfolio.add_action(mid, Action(text, owner=text.split()[0], section="trust"))
        portfolio.add_decision(mid, "trust", TEXTS[0])

    def hits(conn):
        return {w: (search.search(conn, w), search.search(conn, w, limit=2)) for w in WORDS}

    named = hits(portfolio.conn)
    # the terms it names: one term exactly; several, none, or a query-only reader: as before
    assert search.index_query(portfolio.conn, "section_fts", "Backlogs") == '"backlogs"'
    assert search.index_query(portfolio.conn, "section_fts", "back") == '"back"*'
    assert search.index_query(portfolio.conn, "section_fts", "backlog zebra") is None
    assert search.index_query(portfolio.conn, "decision_fts", "scan") is None
    assert search.index_query(portfolio.conn, "section_fts", "2024 b") == '"2024" "b"*'
    reader = read_connection(portfolio.path)  # query-only: no term list in its temp schema
    try:
        assert search.index_query(reader, "section_fts", "backlogs") == '"backlogs"*'
        assert hits(reader) == named
    finally:
        reader.close()

    monkeypatch.setattr(search, "_terms_beginning", lambda *_args: None)  # every word a prefix
    assert hits(portfolio.conn) == named
    assert sorted(h.kind for h in named["Backlogs"][0]) == ["action"] * 2 + ["notes"] * 2
    assert len(named["backlog"][0]) == 10 and named["zebra"] == ([], [])
    # the term lists live in the connection's temp schema: the file's own schema is unchanged
    count = "SELECT count(*) FROM {} WHERE name LIKE '%\\_terms' ESCAPE '\\'"
    assert portfolio.conn.execute(count.format("temp.sqlite_master")).fetchone()[0] == 7
    assert portfolio.conn.execute(count.format("main.sqlite_master")).fetchone()[0] == 0


def test_snippets_read_later_leave_out_a_row_gone_meanwhile(tmp_path):
    # another program may change the file between the two reads: a row gone no longer matches
    from reviewdesk.store import search

    portfolio = new_portfolio(tmp_path)
    mid = new_meeting(portfolio)
    portfolio.set_notes(mid, "trust", "The backlog of scans")
    (hit,) = portfolio.search("backlog")
    conn, index = portfolio.conn, "section_fts"
    (rowid,) = conn.execute("SELECT rowid FROM section_fts WHERE section_fts MATCH 'backlog'")
    row = (1, "notes", rowid[0], mid, "trust", None, "t", "2026-01-01", "C", "P", "section", 1, 1)
    gone = (*row[:2], rowid[0] + 1000, *row[3:])
    named = {index: '"backlog"'}
    kept = search._add_snippets(conn, [(row, index), (gone, index), (row, None)], named)
    assert kept == [(*row[:5], hit.snippet, *row[6:]), row]
