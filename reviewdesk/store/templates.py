"""Agenda templates on disk: the bundled default and the user's own ``templates/*.json``."""

from __future__ import annotations

import json
from pathlib import Path

from reviewdesk.record.errors import FormatError, InputRefused
from reviewdesk.record.exchange.agenda import DEFAULT_AGENDA, Agenda, parse_agenda
from reviewdesk.record.limits import MAX_TEMPLATE_BYTES
from reviewdesk.resources import resource


def load_agenda_file(path: Path) -> Agenda:
    """Read one template file; a problem raises FormatError naming the file and field.

    Only a regular file of at most MAX_TEMPLATE_BYTES is read (never a device or a pipe), and
    its JSON is parsed as a meeting file's is: nesting too deep, a number of thousands of digits
    or a repeated key is a one-line error.
    """
    from reviewdesk.record.exchange.meeting_format import loads
    from reviewdesk.store.files import read_input

    try:
        data = loads(read_input(path, MAX_TEMPLATE_BYTES, "template"))
    except InputRefused as exc:
        raise FormatError("", str(exc)) from None
    except FormatError as exc:
        raise FormatError(str(path), exc.problem) from None
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
