"""Precompute benchmark cells so benchmark pages read a handful of rows, whatever the volume.

A subject is a role level, a role or a family ("role_level:12"). When an observation changes,
its subjects are queued (BenchmarkRefresh); the worker recomputes only those subjects' cells:
for each geography (London, inner, outer, and each council with data) and each period (all
time, the last 12 months, and each of the last eight quarters).

The open London pay data has subjects of its own, "public_role_level:12": the same role level,
counting only salaries that were already public (``SalaryObservation.is_public``: a published
vacancy or a JD shared with everyone), for London, Inner and Outer London only (never a council).
They are separate cells rather than a filter at read time, so a private salary cannot reach an
open figure by any path that reads cells, and the open pages read a handful of rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from civictalent.framework.models import RoleLevel
from civictalent.salaries.models import BenchmarkCell, BenchmarkRefresh, SalaryObservation
from civictalent.salaries.stats import (
    GEOGRAPHIES,
    Observation,
    geography_matches,
    in_last_12_months,
    quarter_of,
    quarters_back,
    summarise,
)

TREND_QUARTERS = 8
ALL, LAST_12 = "all", "last12"
PUBLIC_PREFIX = "public_role_level:"


def is_public_subject(subject: str) -> bool:
    return subject.startswith(PUBLIC_PREFIX)


def _role_level_ids(subject: str) -> list[int]:
    kind, _, raw_id = subject.partition(":")
    subject_id = int(raw_id)
    if kind in {"role_level", "public_role_level"}:
        return [subject_id]
    field = {"role": "role_id", "family": "role__family_id"}[kind]
    return list(RoleLevel.objects.filter(**{field: subject_id}).values_list("pk", flat=True))


def observations_for(subject: str) -> list[Observation]:
    chosen = SalaryObservation.objects.filter(
        role_level_id__in=_role_level_ids(subject), included=True
    )
    if is_public_subject(subject):
        chosen = chosen.filter(is_public=True)
    rows = chosen.values_list(
        "annual_min_pence", "annual_max_pence", "organisation_id", "observed_on", "zone"
    )
    return [
        Observation(low, high, council, observed_on, zone)
        for low, high, council, observed_on, zone in rows.iterator(chunk_size=5000)
    ]


def geographies_of(observation: Observation, *, councils: bool = True) -> list[str]:
    """The (at most three) geographies one observation counts towards; with ``councils=False``
    London, Inner and Outer London only (the open data has no council cells)."""
    candidates = [*GEOGRAPHIES, *([f"council:{observation.council_id}"] if councils else [])]
    return [geography for geography in candidates if geography_matches(geography, observation)]


def cells_for(
    observations: list[Observation], today: datetime.date, *, councils: bool = True
) -> dict[tuple[str, str], object]:
    """Every (geography, period) cell's summary for one subject's observations."""
    quarters = set(quarters_back(today, TREND_QUARTERS))
    by_key: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for observation in observations:
        periods = [ALL]
        if in_last_12_months(observation.observed_on, today):
            periods.append(LAST_12)
        quarter = quarter_of(observation.observed_on)
        if quarter in quarters:
            periods.append(quarter)
        for geography in geographies_of(observation, councils=councils):
            for period in periods:
                by_key[(geography, period)].append(observation)
    return {key: summarise(values) for key, values in by_key.items()}


def benchmarks_refresh_subject(subject: str, *, today: datetime.date | None = None) -> int:
    """Recompute one subject's cells. Returns how many cells it now has."""
    today = today or timezone.localdate()
    summaries = cells_for(observations_for(subject), today, councils=not is_public_subject(subject))
    with transaction.atomic():
        BenchmarkCell.objects.filter(subject=subject).delete()
        BenchmarkCell.objects.bulk_create(
            [
                BenchmarkCell(
                    subject=subject,
                    geography=geography,
                    period=period,
                    count=summary.count,  # type: ignore[attr-defined]
                    councils=summary.councils,  # type: ignore[attr-defined]
                    largest_council_share=summary.largest_council_share,  # type: ignore[attr-defined]
                    suppressed_reason=summary.suppressed_reason,  # type: ignore[attr-defined]
                    stats=summary.stats or {},  # type: ignore[attr-defined]
                )
                for (geography, period), summary in summaries.items()
            ],
            batch_size=500,
        )
    return len(summaries)


def benchmarks_refresh_due(*, limit: int = 200) -> int:
    """Take queued subjects in turn; one queued again while refreshing is kept for next time."""
    done = 0
    for request in BenchmarkRefresh.objects.order_by("requested_at")[:limit]:
        requested_at = request.requested_at
        benchmarks_refresh_subject(request.subject)
        BenchmarkRefresh.objects.filter(pk=request.pk, requested_at=requested_at).delete()
        done += 1
    return done


def benchmarks_request_all() -> int:
    """Queue every subject that has observations (after an import, or to rebuild)."""
    levels = (
        RoleLevel.objects.filter(salary_observations__isnull=False)
        .distinct()
        .select_related("role")
    )
    subjects: set[str] = set()
    for level in levels:
        subjects |= {
            f"role_level:{level.pk}",
            f"role:{level.role_id}",
            f"family:{level.role.family_id}",
            f"{PUBLIC_PREFIX}{level.pk}",
        }
    for subject in subjects:
        BenchmarkRefresh.objects.update_or_create(subject=subject)
    return len(subjects)


def benchmarks_rebuild(
    *, forget: Iterable[str], recompute: Iterable[str], today: datetime.date | None = None
) -> int:
    """Drop the cells and queued refreshes of subjects that no longer stand (those of a
    framework that was replaced), then recompute ``recompute`` now, in the caller's transaction,
    so no salary is counted under two frameworks. Returns how many subjects were recomputed."""
    wanted = set(recompute)
    gone = set(forget) - wanted
    BenchmarkCell.objects.filter(subject__in=gone).delete()
    BenchmarkRefresh.objects.filter(subject__in=gone | wanted).delete()
    for subject in sorted(wanted):
        benchmarks_refresh_subject(subject, today=today)
    return len(wanted)
