"""Agenda templates (``reviewdesk.agenda/1``): their form and what a new meeting copies."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewdesk.record import limits
from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange import checks
from reviewdesk.record.model import Question, Section

AGENDA_FORMAT = "reviewdesk.agenda/1"
DEFAULT_AGENDA = "partnership-review"
MAX_TIMEBOX = limits.MAX_TIMEBOX


@dataclass
class AgendaQuestion:
    """A question of an agenda's section."""

    key: str
    text: str


@dataclass
class AgendaSection:
    """A section of an agenda: its guidance, time box and questions."""

    key: str
    title: str
    guidance: str = ""
    timebox_minutes: int | None = None
    questions: list[AgendaQuestion] = field(default_factory=list)


@dataclass
class Agenda:
    """A named agenda: the sections a review goes through."""

    name: str
    sections: list[AgendaSection]
    description: str = ""
    source: str = ""

    def new_sections(self) -> list[Section]:
        """A fresh, unanswered copy for a new meeting."""
        return [
            Section(
                key=s.key,
                title=s.title,
                guidance=s.guidance,
                timebox_minutes=s.timebox_minutes,
                questions=[Question(q.key, q.text) for q in s.questions],
            )
            for s in self.sections
        ]


def parse_agenda(data: object, source: str = "") -> Agenda:
    """Validate a template's JSON; errors name the field."""
    d = checks.obj(data, "", ["format", "name", "sections"], ["description"])
    if d["format"] != AGENDA_FORMAT:
        raise FormatError("format", f"{checks.describe(d['format'])} is not {AGENDA_FORMAT}")
    name = checks.text(d["name"], "name", nonblank=True)
    description = checks.opt_text(d, "description", "")
    sections = []
    raw_sections = checks.array(d["sections"], "sections")
    if not raw_sections:
        raise FormatError("sections", "an agenda needs at least one section")
    limits.check_count(len(raw_sections), limits.MAX_SECTIONS, "sections", "sections")
    for i, raw in enumerate(raw_sections):
        w = f"sections[{i}]"
        s = checks.obj(raw, w, ["key", "title", "questions"], ["guidance", "timebox_minutes"])
        questions = []
        raw_questions = checks.array(s["questions"], f"{w}.questions")
        limits.check_count(
            len(raw_questions), limits.MAX_QUESTIONS, "questions in one section", f"{w}.questions"
        )
        for j, rq in enumerate(raw_questions):
            qw = f"{w}.questions[{j}]"
            q = checks.obj(rq, qw, ["key", "text"])
            questions.append(
                AgendaQuestion(
                    checks.text(q["key"], f"{qw}.key", nonblank=True),
                    checks.text(q["text"], f"{qw}.text", nonblank=True),
                )
            )
        checks.unique(
            [(f"{w}.questions[{j}].key", q.key) for j, q in enumerate(questions)], "question key"
        )
        sections.append(
            AgendaSection(
                key=checks.text(s["key"], f"{w}.key", nonblank=True),
                title=checks.text(s["title"], f"{w}.title", nonblank=True),
                guidance=checks.opt_text(s, "guidance", w),
                timebox_minutes=checks.integer(
                    s.get("timebox_minutes"), f"{w}.timebox_minutes", 1, MAX_TIMEBOX, nullable=True
                ),
                questions=questions,
            )
        )
    checks.unique([(f"sections[{i}].key", s.key) for i, s in enumerate(sections)], "section key")
    return Agenda(name=name, sections=sections, description=description, source=source)
