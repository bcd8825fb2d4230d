"""Background tasks: one-line wrappers over services, run by the database worker."""

from __future__ import annotations

from django_tasks import task

from civictalent.core import emails, health


@task()
def send_email(email_id: int) -> str:
    return emails.email_send(email_id=email_id)


@task()
def retry_due_emails() -> int:
    return emails.emails_retry_due()


@task()
def record_worker_heartbeat() -> None:
    health.heartbeat_record(name=health.WORKER)
