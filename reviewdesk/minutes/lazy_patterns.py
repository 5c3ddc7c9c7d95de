"""A regular expression of reportlab compiled when first used rather than at import.

``reportlab.platypus.paragraph`` compiles ``uri_pat`` (a case-insensitive pattern with ranges
up to U+FFFF) when it is imported: 50–100 ms of every export, for a pattern reportlab only uses
when it hyphenates (never in the minutes). Python's ``re.compile`` first looks in its own cache,
keyed by the pattern's text and flags; putting a lazy stand-in there for this exact text makes
reportlab's module-level compile return it, and the real pattern is compiled on first use. Any
other text (another reportlab) finds nothing there and compiles as usual. Import this before
reportlab's platypus (``reviewdesk.minutes`` does).
"""

from __future__ import annotations

import re
from typing import Any

# reportlab 4.x/5.x, platypus/paragraph.py: uri_pat = re.compile(<this>, re.I)
URI_PATTERN = "(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9](?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))(?::\\d{2,5})?(?:[/?#][^\\s]*)?\\Z"
URI_FLAGS = re.I


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``; compiles on first use."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            # not re.compile: its cache would hand back this stand-in
            self._compiled = re._compiler.compile(self.pattern, self._flags)  # type: ignore[attr-defined]
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


def defer_uri_pattern() -> None:
    """Put the stand-in where reportlab's compile will find it (once; harmless if unused)."""
    try:
        cache = re._cache  # type: ignore[attr-defined]
        key = (str, URI_PATTERN, URI_FLAGS.value)
        if not isinstance(cache.get(key), LazyPattern):
            cache[key] = LazyPattern(URI_PATTERN, URI_FLAGS.value)
    except (AttributeError, TypeError):  # another Python's re: compiled at import, as before
        pass
