"""Pages of the maturity app's roadmap part for the permission walker and the query budgets (see
__init__.py)."""

from __future__ import annotations

from typing import Any

EXPECTED: dict[str, dict[str, str]] = {}
BUDGETS: dict[str, int] = {}


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name not in EXPECTED:
        return None
    return {}


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    return None
