"""Pages of the privacy part of accounts for the permission walker and the query budgets (see
__init__.py): download your data, delete your account, and the page after deleting.

Deleting needs a recent sign-in only when the form is sent, so reading the page is "ok" for
everyone signed in. The confirmation page is public: it is shown after signing out.
"""

from __future__ import annotations

from typing import Any

from tests.pages.matrix import PUBLIC, SIGNED_IN

EXPECTED: dict[str, dict[str, str]] = {
    "accounts:download_data": SIGNED_IN,
    "accounts:delete": SIGNED_IN,
    "accounts:deleted": PUBLIC,
}
# Measured plus one. The download reads one query per kind of data, whatever the amount.
BUDGETS: dict[str, int] = {
    "accounts:download_data": 37,
    "accounts:delete": 7,
    "accounts:deleted": 5,
}


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name not in EXPECTED:
        return None
    return {}


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """Nothing more: the shared data gives admin_a audit events, memberships and join requests."""
    return None
