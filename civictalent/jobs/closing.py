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
from collections.abc import Callable, Iterator

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from civictalent.jobs import services
from civictalent.jobs.models import Vacancy, VacancyStatus

logger = logging.getLogger(__name__)

REMIND_BEFORE = datetime.timedelta(days=3)
BATCH = 500


def _each_due(queryset: QuerySet[Vacancy]) -> Iterator[Vacancy]:
    """Every vacancy of ``queryset``, in batches by id. A vacancy the caller could not change
    is not offered again, so a stubborn one cannot keep the job looping."""
    after = 0
    while True:
        batch = list(
            queryset.filter(pk__gt=after).select_related("organisation").order_by("pk")[:BATCH]
        )
        yield from batch
        if len(batch) < BATCH:
            return
        after = batch[-1].pk


def _apply(queryset: QuerySet[Vacancy], change: Callable[[Vacancy], object]) -> tuple[int, int]:
    """Apply ``change`` to each due vacancy; (done, failed). A ValidationError means a person
    changed the vacancy meanwhile (closed or extended it): nothing to do."""
    done = failed = 0
    for vacancy in _each_due(queryset):
        try:
            change(vacancy)
        except ValidationError:
            failed += 1
            continue
        done += 1
    return done, failed


def vacancies_housekeeping(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Close, remind and archive what is due at ``now``. Returns how many of each."""
    now = now or timezone.now()
    closed, failed_to_close = _apply(
        Vacancy.objects.filter(status=VacancyStatus.PUBLISHED, closes_at__lte=now),
        lambda vacancy: services.vacancy_close(vacancy=vacancy, now=now),
    )
    reminders = Vacancy.objects.filter(
        status=VacancyStatus.PUBLISHED, closes_at__gt=now, closes_at__lte=now + REMIND_BEFORE
    ).filter(Q(reminder_sent_for__isnull=True) | ~Q(reminder_sent_for=F("closes_at")))
    reminded = sum(services.vacancy_remind(vacancy=vacancy) for vacancy in _each_due(reminders))
    archived, failed_to_archive = _apply(
        Vacancy.objects.filter(
            status=VacancyStatus.CLOSED, closed_at__lte=now - services.KEPT_AFTER_CLOSING
        ),
        lambda vacancy: services.vacancy_archive(vacancy=vacancy, now=now),
    )
    counts = {
        "closed": closed,
        "reminded": reminded,
        "archived": archived,
        "failed": failed_to_close + failed_to_archive,
    }
    if any(counts.values()):
        logger.info("Vacancy housekeeping: %s", counts)
    return counts
