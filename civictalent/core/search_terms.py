"""The words of a search query. Pure: no Django, so the digest builder and the search criteria
read queries exactly as the database search does."""

from __future__ import annotations

import re

__all__ = ["MAX_TERMS", "WORD", "query_terms"]

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def query_terms(query: str) -> list[str]:
    """The words of a query, without operators: user input never reaches the SQL as syntax."""
    return WORD.findall(query.lower())[:MAX_TERMS]
