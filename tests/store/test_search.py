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
