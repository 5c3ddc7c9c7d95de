"""reportlab's URI pattern is compiled on first use, not when reportlab is imported
(minutes/lazy_patterns.py), and matches as reportlab's own compile does."""

from __future__ import annotations

import re
import subprocess
import sys

from reviewdesk.minutes.lazy_patterns import URI_FLAGS, URI_PATTERN, LazyPattern

URIS = [
    "http://example.com/x",
    "https://ÜBER.de/path?q=1#top",
    "ftp://user:pw@1.2.3.4:8080/a",
    "HTTP://EXAMPLE.ORG",
    "http://localhost",
    "mailto:someone@example.com",
    "nope",
    "http://[::1]/",
    "www.example.com",
    "",
]


def test_reportlab_gets_the_stand_in_when_reviewdesk_minutes_loads_first():
    code = (
        "import reviewdesk.minutes.render, re\n"
        "from reportlab.platypus import paragraph as p\n"
        "from reviewdesk.minutes.lazy_patterns import LazyPattern\n"
        "assert isinstance(p.uri_pat, LazyPattern), type(p.uri_pat)\n"
        "assert p.uri_pat._compiled is None  # not compiled by the import\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_the_stand_in_matches_as_the_compiled_pattern():
    lazy = LazyPattern(URI_PATTERN, URI_FLAGS.value)
    real = re.compile(URI_PATTERN, URI_FLAGS)
    for uri in URIS:
        ours, theirs = lazy.match(uri), real.match(uri)
        assert (ours and (ours.span(), ours.groups())) == (
            theirs and (theirs.span(), theirs.groups())
        )
    assert lazy.flags == real.flags and lazy.pattern == real.pattern
