"""Format 2's scorecard (service levels) and register (risks, issues, escalations)."""

from __future__ import annotations

from typing import Any

from reviewdesk.record import limits
from reviewdesk.record.errors import FormatError, ReviewdeskError
from reviewdesk.record.exchange import checks
from reviewdesk.record.rules import check_measure, check_register_entry
from reviewdesk.record.scorecard import (
    DIRECTIONS,
    LIKELIHOODS,
    MAX_INTERVAL_MONTHS,
    MEASURE_SIDES,
    REGISTER_KINDS,
    REGISTER_STATUSES,
    SEVERITIES,
    TIERS,
    Measure,
    RegisterEntry,
)

_MEASURE_TEXT = ("unit", "description", "section", "note")
_REGISTER_TEXT = ("client_view", "provider_view", "cause", "next_step", "agreed")


def parse_cadence(p: dict) -> tuple[str | None, int | None]:
    """The partnership's tier and review interval (both optional)."""
    tier = checks.choice(p.get("tier"), "partnership.tier", TIERS, nullable=True)
    months = checks.integer(
        p.get("review_interval_months"),
        "partnership.review_interval_months",
        1,
        MAX_INTERVAL_MONTHS,
        nullable=True,
    )
    return tier, months


def parse_measures(raw: Any, section_keys: set[str]) -> list[Measure]:
    out = []
    items = checks.array(raw, "measures")
    limits.check_count(len(items), limits.MAX_MEASURES, "service levels", "measures")
    for i, item in enumerate(items):
        w = f"measures[{i}]"
        m = checks.obj(
            item, w, ["name", "direction"], ["target", "amber", "side", "value", *_MEASURE_TEXT]
        )
        measure = Measure(
            name=checks.text(m["name"], f"{w}.name", nonblank=True),
            direction=checks.choice(m["direction"], f"{w}.direction", DIRECTIONS),
            target=checks.number(m.get("target"), f"{w}.target", nullable=True),
            amber=checks.number(m.get("amber"), f"{w}.amber", nullable=True),
            side=checks.choice(m.get("side"), f"{w}.side", MEASURE_SIDES, nullable=True),
            value=checks.number(m.get("value"), f"{w}.value", nullable=True),
            **{k: checks.opt_text(m, k, w) for k in _MEASURE_TEXT},
        )
        if measure.section and measure.section not in section_keys:
            raise FormatError(
                f"{w}.section", f"{checks.describe(measure.section)} is not a section key"
            )
        _rule(w, check_measure, measure)
        out.append(measure)
    checks.unique([(f"measures[{i}].name", m.name) for i, m in enumerate(out)], "measure name")
    return out


def parse_register(raw: Any, action_texts: set[str]) -> list[RegisterEntry]:
    out = []
    items = checks.array(raw, "register")
    limits.check_count(len(items), limits.MAX_REGISTER, "risks, issues and escalations", "register")
    for i, item in enumerate(items):
        w = f"register[{i}]"
        e = checks.obj(
            item,
            w,
            ["kind", "title", "severity", "status"],
            ["likelihood", "owner_side", "actions", *_REGISTER_TEXT],
        )
        actions = [
            checks.text(t, f"{w}.actions[{j}]", nonblank=True)
            for j, t in enumerate(checks.array(e.get("actions", []), f"{w}.actions"))
        ]
        for j, text in enumerate(actions):
            if text not in action_texts:
                raise FormatError(
                    f"{w}.actions[{j}]", f"{checks.describe(text)} is not an action of this file"
                )
        entry = RegisterEntry(
            kind=checks.choice(e["kind"], f"{w}.kind", REGISTER_KINDS),
            title=checks.text(e["title"], f"{w}.title", nonblank=True),
            severity=checks.choice(e["severity"], f"{w}.severity", SEVERITIES),
            likelihood=checks.choice(
                e.get("likelihood"), f"{w}.likelihood", LIKELIHOODS, nullable=True
            ),
            owner_side=checks.choice(
                e.get("owner_side"), f"{w}.owner_side", MEASURE_SIDES, nullable=True
            ),
            status=checks.choice(e["status"], f"{w}.status", REGISTER_STATUSES),
            actions=actions,
            **{k: checks.opt_text(e, k, w) for k in _REGISTER_TEXT},
        )
        _rule(w, check_register_entry, entry)
        out.append(entry)
    return out


def _rule(where: str, check: Any, value: Any) -> None:
    """A record rule's refusal, as a format error naming the item."""
    try:
        check(value)
    except ReviewdeskError as exc:
        field, _, problem = str(exc).partition(": ")
        raise FormatError(f"{where}.{field.split()[-1]}", problem or str(exc)) from None


def measure_doc(m: Measure) -> dict[str, Any]:
    return {
        "name": m.name,
        "unit": m.unit,
        "direction": m.direction,
        "target": m.target,
        "amber": m.amber,
        "side": m.side,
        "description": m.description,
        "section": m.section,
        "value": m.value,
        "note": m.note,
    }


def register_doc(e: RegisterEntry) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "title": e.title,
        "severity": e.severity,
        "likelihood": e.likelihood,
        "client_view": e.client_view,
        "provider_view": e.provider_view,
        "cause": e.cause,
        "next_step": e.next_step,
        "owner_side": e.owner_side,
        "status": e.status,
        "agreed": e.agreed,
        "actions": list(e.actions),
    }
