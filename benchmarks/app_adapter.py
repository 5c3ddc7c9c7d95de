"""The one place that knows how reviewdesk's window is put together (for launch.py).

The window benchmarks drive the real window through these small functions only. When the
package is reorganised (e.g. ``reviewdesk/ui/`` split into ``ui/home``, ``ui/meeting``,
``ui/dialogs``), change this file and nothing else. Every function imports reviewdesk lazily:
importing this module costs nothing at start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

ENTRY_POINTS = (  # the first that imports starts the window: (module, function, how to call)
    ("reviewdesk.entry", "main", "argv"),
    ("reviewdesk.cli", "main", "argv"),
    ("reviewdesk.ui.app", "run", "path"),
)
DIALOG_MODULES = ("reviewdesk.ui.messages",)  # message boxes and file dialogs as functions
CSV_MODULES = ("reviewdesk.ui.dialogs.csv",)  # export_csv(parent, portfolio, what, partnership)


class AdapterError(RuntimeError):
    """The window is not built the way this adapter expects: says what to change."""


def _first_module(names: tuple[str, ...], what: str) -> Any:
    problems = []
    for name in names:
        try:
            return importlib.import_module(name)
        except ImportError as exc:
            problems.append(f"{name}: {exc}")
    raise AdapterError(
        f"no {what} module ({'; '.join(problems)}); update benchmarks/app_adapter.py"
    )


def entry() -> Callable[[Path], int]:
    """A function that runs the window on a portfolio and returns the exit code."""
    problems = []
    for module_name, name, style in ENTRY_POINTS:
        try:
            function = getattr(importlib.import_module(module_name), name)
        except (ImportError, AttributeError) as exc:
            problems.append(f"{module_name}.{name}: {exc}")
            continue
        if style == "argv":
            return lambda db, f=function: f(["--db", str(db)])
        return lambda db, f=function: f(Path(db))
    raise AdapterError(
        "cannot start the window: " + "; ".join(problems) + " (update benchmarks/app_adapter.py)"
    )


# ---- the window's parts ----------------------------------------------------------------------


def home_widget(window: Any) -> Any:
    """The home page (partnerships and their reviews) once the portfolio is on it, else None."""
    return getattr(window, "home", None)


def portfolio(window: Any) -> Any:
    return getattr(window, "portfolio", None)


def selected_meeting(window: Any) -> int | None:
    """The review the home page has selected (what "Open" would open)."""
    home = home_widget(window)
    if home is not None and hasattr(home, "selected_meeting"):
        return home.selected_meeting()
    return None


def open_meeting(window: Any, meeting_id: int) -> None:
    window.open_meeting(meeting_id)


def meeting_view(window: Any) -> Any:
    view = getattr(window, "meeting_view", None)
    if view is None:
        raise AdapterError("window.meeting_view is None after open_meeting")
    return view


def meeting_steps(window: Any) -> list[str]:
    """The navigator's step keys: attendees, section:KEY…, goals, actions, wrapup."""
    return list(meeting_view(window).navigator.keys())


def current_step(window: Any) -> str | None:
    return meeting_view(window).current_key()


def go_to(window: Any, key: str) -> None:
    meeting_view(window).go_to(key)


def back_home(window: Any) -> None:
    window.show_home()


# ---- dialogs and CSV ---------------------------------------------------------------------------


class Dialogs:
    """Replaces the window's message boxes and file dialogs: nothing modal during a tour."""

    def __init__(self) -> None:
        self.save_path: Path | None = None
        self.messages: list[str] = []

    def install(self) -> None:
        module = _first_module(DIALOG_MODULES, "dialogs")
        replacements = {
            "ask_save_file": lambda *_a, **_k: self.save_path,
            "ask_open_file": lambda *_a, **_k: None,
            "show_error": lambda _p, title, message: self.messages.append(f"{title}: {message}"),
            "show_info": lambda _p, title, message: self.messages.append(f"{title}: {message}"),
            "confirm": lambda *_a, **_k: False,
            "ask_text": lambda *_a, **_k: None,
            "ask_choice": lambda *_a, **_k: None,
            "export_done": lambda *_a, **_k: None,
        }
        for name, function in replacements.items():
            if hasattr(module, name):
                setattr(module, name, function)
        if not hasattr(module, "ask_save_file"):
            raise AdapterError(f"{module.__name__} has no ask_save_file")


def export_csv_in_view(window: Any, dialogs: Dialogs, path: Path) -> None:
    """File → Export actions as CSV…: the partnership in view (the user's menu command)."""
    dialogs.save_path = path
    window.export_csv("actions")


def export_csv_everything(window: Any, dialogs: Dialogs, path: Path) -> None:
    """Every action of every partnership as CSV, through the window's CSV code."""
    dialogs.save_path = path
    module = _first_module(CSV_MODULES, "CSV export")
    module.export_csv(window, portfolio(window), "actions", None)
