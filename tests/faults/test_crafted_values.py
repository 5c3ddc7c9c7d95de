"""Values the schema forbids, written around reviewdesk: one line naming the row, never a
traceback, never markup in a PDF, never "OK" from verify (issue 10 §6)."""

from __future__ import annotations

import re
import sqlite3

import pytest
from crafted import CASES, ROUNDS_MEETING, TARGET, Case, copy_of, craft, sample_portfolio

from reviewdesk.cli import main


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    path = sample_portfolio(folder)
    pdfs = {}
    for meeting_id in (TARGET, ROUNDS_MEETING):
        pdfs[meeting_id] = folder / f"clean-{meeting_id}.pdf"
        assert (
            main(["export", str(meeting_id), "-o", str(pdfs[meeting_id]), "--db", str(path)]) == 0
        )
    return path, pdfs


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def images(pdf: bytes) -> int:
    return len(re.findall(rb"/Subtype /Image", pdf))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_crafted_value_is_one_line_naming_its_row(case: Case, sample, tmp_path, capsys):
    clean, clean_pdfs = sample
    path = copy_of(clean, tmp_path)
    expected = craft(path, case)
    db = ("--db", str(path))

    target = str(case.target)
    for command in (("dump", target), ("export", target, "-o", str(tmp_path / "x.pdf"))):
        code, out, err = run(capsys, *command, *db)
        assert code == 2, (command, out, err)
        assert one_line(err).startswith(f"{command[0]}: {expected}"), err
        assert "\x1b" not in err
    assert not (tmp_path / "x.pdf").exists()

    code, out, err = run(capsys, "verify", str(clean_pdfs[case.target]), *db)
    assert code in (1, 2) and not out and one_line(err)

    code, out, err = run(capsys, "list", *db)
    if code:
        assert code == 2 and one_line(err).startswith(f"list: {expected}"), err
    else:
        assert out.count("\n") == 4 and not err

    for word in ("the", "scanner"):
        code, out, err = run(capsys, "search", word, "--limit", "0", *db)
        assert code in (0, 2), err
        if code:
            one_line(err)


def test_markup_in_a_goal_status_never_reaches_a_pdf(sample, tmp_path, capsys):
    """The attack of issue 10 §6: the status was rendered as markup (a local picture, a link)."""
    clean, _ = sample
    path = copy_of(clean, tmp_path)
    expected = craft(path, CASES[0])
    target = tmp_path / "m.pdf"
    code, _, err = run(capsys, "export", str(TARGET), "-o", str(target), "--db", str(path))
    assert code == 2 and expected in err and not target.exists()
    # the other meetings still export, with only their drawn signatures as pictures
    code, _, err = run(capsys, "export", "2", "-o", str(target), "--db", str(path))
    assert code == 0, err
    data = target.read_bytes()
    code, _, err = run(capsys, "export", "2", "-o", str(tmp_path / "c.pdf"), "--db", str(clean))
    assert code == 0, err
    assert b"/URI" not in data and images(data) == images((tmp_path / "c.pdf").read_bytes())


def test_text_that_is_not_utf8_is_named_by_row(sample, tmp_path, capsys):
    clean, _ = sample
    path = copy_of(clean, tmp_path)
    expected = craft(path, Case("section", "notes", "CAST(X'FF' AS TEXT)"))
    code, _, err = run(capsys, "dump", str(TARGET), "--db", str(path))
    assert code == 2 and one_line(err) == f"dump: {expected}is text that is not valid UTF-8"


def test_a_damaged_search_index_is_one_line(sample, tmp_path, capsys):
    clean, _ = sample
    path = copy_of(clean, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE section_fts_data SET block = X'0000FFFF00FF' WHERE id > 10")
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "search", "plan", "--db", str(path))
    assert code == 2 and "search index" in one_line(err) and not out
    code, _, err = run(capsys, "dump", str(TARGET), "--db", str(path))
    assert code == 0, err  # the record itself is not affected


def test_a_match_in_a_row_whose_meeting_is_gone_is_one_line(sample, tmp_path, capsys):
    clean, _ = sample
    path = copy_of(clean, tmp_path)
    conn = sqlite3.connect(path)
    (section_id,) = conn.execute(
        "SELECT MIN(id) FROM section WHERE meeting_id = ? AND notes != ''", (TARGET,)
    ).fetchone()
    conn.execute("UPDATE section SET meeting_id = 999999 WHERE id = ?", (section_id,))
    word = conn.execute("SELECT notes FROM section WHERE id = ?", (section_id,)).fetchone()[0]
    conn.commit()
    conn.close()
    code, out, err = run(capsys, "search", word.split()[0], "--limit", "0", "--db", str(path))
    assert code == 2 and one_line(err) == (
        f"search: section {section_id}: its meeting 999999 does not exist"
    )


def test_a_bad_reopening_is_named(sample, tmp_path, capsys):
    clean, _ = sample
    path = copy_of(clean, tmp_path)
    conn = sqlite3.connect(path)
    for when, voided in (("'yesterday'", "'[]'"), ("'2026-10-01T10:00:00+00:00'", "'nope'")):
        conn.execute("DELETE FROM reopening")
        cur = conn.execute(
            "INSERT INTO reopening (meeting_id, reopened_at, reason, voided) "
            f"VALUES (?, {when}, 'typo', {voided})",
            (TARGET,),
        )
        conn.commit()
        code, _, err = run(capsys, "dump", str(TARGET), "--db", str(path))
        column = "reopened_at" if "yesterday" in when else "voided"
        assert code == 2 and one_line(err).startswith(f"dump: reopening {cur.lastrowid}: {column}")
    conn.close()


@pytest.mark.parametrize("value", ["9.5", "'high'", "0"])
def test_a_crafted_side_score_is_named_where_it_is_shown(sample, tmp_path, capsys, value):
    """question_score holds each side's mean of people's ratings (kept by the store): the lists
    and the minutes' history show it; the record itself (dump) does not depend on it."""
    clean, _ = sample
    path = copy_of(clean, tmp_path)
    expected = craft(
        path,
        Case("question_score", "client", value, "1 = 1", key="question_id", meeting=4),
    )
    db = ("--db", str(path))
    for command in (("list",), ("export", "4", "-o", str(tmp_path / "x.pdf"))):
        code, out, err = run(capsys, *command, *db)
        assert code == 2 and one_line(err).startswith(f"{command[0]}: {expected}"), err
    code, out, err = run(capsys, "dump", "4", *db)
    assert code == 0 and not err
