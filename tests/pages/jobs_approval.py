"""Pages of this part for the permission walker and the query budgets (see __init__.py): the
queue of adverts waiting for approval, the spot checks of what councils published themselves,
taking an advert off the board, and a council's choice of who approves its adverts.

Council A leaves approval to LOTI here (the default), so its admin sees its queue but cannot
publish from it; civictalent/jobs/tests/test_approval_views.py covers a council that approves
its own."""

from __future__ import annotations

from typing import Any

from tests.pages.jobs_manage import make_vacancy
from tests.pages.matrix import COUNCIL_A_ADMINS, PLATFORM_ADMIN_ONLY, matrix

EXPECTED: dict[str, dict[str, str]] = {
    # Council admins and named publishers see their councils' queue; LOTI's moderators, all.
    "jobs:moderation": COUNCIL_A_ADMINS,
    "jobs:spot_checks": PLATFORM_ADMIN_ONLY,
    "jobs:vacancy_spot_check": matrix("deny", anonymous="login", platform_admin="post_only"),
    "jobs:vacancy_withdraw": PLATFORM_ADMIN_ONLY,
    "jobs:council_approval": COUNCIL_A_ADMINS,
}
# Measured, plus one.
BUDGETS: dict[str, int] = {
    "jobs:moderation": 7,
    "jobs:spot_checks": 6,
    "jobs:vacancy_withdraw": 4,
    "jobs:council_approval": 7,
}


def _council_a(people: dict[str, Any]) -> Any:
    from civictalent.organisations.models import Membership

    return (
        Membership.objects.select_related("organisation").get(user=people["member_a"]).organisation
    )


def _self_published(people: dict[str, Any]) -> Any:
    vacancy = make_vacancy(_council_a(people), status="published", author=people["editor_a"])
    vacancy.self_published = True
    vacancy.published_by = people["admin_a"]
    vacancy.save(update_fields=["self_published", "published_by"])
    return vacancy


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name in {"jobs:vacancy_spot_check", "jobs:vacancy_withdraw"}:
        return {"pk": _self_published(people).pk}
    if name == "jobs:council_approval":
        return {"slug": _council_a(people).slug}
    if name in {"jobs:moderation", "jobs:spot_checks"}:
        return {}
    return None


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """Twenty adverts waiting and twenty published by council A itself, each by a person."""
    council = _council_a(people)
    for number in range(20):
        make_vacancy(council, status="submitted", number=number, author=people["editor_a"])
        _self_published(people)
