"""The portfolio: one SQLite file of partnerships and meetings; every edit commits at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING

from reviewdesk.record import rules
from reviewdesk.record.errors import (
    NotFound,
)
from reviewdesk.record.model import (
    Action,
    Goal,
    Meeting,
    MeetingSummary,
    SearchHit,
)
from reviewdesk.store import queries, records, sizes
from reviewdesk.store.meetings import MeetingCommands
from reviewdesk.store.signing import SignoffCommands

if TYPE_CHECKING:
    from reviewdesk.record.analytics import History
    from reviewdesk.record.exchange.minutes_context import MinutesContext
    from reviewdesk.store import overview


class Portfolio(MeetingCommands, SignoffCommands):
    """An open portfolio file: reading here, writing in the command classes it is made of.

    Open one with :func:`reviewdesk.store.opening.open_portfolio`.
    """

    def meetings(self, partnership_id: int | None = None) -> list[MeetingSummary]:
        return queries.meeting_summaries(self.conn, partnership_id)

    def meeting(self, meeting_id: int) -> Meeting:
        """The whole meeting record, with the context the minutes need.

        A meeting beyond record.limits (written by hand into the file, or by an older version)
        is refused in one line (LimitReached) rather than loaded without bound.
        """
        sizes.check_meeting(self.conn, meeting_id)
        return records.load_meeting(self.conn, meeting_id)

    def meeting_status(self, meeting_id: int) -> str:
        row = self.conn.execute("SELECT status FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise NotFound(f"meeting {meeting_id}: no such meeting")
        return row[0]

    def carry_over_preview(self, partnership_id: int) -> tuple[list[Action], list[Goal]]:
        """What a new meeting of the partnership would start with: open actions, active goals."""
        return (
            rules.carry_over_actions(queries.latest_actions(self.conn, partnership_id)),
            rules.carry_over_goals(queries.latest_goals(self.conn, partnership_id)),
        )

    def partnership_overview(
        self,
    ) -> dict[int, tuple[int, dt.date, list[overview.ReviewScores]]]:
        """Per partnership id: (reviews, last date, averages of the last two rated reviews)."""
        from reviewdesk.store import overview  # the home page's figures: not every command's

        return overview.partnership_overview(self.conn)

    def open_action_counts(self, today: dt.date) -> dict[int, tuple[int, int]]:
        """Per partnership id: (open actions, overdue on ``today``), in one query."""
        from reviewdesk.store import overview

        return overview.open_action_counts(self.conn, today)

    def partnership_figures(
        self, today: dt.date, only: Collection[int] | None = None
    ) -> dict[int, overview.Figures]:
        """The home page's figures of every partnership (or only of some: index-driven)."""
        from reviewdesk.store import overview

        return overview.partnership_figures(self.conn, today, only)

    def search(self, text: str, limit: int | None = 200) -> list[SearchHit]:
        """Full-text search over notes, comments, decisions, actions and goals, newest first."""
        from reviewdesk.store import search  # not with every command that opens a file

        return search.search(self.conn, text, limit)

    def search_all(self, text: str) -> Iterator[SearchHit]:
        """Every match of :meth:`search`, one at a time (memory stays bounded)."""
        from reviewdesk.store import search

        return search.iter_search(self.conn, text)

    def history(self, partnership_id: int, upto_meeting_id: int | None = None) -> History:
        """The partnership's reviews (up to a meeting) as rows for trends and follow-through."""
        # the analytics load with the first history, not with every command that opens a file
        from reviewdesk.store.history import history

        return history(self.conn, partnership_id, upto_meeting_id)

    def minutes_context(self, meeting_id: int, paper: str = "a4") -> MinutesContext:
        """Everything the PDF minutes of a meeting print, as they stand now: the record with its
        context, the partnership's history up to it, and the paper. Export renders it; verify
        builds it again and compares the render with the PDF. The ratings of a round not
        revealed yet are left out: the minutes carry their record, which anyone may read."""
        from reviewdesk.record.exchange.minutes_context import MinutesContext

        meeting = self.meeting(meeting_id).without_unrevealed()
        history = self.history(meeting.partnership.id, upto_meeting_id=meeting_id)
        return MinutesContext(meeting, history, paper)

    def minutes_record(self, meeting_id: int) -> tuple[Meeting, History]:
        """The meeting and its partnership's history so far (see :meth:`minutes_context`)."""
        context = self.minutes_context(meeting_id)
        assert context.history is not None
        return context.meeting, context.history

    def quick_check(self) -> str:
        """SQLite's quick page check: 'ok', or what is wrong."""
        rows = self.conn.execute("PRAGMA quick_check").fetchall()
        return "; ".join(r[0] for r in rows)

    def make_read_only(self, notice: str) -> None:
        """Refuse every further edit (e.g. after a failed check), saying why."""
        self.readonly, self.notice = True, notice

    def integrity_check(self) -> str:
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(r[0] for r in rows)
