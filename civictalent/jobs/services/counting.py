"""Counting views and apply clicks: numbers only, no cookies, addresses or visitor data."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from civictalent.jobs.models import Vacancy, VacancyDailyCount

COUNTED = frozenset({"views", "apply_clicks"})


def vacancy_count(*, vacancy: Vacancy, what: str, day: datetime.date | None = None) -> None:
    """Add one to today's views or apply clicks of a vacancy."""
    if what not in COUNTED:
        raise ValueError(f"Cannot count {what!r}.")
    day = day or timezone.localdate()
    updated = VacancyDailyCount.objects.filter(vacancy_id=vacancy.pk, day=day).update(
        **{what: F(what) + 1}
    )
    if updated:
        return
    try:
        with transaction.atomic():
            VacancyDailyCount.objects.create(
                vacancy_id=vacancy.pk,
                organisation_id=vacancy.organisation_id,
                day=day,
                **{what: 1},
            )
    except IntegrityError:
        # Someone else made today's row first: add to it.
        VacancyDailyCount.objects.filter(vacancy_id=vacancy.pk, day=day).update(
            **{what: F(what) + 1}
        )
