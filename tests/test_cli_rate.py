"""``reviewdesk rate``: one person's rating from a script, into the open private round that asks
them (hidden, and nothing printed says the value) or else given openly; bad input is one line."""

from __future__ import annotations

import sqlite3

import pytest
from round_support import PEOPLE, new_meeting

from reviewdesk.cli import main
from reviewdesk.store.opening import open_portfolio


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.sqlite"
    with open_portfolio(path) as portfolio:
        new_meeting(portfolio)
    return path


def rate(db, person, question, value, capsys):
    """(exit code, stdout, stderr) of the command run in this process."""
    argv = ["rate", "1", "--person", person, "--question", question, "--value", value]
    try:
        code = main([*argv, "--db", str(db)])
    except SystemExit as exc:  # argparse refuses a value before anything is opened
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_without_a_round_the_rating_is_given_openly_and_counts(db, capsys):
    code, out, err = rate(db, "Ana Reyes", "trust.transparency", "2", capsys)
    assert (code, err) == (0, "")
    assert out == "Ana Reyes rated trust.transparency openly\n"
    assert rate(db, "Cem Aydın", "trust.transparency", "4", capsys)[0] == 0
    with open_portfolio(db, create=False) as portfolio:
        q = portfolio.meeting(1).section("trust").question("transparency")
    score = q.score("client")
    assert (score.mean, score.raters, score.low, score.high) == (3.0, 2, 2, 4)
    assert [(r.person, r.value, r.round) for r in q.ratings] == [
        ("Ana Reyes", 2, None),
        ("Cem Aydın", 4, None),
    ]


@pytest.mark.parametrize("anonymous", [False, True])
def test_a_rater_of_the_open_round_rates_in_it_unseen(db, capsys, anonymous):
    with open_portfolio(db, create=False) as portfolio:
        rid = portfolio.start_round(1, "trust", ["Ana Reyes", "Ben Cruz"], anonymous=anonymous)
    outs = []
    for person, value in (("Ana Reyes", "5"), ("Ben Cruz", "1")):
        code, out, err = rate(db, person, "trust.transparency", value, capsys)
        assert (code, err) == (0, "")
        outs.append(out)
    assert outs == [
        f"{p} rated trust.transparency in the private round (hidden until the reveal)\n"
        for p in ("Ana Reyes", "Ben Cruz")
    ]
    with open_portfolio(db, create=False) as portfolio:
        q = portfolio.meeting(1).section("trust").question("transparency")
        assert q.score("client") is None and q.score("provider") is None  # hidden
        assert all(r.hidden for r in q.ratings) and len(q.ratings) == 2
        portfolio.reveal_round(rid)
        q = portfolio.meeting(1).section("trust").question("transparency")
    assert (q.score("client").mean, q.score("provider").mean, q.has_gap) == (5, 1, True)
    conn = sqlite3.connect(db)
    try:
        named = conn.execute("SELECT person, value FROM person_rating ORDER BY value").fetchall()
        unnamed = conn.execute("SELECT * FROM anonymous_rating").fetchall()
    finally:
        conn.close()
    names = {p.name for p in PEOPLE}
    if anonymous:
        assert named == [] and sorted(row[4] for row in unnamed) == [1, 5]
        assert not any(v in names for row in unnamed for v in row)
    else:
        assert named == [("Ben Cruz", 1), ("Ana Reyes", 5)] and unnamed == []


def test_outside_the_round_or_after_ones_turn_the_rating_is_open(db, capsys):
    with open_portfolio(db, create=False) as portfolio:
        rid = portfolio.start_round(1, "trust", ["Ana Reyes"])
        portfolio.give_rating(rid, "Ana Reyes", "trust", "transparency", 2)
        portfolio.finish_rater(rid, "Ana Reyes")
    code, out, _ = rate(db, "Ana Reyes", "teamwork.balance", "3", capsys)
    assert code == 0 and out.endswith(" openly\n")  # not a question the round covers
    code, out, _ = rate(db, "Cem Aydın", "trust.transparency", "4", capsys)
    assert code == 0 and out.endswith(" openly\n")  # not one of its raters


@pytest.mark.parametrize(
    ("person", "question", "value", "message"),
    [
        ("Ana Reyes", "transparency", "3", "--question: 'transparency' is not SECTION.QUESTION"),
        ("Ana Reyes", "trust.", "3", "--question: 'trust.' is not SECTION.QUESTION"),
        ("Ana Reyes", "trust.transparency", "6", "'6' is not a rating from 1 to 5"),
        ("Ana Reyes", "trust.transparency", "2.5", "'2.5' is not a rating from 1 to 5"),
        ("Fay Lim", "trust.transparency", "3", "'Fay Lim' is not a client or provider attendee"),
        ("Nobody", "trust.transparency", "3", "'Nobody' is not a client or provider attendee"),
        ("Ana Reyes", "trust.nope", "3", "nope"),
        ("Ana Reyes", "nope.transparency", "3", "nope"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    db, capsys, person, question, value, message
):
    code, out, err = rate(db, person, question, value, capsys)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1
    with open_portfolio(db, create=False) as portfolio:
        meeting = portfolio.meeting(1)
    assert not any(q.ratings for s in meeting.sections for q in s.questions)


def test_rating_a_portfolio_that_does_not_exist_creates_nothing(tmp_path, capsys):
    missing = tmp_path / "none.sqlite"
    code, out, err = rate(missing, "Ana Reyes", "trust.transparency", "3", capsys)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
