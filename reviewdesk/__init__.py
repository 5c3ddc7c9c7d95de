"""reviewdesk: lead client-provider partnership reviews and sign off their minutes."""

__version__ = "0.1.0"
