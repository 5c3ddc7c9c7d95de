"""``python -m reviewdesk``."""

from reviewdesk.cli import main

raise SystemExit(main())
