"""Meeting record to PDF minutes with reportlab (no Qt)."""

from reviewdesk.minutes.lazy_patterns import defer_uri_pattern
from reviewdesk.minutes.lazy_pil import defer_pil_image

defer_uri_pattern()  # before reportlab.platypus is imported
defer_pil_image()  # before reportlab.lib.utils is imported
