"""Bundled resources: agenda templates, fonts and icons (installed as reviewdesk._resources)."""
