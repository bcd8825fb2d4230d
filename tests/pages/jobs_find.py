"""Pages of this part for the permission walker and the query budgets (see __init__.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from tests.pages.matrix import PUBLIC, SIGNED_IN, matrix

# Saving and deleting are POST-only: a signed-in person who GETs them is told so (405).
SIGNED_IN_ACTION = matrix("post_only", anonymous="login")

EXPECTED: dict[str, dict[str, str]] = {
    "jobs:board": PUBLIC,
    "jobs:feed_rss": PUBLIC,
    "jobs:feed_atom": PUBLIC,
    "jobs:councils": PUBLIC,
    "jobs:saved_searches": SIGNED_IN,
    "jobs:saved_search_save": SIGNED_IN_ACTION,
    "jobs:saved_search_delete": SIGNED_IN_ACTION,
    "sitemap": PUBLIC,
}
# Measured with build_page_data's 30 open vacancies and 12 saved searches, plus one.
BUDGETS: dict[str, int] = {
    "jobs:board": 9,
    "jobs:feed_rss": 8,
    "jobs:feed_atom": 8,
    "jobs:councils": 7,
    "jobs:saved_searches": 6,
    "sitemap": 8,
}


def _owner(people: dict[str, Any]) -> Any:
    return people["admin_a"]


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name == "jobs:saved_search_delete":
        from civictalent.jobs.models import SavedSearch

        saved, _ = SavedSearch.objects.get_or_create(
            user=people["member_a"], query_string="family=data", defaults={"name": "Data jobs"}
        )
        return {"pk": saved.pk}
    if name in EXPECTED:
        return {}
    return None


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """30 open vacancies over several councils and families (each indexed, as the services
    leave them), a few closed ones for the sitemap, and a dozen saved searches for the person
    who reads the saved-searches page."""
    from civictalent.framework.models import RoleLevel
    from civictalent.jobs.indexing import vacancy_reindex
    from civictalent.jobs.models import SavedSearch, Vacancy
    from civictalent.organisations.models import Organisation

    now = timezone.now()
    councils = list(Organisation.objects.filter(slug__in=["hackney", "greenwich", "camden"]))
    levels = list(RoleLevel.objects.select_related("role").order_by("pk")[:6])
    made = []
    for number in range(34):
        level = levels[number % len(levels)] if levels else None
        closed = number >= 30
        made.append(
            Vacancy.objects.create(
                organisation=councils[number % len(councils)],
                title=f"Data analyst {number}",
                summary="Help residents with better data and dashboards.",
                role_level=level,
                family_id=level.role.family_id if level else None,
                seniority=("entry", "practitioner", "senior")[number % 3],
                annual_min_pence=3_500_000 + number * 10_000,
                annual_max_pence=None if number % 7 == 0 else 4_200_000 + number * 10_000,
                contract=("permanent", "fixed term", "interim")[number % 3],
                working_pattern=("full_time", "part_time")[number % 2],
                workplace=("hybrid", "on_site", "remote")[number % 3],
                location="Town hall",
                status="closed" if closed else "published",
                closes_at=now + datetime.timedelta(days=-5 if closed else 10 + number),
                published_at=now - datetime.timedelta(days=number % 20),
                apply_url=f"https://jobs.example.org/{number}",
            )
        )
    for vacancy in made:
        vacancy_reindex(vacancy)
    SavedSearch.objects.bulk_create(
        SavedSearch(user=_owner(people), name=f"Search {n}", query_string=f"min_salary={30000 + n}")
        for n in range(12)
    )
