"""The look: side colours, spacing, fonts and the application stylesheet at a given scale."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

CLIENT = "#2563EB"
CLIENT_TINT = "#DBEAFE"
PROVIDER = "#D97706"
PROVIDER_TINT = "#FEF3C7"
JOINT = "#475569"
GAP = "#DC2626"
MUTED = "#64748B"
BORDER = "#E2E8F0"
TEXT = "#0F172A"
PAGE_BG = "#F8FAFC"
NAV_BG = "#F1F5F9"
ACCENT = "#334155"
AMBER = "#B45309"
OK_GREEN = "#15803D"

SIDE_COLOURS = {"client": CLIENT, "provider": PROVIDER, "joint": JOINT, "facilitator": JOINT}
SIDE_TINTS = {"client": CLIENT_TINT, "provider": PROVIDER_TINT}
SIDE_LABELS = {
    "client": "Client",
    "provider": "Provider",
    "joint": "Joint",
    "facilitator": "Facilitator",
}

BODY_PT = 10.5
TITLE_PT = 16.0
MIN_SCALE, MAX_SCALE = 0.8, 2.0
GRID = 8

_scale = 1.0


def scale() -> float:
    """The current text and size scale (View → Larger / Smaller text)."""
    return _scale


def px(value: float) -> int:
    """A length in pixels at the current scale."""
    return round(value * _scale)


def side_colour(side: str | None) -> QColor:
    return QColor(SIDE_COLOURS.get(side or "", JOINT))


def _icon(name: str) -> str:
    """A bundled icon's path in the form a stylesheet url() wants (no importlib at start-up)."""
    here = Path(__file__).resolve().parents[1]
    for candidate in (here / "_resources" / "icons", here.parent / "resources" / "icons"):
        if (candidate / name).is_file():
            return (candidate / name).as_posix()
    from reviewdesk.resources import resource

    return str(resource("icons", name)).replace("\\", "/")


def stylesheet(s: float) -> str:
    """The whole application's stylesheet at scale ``s``."""

    def p(v: float) -> int:
        return round(v * s)

    def pt(v: float) -> str:
        return f"{v * s:.1f}pt"

    return f"""
QMainWindow, QDialog {{ background: {PAGE_BG}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QWidget {{ color: {TEXT}; }}
QLabel[role="title"] {{ font-size: {pt(TITLE_PT)}; font-weight: 600; }}
QLabel[role="subtitle"] {{ font-size: {pt(12)}; font-weight: 600; }}
QLabel[role="header"] {{ font-size: {pt(11.5)}; font-weight: 600; color: {ACCENT}; }}
QLabel[role="heading"] {{ font-size: {pt(BODY_PT + 1)}; font-weight: 600; }}
QLabel[role="guidance"], QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: {GAP}; }}
QLabel[role="gap"] {{ background: {GAP}; color: white; font-weight: 600;
    border-radius: {p(4)}px; padding: {p(2)}px {p(8)}px; }}
QLabel[role="banner"] {{ background: #F0FDF4; color: #14532D; border: 1px solid #BBF7D0;
    border-radius: {p(6)}px; padding: {p(8)}px {p(16)}px; font-weight: 600; }}
QLabel[role="notice"] {{ background: {PROVIDER_TINT}; color: #78350F; border: 1px solid #FDE68A;
    border-radius: {p(6)}px; padding: {p(8)}px {p(16)}px; }}
QLabel[side="client"] {{ color: {CLIENT}; font-weight: 600; }}
QLabel[side="provider"] {{ color: {PROVIDER}; font-weight: 600; }}
QLabel[side="facilitator"], QLabel[side="joint"] {{ color: {JOINT}; font-weight: 600; }}
QFrame[role="card"] {{ background: white; border: 1px solid {BORDER}; border-radius: {p(6)}px; }}
QScrollArea {{ border: none; background: {PAGE_BG}; }}
QScrollArea#pageScroll > QWidget#qt_scrollarea_viewport {{ background: {PAGE_BG}; }}
QLineEdit, QPlainTextEdit, QTextEdit, QDateEdit, QComboBox, QSpinBox {{
    background: white; border: 1px solid #CBD5E1; border-radius: {p(4)}px;
    padding: {p(4)}px {p(6)}px; min-height: {p(20)}px; }}
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding;
    subcontrol-position: center right; width: {p(22)}px; border: none; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{_icon("chevron-down.svg")}");
    width: {p(12)}px; height: {p(12)}px; }}
QComboBox QAbstractItemView {{ background: white; border: 1px solid {BORDER};
    selection-background-color: {CLIENT_TINT}; selection-color: {TEXT}; }}
QLineEdit:focus, QPlainTextEdit:focus, QDateEdit:focus, QComboBox:focus {{
    border: 1px solid {CLIENT}; }}
QLineEdit:read-only, QPlainTextEdit[readOnly="true"] {{ background: {NAV_BG}; color: {JOINT}; }}
QPushButton {{ background: white; border: 1px solid #CBD5E1; border-radius: {p(4)}px;
    padding: {p(5)}px {p(12)}px; min-height: {p(20)}px; }}
QPushButton:hover {{ background: {NAV_BG}; }}
QPushButton:focus {{ border: 1px solid {CLIENT}; }}
QPushButton:disabled {{ color: #94A3B8; background: {NAV_BG}; }}
QPushButton[role="primary"] {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT};
    font-weight: 600; }}
QPushButton[role="primary"]:hover {{ background: #1E293B; }}
QPushButton[role="primary"]:disabled {{ background: #CBD5E1; border-color: #CBD5E1; color: white; }}
QPushButton[role="big"] {{ font-size: {pt(13)}; font-weight: 600; padding: {p(16)}px {p(24)}px;
    min-width: {p(260)}px; min-height: {p(48)}px; border-radius: {p(6)}px; }}
QPushButton[role="link"] {{ border: none; background: transparent; color: {CLIENT};
    padding: {p(2)}px {p(6)}px; }}
QPushButton[role="link"]:hover {{ text-decoration: underline; }}
QPushButton[rating="true"] {{ min-width: {p(34)}px; max-width: {p(34)}px; min-height: {p(34)}px;
    max-height: {p(34)}px; padding: 0; font-weight: 600; border-radius: {p(17)}px; }}
QPushButton[rating="true"][side="client"]:checked {{ background: {CLIENT}; color: white;
    border: 1px solid {CLIENT}; }}
QPushButton[rating="true"][side="provider"]:checked {{ background: {PROVIDER}; color: white;
    border: 1px solid {PROVIDER}; }}
QPushButton[rating="true"][clear="true"]:checked {{ background: {NAV_BG}; color: {MUTED};
    border: 1px solid #94A3B8; }}
RatingRow {{ border: 2px solid transparent; border-radius: {p(6)}px; }}
RatingRow:focus {{ border: 2px solid {CLIENT}; }}
RatingRow[side="client"]:focus {{ border-color: {CLIENT}; background: {CLIENT_TINT}; }}
RatingRow[side="provider"]:focus {{ border-color: {PROVIDER}; background: {PROVIDER_TINT}; }}
QListView, QTableView {{ background: white; border: 1px solid {BORDER}; border-radius: {p(6)}px;
    selection-background-color: {CLIENT_TINT}; selection-color: {TEXT};
    alternate-background-color: #F8FAFC; }}
QHeaderView::section {{ background: {NAV_BG}; color: {JOINT}; border: none;
    border-bottom: 1px solid {BORDER}; padding: {p(6)}px {p(8)}px; font-weight: 600; }}
Navigator {{ background: {NAV_BG}; border: none; border-right: 1px solid {BORDER};
    border-radius: 0; }}
QStatusBar {{ background: white; border-top: 1px solid {BORDER}; color: {JOINT}; }}
QStatusBar QLabel {{ padding: 0 {p(8)}px; }}
QLabel#saveState[state="saved"] {{ color: {OK_GREEN}; font-weight: 600; }}
QLabel#saveState[state="pending"] {{ color: {AMBER}; font-weight: 600; }}
QLabel#saveState[state="failed"] {{ color: {GAP}; font-weight: 600; }}
QLabel#timebox {{ font-family: monospace; font-size: {pt(13)}; font-weight: 600;
    padding: {p(2)}px {p(8)}px; border-radius: {p(4)}px; }}
QLabel#timebox[state="amber"] {{ background: {PROVIDER_TINT}; color: {AMBER}; }}
QLabel#timebox[state="over"] {{ background: #FEE2E2; color: {GAP}; }}
QWidget#meetingHeader {{ background: white; border-bottom: 1px solid {BORDER}; }}
QToolTip {{ color: {TEXT}; background: white; border: 1px solid {BORDER}; }}
"""


def apply(app: QApplication, s: float = 1.0) -> None:
    """Set the font and stylesheet of the whole application at scale ``s``."""
    global _scale
    _scale = max(MIN_SCALE, min(MAX_SCALE, s))
    font = QFont(app.font())
    font.setPointSizeF(BODY_PT * _scale)
    app.setFont(font)
    app.setStyleSheet(stylesheet(_scale))


def set_role(widget, role: str) -> None:
    """Tag a widget with a stylesheet role (title, guidance, card...)."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def repolish(widget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
