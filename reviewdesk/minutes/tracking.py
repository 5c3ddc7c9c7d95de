"""SMART goals and action items: what the partnership is tracking from review to review."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from reviewdesk import look
from reviewdesk.minutes import styles
from reviewdesk.minutes.blocks import Grid, Plain, coloured, h1, h2
from reviewdesk.minutes.text import Markup
from reviewdesk.record.model import Action, Goal, Meeting
from reviewdesk.record.smart import missing_letters
from reviewdesk.record.wording import (
    NO_VALUE,
    date_short,
    goal_change_text,
    plural,
    side_text,
    status_label,
)


def _details(goal: Goal) -> str:
    parts = [
        f"{label}: {' '.join(value.split())}"
        for label, value in (
            ("Specific", goal.specific),
            ("Measure", goal.measure),
            ("Baseline", goal.baseline),
            ("Achievable", goal.achievable),
            ("Relevant", goal.relevant),
        )
        if value.strip()
    ]
    if goal.owner_side:
        parts.append(f"Owner: {side_text(goal.owner_side)}")
    return " · ".join(parts)


def goals(mk: Markup, meeting: Meeting, width: float) -> list[Flowable]:
    """Each goal: status, current against target, due date, SMART letters missing, change."""
    out: list[Flowable] = [*h1(f"SMART goals ({len(meeting.goals)})")]
    if not meeting.goals:
        out.append(Paragraph("No goals recorded.", styles.BODY))
        return out
    widths = [19 * mm, 32 * mm, 23 * mm, 21 * mm, 34 * mm]
    grid = Grid(
        mk,
        ["Goal", "Status", "Current / target", "Due", "SMART", "Since last review"],
        [width - sum(widths), *widths],
    )
    for goal in meeting.goals:
        missing = missing_letters(goal)
        smart = Plain("missing " + ", ".join(missing), look.GAP) if missing else "complete"
        grid.add(
            [
                goal.title,
                coloured(
                    mk(status_label(goal.status), bold=True),
                    look.goal_status_colour(goal.status),
                    bold=True,
                ),
                Plain(f"{goal.current or NO_VALUE} / target {goal.target or NO_VALUE}"),
                Plain(date_short(goal.due)),
                smart,
                goal_change_text(goal),
            ]
        )
        details = _details(goal)
        if details:
            grid.add([details], styles.DETAIL, rule=False, span=True)
    out.append(grid.table())
    return out


def _action_grid(mk: Markup, width: float) -> Grid:
    widths = [32 * mm, 17 * mm, 25.5 * mm, 30.5 * mm]
    return Grid(mk, ["Action", "Owner", "Side", "Due", "Status"], [width - sum(widths), *widths])


def _add_action(grid: Grid, action: Action, meeting: Meeting) -> None:
    due = Plain(date_short(action.due))
    if action.is_overdue(meeting.date):
        due = Plain(f"{due.text}\nOVERDUE", look.GAP, bold=True)
    status = status_label(action.status)
    if action.carried_reviews:
        status += f"\ncarried {plural(action.carried_reviews, 'review')}"
    side = action.side
    owner = Plain(action.owner or NO_VALUE) if len(action.owner) < 60 else action.owner
    grid.add(
        [
            action.text,
            owner,
            Plain(side_text(side), look.side_colour(side) if side else None),
            due,
            Plain(status),
        ]
    )


def actions(mk: Markup, meeting: Meeting, width: float) -> list[Flowable]:
    """Actions new in this meeting, carried over, and closed in this meeting."""
    out: list[Flowable] = [*h1("Action items")]
    groups = (
        ("New in this meeting", meeting.new_actions),
        ("Carried over", meeting.carried_actions),
        ("Closed in this meeting", meeting.closed_actions),
    )
    for title, items in groups:
        out += h2(f"{title} ({len(items)})")
        if not items:
            out.append(Paragraph("None.", styles.SMALL))
            continue
        grid = _action_grid(mk, width)
        for action in items:
            _add_action(grid, action, meeting)
        out.append(grid.table())
    return out
