"""This app's periodic jobs (collected by civictalent/core/scheduler.py; see core/registry.py)."""

from civictalent.core.scheduling import Daily, ScheduledJob
from civictalent.jdlibrary.tasks import library_rescore_stale

SCHEDULED_JOBS = [
    ScheduledJob(
        name="rescore-health-checks",
        cadence=Daily(hour=4),
        task=library_rescore_stale,
        description="Re-checks job descriptions scored under older health check rules.",
    ),
]
