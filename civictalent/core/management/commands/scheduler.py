"""Enqueue periodic jobs when they fall due. Run one or several; each job runs once per period.

Instead of a long-running scheduler you can call ``civictalent scheduler --once`` from cron
every minute (see docs/operations.md).
"""

from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.utils import timezone

from civictalent.core.health import SCHEDULER, heartbeat_record, started_record
from civictalent.core.scheduler import scheduled_jobs, scheduled_jobs_enqueue_due


class Command(BaseCommand):
    help = "Enqueue periodic jobs (heartbeat, email retries, digests...) when they are due."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Check once, then exit (for cron).")
        parser.add_argument("--interval", type=int, default=15, help="Seconds between checks.")

    def handle(self, *args: Any, once: bool, interval: int, **options: Any) -> None:
        self.running = True

        def stop(signum: int, frame: FrameType | None) -> None:
            self.running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if not once:
            names = ", ".join(job.name for job in scheduled_jobs())
            self.stdout.write(f"Scheduler started ({names}); checking every {interval} seconds.")
        starting = not once
        while self.running:
            try:
                now = timezone.now()
                if starting:
                    # The worker heartbeat it enqueues now is due, not late (see /healthz).
                    started_record(at=now)
                    starting = False
                heartbeat_record(name=SCHEDULER, at=now)
                for name in scheduled_jobs_enqueue_due(now=now):
                    self.stdout.write(f"{timezone.localtime(now):%H:%M:%S} enqueued {name}")
            except DatabaseError as error:
                self.stderr.write(f"Database unavailable, will retry: {error}")
            if once:
                return
            for _ in range(interval * 10):
                if not self.running:
                    break
                time.sleep(0.1)
