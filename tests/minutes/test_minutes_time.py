"""Time spent per section is printed in the minutes, travels in the minutes context, and the
exported minutes still verify (re-rendered byte for byte)."""

from __future__ import annotations

from crafted import sample_portfolio
from minutes_support import all_text

from reviewdesk.app.export import export_minutes
from reviewdesk.cli import main
from reviewdesk.record.exchange.minutes_context import MinutesContext
from reviewdesk.store.opening import open_portfolio


def test_minutes_print_time_spent_and_verify(tmp_path, capsys):
    db = sample_portfolio(tmp_path)
    with open_portfolio(db) as portfolio:
        first, second, *rest = portfolio.meeting(4).sections
        portfolio.set_seconds_spent(4, first.key, 12 * 60 + 10)
        portfolio.set_seconds_spent(4, second.key, 65 * 60)
        context = portfolio.minutes_context(4)
        assert [s.seconds_spent for s in context.meeting.sections[:2]] == [730, 3900]
        again = MinutesContext.from_doc(context.to_doc())
        assert [s.seconds_spent for s in again.meeting.sections] == [730, 3900] + [0] * len(rest)
        pdf = tmp_path / "m4.pdf"
        export_minutes(portfolio, 4, pdf, key_folder=tmp_path / "keys")
    text = all_text(pdf.read_bytes(), tmp_path)

    def planned(section, spent: str) -> str:
        if section.timebox_minutes:
            return f"Time: {spent} of {section.timebox_minutes} planned"
        return f"Time: {spent}"

    assert planned(first, "12 min") in text
    assert planned(second, "1 h 05 min") in text
    assert text.count("Time: ") == 2  # a section without time says nothing of it
    assert "Meeting time: 1 h 17 min" in text

    code = main(["verify", str(pdf)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "exactly the signed bytes" in out
