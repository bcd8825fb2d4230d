"""What the health check remembers: each JD version's score (for a council's scores over time)
and the runs that re-score the library when the rules change."""

from __future__ import annotations

from django.db import models


class HealthRecord(models.Model):
    """One check of one version of a job description under one version of the rules."""

    job_description = models.ForeignKey(
        "jdlibrary.JobDescription", on_delete=models.CASCADE, related_name="health_records"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    jd_version = models.PositiveIntegerField()
    rules_version = models.CharField(max_length=16)
    score = models.PositiveSmallIntegerField()
    category_scores = models.JSONField()  # {"pay": 100, ...}
    finding_count = models.PositiveIntegerField()
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["job_description", "jd_version", "rules_version"],
                name="one_health_record_per_version_and_rules",
            )
        ]
        indexes = [models.Index(fields=["organisation", "checked_at"])]

    def __str__(self) -> str:
        return f"JD {self.job_description_id} v{self.jd_version}: {self.score}"


class RescoreRun(models.Model):
    """A background re-check of every JD, with its progress for the page that started it."""

    requested_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rules_version = models.CharField(max_length=16)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Re-score {self.started_at:%Y-%m-%d %H:%M}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))
