"""Meeting record to PDF minutes with reportlab (no Qt)."""
