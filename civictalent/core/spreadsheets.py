"""Text for spreadsheets (CSV and Excel downloads, and reading them back): pure, no Django.

A cell that starts like a formula would run as one in Excel or LibreOffice (CSV injection), so a
download puts an apostrophe before it and an import takes it off again."""

from __future__ import annotations

# A cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """Text a spreadsheet shows as it is and never runs as a formula: one that would start a
    formula (a council called "=HYPERLINK(...)") gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
