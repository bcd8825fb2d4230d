"""Generated alert subscriptions for the data generator (alerts/seeding.py, run by
``civictalent generate``) and the digest benchmark: realistic searches, many shared (everyone who
wants "data jobs in Hackney" asks the same thing), some with keywords, a few with a keyword typed
halfway."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from civictalent.core.generation.base import GENERATED_TAG, Context
from civictalent.core.generation.scales import Scale
from civictalent.core.vocabularies import Contract, Seniority, WorkingPattern, Workplace
from civictalent.jobs.criteria import SearchCriteria
from civictalent.organisations.seeding import councils

KEYWORDS = (
    "data",
    "analyst",
    "developer",
    "engineer",
    "housing",
    "dashboards",
    "digital",
    "product manager",
    "user research",
    "cloud",
    "cyber security",
    "service design",
    "delivery manager",
    "social care",
)
SALARIES = tuple(range(25_000, 90_001, 5_000))


def alert_criteria(
    rng: random.Random, *, families: Sequence[str], councils: Sequence[str]
) -> SearchCriteria:
    """One person's search. Three in ten are one of the popular searches (the first ones most
    often: a family in a big council, a common job title); the rest combine filters, most often
    a place and a family or some keywords, as people look for jobs."""
    if rng.random() < 0.3:
        popular = [
            *(
                SearchCriteria(families=(family,), councils=(council,))
                for council in councils[:8]
                for family in families[:3]
            ),
            *(SearchCriteria(keywords=words) for words in KEYWORDS[:6]),
            *(SearchCriteria(families=(family,)) for family in families),
            SearchCriteria(),
        ]
        return popular[min(int(rng.expovariate(1 / 8)), len(popular) - 1)]
    keywords = ""
    if rng.random() < 0.35:
        keywords = " ".join(rng.sample(KEYWORDS, rng.choice((1, 1, 2))))
        if rng.random() < 0.15:  # typed halfway: the last word is a prefix
            keywords = keywords[: max(len(keywords) - rng.randint(1, 3), 2)].strip()
    return SearchCriteria(
        keywords=keywords,
        families=_some(rng, families, 0.6, 2),
        levels=_some(rng, Seniority.values, 0.35, 2),
        councils=_some(rng, councils, 0.65, 3),
        min_salary=rng.choice(SALARIES) if rng.random() < 0.3 else None,
        patterns=_some(rng, WorkingPattern.values, 0.15, 2),
        contracts=_some(rng, Contract.values, 0.15, 2),
        workplaces=_some(rng, Workplace.values, 0.2, 2),
    )


def _some(rng: random.Random, values: Sequence[str], chance: float, most: int) -> tuple[str, ...]:
    if not values or rng.random() >= chance:
        return ()
    return tuple(sorted(rng.sample(list(values), min(len(values), rng.randint(1, most)))))


def family_slugs() -> list[str]:
    from civictalent.framework.models import JobFamily

    return list(
        JobFamily.objects.filter(framework__is_default=True, is_current=True)
        .order_by("slug")
        .values_list("slug", flat=True)
    )


def planned_total(scale: Scale) -> int:
    return scale.planned.get("alert_subscriptions", 0)


def subscriptions_existing() -> int:
    from civictalent.alerts.models import AlertSubscription

    return AlertSubscription.objects.filter(email__startswith=f"{GENERATED_TAG}.alert.").count()


def subscriptions_make(context: Context, start: int, stop: int) -> int:
    """Alerts ``start`` to ``stop``: 80% weekly, 90% confirmed, 5% of those unsubscribed."""
    from civictalent.alerts.models import AlertSubscription, Frequency

    families = family_slugs()
    council_slugs = [council.slug for council in councils(context)]
    rows = []
    for index, rng in context.items("alert-subscriptions", start, stop):
        criteria = alert_criteria(rng, families=families, councils=council_slugs)
        weekly = rng.random() < 0.8
        verified = rng.random() < 0.9
        unsubscribed = verified and rng.random() < 0.05
        created = context.moment(rng, days_back=365)
        secret = f"{rng.getrandbits(160):040x}"
        if index < 0:
            continue
        confirmed = created + datetime.timedelta(minutes=10) if verified else None
        rows.append(
            AlertSubscription(
                email=f"{GENERATED_TAG}.alert.{index:07d}@example.org",
                query_string=criteria.to_query_string(include_sort=False),
                frequency=Frequency.WEEKLY if weekly else Frequency.DAILY,
                secret=f"{GENERATED_TAG}-{index}-{secret}",
                verified_at=confirmed,
                last_sent_at=confirmed,
                unsubscribed_at=confirmed + datetime.timedelta(days=30)
                if unsubscribed and confirmed
                else None,
            )
        )
    AlertSubscription.objects.bulk_create(rows)
    return len(rows)
