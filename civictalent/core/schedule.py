"""Every periodic job on the platform, in one list. Add a line here when a part needs one."""

from __future__ import annotations

from dataclasses import dataclass

from civictalent.core.scheduling import Cadence, Daily, Every, Weekly


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    cadence: Cadence
    task: str  # dotted path to a django-tasks task
    description: str


SCHEDULE: list[ScheduledJob] = [
    ScheduledJob(
        name="worker-heartbeat",
        cadence=Every(seconds=60),
        task="civictalent.core.tasks.record_worker_heartbeat",
        description="Proves the worker is taking tasks; /healthz reads it.",
    ),
    ScheduledJob(
        name="retry-emails",
        cadence=Every(seconds=300),
        task="civictalent.core.tasks.retry_due_emails",
        description="Sends again any email that failed or was left half-sent.",
    ),
    ScheduledJob(
        name="refresh-benchmarks",
        cadence=Every(seconds=60),
        task="civictalent.salaries.tasks.refresh_benchmarks",
        description="Recomputes the salary benchmarks of roles whose salaries changed.",
    ),
    ScheduledJob(
        name="requeue-stalled-tasks",
        cadence=Every(seconds=60),
        task="civictalent.core.tasks.requeue_stalled_tasks",
        description="Puts back in the queue any task whose worker died while running it "
        "(no heartbeat for two minutes), so no task is lost when a worker is killed.",
    ),
    ScheduledJob(
        name="prune-old-records",
        cadence=Daily(hour=3),
        task="civictalent.core.tasks.prune_old_records",
        description="Deletes email copies after 90 days, finished task results after 14 "
        "and scheduled-run records after 30.",
    ),
    ScheduledJob(
        name="rescore-health-checks",
        cadence=Daily(hour=4),
        task="civictalent.healthcheck.tasks.rescore_stale",
        description="Re-checks job descriptions scored under older health check rules.",
    ),
    ScheduledJob(
        name="close-due-vacancies",
        cadence=Every(seconds=300),
        task="civictalent.jobs.tasks.close_due_vacancies",
        description="Closes vacancies whose closing time has passed, reminds editors three days "
        "before closing, and archives vacancies closed for 90 days.",
    ),
    ScheduledJob(
        name="fetch-council-feeds",
        cadence=Every(seconds=3600),
        task="civictalent.jobs.tasks.fetch_council_feeds",
        description="Imports vacancies from the council feeds platform admins have switched on.",
    ),
    ScheduledJob(
        name="send-weekly-digests",
        cadence=Weekly(weekday=0, hour=7),
        task="civictalent.alerts.tasks.send_weekly_digests",
        description="Sends each weekly alert subscription the vacancies published since its "
        "last email (Mondays from 07:00).",
    ),
    ScheduledJob(
        name="send-daily-digests",
        cadence=Daily(hour=7),
        task="civictalent.alerts.tasks.send_daily_digests",
        description="Sends each daily alert subscription the vacancies published since its "
        "last email.",
    ),
    ScheduledJob(
        name="delete-unverified-alerts",
        cadence=Daily(hour=2),
        task="civictalent.alerts.tasks.delete_unverified_subscriptions",
        description="Deletes alert sign-ups not confirmed within 7 days.",
    ),
    ScheduledJob(
        name="apply-retention-rules",
        cadence=Daily(hour=2),
        task="civictalent.accounts.tasks.apply_retention_rules",
        description="Deletes accounts never confirmed within 14 days, join requests decided "
        "over a year ago, expired sessions and audit events over six years old, and unlinks "
        "people from audit events over two years old (docs/data-protection.md).",
    ),
]
