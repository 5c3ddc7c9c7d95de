"""The application stylesheet at a given scale, and sizes that follow View → Larger text.

Colours come from ``reviewdesk.look``; widgets pick a look with properties (``role``, ``side``,
``met``, ``alert``…) that the stylesheet below selects on, never with a stylesheet of their own.
A size in pixels that the stylesheet cannot hold (a layout's margins and spacing, a widget's
minimum height) is given once at scale 1 with :func:`scaled` and re-applied on every zoom.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication, QLayout, QWidget

from reviewdesk.look import (
    ACCENT,
    ACCENT_DARK,
    AMBER,
    BORDER,
    CLIENT,
    CLIENT_TINT,
    DISABLED,
    GAP,
    GAP_TINT,
    INPUT_BORDER,
    JOINT,
    JOINT_TINT,
    MUTED,
    NAV_BG,
    NOTICE_BORDER,
    NOTICE_TEXT,
    OK_GREEN,
    OK_TINT,
    PAGE_BG,
    PROVIDER,
    PROVIDER_TINT,
    SIGNED_BG,
    SIGNED_BORDER,
    SIGNED_TEXT,
    TEXT,
    WHITE,
)

BODY_PT = 10.5
TITLE_PT = 16.0
MIN_SCALE, MAX_SCALE = 0.8, 2.0
SCALED = "pxAtScale1"  # the dynamic property holding what scaled() was given

_scale = 1.0


def scale() -> float:
    """The current text and size scale (View → Larger / Smaller text)."""
    return _scale


def px(value: float) -> int:
    """A length in pixels at the current scale (for painting and one-off geometry)."""
    return round(value * _scale)


def icon_path(name: str) -> str:
    """A bundled icon's path in the form a stylesheet url() wants (no importlib at start-up)."""
    here = Path(__file__).resolve().parents[1]
    for candidate in (here / "_resources" / "icons", here.parent / "resources" / "icons"):
        if (candidate / name).is_file():
            return (candidate / name).as_posix()
    from reviewdesk.resources import resource

    return str(resource("icons", name)).replace("\\", "/")


def resource_icon(name: str) -> QIcon:
    """An icon of the app's own resources, by name: the one place an icon is made from a file
    (never a path the user gave, so never the portfolio: see ui/file_dialogs.py)."""
    return QIcon(icon_path(name))


def stylesheet(s: float) -> str:
    """The whole application's stylesheet at scale ``s``."""

    def p(v: float) -> int:
        return round(v * s)

    def pt(v: float) -> str:
        return f"{v * s:.1f}pt"

    return f"""
QMainWindow, QDialog {{ background: {PAGE_BG}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QWidget {{ color: {TEXT}; widget-animation-duration: 0; }}
QLabel[role="title"] {{ font-size: {pt(TITLE_PT)}; font-weight: 600; }}
QLabel[role="subtitle"] {{ font-size: {pt(12)}; font-weight: 600; }}
QLabel[role="display"] {{ font-size: {pt(26)}; font-weight: 600; }}
QLabel[role="header"] {{ font-size: {pt(11.5)}; font-weight: 600; color: {ACCENT}; }}
QLabel[role="heading"] {{ font-size: {pt(BODY_PT + 1)}; font-weight: 600; }}
QLabel[role="guidance"], QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="strong"] {{ font-weight: 600; }}
QLabel[role="columnHead"] {{ color: {MUTED}; font-weight: 600; }}
QLabel[alert="true"] {{ color: {GAP}; font-weight: 600; }}
QLabel[role="chip"] {{ border-radius: {p(4)}px; padding: {p(3)}px {p(8)}px; font-weight: 600; }}
QLabel[role="chip"][met="true"] {{ color: {OK_GREEN}; background: {OK_TINT}; }}
QLabel[role="chip"][met="false"] {{ color: {GAP}; background: {GAP_TINT}; }}
QLabel[role="error"] {{ color: {GAP}; }}
QLabel[role="gap"] {{ background: {GAP}; color: {WHITE}; font-weight: 600;
    border-radius: {p(4)}px; padding: {p(2)}px {p(8)}px; }}
QLabel[role="banner"] {{ background: {SIGNED_BG}; color: {SIGNED_TEXT};
    border: 1px solid {SIGNED_BORDER};
    border-radius: {p(6)}px; padding: {p(8)}px {p(16)}px; font-weight: 600; }}
QLabel[role="notice"] {{ background: {PROVIDER_TINT}; color: {NOTICE_TEXT};
    border: 1px solid {NOTICE_BORDER};
    border-radius: {p(6)}px; padding: {p(8)}px {p(16)}px; }}
QLabel[side="client"] {{ color: {CLIENT}; font-weight: 600; }}
QLabel[side="provider"] {{ color: {PROVIDER}; font-weight: 600; }}
QLabel[side="facilitator"], QLabel[side="joint"] {{ color: {JOINT}; font-weight: 600; }}
QLabel[side="none"] {{ color: {MUTED}; font-weight: 600; }}
QComboBox[side="client"] {{ color: {CLIENT}; background: {CLIENT_TINT}; border-color: {CLIENT};
    font-weight: 600; }}
QComboBox[side="provider"] {{ color: {PROVIDER}; background: {PROVIDER_TINT};
    border-color: {PROVIDER}; font-weight: 600; }}
QComboBox[side="facilitator"], QComboBox[side="joint"] {{ color: {JOINT}; background: {JOINT_TINT};
    border-color: {JOINT}; font-weight: 600; }}
QPlainTextEdit[side="client"] {{ border: 1px solid {CLIENT};
    border-left: {p(4)}px solid {CLIENT}; }}
QPlainTextEdit[side="provider"] {{ border: 1px solid {PROVIDER};
    border-left: {p(4)}px solid {PROVIDER}; }}
QFrame[role="card"] {{ background: {WHITE}; border: 1px solid {BORDER}; border-radius: {p(6)}px; }}
/* a list scrolling inside a card: white, with the scroll bars keeping the platform look */
QScrollArea[role="inCard"], QScrollArea[role="inCard"] > QWidget#qt_scrollarea_viewport,
QScrollArea[role="inCard"] > QWidget#qt_scrollarea_viewport > QWidget {{ background: {WHITE}; }}
SignerRow {{ border: 1px solid {BORDER}; border-radius: {p(6)}px; }}
QScrollArea {{ border: none; background: {PAGE_BG}; }}
QScrollArea#pageScroll > QWidget#qt_scrollarea_viewport {{ background: {PAGE_BG}; }}
QLineEdit, QPlainTextEdit, QTextEdit, QDateEdit, QComboBox, QSpinBox {{
    background: {WHITE}; border: 1px solid {INPUT_BORDER}; border-radius: {p(4)}px;
    padding: {p(4)}px {p(6)}px; min-height: {p(20)}px; }}
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding;
    subcontrol-position: center right; width: {p(22)}px; border: none; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url("{icon_path("chevron-down.svg")}");
    width: {p(12)}px; height: {p(12)}px; }}
QComboBox QAbstractItemView {{ background: {WHITE}; border: 1px solid {BORDER};
    selection-background-color: {CLIENT_TINT}; selection-color: {TEXT}; }}
QLineEdit:focus, QPlainTextEdit:focus, QDateEdit:focus, QComboBox:focus {{
    border: 1px solid {CLIENT}; }}
QLineEdit:read-only, QPlainTextEdit[readOnly="true"] {{ background: {NAV_BG}; color: {JOINT}; }}
QPushButton {{ background: {WHITE}; border: 1px solid {INPUT_BORDER}; border-radius: {p(4)}px;
    padding: {p(5)}px {p(12)}px; min-height: {p(20)}px; }}
QPushButton:hover {{ background: {NAV_BG}; }}
QPushButton:focus {{ border: 1px solid {CLIENT}; }}
QPushButton:disabled {{ color: {DISABLED}; background: {NAV_BG}; }}
QPushButton[role="primary"] {{ background: {ACCENT}; color: {WHITE}; border: 1px solid {ACCENT};
    font-weight: 600; }}
QPushButton[role="primary"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[role="primary"]:focus {{ border: {p(3)}px solid {CLIENT};
    padding: {p(3)}px {p(10)}px; }}
QPushButton[role="primary"]:disabled {{ background: {NAV_BG}; color: {DISABLED};
    border: 1px solid {INPUT_BORDER}; }}
QPushButton[role="big"] {{ font-size: {pt(13)}; font-weight: 600; padding: {p(16)}px {p(24)}px;
    min-width: {p(260)}px; min-height: {p(48)}px; border-radius: {p(6)}px; }}
QPushButton[role="big"][primary="true"] {{ background: {ACCENT}; color: {WHITE};
    border: 1px solid {ACCENT}; min-height: {p(24)}px; }}
QPushButton[role="big"][primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[role="link"] {{ border: none; background: transparent; color: {CLIENT};
    padding: {p(2)}px {p(6)}px; }}
QPushButton[role="link"]:hover {{ text-decoration: underline; }}
QPushButton[rating="true"] {{ min-width: {p(34)}px; max-width: {p(34)}px; min-height: {p(34)}px;
    max-height: {p(34)}px; padding: 0; font-weight: 600; border-radius: {p(17)}px; }}
QPushButton[rating="true"][side="client"]:checked {{ background: {CLIENT}; color: {WHITE};
    border: 1px solid {CLIENT}; }}
QPushButton[rating="true"][side="provider"]:checked {{ background: {PROVIDER}; color: {WHITE};
    border: 1px solid {PROVIDER}; }}
QPushButton[rating="true"][clear="true"]:checked {{ background: {NAV_BG}; color: {MUTED};
    border: 1px solid {DISABLED}; }}
RatingRow {{ border: 2px solid transparent; border-radius: {p(6)}px; }}
RatingRow:focus {{ border: 2px solid {CLIENT}; }}
RatingRow[side="client"]:focus {{ border-color: {CLIENT}; background: {CLIENT_TINT}; }}
RatingRow[side="provider"]:focus {{ border-color: {PROVIDER}; background: {PROVIDER_TINT}; }}
QListView, QTableView {{ background: {WHITE}; border: 1px solid {BORDER}; border-radius: {p(6)}px;
    selection-background-color: {CLIENT_TINT}; selection-color: {TEXT};
    alternate-background-color: {PAGE_BG}; }}
QHeaderView::section {{ background: {NAV_BG}; color: {JOINT}; border: none;
    border-bottom: 1px solid {BORDER}; padding: {p(6)}px {p(8)}px; font-weight: 600; }}
Navigator {{ background: {NAV_BG}; border: none; border-right: 1px solid {BORDER};
    border-radius: 0; }}
QStatusBar {{ background: {WHITE}; border-top: 1px solid {BORDER}; color: {JOINT}; }}
QStatusBar QLabel {{ padding: 0 {p(8)}px; }}
QLabel#saveState[state="saved"] {{ color: {OK_GREEN}; font-weight: 600; }}
QLabel#saveState[state="pending"] {{ color: {AMBER}; font-weight: 600; }}
QLabel#saveState[state="failed"] {{ color: {GAP}; font-weight: 600; }}
QLabel#timebox {{ font-family: monospace; font-size: {pt(13)}; font-weight: 600;
    padding: {p(2)}px {p(8)}px; border-radius: {p(4)}px; }}
QLabel#timebox[state="amber"] {{ background: {PROVIDER_TINT}; color: {AMBER}; }}
QLabel#timebox[state="over"] {{ background: {GAP_TINT}; color: {GAP}; }}
QWidget#meetingHeader {{ background: {WHITE}; border-bottom: 1px solid {BORDER}; }}
QToolTip {{ color: {TEXT}; background: {WHITE}; border: 1px solid {BORDER}; }}
"""


def apply(app: QApplication, s: float = 1.0) -> None:
    """Set the font and stylesheet of the whole application at scale ``s``; re-size every
    widget and layout given sizes with :func:`scaled`."""
    global _scale
    _scale = max(MIN_SCALE, min(MAX_SCALE, s))
    font = QFont(app.font())
    font.setPointSizeF(BODY_PT * _scale)
    app.setFont(font)
    app.setStyleSheet(stylesheet(_scale))
    # No collection while the widgets are walked: allWidgets() makes a wrapper for every
    # widget Python has not seen, and a collection those allocations set off could free a
    # window that only a reference cycle kept (a closed dialog), deleting its widgets while
    # the list of them is still being converted: a crash, not an error.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for widget in app.allWidgets():
            _resize(widget)
            layout = widget.layout()
            if layout is not None:
                for item in _layouts(layout):
                    _resize(item)
    finally:
        if collecting:
            gc.enable()


def scaled(item: QWidget | QLayout, **sizes: float | tuple[float, float, float, float]) -> None:
    """Give ``item`` sizes in pixels at scale 1, applied now and again at every zoom.

    A layout takes ``margins`` (one number or left, top, right, bottom), ``spacing``,
    ``hspacing`` and ``vspacing``; a widget takes ``min_width``, ``min_height``, ``max_width``,
    ``max_height``, ``fixed_width`` and ``fixed_height``, and ``lines`` (a fixed height of that
    many lines of its own font plus ``fixed_height`` pixels for its frame and padding).
    """
    unknown = set(sizes) - set(_SETTERS) - {"lines"}
    if unknown:
        raise TypeError(f"scaled: unknown size {sorted(unknown)}")
    item.setProperty(SCALED, dict(sizes))
    _resize(item)


def _layouts(layout: QLayout) -> Iterator[QLayout]:
    yield layout
    for child in layout.children():
        if isinstance(child, QLayout):
            yield from _layouts(child)


def _margins(item: QLayout, value: float | tuple[float, float, float, float]) -> None:
    if isinstance(value, int | float):
        value = (value, value, value, value)
    item.setContentsMargins(*(px(v) for v in value))


def _lines(item: QWidget, lines: float, extra: float) -> None:
    item.setFixedHeight(round(item.fontMetrics().lineSpacing() * lines) + px(extra))


_SETTERS = {
    "margins": _margins,
    "spacing": lambda item, v: item.setSpacing(px(v)),
    "hspacing": lambda item, v: item.setHorizontalSpacing(px(v)),
    "vspacing": lambda item, v: item.setVerticalSpacing(px(v)),
    "min_width": lambda item, v: item.setMinimumWidth(px(v)),
    "min_height": lambda item, v: item.setMinimumHeight(px(v)),
    "max_width": lambda item, v: item.setMaximumWidth(px(v)),
    "max_height": lambda item, v: item.setMaximumHeight(px(v)),
    "fixed_width": lambda item, v: item.setFixedWidth(px(v)),
    "fixed_height": lambda item, v: item.setFixedHeight(px(v)),
}


def _resize(item: QWidget | QLayout) -> None:
    sizes = item.property(SCALED)
    if not sizes:
        return
    sizes = dict(sizes)
    lines = sizes.pop("lines", None)
    if lines is not None:
        _lines(item, lines, sizes.pop("fixed_height", 0))
    for name, value in sizes.items():
        _SETTERS[name](item, value)


def repolish(widget: QWidget) -> None:
    """Re-read the stylesheet after one of the widget's properties changed (a widget not
    polished yet reads it when it is: made and styled in one go, it is styled once)."""
    from PySide6.QtCore import Qt  # not at import: Qt's namespace costs ~20 ms before the paint

    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_property(widget: QWidget, name: str, value: object) -> None:
    """Set a property the stylesheet selects on, and restyle the widget if it changed."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        repolish(widget)
