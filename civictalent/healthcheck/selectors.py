"""Reading health scores: a council's JDs, its scores month by month, re-score runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, QuerySet
from django.db.models.functions import TruncMonth

from civictalent.healthcheck.models import HealthRecord, RescoreRun
from civictalent.jdlibrary.models import JobDescription
from civictalent.organisations.models import Organisation


@dataclass(frozen=True)
class MonthScore:
    month: date
    average: int
    checks: int


@dataclass(frozen=True)
class CouncilSummary:
    checked: int
    average: int | None
    below_60: int


def monthly_scores(organisation: Organisation, months: int = 24) -> list[MonthScore]:
    """The average score of the JD versions the council checked each month, newest first."""
    rows = (
        HealthRecord.objects.filter(organisation=organisation)
        .annotate(month=TruncMonth("checked_at"))
        .values("month")
        .annotate(average=Avg("score"), checks=Count("pk"))
        .order_by("-month")[:months]
    )
    return [
        MonthScore(
            month=row["month"].date() if hasattr(row["month"], "date") else row["month"],
            average=round(row["average"]),
            checks=row["checks"],
        )
        for row in rows
    ]


def council_job_descriptions(organisation: Organisation) -> QuerySet[JobDescription]:
    """The council's JDs, lowest score first, so the ones to improve come first."""
    return (
        JobDescription.objects.filter(organisation=organisation)
        .select_related("role_level")
        .order_by("health_score", "title")
    )


def council_summary(organisation: Organisation) -> CouncilSummary:
    scored = JobDescription.objects.filter(organisation=organisation, health_score__isnull=False)
    summary = scored.aggregate(average=Avg("health_score"), checked=Count("pk"))
    return CouncilSummary(
        checked=summary["checked"],
        average=round(summary["average"]) if summary["average"] is not None else None,
        below_60=scored.filter(health_score__lt=60).count(),
    )


def recent_rescore_runs(limit: int = 10) -> QuerySet[RescoreRun]:
    return RescoreRun.objects.select_related("requested_by")[:limit]
