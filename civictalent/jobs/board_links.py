"""The way back from a vacancy to the search that found it.

A result on the board links to its vacancy with the search in one parameter (``?search=``).
The vacancy page's back link is rebuilt from that parameter, never copied: the search is read
again as ``SearchCriteria`` (unknown names and values dropped) and written out as the board's
own canonical query, on the board's own path, with the result's id as the fragment so the
browser scrolls back to it. Whatever someone puts in the parameter, the link can only lead to
the jobs board.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from django.urls import reverse

from civictalent.core.numbers import parse_bounded_int
from civictalent.jobs.criteria import criteria_from_query

SEARCH_PARAMETER = "search"
# Longer than any canonical search (keywords are at most 200 characters, values are short
# codes); anything longer was not made by the board, and is not read.
MAX_SEARCH_LENGTH = 4000
MAX_PAGE = 10_000


def result_anchor(vacancy_pk: int) -> str:
    return f"result-{vacancy_pk}"


def search_token(canonical_query: str, page_number: int) -> str:
    """What a result link carries: the board's canonical query, and the page when not the first."""
    if page_number > 1:
        return f"{canonical_query}&page={page_number}" if canonical_query else f"page={page_number}"
    return canonical_query


def vacancy_link(vacancy_url: str, token: str) -> str:
    """A result's link to its vacancy, carrying the search (none for the plain board)."""
    return f"{vacancy_url}?{urlencode({SEARCH_PARAMETER: token})}" if token else vacancy_url


def back_to_board(token: str | None, *, vacancy_pk: int) -> str:
    """The back link for a vacancy page: the jobs board with the search read from ``token``."""
    board = reverse("jobs:board")
    if not token or len(token) > MAX_SEARCH_LENGTH:
        return board
    parsed = parse_qs(token, keep_blank_values=False)
    query = criteria_from_query(parsed).to_query_string()
    page = parse_bounded_int((parsed.get("page") or [""])[0], maximum=MAX_PAGE) or 1
    if page > 1:
        query = f"{query}&page={page}" if query else f"page={page}"
    return (
        f"{board}?{query}#{result_anchor(vacancy_pk)}"
        if query
        else (f"{board}#{result_anchor(vacancy_pk)}")
    )
