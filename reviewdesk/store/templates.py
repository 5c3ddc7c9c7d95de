"""Agenda templates on disk: the bundled default and the user's own ``templates/*.json``."""

from __future__ import annotations

import json
from pathlib import Path

from reviewdesk.record.errors import FormatError
from reviewdesk.record.exchange.agenda import DEFAULT_AGENDA, Agenda, parse_agenda
from reviewdesk.resources import resource


def load_agenda_file(path: Path) -> Agenda:
    """Read one template file; a problem raises FormatError naming the file and field."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(str(path), f"cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise FormatError(str(path), f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    try:
        return parse_agenda(data, source=str(path))
    except FormatError as exc:
        raise FormatError(f"{path}: {exc.where}", exc.problem) from None


def default_agenda() -> Agenda:
    raw = resource("agendas", f"{DEFAULT_AGENDA}.json").read_text(encoding="utf-8")
    return parse_agenda(json.loads(raw), source=f"bundled:{DEFAULT_AGENDA}")


def user_agendas(templates_dir: Path) -> tuple[list[Agenda], list[FormatError]]:
    """The user's templates beside the database; the broken ones come back as errors."""
    agendas: list[Agenda] = []
    errors: list[FormatError] = []
    if templates_dir.is_dir():
        for path in sorted(templates_dir.glob("*.json")):
            try:
                agendas.append(load_agenda_file(path))
            except FormatError as exc:
                errors.append(exc)
    return agendas, errors


def available_agendas(templates_dir: Path | None) -> tuple[list[Agenda], list[FormatError]]:
    """The bundled default first, then the user's own templates."""
    agendas, errors = user_agendas(templates_dir) if templates_dir else ([], [])
    return [default_agenda(), *agendas], errors
