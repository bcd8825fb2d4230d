"""Platform-wide records: the audit log, the email outbox, worker heartbeats and scheduled runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from civictalent.core.sealed import SealedTextField


class AuditEvent(models.Model):
    """Who changed what, and when. Written by services, read by platform admins."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the platform acted by itself or the person has since been deleted.",
    )
    action = models.CharField(max_length=64, db_index=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}: {self.summary}"


class EmailStatus(models.TextChoices):
    READY = "ready", "Ready to send"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class OutboundEmail(models.Model):
    """One email to one address. Queued in the same transaction as the change that caused it."""

    Status = EmailStatus

    created_at = models.DateTimeField(auto_now_add=True)
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    # Sealed while waiting (see core/sealed.py) and emptied once sent or given up: emails carry
    # sign-in, reset and alert links that must not be readable from the admin site or a backup.
    body_text = SealedTextField(blank=True)
    body_html = SealedTextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    idempotency_key = models.CharField(
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        help_text="Queuing twice with the same key sends once (digests use one per period).",
    )
    status = models.CharField(max_length=16, choices=EmailStatus.choices, default=EmailStatus.READY)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EmailStatus.values),
                name="outbound_email_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to} ({self.status})"


class Heartbeat(models.Model):
    """The last time a background component proved it was alive."""

    name = models.CharField(max_length=64, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class ScheduledRun(models.Model):
    """One row per job and period: a job runs once per period, however many schedulers run."""

    job = models.CharField(max_length=64)
    period = models.CharField(max_length=32)
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-enqueued_at"]
        constraints = [
            models.UniqueConstraint(fields=["job", "period"], name="scheduled_run_once_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.job} for {self.period}"


class SearchDocument(models.Model):
    """Searchable text for one object. SQLite indexes it with FTS5 and PostgreSQL with a GIN
    full-text index (see migration 0003); core.search is the only code that queries it."""

    kind = models.CharField(max_length=32)
    object_id = models.PositiveBigIntegerField()
    body = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="one_search_document_per_object"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
