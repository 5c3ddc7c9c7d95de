"""Access to the bundled resources folder (agendas, fonts, icons) via importlib.resources."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def resource_root() -> Traversable:
    """The installed ``reviewdesk._resources`` package, or ``resources/`` in a source checkout."""
    try:
        return resources.files("reviewdesk._resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[1] / "resources"


def resource(*parts: str) -> Traversable:
    node = resource_root()
    for part in parts:
        node = node / part
    return node
