"""Pages of the open London pay data for the permission walker and the query budgets (see
__init__.py): the page and its CSV are public, for everyone alike."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from tests.pages.matrix import PUBLIC

EXPECTED: dict[str, dict[str, str]] = {
    "salaries:open_data": PUBLIC,
    "salaries:open_data_csv": PUBLIC,
}
# Measured plus one: two queries for the figures (cells, role levels), whatever their number.
BUDGETS: dict[str, int] = {
    "salaries:open_data": 5,
    "salaries:open_data_csv": 5,
}


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name not in EXPECTED:
        return None
    return {}


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """Public salaries for several role levels, shown and hidden, so a query per row would show."""
    from django.utils import timezone

    from civictalent.framework.models import RoleLevel
    from civictalent.organisations.models import Organisation
    from civictalent.salaries.benchmarks import benchmarks_refresh_due
    from civictalent.salaries.services import salary_observation_record

    councils = list(Organisation.objects.filter(kind="london_borough").order_by("gss_code")[:6])
    levels = RoleLevel.objects.filter(framework__is_default=True).order_by("pk")[:4]
    today = timezone.localdate()
    for level in levels:
        for number in range(6 if level.pk % 2 else 3):
            salary_observation_record(
                organisation=councils[number],
                role_level=level,
                annual_min=Decimal(38000 + number * 1500),
                annual_max=Decimal(44000 + number * 1500),
                observed_on=today - datetime.timedelta(days=30 + number),
                source="vacancy",
                source_ref=f"open-data-{level.pk}-{number}",
                is_public=True,
            )
    benchmarks_refresh_due()
