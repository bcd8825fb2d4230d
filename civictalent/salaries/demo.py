"""Demonstration salaries: made up, from a fixed seed, marked as demo data. Demo sites only."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from civictalent.framework.models import RoleLevel
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import ObservationSource, SalaryObservation
from civictalent.salaries.services import salary_observation_record

# Role level -> a made-up middle salary in pounds; each demo salary varies around it.
DEMO_CENTRES = {
    "associate-data-analyst": 32000,
    "data-analyst": 40000,
    "senior-data-analyst": 49000,
    "principal-data-analyst": 60000,
    "data-engineer": 47000,
    "senior-data-engineer": 57000,
    "user-researcher": 44000,
    "senior-user-researcher": 53000,
    "delivery-manager": 50000,
    "senior-delivery-manager": 60000,
    "developer": 45000,
    "senior-developer": 56000,
}


def demo_salaries_load(*, today: datetime.date | None = None) -> int:
    """Create the demo salaries once (a second run changes nothing). Returns how many it made."""
    if SalaryObservation.objects.filter(source=ObservationSource.DEMO).exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(2026)  # noqa: S311 - demonstration figures, not security
    councils = list(Organisation.objects.filter(kind__in=["london_borough", "city_of_london"]))
    levels = RoleLevel.objects.filter(
        framework__is_default=True, slug__in=DEMO_CENTRES
    ).select_related("role")
    made = 0
    for level in levels:
        centre = DEMO_CENTRES[level.slug]
        for number in range(40):
            council = rng.choice(councils)
            low = Decimal(round(centre * rng.uniform(0.85, 1.05), -2))
            salary_observation_record(
                organisation=council,
                role_level=level,
                annual_min=low,
                annual_max=low + Decimal(round(centre * rng.uniform(0.06, 0.14), -2)),
                observed_on=today - datetime.timedelta(days=rng.randint(5, 700)),
                source=ObservationSource.DEMO,
                source_ref=f"demo-{level.slug}-{number}",
                pay_text="Demonstration figure",
                # Half stand for pay already public (shared JDs, published vacancies), so the
                # open London pay data has figures on a demo site too.
                is_public=number % 2 == 0,
            )
            made += 1
    return made
