"""Before sign-off: what is still open in a review, in words the facilitator confirms.

The window lists these on the wrap-up and asks before locking; text typed in the window but not
added yet is the window's to add (the record does not know it).
"""

from __future__ import annotations

from reviewdesk.record.model import Meeting
from reviewdesk.record.rules import coverage
from reviewdesk.record.wording import listing, plural


def unrated_lines(meeting: Meeting) -> list[str]:
    """'Trust: 3 of 4 questions not rated by both sides', one per section with any."""
    out = []
    for section in meeting.sections:
        c = coverage([section])
        if c.partial:
            out.append(
                f"{section.title}: {c.unrated} of {plural(c.questions, 'question')} "
                "not rated by both sides"
            )
    return out


def signoff_checklist(meeting: Meeting) -> list[str]:
    """Everything a facilitator should see before locking the record ([] when nothing is open):
    unrated questions per section, attendees marked absent (who cannot sign), open actions
    without an owner or a due date, and a private round not revealed yet."""
    items = unrated_lines(meeting)
    absent = [p.name for p in meeting.participants if not p.present]
    if absent:
        verb = "is" if len(absent) == 1 else "are"
        items.append(f"{listing(absent)} {verb} marked absent and cannot sign")
    open_actions = [a for a in meeting.actions if a.status == "open"]
    no_owner = [a for a in open_actions if not a.owner.strip()]
    no_due = [a for a in open_actions if a.due is None]
    if no_owner:
        items.append(f"{plural(len(no_owner), 'open action')} without an owner")
    if no_due:
        items.append(f"{plural(len(no_due), 'open action')} without a due date")
    waiting = meeting.open_round()
    if waiting is not None:
        _index, rnd = waiting
        scope = meeting.section(rnd.scope).title if rnd.scope else "the whole agenda"
        items.append(f"the private round on {scope} is not revealed yet")
    return items
