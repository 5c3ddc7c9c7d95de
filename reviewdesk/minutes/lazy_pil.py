"""Pillow's ``PIL.Image`` loaded when first used rather than when reportlab is imported.

``reportlab.lib.utils`` runs ``from PIL import Image`` when it is imported (20–30 ms of every
export, mostly Pillow's enumerations), and so does ``minutes.signoff``; both use it only for
bitmaps, and the only bitmaps in the minutes are drawn signatures (a signed-off meeting's,
when it has them; the charts are vector drawings). ``defer_pil_image`` puts a lazy module (the
standard library's ``importlib.util.LazyLoader``) where those imports find it; the first use of
any of its attributes (decoding a signature) loads Pillow's module into it as usual. If Pillow
cannot be found that way (or its loader cannot be made lazy), nothing changes. Call it before
reportlab is imported (``reviewdesk.minutes`` does).
"""

from __future__ import annotations

import importlib.util
import sys

NAME = "PIL.Image"


def defer_pil_image() -> None:
    """Put a lazy ``PIL.Image`` in ``sys.modules`` and on the ``PIL`` package (once)."""
    if NAME in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(NAME)  # imports the package PIL (small)
        if spec is None or spec.loader is None:
            return
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
    except (ImportError, ValueError, TypeError, AttributeError):
        return
    sys.modules[NAME] = module
    spec.loader.exec_module(module)  # lazy: only records what to load
    # what the import system sets once a submodule is loaded; `from PIL import Image` reads it
    sys.modules["PIL"].Image = module
