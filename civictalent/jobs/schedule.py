"""This app's periodic jobs (collected by civictalent/core/scheduler.py; see core/registry.py)."""

from civictalent.core.scheduling import Every, ScheduledJob
from civictalent.jobs.tasks import close_due_vacancies, fetch_council_feeds

SCHEDULED_JOBS = [
    ScheduledJob(
        name="close-due-vacancies",
        cadence=Every(seconds=300),
        task=close_due_vacancies,
        description="Closes vacancies whose closing time has passed, reminds editors three days "
        "before closing, and archives vacancies closed for 90 days.",
    ),
    ScheduledJob(
        name="fetch-council-feeds",
        cadence=Every(seconds=3600),
        task=fetch_council_feeds,
        description="Imports vacancies from the council feeds platform admins have switched on.",
    ),
]
