"""Design tokens: every colour of the window and the PDF minutes, defined once as '#RRGGBB'.

Plain strings, no Qt and no reportlab (an import-linter contract keeps it so): ``ui/style.py``
builds the application stylesheet from them and ``minutes/styles.py`` turns them into reportlab
colours. A colour that is not here is not part of the look.
"""

from __future__ import annotations

# ---- the two sides (and what belongs to both) -----------------------------------------------
CLIENT = "#2563EB"
CLIENT_TINT = "#DBEAFE"
PROVIDER = "#D97706"
PROVIDER_TINT = "#FEF3C7"
JOINT = "#475569"
JOINT_TINT = "#E2E8F0"

# ---- text, surfaces, lines ------------------------------------------------------------------
TEXT = "#0F172A"
MUTED = "#64748B"  # guidance, secondary text
DISABLED = "#94A3B8"  # disabled text
BORDER = "#E2E8F0"  # cards, table rules, chart grid
INPUT_BORDER = "#CBD5E1"  # fields and buttons; the rule under a table's header
WHITE = "#FFFFFF"
PAGE_BG = "#F8FAFC"  # behind the pages; alternate table rows
NAV_BG = "#F1F5F9"  # the navigator, table headers, read-only fields
HIGHLIGHT = "#EEF2F7"  # the current review's band in a trend chart
ACCENT = "#334155"  # primary buttons, headers, the navigator's bar
ACCENT_DARK = "#1E293B"  # a primary button under the mouse

# ---- meaning: gap, warning, done ------------------------------------------------------------
GAP = "#DC2626"  # a perception gap, overdue, errors
GAP_TINT = "#FEE2E2"
AMBER = "#B45309"  # at risk; the timebox's last minutes
OK_GREEN = "#15803D"  # on track; saved; a met SMART letter
OK_TINT = "#DCFCE7"

# ---- banners --------------------------------------------------------------------------------
SIGNED_BG, SIGNED_TEXT, SIGNED_BORDER = "#F0FDF4", "#14532D", "#BBF7D0"  # signed off
NOTICE_TEXT, NOTICE_BORDER = "#78350F", "#FDE68A"  # on PROVIDER_TINT: a notice
AMENDED_TEXT = "#92400E"  # 'Amended after sign-off' in the minutes

# ---- by key ---------------------------------------------------------------------------------
SIDE_COLOURS = {"client": CLIENT, "provider": PROVIDER, "joint": JOINT, "facilitator": JOINT}
GOAL_STATUS_COLOURS = {  # red / amber / green, then the closed ones in greys
    "on_track": OK_GREEN,
    "at_risk": AMBER,
    "off_track": GAP,
    "done": JOINT,
    "dropped": MUTED,
}
ACTION_STATUS_COLOURS = {"open": TEXT, "done": MUTED, "cancelled": MUTED}
# a service level's red / amber / green (always shown with its word and sign too)
RAG_COLOURS = {"green": OK_GREEN, "amber": AMBER, "red": GAP}
RAG_TINTS = {"green": OK_TINT, "amber": PROVIDER_TINT, "red": GAP_TINT}
TARGET = OK_GREEN  # a measure's target line in its trend chart


def side_colour(side: str | None) -> str:
    """The side's colour; the joint slate for none or an unknown side."""
    return SIDE_COLOURS.get(side or "", JOINT)


def goal_status_colour(status: str) -> str:
    return GOAL_STATUS_COLOURS.get(status, TEXT)


def action_status_colour(status: str) -> str:
    return ACTION_STATUS_COLOURS.get(status, TEXT)


def rag_colour(rag: str | None) -> str:
    """The colour of 'green', 'amber' or 'red'; muted for a value that cannot be judged."""
    return RAG_COLOURS.get(rag or "", MUTED)
