"""This app's periodic jobs (collected by civictalent/core/scheduler.py; see core/registry.py)."""

from civictalent.alerts.tasks import (
    delete_unverified_subscriptions,
    send_daily_digests,
    send_weekly_digests,
)
from civictalent.core.scheduling import Daily, ScheduledJob, Weekly

SCHEDULED_JOBS = [
    ScheduledJob(
        name="send-weekly-digests",
        cadence=Weekly(weekday=0, hour=7),
        task=send_weekly_digests,
        description="Sends each weekly alert subscription the vacancies published since its "
        "last email (Mondays from 07:00).",
    ),
    ScheduledJob(
        name="send-daily-digests",
        cadence=Daily(hour=7),
        task=send_daily_digests,
        description="Sends each daily alert subscription the vacancies published since its "
        "last email.",
    ),
    ScheduledJob(
        name="delete-unverified-alerts",
        cadence=Daily(hour=2),
        task=delete_unverified_subscriptions,
        description="Deletes alert sign-ups not confirmed within 7 days.",
    ),
]
