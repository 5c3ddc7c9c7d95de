"""The meeting record: dataclasses and pure rules (no Qt, no SQL)."""
