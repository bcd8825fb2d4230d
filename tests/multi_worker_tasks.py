"""A task for tests/test_multi_worker.py, importable by the worker processes it starts.

Each run writes a "started" row at once and a "done" row at the end of one transaction, the
way every task here commits its effect: a run killed part-way leaves a start and no effect.
"""

from __future__ import annotations

import os
import time

from django.db import transaction
from django_tasks import task

from civictalent.core.models import AuditEvent

STARTED, DONE = "multi-worker-test:started", "multi-worker-test:done"


@task()
def slow_numbered_task(number: int, seconds: float) -> int:
    AuditEvent.objects.create(
        action=STARTED, target_type="task", target_id=str(number), summary=str(os.getpid())
    )
    with transaction.atomic():
        time.sleep(seconds)
        AuditEvent.objects.create(
            action=DONE, target_type="task", target_id=str(number), summary=str(os.getpid())
        )
    return number
