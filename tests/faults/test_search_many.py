"""Search with --limit 0 over more matches than SQLite takes variables in one statement
(250,000): every match printed, as it is read, in bounded memory."""

from __future__ import annotations

import sqlite3

import pytest
from factories import new_portfolio
from faultkit import cli_measured

from reviewdesk.store.opening import open_portfolio

MANY = 260_000  # more matches than SQLite's 250,000 variables in one statement


def _many_matches(path) -> None:
    """MANY actions mentioning 'zebra', 300 to a meeting, written straight into the file."""
    with new_portfolio(path.parent, path.name) as portfolio:
        pid = portfolio.add_partnership("Acme", "Bolt").id
    conn = sqlite3.connect(path)
    conn.execute("BEGIN")
    meetings = MANY // 300 + 1
    conn.executemany(
        "INSERT INTO meeting (id, partnership_id, title, date) VALUES (?, ?, ?, ?)",
        [(m, pid, f"Review {m}", f"{2000 + m // 365}-01-01") for m in range(1, meetings + 1)],
    )
    conn.executemany(
        "INSERT INTO action (id, partnership_id, raised_in) VALUES (?, ?, ?)",
        [(i, pid, 1 + i // 300) for i in range(1, MANY + 1)],
    )
    conn.executemany(
        "INSERT INTO action_state (action_id, meeting_id, position, text, status) "
        "VALUES (?, ?, ?, ?, 'open')",
        [(i, 1 + i // 300, i % 300, f"zebra crossing {i}") for i in range(1, MANY + 1)],
    )
    conn.execute("COMMIT")
    conn.close()


@pytest.mark.slow
def test_search_every_match_of_more_than_sqlites_variable_limit(tmp_path):
    db = tmp_path / "many.sqlite"
    _many_matches(db)
    result, peak = cli_measured("search", "zebra", "--limit", "0", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == MANY
    assert peak < 120, f"peak {peak:.0f} MiB"  # streamed, not gathered
    with open_portfolio(db) as portfolio:
        newest = portfolio.search("zebra", limit=3)
        assert [h.meeting_id for h in newest] == [MANY // 300 + 1] * 3
