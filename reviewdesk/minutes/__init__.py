"""Meeting record to PDF minutes with reportlab (no Qt)."""

from reviewdesk.minutes.lazy_patterns import defer_uri_pattern

defer_uri_pattern()  # before reportlab.platypus is imported
