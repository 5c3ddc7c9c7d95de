"""Every edit a page makes to the open meeting, as an undoable step with words for the Edit menu.

A page calls one of these instead of the store: the edit is written at once through the session,
goes on the session's undo stack when it reached the file, and is named for "Undo …".
Typed text is saved through :func:`text_field` targets and :meth:`MeetingSession.save_text`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reviewdesk.record import wording
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.model import Action, Goal, Meeting, Participant
from reviewdesk.ui.meeting.commands import AddRows, Edit, RemoveRows
from reviewdesk.ui.meeting.session import Change, MeetingSession, TextField

QUOTE_CHARS = 40  # longer texts are cut with "…" in the Edit menu and the status bar

GOAL_TEXT_WORDS = {
    "title": "title",
    "specific": "specific",
    "measure": "measure",
    "baseline": "baseline",
    "target": "target",
    "current": "current value",
    "achievable": "achievable",
    "relevant": "relevant",
}
GOAL_CHOICE_WORDS = {"due": "due date", "owner_side": "owner side", "status": "status"}
ACTION_WORDS = {"text": "text", "owner": "owner", "side": "side", "due": "due date"}


def quoted(text: str) -> str:
    """ "“text”", cut to a menu's length."""
    one_line = " ".join(text.split())
    if len(one_line) > QUOTE_CHARS:
        one_line = one_line[: QUOTE_CHARS - 1].rstrip() + "…"
    return f"“{one_line}”"


def value_words(field: str, value: Any) -> str:
    """A stored value in the words the window uses for it."""
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.date):
        return wording.date_short(value)
    if field in ("status",):
        return wording.status_text(value)
    if field in ("side", "owner_side"):
        return wording.side_text(value)
    return str(value)


# ---- ratings -----------------------------------------------------------------------------


def rate(
    session: MeetingSession, section_key: str, question_key: str, side: str, value: int | None
) -> bool:
    """One side's rating of a question ("Client rating 5 → 2")."""
    old = session.meeting.section(section_key).question(question_key).rating(side)
    if old == value:
        return True
    p, mid = session.portfolio, session.meeting_id
    text = (
        f"{wording.side_text(side)} rating "
        f"{wording.rating_text(old)} → {wording.rating_text(value)}"
    )
    return session.push(
        Edit(
            session,
            Change.RATINGS,
            text,
            lambda: p.set_rating(mid, section_key, question_key, side, value),
            lambda: p.set_rating(mid, section_key, question_key, side, old),
        )
    )


# ---- typed text --------------------------------------------------------------------------


def notes_field(session: MeetingSession, section_key: str) -> TextField:
    p, mid = session.portfolio, session.meeting_id
    title = session.meeting.section(section_key).title
    return TextField(
        ("notes", section_key),
        Change.NOTES,
        f"notes of {title}",
        lambda m: m.section(section_key).notes,
        lambda text: p.set_notes(mid, section_key, text),
    )


def comment_field(session: MeetingSession, section_key: str, question_key: str) -> TextField:
    p, mid = session.portfolio, session.meeting_id
    question = session.meeting.section(section_key).question(question_key)
    return TextField(
        ("comment", section_key, question_key),
        Change.COMMENTS,
        f"comment on {quoted(question.text)}",
        lambda m: m.section(section_key).question(question_key).comment,
        lambda text: p.set_comment(mid, section_key, question_key, text),
    )


def goal_text_field(session: MeetingSession, goal_id: int, name: str) -> TextField:
    """One text of a goal's review (title, measure, …)."""
    p, mid = session.portfolio, session.meeting_id
    goal = _goal(session.meeting, goal_id)
    return TextField(
        ("goal", goal_id, name),
        Change.GOALS,
        f"{GOAL_TEXT_WORDS[name]} of goal {quoted(goal.title)}",
        lambda m: getattr(_goal(m, goal_id), name),
        lambda text: p.update_goal(mid, goal_id, **{name: text}),
    )


def attendee_role_field(session: MeetingSession, name: str) -> TextField:
    """An attendee's role, typed on the Attendees step."""
    p, mid = session.portfolio, session.meeting_id

    def read(m: Meeting) -> str:
        person = m.participant(name)
        return person.role if person else ""

    return TextField(
        ("role", name),
        Change.ATTENDEES,
        f"role of {name}",
        read,
        lambda text: p.update_participant(mid, name, role=text),
    )


# ---- decisions ---------------------------------------------------------------------------


def add_decision(session: MeetingSession, section_key: str, text: str) -> bool:
    p, mid = session.portfolio, session.meeting_id
    return session.push(
        AddRows(
            session,
            Change.DECISIONS,
            f"add decision {quoted(text)}",
            "decision",
            lambda: p.add_decision(mid, section_key, text),
        )
    )


def edit_decision(session: MeetingSession, decision_id: int, old: str, new: str) -> bool:
    p = session.portfolio
    return session.push(
        Edit(
            session,
            Change.DECISIONS,
            f"edit decision {quoted(old)}",
            lambda: p.update_decision(decision_id, new),
            lambda: p.update_decision(decision_id, old),
        )
    )


def remove_decision(session: MeetingSession, decision_id: int, text: str) -> bool:
    p = session.portfolio
    return _push_removal(
        session,
        Change.DECISIONS,
        f"remove decision {quoted(text)}",
        "decision",
        decision_id,
        lambda: p.remove_decision(decision_id),
    )


# ---- attendees ---------------------------------------------------------------------------


def set_present(session: MeetingSession, name: str, present: bool) -> bool:
    p, mid = session.portfolio, session.meeting_id
    return session.push(
        Edit(
            session,
            Change.ATTENDEES,
            f"mark {name} {'present' if present else 'absent'}",
            lambda: p.set_present(mid, name, present),
            lambda: p.set_present(mid, name, not present),
        )
    )


def add_attendee(session: MeetingSession, person: Participant) -> bool:
    p, mid = session.portfolio, session.meeting_id
    before = list(session.meeting.participants)
    after = [*before, person]
    return session.push(
        Edit(
            session,
            Change.ATTENDEES,
            f"add attendee {person.name}",
            lambda: p.set_participants(mid, after),
            lambda: p.set_participants(mid, before),
        )
    )


def update_attendee(session: MeetingSession, name: str, **fields: str) -> bool:
    """An attendee's side or role ("Ana Reyes side Client → Provider")."""
    p, mid = session.portfolio, session.meeting_id
    person = session.meeting.participant(name)
    if person is None:
        session.refused(f"attendee {name}: no longer listed")
        return False
    old = {key: getattr(person, key) for key in fields}
    if old == fields:
        return True
    key = next(iter(fields))
    return session.push(
        Edit(
            session,
            Change.ATTENDEES,
            f"{name} {key} {value_words(key, old[key])} → {value_words(key, fields[key])}",
            lambda: p.update_participant(mid, name, **fields),
            lambda: p.update_participant(mid, name, **old),
        )
    )


def rename_attendee(session: MeetingSession, name: str, new_name: str) -> bool:
    """Correct an attendee's name (the actions they own on this review follow)."""
    p, mid = session.portfolio, session.meeting_id
    new_name = new_name.strip()
    if new_name == name:
        return True
    return session.push(
        Edit(
            session,
            Change.ATTENDEES,
            f"rename attendee {name} → {new_name}",
            lambda: p.rename_participant(mid, name, new_name),
            lambda: p.rename_participant(mid, new_name, name),
        )
    )


def remove_attendee(session: MeetingSession, name: str) -> bool:
    """Take someone off the list; undo puts them back where they were, present or absent."""
    p, mid = session.portfolio, session.meeting_id
    before = list(session.meeting.participants)
    return session.push(
        Edit(
            session,
            Change.ATTENDEES,
            f"remove attendee {name}",
            lambda: p.remove_participant(mid, name),
            lambda: p.set_participants(mid, before),
        )
    )


# ---- goals -------------------------------------------------------------------------------


def add_goal(session: MeetingSession, goal: Goal) -> int | None:
    """A new goal on this review; its id, or None when refused."""
    p, mid = session.portfolio, session.meeting_id
    edit = AddRows(
        session,
        Change.GOALS,
        f"add goal {quoted(goal.title)}",
        "goal",
        lambda: p.add_goal(mid, goal),
    )
    return _added_id(session, edit)


def update_goal(session: MeetingSession, goal_id: int, **fields: Any) -> bool:
    """A goal's due date, owner side or status (typed texts go through goal_text_field)."""
    p, mid = session.portfolio, session.meeting_id
    goal = _goal(session.meeting, goal_id)
    old = {name: getattr(goal, name) for name in fields}
    if old == fields:
        return True
    (name, value), *more = fields.items()
    what = f"goal {GOAL_CHOICE_WORDS.get(name, GOAL_TEXT_WORDS.get(name, name))}"
    words = (what, value_words(name, old[name]), value_words(name, value))
    return session.push(
        Edit(
            session,
            Change.GOALS,
            f"{what} {words[1]} → {words[2]}" if not more else f"edit goal {quoted(goal.title)}",
            lambda: p.update_goal(mid, goal_id, **fields),
            lambda: p.update_goal(mid, goal_id, **old),
            merge_key=("goal due", goal_id) if fields.keys() == {"due"} else None,  # typed
            words=None if more else words,
        )
    )


# ---- actions -----------------------------------------------------------------------------


def add_action(session: MeetingSession, action: Action) -> int | None:
    """A new action raised in this review; its id, or None when refused."""
    p, mid = session.portfolio, session.meeting_id
    edit = AddRows(
        session,
        Change.ACTIONS,
        f"add action {quoted(action.text)}",
        "action",
        lambda: p.add_action(mid, action),
    )
    return _added_id(session, edit)


def update_action(session: MeetingSession, action_id: int, **fields: Any) -> bool:
    """Some fields of an action on this review ("action owner – → Ana Reyes")."""
    p, mid = session.portfolio, session.meeting_id
    action = next(a for a in session.meeting.actions if a.id == action_id)
    old = {name: getattr(action, name) for name in fields}
    if old == fields:
        return True
    first = next(iter(fields))
    text = (
        f"action {ACTION_WORDS.get(first, first)} "
        f"{value_words(first, old[first])} → {value_words(first, fields[first])}"
    )
    if first == "text":
        text = f"edit action {quoted(action.text)}"
    return session.push(
        Edit(
            session,
            Change.ACTIONS,
            text,
            lambda: p.update_action(mid, action_id, **fields),
            lambda: p.update_action(mid, action_id, **old),
        )
    )


def remove_action(session: MeetingSession, action: Action) -> bool:
    p, mid = session.portfolio, session.meeting_id
    assert action.id is not None
    action_id = action.id
    return _push_removal(
        session,
        Change.ACTIONS,
        f"remove action {quoted(action.text)}",
        "action",
        action_id,
        lambda: p.remove_action(mid, action_id),
    )


# ---- helpers -----------------------------------------------------------------------------


def _goal(meeting: Meeting, goal_id: int) -> Goal:
    return next(g for g in meeting.goals if g.id == goal_id)


def _added_id(session: MeetingSession, edit: AddRows) -> int | None:
    return edit.row_id if session.push(edit) else None


def _push_removal(
    session: MeetingSession, change: Change, text: str, table: str, row_id: int, remove: Any
) -> bool:
    try:
        edit = RemoveRows(session, change, text, table, row_id, remove)
    except ReviewdeskError as exc:  # already gone (removed elsewhere)
        session.refused(str(exc))
        return False
    return session.push(edit)
