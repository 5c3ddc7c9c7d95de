"""The ``reviewdesk.meeting`` exchange format: validate JSON into a Meeting, and back.

Version 2 adds per-person ratings and private rating rounds; a version 1 file reads as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reviewdesk.record import limits
from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange import checks
from reviewdesk.record.exchange.png import decode_base64, signature_problem
from reviewdesk.record.exchange.rounds_format import (
    parse_person_ratings,
    parse_rounds,
    person_rating_doc,
    round_doc,
)
from reviewdesk.record.exchange.scorecard_format import (
    measure_doc,
    parse_cadence,
    parse_measures,
    parse_register,
    register_doc,
)
from reviewdesk.record.model import (
    ACTION_STATUSES,
    GOAL_FIELDS,
    GOAL_STATUSES,
    OWNER_SIDES,
    RATING_MAX,
    RATING_MIN,
    SIDES,
    Action,
    Decision,
    Goal,
    Meeting,
    Participant,
    Partnership,
    Question,
    Section,
    Signature,
)
from reviewdesk.record.rules import check_signoff, signed_before

if TYPE_CHECKING:
    from reviewdesk.record.exchange.agenda import Agenda

FORMAT_1 = "reviewdesk.meeting/1"
FORMAT = "reviewdesk.meeting/2"  # what dump writes
FORMATS = (FORMAT_1, FORMAT)


def loads(raw: str | bytes) -> Any:
    """Parse JSON text; a syntax problem becomes a FormatError with line and column.

    A UTF-8 byte-order mark is allowed; a key repeated in one object is refused (which of the
    two values was meant cannot be known).
    """
    try:
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8")
        raw = raw.removeprefix("\ufeff")
        return json.loads(raw, parse_constant=_refuse_constant, object_pairs_hook=_no_duplicates)
    except UnicodeDecodeError as exc:
        raise FormatError("", f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise FormatError(
            "", f"not valid JSON: line {exc.lineno}, column {exc.colno}", detail=exc.msg
        ) from None
    except RecursionError:
        raise FormatError("", "not valid JSON: nested too deeply") from None
    except ValueError as exc:  # an integer with more digits than Python converts, or _no_duplicates
        message = str(exc)
        if "digits" in message:
            message = "a number has more than 4,300 digits"
        raise FormatError("", f"not usable JSON: {message}") from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {checks.describe(key)} appears twice in one object")
        out[key] = value
    return out


def _refuse_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} is not valid JSON", name, 0)


def parse_meeting(data: Any, default_agenda: Agenda | None = None) -> Meeting:
    """Validate a ``reviewdesk.meeting/1`` or ``/2`` object and build the Meeting it describes.

    A file without sections follows ``default_agenda`` (unanswered); without one it is refused.
    """
    fmt = data.get("format") if isinstance(data, dict) else None
    v2 = fmt == FORMAT
    d = checks.obj(
        data,
        "",
        ["format", "partnership", "meeting", "participants"],
        [
            "sections",
            "goals",
            "actions",
            "signoff",
            *(["rounds", "measures", "register"] if v2 else []),
        ],
    )
    if d["format"] not in FORMATS:
        raise FormatError("format", f"{checks.describe(d['format'])} is not {' or '.join(FORMATS)}")

    p = checks.obj(
        d["partnership"],
        "partnership",
        ["client", "provider"],
        ["service", *(["tier", "review_interval_months"] if v2 else [])],
    )
    partnership = Partnership(
        client=checks.text(p["client"], "partnership.client", nonblank=True),
        provider=checks.text(p["provider"], "partnership.provider", nonblank=True),
        service=checks.opt_text(p, "service", "partnership"),
    )
    partnership.tier, partnership.review_interval_months = parse_cadence(p)
    m = checks.obj(d["meeting"], "meeting", ["title", "date"], ["location", "facilitator"])
    meeting = Meeting(
        partnership=partnership,
        title=checks.text(m["title"], "meeting.title", nonblank=True),
        date=checks.date(m["date"], "meeting.date"),
        location=checks.opt_text(m, "location", "meeting"),
        facilitator=checks.opt_text(m, "facilitator", "meeting"),
    )
    meeting.participants = _participants(d["participants"])
    if v2:
        meeting.rounds = parse_rounds(d.get("rounds", []), meeting)
    if "sections" in d:
        meeting.sections = _sections(d["sections"], meeting if v2 else None)
    elif default_agenda is not None:  # a file without sections follows the default agenda
        meeting.sections = default_agenda.new_sections()
    else:
        raise FormatError("sections", "missing")
    keys = {s.key for s in meeting.sections}
    for i, r in enumerate(meeting.rounds):
        if r.scope and r.scope not in keys:
            raise FormatError(
                f"rounds[{i}].scope", f"{checks.describe(r.scope)} is not a section key"
            )
    meeting.mark_ratings()
    meeting.goals = _goals(d.get("goals", []))
    names = {pp.name for pp in meeting.participants}
    meeting.actions = _actions(d.get("actions", []), names, keys)
    if v2:
        meeting.measures = parse_measures(d.get("measures", []), keys)
        meeting.register = parse_register(d.get("register", []), {a.text for a in meeting.actions})
    meeting.signoff = _signoff(d.get("signoff", []))
    problem = limits.over_limit(limits.meeting_size(meeting))
    if problem:
        raise FormatError("", problem)
    for i, s in enumerate(meeting.signoff):
        if signed_before(meeting.date, s.signed_at):
            raise FormatError(
                f"signoff[{i}].signed_at",
                f"{checks.describe(s.signed_at_text)} is before the meeting's date "
                f"({meeting.date.isoformat()}); a sign-off cannot come before its meeting",
            )
    if meeting.signoff:
        try:
            check_signoff(meeting.signoff)
        except Exception as exc:  # noqa: BLE001 - any rule it breaks is the file's fault
            raise FormatError("signoff", str(exc).removeprefix("sign-off: ")) from None
        meeting.status = "signed_off"
    elif _has_content(meeting):
        meeting.status = "in_progress"
    return meeting


def _has_content(meeting: Meeting) -> bool:
    return any(
        s.notes or s.decisions or any(q.answered or q.comment for q in s.questions)
        for s in meeting.sections
    )


def _participants(raw: Any) -> list[Participant]:
    out = []
    items = checks.array(raw, "participants")
    limits.check_count(len(items), limits.MAX_ATTENDEES, "attendees", "participants")
    for i, item in enumerate(items):
        w = f"participants[{i}]"
        p = checks.obj(item, w, ["name", "side"], ["role", "email", "present"])
        out.append(
            Participant(
                name=checks.text(p["name"], f"{w}.name", nonblank=True),
                side=checks.choice(p["side"], f"{w}.side", SIDES),
                role=checks.opt_text(p, "role", w),
                email=checks.opt_text(p, "email", w),
                present=checks.boolean(p["present"], f"{w}.present") if "present" in p else True,
            )
        )
    checks.unique([(f"participants[{i}].name", p.name) for i, p in enumerate(out)], "name")
    return out


def _sections(raw: Any, v2: Meeting | None = None) -> list[Section]:
    """The sections; ``v2`` (the meeting with participants and rounds) allows ratings."""
    out = []
    items = checks.array(raw, "sections")
    limits.check_count(len(items), limits.MAX_SECTIONS, "sections", "sections")
    for i, item in enumerate(items):
        w = f"sections[{i}]"
        s = checks.obj(
            item,
            w,
            ["key", "title", "questions"],
            [
                "guidance",
                "timebox_minutes",
                "notes",
                "decisions",
                *(["seconds_spent"] if v2 is not None else []),
            ],
        )
        key = checks.text(s["key"], f"{w}.key", nonblank=True)
        questions = []
        raw_questions = checks.array(s["questions"], f"{w}.questions")
        limits.check_count(
            len(raw_questions), limits.MAX_QUESTIONS, "questions in one section", f"{w}.questions"
        )
        for j, rq in enumerate(raw_questions):
            qw = f"{w}.questions[{j}]"
            q = checks.obj(
                rq,
                qw,
                ["key", "text", "client_rating", "provider_rating"],
                ["comment", *(["ratings"] if v2 else [])],
            )
            questions.append(
                Question(
                    key=checks.text(q["key"], f"{qw}.key", nonblank=True),
                    text=checks.text(q["text"], f"{qw}.text"),
                    client_rating=_rating(q["client_rating"], f"{qw}.client_rating"),
                    provider_rating=_rating(q["provider_rating"], f"{qw}.provider_rating"),
                    comment=checks.opt_text(q, "comment", qw),
                    ratings=parse_person_ratings(q.get("ratings", []), f"{qw}.ratings", v2)
                    if v2
                    else [],
                )
            )
        checks.unique(
            [(f"{w}.questions[{j}].key", q.key) for j, q in enumerate(questions)], "question key"
        )
        raw_decisions = checks.array(s.get("decisions", []), f"{w}.decisions")
        limits.check_count(len(raw_decisions), limits.MAX_DECISIONS, "decisions", f"{w}.decisions")
        decisions = [
            Decision(checks.text(t, f"{w}.decisions[{j}]"), key)
            for j, t in enumerate(raw_decisions)
        ]
        out.append(
            Section(
                key=key,
                title=checks.text(s["title"], f"{w}.title"),
                guidance=checks.opt_text(s, "guidance", w),
                timebox_minutes=checks.integer(
                    s.get("timebox_minutes"),
                    f"{w}.timebox_minutes",
                    0,
                    limits.MAX_TIMEBOX,
                    nullable=True,
                ),
                notes=checks.opt_text(s, "notes", w),
                questions=questions,
                decisions=decisions,
                seconds_spent=checks.integer(
                    s.get("seconds_spent", 0), f"{w}.seconds_spent", 0, limits.MAX_SECONDS_SPENT
                )
                or 0,
            )
        )
    checks.unique([(f"sections[{i}].key", s.key) for i, s in enumerate(out)], "section key")
    return out


def _rating(value: Any, where: str) -> int | None:
    return checks.integer(value, where, RATING_MIN, RATING_MAX, nullable=True)


def parse_goals(raw: Any) -> list[Goal]:
    """A ``goals`` list of the format (also a goal's previous review in the minutes context)."""
    return _goals(raw)


def parse_actions(raw: Any) -> list[Action]:
    """An ``actions`` list of the format, without the checks against the meeting's attendees
    and sections (the minutes context's history: actions of other meetings, as many as a
    partnership's history may hold, not one meeting's limit)."""
    return _actions(raw, None, None, limits.MAX_HISTORY_ACTIONS)


def _goals(raw: Any) -> list[Goal]:
    out = []
    optional_text = [f for f in GOAL_FIELDS if f not in ("title", "due", "owner_side", "status")]
    items = checks.array(raw, "goals")
    limits.check_count(len(items), limits.MAX_GOALS, "goals", "goals")
    for i, item in enumerate(items):
        w = f"goals[{i}]"
        g = checks.obj(item, w, ["title", "status"], [*optional_text, "due", "owner_side"])
        out.append(
            Goal(
                title=checks.text(g["title"], f"{w}.title", nonblank=True),
                **{k: checks.opt_text(g, k, w) for k in optional_text},
                due=checks.opt_date(g.get("due"), f"{w}.due"),
                owner_side=checks.choice(
                    g.get("owner_side"), f"{w}.owner_side", OWNER_SIDES, nullable=True
                ),
                status=checks.choice(g["status"], f"{w}.status", GOAL_STATUSES),
            )
        )
    checks.unique([(f"goals[{i}].title", g.title) for i, g in enumerate(out)], "goal title")
    return out


def _actions(
    raw: Any,
    names: set[str] | None,
    section_keys: set[str] | None,
    most: int = limits.MAX_ACTIONS,
) -> list[Action]:
    out = []
    items = checks.array(raw, "actions")
    limits.check_count(len(items), most, "actions", "actions")
    for i, item in enumerate(items):
        w = f"actions[{i}]"
        a = checks.obj(item, w, ["text", "status"], ["owner", "side", "due", "section"])
        owner = checks.opt_text(a, "owner", w)
        if owner and names is not None and owner not in names:
            raise FormatError(f"{w}.owner", f"{checks.describe(owner)} is not a participant")
        section = checks.opt_text(a, "section", w)
        if section and section_keys is not None and section not in section_keys:
            raise FormatError(f"{w}.section", f"{checks.describe(section)} is not a section key")
        out.append(
            Action(
                text=checks.text(a["text"], f"{w}.text", nonblank=True),
                owner=owner,
                side=checks.choice(a.get("side"), f"{w}.side", OWNER_SIDES, nullable=True),
                due=checks.opt_date(a.get("due"), f"{w}.due"),
                status=checks.choice(a["status"], f"{w}.status", ACTION_STATUSES),
                section=section,
            )
        )
    return out


def _signoff(raw: Any) -> list[Signature]:
    out = []
    items = checks.array(raw, "signoff")
    limits.check_count(len(items), limits.MAX_SIGNERS, "signers", "signoff")
    for i, item in enumerate(items):
        w = f"signoff[{i}]"
        s = checks.obj(item, w, ["name", "side", "signed_at"], ["role", "signature_png"])
        png = None
        if "signature_png" in s:
            encoded = s["signature_png"]  # base64, bounded by the image's own limit, not text's
            if not isinstance(encoded, str):
                raise FormatError(
                    f"{w}.signature_png", f"expected text, got {checks.describe(encoded)}"
                )
            png = decode_base64(encoded)
            problem = "not a base64-encoded PNG image" if png is None else signature_problem(png)
            if problem == "not a whole PNG image":
                problem = "not a base64-encoded PNG image"
            if problem:
                raise FormatError(f"{w}.signature_png", problem)
        out.append(
            Signature(
                name=checks.text(s["name"], f"{w}.name", nonblank=True),
                side=checks.choice(s["side"], f"{w}.side", SIDES),
                signed_at=checks.timestamp(s["signed_at"], f"{w}.signed_at"),
                role=checks.opt_text(s, "role", w),
                signature_png=png,
                signed_at_text=s["signed_at"],
            )
        )
    return out


def meeting_to_doc(meeting: Meeting) -> dict[str, Any]:
    """The meeting as a ``reviewdesk.meeting/2`` object (``FORMAT``), every key written out."""
    return {
        "format": FORMAT,
        "partnership": _partnership_doc(meeting.partnership),
        "meeting": {
            "title": meeting.title,
            "date": meeting.date.isoformat(),
            "location": meeting.location,
            "facilitator": meeting.facilitator,
        },
        "participants": [
            {"name": p.name, "side": p.side, "role": p.role, "email": p.email, "present": p.present}
            for p in meeting.participants
        ],
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "guidance": s.guidance,
                "timebox_minutes": s.timebox_minutes,
                "notes": s.notes,
                "questions": [_question_doc(q) for q in s.questions],
                "decisions": [d.text for d in s.decisions],
                # written only when there is time, so older records keep their canonical form
                **({"seconds_spent": s.seconds_spent} if s.seconds_spent > 0 else {}),
            }
            for s in meeting.sections
        ],
        "goals": [goal_to_doc(g) for g in meeting.goals],
        "actions": [action_to_doc(a) for a in meeting.actions],
        "signoff": [_signature_doc(s) for s in meeting.signoff],
        **({"rounds": [round_doc(r) for r in meeting.rounds]} if meeting.rounds else {}),
        **({"measures": [measure_doc(m) for m in meeting.measures]} if meeting.measures else {}),
        **({"register": [register_doc(e) for e in meeting.register]} if meeting.register else {}),
    }


def _partnership_doc(p: Partnership) -> dict[str, Any]:
    doc: dict[str, Any] = {"client": p.client, "provider": p.provider, "service": p.service}
    if p.tier is not None or p.review_interval_months is not None:
        doc["tier"] = p.tier
        doc["review_interval_months"] = p.review_interval_months
    return doc


# The partnership's cadence: its current settings, changed at any time, not part of a review.
CADENCE_KEYS = ("tier", "review_interval_months")


def signed_doc(meeting: Meeting) -> dict[str, Any]:
    """The record as it is signed (and fingerprinted): its document without the partnership's
    cadence, so that changing a partnership's tier later does not change its signed reviews."""
    doc = meeting_to_doc(meeting)
    for key in CADENCE_KEYS:
        doc["partnership"].pop(key, None)
    return doc


def has_v2_content(meeting: Meeting) -> bool:
    """Whether the meeting holds anything version 1 of the format cannot say."""
    p = meeting.partnership
    return (
        bool(meeting.rounds or meeting.measures or meeting.register)
        or p.tier is not None
        or p.review_interval_months is not None
        or any(q.ratings for s in meeting.sections for q in s.questions)
        or any(s.seconds_spent > 0 for s in meeting.sections)
    )


def _question_doc(q: Question) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "key": q.key,
        "text": q.text,
        "client_rating": q.client_rating,
        "provider_rating": q.provider_rating,
        "comment": q.comment,
    }
    if q.ratings:
        doc["ratings"] = [person_rating_doc(r) for r in q.ratings]
    return doc


def goal_to_doc(g: Goal) -> dict[str, Any]:
    return {
        "title": g.title,
        "specific": g.specific,
        "measure": g.measure,
        "baseline": g.baseline,
        "target": g.target,
        "current": g.current,
        "achievable": g.achievable,
        "relevant": g.relevant,
        "due": g.due.isoformat() if g.due else None,
        "owner_side": g.owner_side,
        "status": g.status,
    }


def action_to_doc(a: Action) -> dict[str, Any]:
    return {
        "text": a.text,
        "owner": a.owner,
        "side": a.side,
        "due": a.due.isoformat() if a.due else None,
        "status": a.status,
        "section": a.section,
    }


def _signature_doc(s: Signature) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "name": s.name,
        "side": s.side,
        "role": s.role,
        "signed_at": s.signed_at_iso,
    }
    if s.signature_png is not None:
        import base64  # only for a meeting with a signature image

        doc["signature_png"] = base64.b64encode(s.signature_png).decode("ascii")
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """Pretty JSON as ``reviewdesk dump`` prints it (non-ASCII kept as is)."""
    return json.dumps(doc, ensure_ascii=False, indent=2)


def dump_chunks(doc: dict[str, Any]) -> Iterator[str]:
    """The text of :func:`dumps` in pieces, for writing out without building it whole."""
    return json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(doc)
