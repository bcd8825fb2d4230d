"""What every vacancy service shares: the row lock, the date in London, and how the audit log
names whoever acted."""

from __future__ import annotations

import datetime

from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.jobs.models import Vacancy


def vacancy_locked(vacancy: Vacancy) -> Vacancy:
    """The vacancy read again and locked until the caller's transaction ends, so two people
    (or a person and the closing job) never change it at once."""
    return (
        Vacancy.objects.select_for_update(of=("self",))
        .select_related("organisation", "role_level__role", "created_by")
        .get(pk=vacancy.pk)
    )


def london_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def actor_named(user: User | None, *, nobody: str = "An import") -> str:
    """Who acted, as the audit log's summaries say it; ``nobody`` when the system acted."""
    return user.email if user is not None else nobody
