"""This app's periodic jobs (collected by civictalent/core/scheduler.py; see core/registry.py)."""

from civictalent.core.scheduling import Every, ScheduledJob
from civictalent.salaries.tasks import refresh_benchmarks

SCHEDULED_JOBS = [
    ScheduledJob(
        name="refresh-benchmarks",
        cadence=Every(seconds=60),
        task=refresh_benchmarks,
        description="Recomputes the salary benchmarks of roles whose salaries changed.",
    ),
]
