"""Enqueue the periodic jobs that are due: once per job and period, however many schedulers run."""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction

from civictalent.core.models import ScheduledRun
from civictalent.core.registry import contributions
from civictalent.core.scheduling import ScheduledJob

logger = logging.getLogger(__name__)


def scheduled_jobs() -> list[ScheduledJob]:
    """Every app's periodic jobs: ``SCHEDULED_JOBS`` in each app's ``schedule.py``."""
    return list(contributions("schedule", "SCHEDULED_JOBS"))


def _enqueue(task: Any) -> None:
    task.enqueue()


def scheduled_jobs_enqueue_due(
    *, now: datetime, jobs: list[ScheduledJob] | None = None
) -> list[str]:
    """Claim this period for each due job and enqueue its task. Returns the jobs enqueued."""
    enqueued: list[str] = []
    for job in scheduled_jobs() if jobs is None else jobs:
        period = job.cadence.period(now)
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, period=period)
                transaction.on_commit(partial(_enqueue, job.task))
        except IntegrityError:
            continue
        logger.info("Enqueued %s for %s", job.name, period)
        enqueued.append(job.name)
    return enqueued
