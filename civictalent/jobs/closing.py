"""Vacancies close at their closing time without anyone acting.

``vacancies_housekeeping`` (run by the scheduler through jobs.tasks.close_due_vacancies) closes
published vacancies whose closing time has passed, reminds editors three days before closing
(once per closing time), and archives vacancies closed for 90 days. Running it twice does
nothing more the second time: each step picks only what is still due, and each change goes
through the vacancy's service with its row locked.
"""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from civictalent.jobs import services
from civictalent.jobs.models import Vacancy, VacancyStatus

logger = logging.getLogger(__name__)

REMIND_BEFORE = datetime.timedelta(days=3)
BATCH = 500


def _due(queryset: QuerySet[Vacancy]) -> list[Vacancy]:
    return list(queryset.select_related("organisation").order_by("pk")[:BATCH])


def vacancies_housekeeping(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Close, remind and archive what is due at ``now``. Returns how many of each."""
    now = now or timezone.now()
    counts = {"closed": 0, "reminded": 0, "archived": 0, "failed": 0}

    while True:
        due = _due(Vacancy.objects.filter(status=VacancyStatus.PUBLISHED, closes_at__lte=now))
        if not due:
            break
        for vacancy in due:
            try:
                services.vacancy_close(vacancy=vacancy, now=now)
            except ValidationError:
                # Changed under us (closed or extended by a person): nothing to do.
                counts["failed"] += 1
                continue
            counts["closed"] += 1
        if len(due) < BATCH:
            break

    reminders = Vacancy.objects.filter(
        status=VacancyStatus.PUBLISHED, closes_at__gt=now, closes_at__lte=now + REMIND_BEFORE
    ).filter(Q(reminder_sent_for__isnull=True) | ~Q(reminder_sent_for=F("closes_at")))
    for vacancy in _due(reminders):
        if services.vacancy_remind(vacancy=vacancy):
            counts["reminded"] += 1

    while True:
        old = _due(
            Vacancy.objects.filter(
                status=VacancyStatus.CLOSED, closed_at__lte=now - services.KEPT_AFTER_CLOSING
            )
        )
        if not old:
            break
        for vacancy in old:
            try:
                services.vacancy_archive(vacancy=vacancy, now=now)
            except ValidationError:
                counts["failed"] += 1
                continue
            counts["archived"] += 1
        if len(old) < BATCH:
            break

    if any(counts.values()):
        logger.info("Vacancy housekeeping: %s", counts)
    return counts
