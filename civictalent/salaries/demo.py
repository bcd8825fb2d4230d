"""Demonstration salaries: made up, from a fixed seed, marked as demo data. Demo sites only.

Enough for every benchmark a visitor looks at to show figures rather than "Hidden": each role
level below has salaries from OBSERVATIONS_PER_LEVEL different councils, half Inner London and
half Outer London (so no council supplies more than half of any cell, and each zone has at
least MIN_CELL), six of each zone's eight in the last 12 months, and the demo councils (Hackney
and Greenwich) among them, so "your council against London" has rows too.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from civictalent.core.vocabularies import PayZone
from civictalent.framework.models import RoleLevel
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import ObservationSource, SalaryObservation
from civictalent.salaries.services import salary_observation_record

OBSERVATIONS_PER_LEVEL = 16
# The demo people's councils come first, so every level has a salary from each of them.
FIRST_COUNCILS = ("hackney", "greenwich")

# Role level -> a made-up middle salary in pounds; each demo salary varies around it. At least
# one level in every job family of the starter framework.
DEMO_CENTRES = {
    "associate-data-analyst": 32000,
    "data-analyst": 40000,
    "senior-data-analyst": 49000,
    "principal-data-analyst": 60000,
    "data-engineer": 47000,
    "senior-data-engineer": 57000,
    "data-scientist": 54000,
    "analytics-engineer": 50000,
    "data-governance-manager": 52000,
    "performance-analyst": 44000,
    "user-researcher": 44000,
    "senior-user-researcher": 53000,
    "content-designer": 44000,
    "service-designer": 50000,
    "interaction-designer": 47000,
    "delivery-manager": 50000,
    "senior-delivery-manager": 60000,
    "product-manager": 56000,
    "business-analyst": 46000,
    "developer": 45000,
    "senior-developer": 56000,
    "junior-developer": 34000,
    "frontend-developer": 48000,
    "devops-engineer": 52000,
    "test-engineer": 46000,
    "quality-assurance-test-analyst": 41000,
    "solution-architect": 64000,
    "data-architect": 62000,
    "security-architect": 66000,
    "infrastructure-engineer": 47000,
    "service-desk-manager": 46000,
    "it-service-manager": 52000,
    "chief-data-officer": 98000,
    "chief-technology-officer": 104000,
}


def _councils_by_zone() -> tuple[list[Organisation], list[Organisation], list[Organisation]]:
    """The demo councils, the other Inner London authorities, and Outer London's."""
    councils = list(
        Organisation.objects.filter(kind__in=["london_borough", "city_of_london"]).order_by("slug")
    )
    first = [c for slug in FIRST_COUNCILS for c in councils if c.slug == slug]
    inner = [c for c in councils if c.pay_zone == PayZone.INNER_LONDON and c not in first]
    outer = [c for c in councils if c.pay_zone != PayZone.INNER_LONDON]
    return first, inner, outer


def _council(number: int, offset: int, zones: tuple[list[Organisation], ...]) -> Organisation:
    """Even numbers in Inner London (the demo councils first), odd ones in Outer London."""
    first, inner, outer = zones
    half = number // 2
    if number % 2:
        return outer[(offset + half) % len(outer)]
    if half < len(first):
        return first[half]
    return inner[(offset + half) % len(inner)]


def demo_salaries_load(*, today: datetime.date | None = None) -> int:
    """Create the demo salaries once (a second run changes nothing). Returns how many it made."""
    if SalaryObservation.objects.filter(source=ObservationSource.DEMO).exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(2026)  # noqa: S311 - demonstration figures, not security
    zones = _councils_by_zone()
    levels = RoleLevel.objects.filter(
        framework__is_default=True, slug__in=DEMO_CENTRES
    ).select_related("role")
    made = 0
    for level in levels:
        centre = DEMO_CENTRES[level.slug]
        # Each level starts at a different place in each zone's list, so salaries spread over
        # every council.
        offset = rng.randrange(33)
        for number in range(OBSERVATIONS_PER_LEVEL):
            council = _council(number, offset, zones)
            recent = number % 8 < 6  # six in each zone in the last 12 months, two older
            low = Decimal(round(centre * rng.uniform(0.85, 1.05), -2))
            salary_observation_record(
                organisation=council,
                role_level=level,
                annual_min=low,
                annual_max=low + Decimal(round(centre * rng.uniform(0.06, 0.14), -2)),
                observed_on=today
                - datetime.timedelta(days=rng.randint(5, 330) if recent else rng.randint(380, 700)),
                source=ObservationSource.DEMO,
                source_ref=f"demo-{level.slug}-{number}",
                pay_text="Demonstration figure",
                # Half stand for pay already public (shared JDs, published vacancies), so the
                # open London pay data has figures on a demo site too.
                is_public=number % 2 == 0,
            )
            made += 1
    return made
