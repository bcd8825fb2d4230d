"""Job alerts: anyone subscribes to a jobs search by email, with no account.

A subscription is confirmed by a link (double opt-in). Each digest is one AlertRun row, unique per
subscription and period, created in the same transaction as the outbox email it queues: a second
run of the same period finds the row and sends nothing.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    DAILY = "daily", "Daily"


class UnsubscribeReason(models.TextChoices):
    FOUND_JOB = "found_job", "I found a job"
    NOT_RELEVANT = "not_relevant", "The jobs were not relevant"
    TOO_MANY = "too_many", "Too many emails"
    NEVER_ASKED = "never_asked", "I did not sign up for these"
    OTHER = "other", "Another reason"


class AlertSubscription(models.Model):
    Frequency = Frequency

    email = models.EmailField(help_text="Stored in lower case.")
    query_string = models.CharField(
        max_length=1000, blank=True, help_text="The jobs search, as jobs.criteria writes it."
    )
    frequency = models.CharField(max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY)
    secret = models.CharField(
        max_length=64,
        unique=True,
        help_text="Random; the confirm, manage and unsubscribe links are signed over it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Vacancies published after this (or after confirming) go in the next digest.",
    )
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    unsubscribe_reason = models.CharField(
        max_length=16, choices=UnsubscribeReason.choices, blank=True
    )
    unsubscribe_comment = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["frequency", "verified_at", "unsubscribed_at"], name="alert_due_lookup"
            ),
            models.Index(fields=["email"], name="alert_by_email"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="alert_frequency_valid"
            ),
            models.CheckConstraint(
                condition=Q(unsubscribe_reason__in=[*UnsubscribeReason.values, ""]),
                name="alert_unsubscribe_reason_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.frequency})"


class AlertRun(models.Model):
    """One digest for one subscription and period ("2026-W47" or "2026-11-22"): sent once."""

    subscription = models.ForeignKey(
        AlertSubscription, on_delete=models.CASCADE, related_name="runs"
    )
    period = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)
    vacancy_ids = models.JSONField(default=list)
    email = models.ForeignKey(
        "core.OutboundEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period"], name="alert_run_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscription_id} {self.period}"


class AlertFeedback(models.Model):
    """ "Were these jobs relevant?" from a digest. Kept without the address."""

    subscription = models.ForeignKey(
        AlertSubscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    run = models.ForeignKey(
        AlertRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    relevant = models.BooleanField()
    comment = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["run"], condition=Q(run__isnull=False), name="alert_feedback_once_per_run"
            )
        ]

    def __str__(self) -> str:
        return f"{'Relevant' if self.relevant else 'Not relevant'} ({self.created_at:%Y-%m-%d})"
