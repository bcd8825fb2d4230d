"""This app's periodic jobs (collected by civictalent/core/scheduler.py; see core/registry.py).

Each app lists its own jobs in its own ``schedule.py``: see docs/operations.md for all of them.
"""

from civictalent.core.scheduling import Daily, Every, ScheduledJob
from civictalent.core.tasks import (
    prune_old_records,
    record_worker_heartbeat,
    requeue_stalled_tasks,
    retry_due_emails,
)

SCHEDULED_JOBS = [
    ScheduledJob(
        name="worker-heartbeat",
        cadence=Every(seconds=60),
        task=record_worker_heartbeat,
        description="Proves the worker is taking tasks; /healthz reads it.",
    ),
    ScheduledJob(
        name="retry-emails",
        cadence=Every(seconds=300),
        task=retry_due_emails,
        description="Sends again any email that failed or was left half-sent.",
    ),
    ScheduledJob(
        name="requeue-stalled-tasks",
        cadence=Every(seconds=60),
        task=requeue_stalled_tasks,
        description="Puts back in the queue any task whose worker died while running it "
        "(no heartbeat for two minutes), so no task is lost when a worker is killed.",
    ),
    ScheduledJob(
        name="prune-old-records",
        cadence=Daily(hour=3),
        task=prune_old_records,
        description="Deletes email copies after 90 days, finished task results after 14 "
        "and scheduled-run records after 30.",
    ),
]
