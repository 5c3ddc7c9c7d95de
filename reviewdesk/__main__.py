"""``python -m reviewdesk``."""

from reviewdesk.entry import main

raise SystemExit(main())
