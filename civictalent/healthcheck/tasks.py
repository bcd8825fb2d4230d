"""Background tasks for the health check: one-line wrappers over services."""

from __future__ import annotations

from django_tasks import task

from civictalent.healthcheck import services
from civictalent.healthcheck.models import RescoreRun


@task()
def rescore_library_task(run_id: int) -> int:
    run = RescoreRun.objects.filter(pk=run_id, finished_at=None).first()
    if run is None:  # already finished (a retry after success): nothing to do
        return 0
    return services.rescore_library(run).done


@task()
def rescore_stale() -> int:
    """The scheduled job: re-check JDs whose scores came from older rules (usually none)."""
    if not services.stale_job_descriptions().exists():
        return 0
    return services.rescore_library().done
