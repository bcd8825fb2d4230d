"""``civictalent task_worker``: django-tasks-db's ``db_worker`` that also proves it is alive.

A thread records a heartbeat (``task-worker:<worker id>``) every few seconds while the worker
runs, including while a task is running. When a worker is killed its heartbeat stops, and the
scheduled job ``requeue-stalled-tasks`` puts its unfinished task back in the queue
(``housekeeping.tasks_requeue_stalled``). Run as many of these as you like against one database.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from civictalent.core.health import heartbeat_record
from civictalent.core.housekeeping import TASK_WORKER_HEARTBEAT_PREFIX
from civictalent.core.models import Heartbeat

logger = logging.getLogger(__name__)
HEARTBEAT_SECONDS = 15.0


class WorkerHeartbeat(threading.Thread):
    def __init__(self, name: str, interval: float) -> None:
        super().__init__(name=f"heartbeat {name}", daemon=True)
        self.heartbeat_name = name
        self.interval = interval
        self.stopping = threading.Event()

    def beat(self) -> None:
        try:
            heartbeat_record(name=self.heartbeat_name)
        except DatabaseError as error:  # the next beat tries again
            logger.warning("Could not record the worker heartbeat: %s", error)

    def run(self) -> None:
        try:
            while not self.stopping.wait(self.interval):
                self.beat()
        finally:
            connections.close_all()  # this thread's own connection


class Command(DatabaseWorkerCommand):
    help = (
        "Run a background task worker (django-tasks-db's db_worker) with a heartbeat, so a "
        "task left behind by a killed worker is put back in the queue."
    )

    def handle(self, *args: Any, worker_id: str, **options: Any) -> None:
        name = f"{TASK_WORKER_HEARTBEAT_PREFIX}{worker_id}"
        interval = float(getattr(settings, "TASK_WORKER_HEARTBEAT_SECONDS", HEARTBEAT_SECONDS))
        heartbeat = WorkerHeartbeat(name, interval)
        heartbeat.beat()  # before the first task is claimed
        heartbeat.start()
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            heartbeat.stopping.set()
            heartbeat.join(timeout=5)
            # A clean stop: nothing of ours is left running, so say so at once.
            Heartbeat.objects.filter(name=name).delete()
