"""Private rating rounds: people rate unseen, one at a time; nothing shows until the reveal.

A rating of an anonymous round is stored with its side, value and time only (to the minute),
under a random key; which rater answered which question is kept apart without the value, so
a round interrupted by a crash resumes where it was.
"""

from __future__ import annotations

import datetime as dt

from reviewdesk.record.errors import InvalidValue, NotFound
from reviewdesk.record.model import RATED_SIDES, PersonRating, RatingRound
from reviewdesk.record.rules import check_rating
from reviewdesk.store.base import PortfolioBase, utc_now
from reviewdesk.store.scores import refresh_scores


def _token() -> str:
    """A random key for an anonymous rating (secrets loads on first use: 10 ms)."""
    import secrets

    return secrets.token_hex(16)


class RoundCommands(PortfolioBase):
    # ---- the round's life ---------------------------------------------------------------

    def start_round(
        self,
        meeting_id: int,
        scope: str,
        raters: list[str],
        *,
        anonymous: bool = False,
        at: dt.datetime | None = None,
    ) -> int:
        """Start a private round over a section (``scope`` its key) or the whole agenda ("")."""
        if not raters:
            raise InvalidValue("raters: choose at least one person")
        if len(set(raters)) != len(raters):
            raise InvalidValue("raters: a person is chosen twice")
        with self._write(meeting_id):
            if scope:
                self._section_id(meeting_id, scope)  # NotFound names it
            sides = self._attendee_sides(meeting_id)
            for name in raters:
                if sides.get(name) not in RATED_SIDES:
                    raise InvalidValue(f"raters: {name!r} is not a client or provider attendee")
            if self.conn.execute(
                "SELECT 1 FROM rating_round WHERE meeting_id = ? AND revealed_at IS NULL",
                (meeting_id,),
            ).fetchone():
                raise InvalidValue("a private round is still open: reveal it first")
            (pos,) = self.conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM rating_round WHERE meeting_id = ?",
                (meeting_id,),
            ).fetchone()
            round_id = self._insert(
                "rating_round",
                meeting_id=meeting_id,
                position=pos,
                scope=scope,
                anonymous=int(anonymous),
                started_at=(at or utc_now()).isoformat(),
            )
            for i, name in enumerate(raters):
                self._insert("round_rater", round_id=round_id, position=i, name=name)
            self._check_size(meeting_id)
        return round_id

    def give_rating(
        self,
        round_id: int,
        person: str,
        section_key: str,
        question_key: str,
        value: int | None,
        *,
        token: str | None = None,
        at: dt.datetime | None = None,
    ) -> str | None:
        """``person``'s rating in the round (None: skipped). Saved at once, like every edit.

        In an anonymous round the value is stored without the name; the returned key lets the
        same person change it while it is their turn (pass it back as ``token``).
        """
        meeting_id, scope, anonymous, revealed = self._round(round_id)
        side = self._rater_side(round_id, meeting_id, person)
        if value is not None:
            check_rating(side, value)
        if scope and scope != section_key:
            raise InvalidValue(f"this round covers {scope!r}, not {section_key!r}")
        at = at or utc_now()
        with self._write(meeting_id):
            if revealed and self._is_done(round_id, person):
                raise InvalidValue(f"{person} has finished this round, which is revealed")
            qid = self._question_id(meeting_id, section_key, question_key)
            self.conn.execute(
                "INSERT OR IGNORE INTO round_answered (round_id, name, question_id) "
                "VALUES (?, ?, ?)",
                (round_id, person, qid),
            )
            if anonymous:
                token = self._anonymous_value(round_id, qid, side, value, at, token)
            else:
                self.conn.execute(
                    "DELETE FROM person_rating WHERE question_id = ? AND round_id = ? "
                    "AND person = ?",
                    (qid, round_id, person),
                )
                if value is not None:
                    self._insert(
                        "person_rating",
                        question_id=qid,
                        round_id=round_id,
                        person=person,
                        side=side,
                        value=value,
                        given_at=at.isoformat(),
                    )
            self._refresh_scores("q.id = ?", (qid,))  # counts once the round is revealed
            self._check_size(meeting_id)
        return token if anonymous else None

    def _anonymous_value(
        self,
        round_id: int,
        qid: int,
        side: str,
        value: int | None,
        at: dt.datetime,
        token: str | None,
    ) -> str | None:
        if token is not None:
            self.conn.execute(
                "DELETE FROM anonymous_rating WHERE token = ? AND round_id = ?", (token, round_id)
            )
        if value is None:
            return None
        token = _token()
        self.conn.execute(
            "INSERT INTO anonymous_rating (token, question_id, round_id, side, value, given_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (token, qid, round_id, side, value, _to_the_minute(at)),
        )
        return token

    def finish_rater(self, round_id: int, person: str) -> None:
        """``person`` passes the laptop on: their answers are hidden from now on."""
        meeting_id, *_ = self._round(round_id)
        self._rater_side(round_id, meeting_id, person)
        with self._write(meeting_id):
            self.conn.execute(
                "UPDATE round_rater SET done = 1 WHERE round_id = ? AND name = ?",
                (round_id, person),
            )

    def reveal_round(self, round_id: int, at: dt.datetime | None = None) -> None:
        """Show every score of the round at once (the facilitator's decision)."""
        meeting_id, _scope, _anonymous, revealed = self._round(round_id)
        if revealed:
            raise InvalidValue("this round is already revealed")
        with self._write(meeting_id):
            self.conn.execute(
                "UPDATE rating_round SET revealed_at = ? WHERE id = ?",
                ((at or utc_now()).isoformat(), round_id),
            )
            self._refresh_meeting_scores(meeting_id)

    def reopen_round_for(self, round_id: int, person: str) -> None:
        """Let one more person (late, or not finished) rate a revealed round, unseen."""
        meeting_id, _scope, _anonymous, revealed = self._round(round_id)
        if not revealed:
            raise InvalidValue("the round is still open: hand the laptop on instead")
        with self._write(meeting_id):
            if self._attendee_sides(meeting_id).get(person) not in RATED_SIDES:
                raise InvalidValue(f"{person!r} is not a client or provider attendee")
            row = self.conn.execute(
                "SELECT done FROM round_rater WHERE round_id = ? AND name = ?", (round_id, person)
            ).fetchone()
            if row is None:
                (pos,) = self.conn.execute(
                    "SELECT COALESCE(MAX(position) + 1, 0) FROM round_rater WHERE round_id = ?",
                    (round_id,),
                ).fetchone()
                self._insert("round_rater", round_id=round_id, position=pos, name=person)
                # an anonymous round's values now may stand for one more person
                self._refresh_meeting_scores(meeting_id)
            elif row[0]:
                raise InvalidValue(f"{person} has already rated in this round")

    def rate_openly(
        self,
        meeting_id: int,
        section_key: str,
        question_key: str,
        person: str,
        value: int | None,
        at: dt.datetime | None = None,
    ) -> None:
        """A person's own rating given in the open (not in a round); None removes it."""
        with self._write(meeting_id):
            side = self._attendee_sides(meeting_id).get(person)
            if side not in RATED_SIDES:
                raise InvalidValue(f"person: {person!r} is not a client or provider attendee")
            if value is not None:
                check_rating(side, value)
            qid = self._question_id(meeting_id, section_key, question_key)
            self.conn.execute(
                "DELETE FROM person_rating WHERE question_id = ? AND round_id IS NULL "
                "AND person = ?",
                (qid, person),
            )
            if value is not None:
                self._insert(
                    "person_rating",
                    question_id=qid,
                    round_id=None,
                    person=person,
                    side=side,
                    value=value,
                    given_at=(at or utc_now()).isoformat(),
                )
            self._refresh_scores("q.id = ?", (qid,))
            self._check_size(meeting_id)

    def _refresh_scores(self, where: str, params: tuple) -> None:
        """Recompute the people's means of the questions ``where`` (on ``q``) picks."""
        refresh_scores(self.conn, where, params)

    def _refresh_meeting_scores(self, meeting_id: int) -> None:
        self._refresh_scores(
            "q.section_id IN (SELECT id FROM section WHERE meeting_id = ?)", (meeting_id,)
        )

    # ---- reading -----------------------------------------------------------------------

    def answered_in_round(self, round_id: int, person: str) -> set[tuple[str, str]]:
        """(section key, question key) of what ``person`` answered or skipped in the round."""
        return {
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT s.key, q.key FROM round_answered a JOIN question q ON q.id = a.question_id "
                "JOIN section s ON s.id = q.section_id WHERE a.round_id = ? AND a.name = ?",
                (round_id, person),
            )
        }

    def own_ratings_in_round(self, round_id: int, person: str) -> dict[tuple[str, str], int]:
        """A named round's values of one person (their own turn shows them their answers)."""
        return {
            (r[0], r[1]): r[2]
            for r in self.conn.execute(
                "SELECT s.key, q.key, p.value FROM person_rating p "
                "JOIN question q ON q.id = p.question_id JOIN section s ON s.id = q.section_id "
                "WHERE p.round_id = ? AND p.person = ?",
                (round_id, person),
            )
        }

    # ---- helpers -----------------------------------------------------------------------

    def _round(self, round_id: int) -> tuple[int, str, bool, bool]:
        row = self.conn.execute(
            "SELECT meeting_id, scope, anonymous, revealed_at IS NOT NULL FROM rating_round "
            "WHERE id = ?",
            (round_id,),
        ).fetchone()
        if row is None:
            raise NotFound(f"round {round_id}: no such round")
        return row[0], row[1], bool(row[2]), bool(row[3])

    def _attendee_sides(self, meeting_id: int) -> dict[str, str]:
        return dict(
            self.conn.execute(
                "SELECT name, side FROM participant WHERE meeting_id = ?", (meeting_id,)
            ).fetchall()
        )

    def _rater_side(self, round_id: int, meeting_id: int, person: str) -> str:
        if not self.conn.execute(
            "SELECT 1 FROM round_rater WHERE round_id = ? AND name = ?", (round_id, person)
        ).fetchone():
            raise InvalidValue(f"{person!r} is not a rater of this round")
        side = self._attendee_sides(meeting_id).get(person)
        if side not in RATED_SIDES:
            raise InvalidValue(f"{person!r} is not a client or provider attendee")
        return side

    def _is_done(self, round_id: int, person: str) -> bool:
        row = self.conn.execute(
            "SELECT done FROM round_rater WHERE round_id = ? AND name = ?", (round_id, person)
        ).fetchone()
        return bool(row and row[0])

    def _insert_rounds(self, meeting_id: int, rounds: list[RatingRound]) -> list[int]:
        ids = []
        for pos, r in enumerate(rounds):
            round_id = self._insert(
                "rating_round",
                meeting_id=meeting_id,
                position=pos,
                scope=r.scope,
                anonymous=int(r.anonymous),
                started_at=r.started_at_text or r.started_at.isoformat(),
                revealed_at=(r.revealed_at_text or r.revealed_at.isoformat())
                if r.revealed_at
                else None,
            )
            for i, name in enumerate(r.raters):
                self._insert(
                    "round_rater",
                    round_id=round_id,
                    position=i,
                    name=name,
                    done=int(name in r.done),
                )
            ids.append(round_id)
        return ids

    def _insert_person_ratings(
        self, question_id: int, ratings: list[PersonRating], round_ids: list[int]
    ) -> None:
        for pos, r in enumerate(ratings):
            round_id = None if r.round is None else round_ids[r.round]
            when = r.given_at_iso
            if r.person is None:  # anonymous: no name; the file's order is kept
                self.conn.execute(
                    "INSERT INTO anonymous_rating (token, question_id, round_id, side, value, "
                    "given_at, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (_token(), question_id, round_id, r.side, r.value, when, pos),
                )
            else:
                self._insert(
                    "person_rating",
                    question_id=question_id,
                    round_id=round_id,
                    person=r.person,
                    side=r.side,
                    value=r.value,
                    given_at=when,
                    position=pos,
                )


def _to_the_minute(moment: dt.datetime) -> str:
    """An anonymous rating's time, to the minute: seconds would help tell raters apart."""
    return moment.replace(second=0, microsecond=0).isoformat()
