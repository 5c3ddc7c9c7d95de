"""The portfolio open in this process is never read as an input file nor written as an output:
reading it would open it outside SQLite (and drop SQLite's locks), writing would replace it."""

from __future__ import annotations

import os

import pytest
from factories import new_meeting, new_portfolio

from reviewdesk.app.export import export_json
from reviewdesk.app.importing import import_file
from reviewdesk.app.outputs import OutputRefused
from reviewdesk.app.verify import verify_pdf
from reviewdesk.record.errors import InputRefused
from reviewdesk.store import open_guard


@pytest.fixture
def guarded(tmp_path):
    """An open portfolio, with the window's guard on: any read of it would be refused loudly."""
    portfolio = new_portfolio(tmp_path)
    meeting_id = new_meeting(portfolio)
    os.link(portfolio.path, tmp_path / "hard-link.sqlite")
    open_guard.enforce()
    yield portfolio, meeting_id
    open_guard.stop_enforcing()
    portfolio.close()


def test_importing_the_open_portfolio_is_refused_unread(guarded, tmp_path):
    portfolio, _ = guarded
    before = len(open_guard.refusals())
    for name in (portfolio.path, tmp_path / "hard-link.sqlite", f"{portfolio.path}-wal"):
        with pytest.raises(InputRefused, match="open portfolio, not a meeting file"):
            import_file(portfolio, name)
    assert len(open_guard.refusals()) == before  # refused before anything tried to open it


def test_verifying_the_open_portfolio_as_minutes_is_refused_unread(guarded, tmp_path):
    portfolio, _ = guarded
    before = len(open_guard.refusals())
    with pytest.raises(InputRefused, match="open portfolio, not a PDF to verify"):
        verify_pdf(portfolio, tmp_path / "hard-link.sqlite")
    assert len(open_guard.refusals()) == before


def test_importing_service_levels_from_it_is_refused_unread(guarded):
    from reviewdesk.app.kpis import import_kpis

    portfolio, _ = guarded
    partnership = portfolio.partnerships()[0]
    before = len(open_guard.refusals())
    with pytest.raises(InputRefused, match="open portfolio, not a service-level file"):
        import_kpis(portfolio, portfolio.path, partnership.id)
    assert len(open_guard.refusals()) == before


def test_an_export_over_the_portfolio_under_another_name_is_refused(guarded, tmp_path):
    portfolio, meeting_id = guarded
    with pytest.raises(OutputRefused, match="portfolio's own file"):
        export_json(portfolio, meeting_id, tmp_path / "hard-link.sqlite")
    assert (tmp_path / "hard-link.sqlite").stat().st_ino == portfolio.path.stat().st_ino
