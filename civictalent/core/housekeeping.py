"""Delete what we promised not to keep: old email copies, finished task results, run records.

The privacy notice says copies of sent emails are kept for up to 90 days; this enforces it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import connection, transaction

from civictalent.core.models import Heartbeat, OutboundEmail, ScheduledRun

logger = logging.getLogger(__name__)

KEEP_SENT_EMAILS = timedelta(days=90)
KEEP_TASK_RESULTS = timedelta(days=14)
KEEP_SCHEDULED_RUNS = timedelta(days=30)
# Task workers (``civictalent task_worker``) beat every 15 seconds; one silent for this long has
# died (killed, out of memory, machine lost) and the task it was running will never finish.
TASK_WORKER_STALE_AFTER = timedelta(seconds=120)
TASK_WORKER_HEARTBEAT_PREFIX = "task-worker:"


def housekeeping_prune(*, now: datetime) -> dict[str, int]:
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        emails, _ = OutboundEmail.objects.filter(
            status__in=[OutboundEmail.Status.SENT, OutboundEmail.Status.FAILED],
            created_at__lt=now - KEEP_SENT_EMAILS,
        ).delete()
        tasks, _ = DBTaskResult.objects.filter(finished_at__lt=now - KEEP_TASK_RESULTS).delete()
        runs, _ = ScheduledRun.objects.filter(enqueued_at__lt=now - KEEP_SCHEDULED_RUNS).delete()
    if connection.vendor == "sqlite":
        # Keep the query planner's statistics current: without them SQLite may sort the whole
        # library instead of reading it in index order.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")
    return {"emails": emails, "task_results": tasks, "scheduled_runs": runs}


def tasks_requeue_stalled(
    *, now: datetime, stale_after: timedelta = TASK_WORKER_STALE_AFTER
) -> list[str]:
    """Put back in the queue every task still marked running whose worker has stopped beating.

    django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again, so
    a worker killed mid-task leaves it RUNNING for ever. A task started after ``now -
    stale_after`` is left alone, so a task is only requeued once its worker has been silent for
    that long. Tasks must therefore be safe to run again after an interrupted attempt (each
    commits its effect in one transaction, or claims its work like ``email_send``). Returns the
    ids of the tasks requeued.
    """
    from django_tasks_db.models import DBTaskResult

    cutoff = now - stale_after
    alive = set(
        Heartbeat.objects.filter(
            name__startswith=TASK_WORKER_HEARTBEAT_PREFIX, beat_at__gte=cutoff
        ).values_list("name", flat=True)
    )
    requeued = []
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status="RUNNING", started_at__lt=cutoff
        )
        for result in running:
            worker = result.worker_ids[-1] if result.worker_ids else ""
            if f"{TASK_WORKER_HEARTBEAT_PREFIX}{worker}" in alive:
                continue
            updated = DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(
                status="READY", started_at=None
            )
            if updated:
                requeued.append(str(result.pk))
        Heartbeat.objects.filter(
            name__startswith=TASK_WORKER_HEARTBEAT_PREFIX, beat_at__lt=cutoff
        ).delete()
    if requeued:
        logger.warning("Requeued %s task(s) whose worker stopped: %s", len(requeued), requeued)
    return requeued
