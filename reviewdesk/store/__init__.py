"""The portfolio file: SQLite via sqlite-utils (no Qt)."""
