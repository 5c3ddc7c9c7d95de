"""Format 2's private rating rounds and per-person ratings: reading them, and writing them."""

from __future__ import annotations

from typing import Any

from reviewdesk.record import limits
from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange import checks
from reviewdesk.record.model import (
    RATED_SIDES,
    RATING_MAX,
    RATING_MIN,
    Meeting,
    PersonRating,
    RatingRound,
)


def parse_rounds(raw: Any, meeting: Meeting) -> list[RatingRound]:
    sides = {p.name: p.side for p in meeting.participants}
    out = []
    items = checks.array(raw, "rounds")
    limits.check_count(len(items), limits.MAX_ROUNDS, "rating rounds", "rounds")
    for i, item in enumerate(items):
        w = f"rounds[{i}]"
        r = checks.obj(
            item, w, ["scope", "raters", "anonymous", "started_at"], ["revealed_at", "done"]
        )
        raters = [
            checks.text(n, f"{w}.raters[{j}]", nonblank=True)
            for j, n in enumerate(checks.array(r["raters"], f"{w}.raters"))
        ]
        checks.unique([(f"{w}.raters[{j}]", n) for j, n in enumerate(raters)], "rater")
        for j, name in enumerate(raters):
            if sides.get(name) not in RATED_SIDES:
                raise FormatError(
                    f"{w}.raters[{j}]",
                    f"{checks.describe(name)} is not a client or provider participant",
                )
        done = [
            checks.text(n, f"{w}.done[{j}]")
            for j, n in enumerate(checks.array(r.get("done", []), f"{w}.done"))
        ]
        for j, name in enumerate(done):
            if name not in raters:
                raise FormatError(
                    f"{w}.done[{j}]", f"{checks.describe(name)} is not one of the raters"
                )
        checks.unique([(f"{w}.done[{j}]", n) for j, n in enumerate(done)], "rater")
        revealed = r.get("revealed_at")
        out.append(
            RatingRound(
                scope=checks.text(r["scope"], f"{w}.scope"),
                raters=raters,
                anonymous=checks.boolean(r["anonymous"], f"{w}.anonymous"),
                started_at=checks.timestamp(r["started_at"], f"{w}.started_at"),
                started_at_text=r["started_at"],
                revealed_at=None
                if revealed is None
                else checks.timestamp(revealed, f"{w}.revealed_at"),
                revealed_at_text=revealed or "",
                done=done,
            )
        )
    if sum(not r.revealed for r in out) > 1:
        raise FormatError("rounds", "more than one round is not revealed yet")
    return out


def parse_person_ratings(raw: Any, where: str, meeting: Meeting) -> list[PersonRating]:
    sides = {p.name: p.side for p in meeting.participants}
    out: list[PersonRating] = []
    seen: set[tuple[int | None, str]] = set()
    for i, item in enumerate(checks.array(raw, where)):
        w = f"{where}[{i}]"
        r = checks.obj(item, w, ["side", "value", "given_at"], ["person", "round"])
        side = checks.choice(r["side"], f"{w}.side", RATED_SIDES)
        round_index = checks.integer(
            r.get("round"), f"{w}.round", 0, max(len(meeting.rounds) - 1, 0), nullable=True
        )
        if round_index is not None and not meeting.rounds:
            raise FormatError(f"{w}.round", "there is no round to refer to")
        person = r.get("person")
        anonymous = round_index is not None and meeting.rounds[round_index].anonymous
        if anonymous and person is not None:
            raise FormatError(f"{w}.person", "an anonymous round stores no name with a value")
        if not anonymous:
            if person is None:
                raise FormatError(
                    f"{w}.person", "missing (only an anonymous round's ratings have no name)"
                )
            person = checks.text(person, f"{w}.person", nonblank=True)
            if sides.get(person) != side:
                raise FormatError(
                    f"{w}.person", f"{checks.describe(person)} is not a {side} participant"
                )
            if round_index is not None and person not in meeting.rounds[round_index].raters:
                raise FormatError(
                    f"{w}.person",
                    f"{checks.describe(person)} is not a rater of round {round_index}",
                )
            if (round_index, person) in seen:
                raise FormatError(
                    f"{w}.person", f"{checks.describe(person)} rated this question twice"
                )
            seen.add((round_index, person))
        out.append(
            PersonRating(
                side=side,
                value=checks.integer(r["value"], f"{w}.value", RATING_MIN, RATING_MAX),
                given_at=checks.timestamp(r["given_at"], f"{w}.given_at"),
                given_at_text=r["given_at"],
                person=person,
                round=round_index,
            )
        )
    return out


def person_rating_doc(r: PersonRating) -> dict[str, Any]:
    doc: dict[str, Any] = {"side": r.side, "value": r.value, "given_at": r.given_at_iso}
    if r.person is not None:
        doc["person"] = r.person
    if r.round is not None:
        doc["round"] = r.round
    return doc


def round_doc(r: RatingRound) -> dict[str, Any]:
    return {
        "scope": r.scope,
        "raters": list(r.raters),
        "anonymous": r.anonymous,
        "started_at": r.started_at_text or r.started_at.isoformat(),
        "revealed_at": (r.revealed_at_text or r.revealed_at.isoformat()) if r.revealed_at else None,
        "done": list(r.done),
    }
