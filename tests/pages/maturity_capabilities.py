"""Pages of the maturity app's capabilities part for the permission walker and the query budgets
(see __init__.py): the capability model is public; editing, history and import are for platform
admins."""

from __future__ import annotations

from typing import Any

from tests.pages.matrix import PLATFORM_ADMIN_ONLY, PUBLIC

EXPECTED: dict[str, dict[str, str]] = {
    "capabilities:index": PUBLIC,
    "capabilities:domain": PUBLIC,
    "capabilities:detail": PUBLIC,
    "capabilities:export_csv": PUBLIC,
    "capabilities:export_xlsx": PUBLIC,
    "capabilities:edit": PLATFORM_ADMIN_ONLY,
    "capabilities:history": PLATFORM_ADMIN_ONLY,
    "capabilities:import": PLATFORM_ADMIN_ONLY,
}
# Measured plus one; none grows with the number of capabilities or role levels.
BUDGETS: dict[str, int] = {
    "capabilities:index": 5,
    "capabilities:domain": 5,
    "capabilities:detail": 5,
    "capabilities:export_csv": 5,
    "capabilities:export_xlsx": 5,
    "capabilities:edit": 7,
    "capabilities:history": 6,
    "capabilities:import": 3,
}


def _loaded() -> None:
    from civictalent.maturity.capability_services import capability_model_load_starter

    capability_model_load_starter()


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name not in EXPECTED:
        return None
    _loaded()
    if name == "capabilities:domain":
        return {"slug": "data"}
    if name in {"capabilities:detail", "capabilities:edit", "capabilities:history"}:
        return {"slug": "data-governance"}
    return {}


def prepare_data_for(name: str) -> None:
    if name in EXPECTED:
        _loaded()


def build_page_data(people: dict[str, Any]) -> None:
    """The starter model: 16 capabilities with several role levels each, so a query per row
    would show."""
    _loaded()
