"""Background tasks for the library: one-line wrappers over services."""

from __future__ import annotations

from django_tasks import task

from civictalent.jdlibrary import health
from civictalent.jdlibrary.health_selectors import stale_job_descriptions
from civictalent.jdlibrary.models import RescoreRun


@task()
def library_rescore_task(run_id: int) -> int:
    run = RescoreRun.objects.filter(pk=run_id, finished_at=None).first()
    if run is None:  # already finished (a retry after success): nothing to do
        return 0
    return health.library_rescore(run=run).done


@task()
def library_rescore_stale() -> int:
    """The scheduled job: re-check JDs whose scores came from older rules (usually none)."""
    if not stale_job_descriptions().exists():
        return 0
    return health.library_rescore().done
