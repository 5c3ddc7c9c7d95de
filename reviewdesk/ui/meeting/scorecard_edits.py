"""The scorecard's and the register's edits, each an undoable step named for the Edit menu (as
``edits.py`` for the rest of the meeting): measures added, changed and removed from a review;
register entries raised, changed, deleted and linked to action items; typed texts saved through
:func:`measure_text_field` and :func:`register_text_field` with the one save-as-you-type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewdesk.app import kpis
from reviewdesk.record import scorecard_wording as words
from reviewdesk.record.errors import ReviewdeskError
from reviewdesk.record.scorecard import MEASURE_FIELDS, Measure, RegisterEntry
from reviewdesk.record.wording import NO_VALUE, side_text
from reviewdesk.store import rows
from reviewdesk.ui.meeting.commands import AddRows, Edit, RemoveRows
from reviewdesk.ui.meeting.edits import quoted
from reviewdesk.ui.meeting.session import Change, MeetingSession, TextField

MEASURE_WORDS = {
    "name": "name",
    "unit": "unit",
    "direction": "direction",
    "target": "target",
    "amber": "amber threshold",
    "side": "reported by",
    "description": "description",
    "section": "section",
    "value": "value",
    "note": "note",
}
REGISTER_WORDS = {
    "kind": "kind",
    "title": "title",
    "severity": "severity",
    "likelihood": "likelihood",
    "client_view": "client's view",
    "provider_view": "provider's view",
    "cause": "agreed cause",
    "next_step": "next step",
    "owner_side": "owner side",
    "status": "status",
    "agreed": "agreed note",
}


def measure_field_words(measure: Measure, name: str, value: Any) -> str:
    """A measure's field value in the window's words ('97.5%', 'Lower is better', 'Client')."""
    if name in ("value", "target", "amber"):
        return words.measure_value(value, measure.unit)
    if name == "direction":
        return words.direction_text(value)
    if name == "side":
        return side_text(value)
    return str(value) if value not in (None, "") else NO_VALUE


def register_field_words(name: str, value: Any) -> str:
    if name == "kind":
        return words.kind_text(value)
    if name == "severity":
        return words.severity_text(value)
    if name == "likelihood":
        return words.likelihood_text(value)
    if name == "status":
        return words.register_status_text(value)
    if name == "owner_side":
        return side_text(value)
    return str(value) if value not in (None, "") else NO_VALUE


def measure_of(session: MeetingSession, measure_id: int) -> Measure:
    return next(m for m in session.meeting.measures if m.id == measure_id)


def entry_of(session: MeetingSession, entry_id: int) -> RegisterEntry:
    return next(e for e in session.meeting.register if e.id == entry_id)


# ---- measures ------------------------------------------------------------------------------


def add_measure(session: MeetingSession, measure: Measure) -> int | None:
    """A new measure first recorded in this review; its id, or None when refused."""
    p, mid = session.portfolio, session.meeting_id
    edit = AddRows(
        session,
        Change.MEASURES,
        f"add measure {quoted(measure.name)}",
        "measure",
        lambda: p.add_measure(mid, measure),
    )
    return edit.row_id if session.push(edit) else None


def update_measure(session: MeetingSession, measure_id: int, **fields: Any) -> bool:
    """Some fields of this review's record of a measure ("value of “Accuracy” – → 97.5%")."""
    p, mid = session.portfolio, session.meeting_id
    measure = measure_of(session, measure_id)
    old = {name: getattr(measure, name) for name in fields}
    if old == fields:
        return True
    name = next(iter(fields))
    text = (
        f"{MEASURE_WORDS[name]} of {quoted(measure.name)} "
        f"{measure_field_words(measure, name, old[name])} → "
        f"{measure_field_words(measure, name, fields[name])}"
    )
    return session.push(
        Edit(
            session,
            Change.MEASURES,
            text,
            lambda: p.update_measure(mid, measure_id, **fields),
            lambda: p.update_measure(mid, measure_id, **old),
        )
    )


def remove_measure(session: MeetingSession, measure: Measure) -> bool:
    """Stop tracking a measure from this review on; undo brings back this review's record."""
    p, mid = session.portfolio, session.meeting_id
    assert measure.id is not None
    measure_id = measure.id
    try:
        taken = rows.take_state(p, "measure", measure_id, mid)
    except ReviewdeskError as exc:  # already gone (removed elsewhere)
        session.refused(str(exc))
        return False
    return session.push(
        Edit(
            session,
            Change.MEASURES,
            f"remove measure {quoted(measure.name)} from this review",
            lambda: p.remove_measure(mid, measure_id),
            lambda: rows.restore(p, mid, taken),
        )
    )


def measure_text_field(session: MeetingSession, measure_id: int, name: str) -> TextField:
    """A typed text of a measure (name, unit, description, note)."""
    p, mid = session.portfolio, session.meeting_id
    measure = measure_of(session, measure_id)
    return TextField(
        ("measure", measure_id, name),
        Change.MEASURES,
        f"{MEASURE_WORDS[name]} of measure {quoted(measure.name)}",
        lambda m: getattr(next(x for x in m.measures if x.id == measure_id), name),
        lambda text: p.update_measure(mid, measure_id, **{name: text}),
    )


# ---- register ------------------------------------------------------------------------------


def add_register_entry(session: MeetingSession, entry: RegisterEntry) -> int | None:
    """A new risk, issue or escalation raised in this review; its id, or None when refused."""
    p, mid = session.portfolio, session.meeting_id
    edit = AddRows(
        session,
        Change.REGISTER,
        f"raise {words.kind_text(entry.kind).lower()} {quoted(entry.title)}",
        "register_entry",
        lambda: p.add_register_entry(mid, entry),
    )
    return edit.row_id if session.push(edit) else None


def update_register_entry(session: MeetingSession, entry_id: int, **fields: Any) -> bool:
    """Some fields of this review's state of an entry ("status of “Backlog” Open → Closed")."""
    p, mid = session.portfolio, session.meeting_id
    entry = entry_of(session, entry_id)
    old = {name: getattr(entry, name) for name in fields}
    if old == fields:
        return True
    name = next(iter(fields))
    text = (
        f"{REGISTER_WORDS[name]} of {quoted(entry.title)} "
        f"{register_field_words(name, old[name])} → {register_field_words(name, fields[name])}"
    )
    return session.push(
        Edit(
            session,
            Change.REGISTER,
            text,
            lambda: p.update_register_entry(mid, entry_id, **fields),
            lambda: p.update_register_entry(mid, entry_id, **old),
        )
    )


def remove_register_entry(session: MeetingSession, entry: RegisterEntry) -> bool:
    """Delete an entry raised in this review (a carried one is closed instead)."""
    p, mid = session.portfolio, session.meeting_id
    assert entry.id is not None
    entry_id = entry.id
    try:
        edit = RemoveRows(
            session,
            Change.REGISTER,
            f"delete {words.kind_text(entry.kind).lower()} {quoted(entry.title)}",
            "register_entry",
            entry_id,
            lambda: p.remove_register_entry(mid, entry_id),
        )
    except ReviewdeskError as exc:
        session.refused(str(exc))
        return False
    return session.push(edit)


def link_action(
    session: MeetingSession, entry_id: int, action_id: int, text: str, linked: bool = True
) -> bool:
    """Tie an action item of this review to an entry as its next step (or untie it)."""
    p, mid = session.portfolio, session.meeting_id
    entry = entry_of(session, entry_id)
    verb = "link" if linked else "unlink"
    return session.push(
        Edit(
            session,
            Change.REGISTER,
            f"{verb} action {quoted(text)} {'to' if linked else 'from'} {quoted(entry.title)}",
            lambda: p.link_register_action(mid, entry_id, action_id, linked),
            lambda: p.link_register_action(mid, entry_id, action_id, not linked),
        )
    )


def register_text_field(session: MeetingSession, entry_id: int, name: str) -> TextField:
    """A typed text of an entry: its title, either side's view, the cause, next step, agreed."""
    p, mid = session.portfolio, session.meeting_id
    entry = entry_of(session, entry_id)
    return TextField(
        ("register", entry_id, name),
        Change.REGISTER,
        f"{REGISTER_WORDS[name]} of {quoted(entry.title)}",
        lambda m: getattr(next(e for e in m.register if e.id == entry_id), name),
        lambda text: p.update_register_entry(mid, entry_id, **{name: text}),
    )


# ---- values from a CSV file ----------------------------------------------------------------


class ImportValues(Edit):
    """Values (and new measures) from a CSV file into this review, as one step: undo takes the
    new measures away and puts every changed one back as it was; redo brings the same rows back."""

    def __init__(self, session: MeetingSession, source: str, parsed: list[kpis.KpiRow]):
        super().__init__(
            session, Change.MEASURES, f"import values from {source}", self._again, self._back
        )
        p, mid = session.portfolio, session.meeting_id
        self._import = lambda: kpis.write_kpis(
            p, session.meeting.partnership.id, parsed, source, mid
        )
        self.before = {m.id: m for m in session.meeting.measures}
        self.added: list[rows.Rows] = []
        self.after: dict[int, Measure] = {}

    def first(self) -> int:
        return self._import()

    def done(self, result: Any) -> None:
        p = self.session.portfolio
        now = {m.id: m for m in self.session.meeting.measures}
        self.added = [rows.take(p, "measure", i) for i in now if i not in self.before]
        self.after = {i: m for i, m in now.items() if i in self.before}

    def _set(self, measures: dict[int, Measure]) -> None:
        p, mid = self.session.portfolio, self.session.meeting_id
        for measure_id, m in measures.items():
            fields = {name: getattr(m, name) for name in MEASURE_FIELDS}
            p.update_measure(mid, measure_id, **fields)

    def _again(self) -> None:
        p, mid = self.session.portfolio, self.session.meeting_id
        with p.batch(mid):
            for taken in self.added:
                rows.put(p, mid, taken)
            self._set(self.after)

    def _back(self) -> None:
        p, mid = self.session.portfolio, self.session.meeting_id
        with p.batch(mid):
            for taken in self.added:
                rows.drop(p, mid, taken)
            self._set(self.before)


def import_values(session: MeetingSession, path: Path) -> tuple[int, str]:
    """Read a KPI file (``reviewdesk import-kpis`` columns) into this review as one undoable
    step: (values written, '') or (0, the refusal in plain words, naming the row)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return 0, f"{path.name}: cannot be read ({exc.strerror or exc})"
    try:
        parsed = kpis.parse_kpis(raw, path.name)
    except ReviewdeskError as exc:
        return 0, str(exc)
    edit = ImportValues(session, path.name, parsed)
    if not session.push(edit, alert=False):
        return 0, session.last_failure or f"{path.name}: not imported"
    return len(parsed), ""
