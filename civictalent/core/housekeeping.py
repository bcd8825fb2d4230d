"""Delete what we promised not to keep: old email copies, finished task results, run records.

The privacy notice says copies of sent emails are kept for up to 90 days; this enforces it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import connection, transaction

from civictalent.core.models import OutboundEmail, ScheduledRun

KEEP_SENT_EMAILS = timedelta(days=90)
KEEP_TASK_RESULTS = timedelta(days=14)
KEEP_SCHEDULED_RUNS = timedelta(days=30)


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
