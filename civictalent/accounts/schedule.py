"""This app's periodic jobs (collected by civictalent/core/scheduler.py; see core/registry.py)."""

from civictalent.accounts.tasks import apply_retention_rules
from civictalent.core.scheduling import Daily, ScheduledJob

SCHEDULED_JOBS = [
    ScheduledJob(
        name="apply-retention-rules",
        cadence=Daily(hour=2),
        task=apply_retention_rules,
        description="Deletes accounts never confirmed within 14 days, join requests decided "
        "over a year ago, expired sessions and audit events over six years old, and unlinks "
        "people from audit events over two years old (docs/data-protection.md).",
    ),
]
