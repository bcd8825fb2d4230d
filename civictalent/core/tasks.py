"""Background tasks: one-line wrappers over services, run by the database worker."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from civictalent.core import emails, health, housekeeping


@task()
def send_email(email_id: int) -> str:
    return emails.email_send(email_id=email_id)


@task()
def retry_due_emails() -> int:
    return emails.emails_retry_due()


@task()
def record_worker_heartbeat() -> None:
    health.heartbeat_record(name=health.WORKER)


@task()
def prune_old_records() -> dict[str, int]:
    return housekeeping.housekeeping_prune(now=timezone.now())


@task()
def requeue_stalled_tasks() -> list[str]:
    return housekeeping.tasks_requeue_stalled(now=timezone.now())
