"""Pages of a council's API tokens for the permission walker and the query budgets (see
__init__.py): council A's admins (and platform admins) manage council A's tokens; revoking is a
form's POST only."""

from __future__ import annotations

from typing import Any

from tests.pages.matrix import COUNCIL_A_ADMIN_ACTION, COUNCIL_A_ADMINS

EXPECTED: dict[str, dict[str, str]] = {
    "api_tokens:list": COUNCIL_A_ADMINS,
    "api_tokens:create": COUNCIL_A_ADMINS,
    "api_tokens:revoke": COUNCIL_A_ADMIN_ACTION,
}
# Measured plus one: the list reads the tokens with who made and revoked them in one query.
BUDGETS: dict[str, int] = {
    "api_tokens:list": 7,
    "api_tokens:create": 6,
}


def _council_a(people: dict[str, Any]) -> Any:
    return people["admin_a"].memberships.get().organisation


def _token(people: dict[str, Any]) -> Any:
    from civictalent.api.services import api_token_create

    token, _ = api_token_create(
        organisation=_council_a(people),
        created_by=people["admin_a"],
        name="Walker's system",
        scope="read",
        expires_in_days=30,
    )
    return token


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name not in EXPECTED:
        return None
    if name == "api_tokens:revoke":
        return {"slug": _council_a(people).slug, "token_id": _token(people).pk}
    return {"slug": _council_a(people).slug}


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """Twenty tokens, some revoked, so a query per token would show."""
    from civictalent.api.services import api_token_revoke

    for number in range(20):
        token = _token(people)
        if number % 3 == 0:
            api_token_revoke(token=token, revoked_by=people["admin_a"])
