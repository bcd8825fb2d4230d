"""The health of library JDs: each saved version checked by the health check engine and its
score recorded, and the library re-scored when the rules change.

The library calls down to the health check app (its engine and the rules' fingerprint); the
health check app knows nothing of the library. Applying a finding's suggestion to a JD is a
change to the JD, so it is ``services.jd_apply_suggestion``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from civictalent.healthcheck.engine import CheckTooSlow
from civictalent.healthcheck.services import rules_version
from civictalent.jdlibrary.health_selectors import jd_health_report, stale_job_descriptions
from civictalent.jdlibrary.models import HealthRecord, JobDescription, RescoreRun

if TYPE_CHECKING:
    from civictalent.accounts.models import User

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
RESCORE_CHUNK = 200


def jd_health_check(*, jd: JobDescription) -> HealthRecord | None:
    """Check the JD's current version, record the score and keep the latest on the JD.

    A check that runs out of time records nothing (the JD keeps its last score): saving the JD
    must not fail because its health check could not finish."""
    try:
        report, _ = jd_health_report(jd)
    except CheckTooSlow:
        logger.warning("Health check of JD %s ran out of time; its score is unchanged", jd.pk)
        return None
    with transaction.atomic():
        record, _ = HealthRecord.objects.update_or_create(
            job_description=jd,
            jd_version=jd.version,
            rules_version=rules_version(),
            defaults={
                "organisation_id": jd.organisation_id,
                "score": report.score,
                "category_scores": {key: c.score for key, c in report.categories.items()},
                "finding_count": len(report.findings),
            },
        )
        if jd.health_score != report.score:
            jd.health_score = report.score
            type(jd).objects.filter(pk=jd.pk).update(health_score=report.score)
    return record


def library_rescore_start(*, requested_by: User | None) -> RescoreRun:
    """Record a re-score and hand it to the background worker."""
    # The tasks module imports this one: imported here, when a re-score starts.
    from civictalent.jdlibrary.tasks import library_rescore_task

    run = RescoreRun.objects.create(requested_by=requested_by, rules_version=rules_version())
    transaction.on_commit(lambda: library_rescore_task.enqueue(run.pk))
    return run


def library_rescore(
    *, run: RescoreRun | None = None, progress: Progress | None = None
) -> RescoreRun:
    """Re-check every JD whose latest record is from older rules or an older version. Safe to
    run twice: a JD already checked under these rules is skipped."""
    run = run or RescoreRun.objects.create(rules_version=rules_version())
    ids = list(stale_job_descriptions().order_by("pk").values_list("pk", flat=True))
    run.total = len(ids)
    run.save(update_fields=["total"])
    for chunk_start in range(0, len(ids), RESCORE_CHUNK):
        chunk = ids[chunk_start : chunk_start + RESCORE_CHUNK]
        for jd in JobDescription.objects.filter(pk__in=chunk).prefetch_related("sections"):
            before = jd.health_score
            jd_health_check(jd=jd)
            run.changed += int(before != jd.health_score)
        run.done = chunk_start + len(chunk)
        run.save(update_fields=["done", "changed"])
        if progress:
            progress(run.done, run.total, "")
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at", "done"])
    if progress:
        progress(run.total, run.total, "done")
    return run
