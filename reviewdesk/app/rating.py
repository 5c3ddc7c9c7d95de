"""A person's rating from a script: into the open private round that covers the question (when
they are one of its raters), else given openly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewdesk.record.errors import InvalidValue

if TYPE_CHECKING:
    from reviewdesk.store.portfolio import Portfolio


def split_question(ref: str) -> tuple[str, str]:
    """'trust.transparency' → ('trust', 'transparency')."""
    section, dot, question = ref.partition(".")
    if not dot or not section or not question:
        raise InvalidValue(f"--question: {ref!r} is not SECTION.QUESTION")
    return section, question


def rate(portfolio: Portfolio, meeting_id: int, person: str, ref: str, value: int) -> str:
    """Record ``person``'s rating; says where it went ("in the private round" or "openly")."""
    section, question = split_question(ref)
    meeting = portfolio.meeting(meeting_id)
    found = meeting.open_round()
    if found is not None:
        _index, rnd = found
        if rnd.covers(section) and person in rnd.waiting:
            portfolio.give_rating(rnd.id, person, section, question, value)
            return "in the private round (hidden until the reveal)"
    portfolio.rate_openly(meeting_id, section, question, person, value)
    return "openly"
