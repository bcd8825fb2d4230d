"""Reading the health of library JDs: the text a JD is checked as and its report, a council's
scores month by month, the JDs whose scores are stale, and re-score runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, Exists, OuterRef, QuerySet
from django.db.models.functions import TruncMonth

from civictalent.healthcheck.engine import DocumentFacts, Report, check
from civictalent.healthcheck.services import rules_version
from civictalent.jdlibrary.models import HealthRecord, JobDescription, RescoreRun
from civictalent.organisations.models import Organisation


@dataclass(frozen=True)
class SectionSpan:
    """Where one section's text sits in the text a JD is checked as."""

    position: int
    start: int
    end: int


@dataclass(frozen=True)
class CheckedText:
    text: str
    facts: DocumentFacts
    sections: tuple[SectionSpan, ...] = ()


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


def jd_checked_text(jd: JobDescription) -> CheckedText:
    """The JD as a reader meets it: title, the key facts, then each section under its heading."""
    lines = [jd.title, ""]
    facts = [
        ("Salary", jd.pay_text or (f"Grade {jd.grade}" if jd.grade else "")),
        ("Contract", jd.get_contract_display() if jd.contract else ""),
        ("Working pattern", jd.working_pattern),
        ("Location", jd.location),
    ]
    lines += [f"{label}: {value}" for label, value in facts if value]
    text = "\n".join(lines) + "\n\n"
    spans: list[SectionSpan] = []
    headings: list[str] = []
    for section in jd.sections.all():
        text += section.heading + "\n"
        headings.append(section.heading)
        spans.append(SectionSpan(section.position, len(text), len(text) + len(section.text)))
        text += section.text + "\n\n"
    return CheckedText(
        text=text.rstrip() + "\n",
        facts=DocumentFacts(
            has_layout_tables=jd.source_has_layout_tables,
            image_count=jd.source_image_count,
            headings=tuple(headings),
        ),
        sections=tuple(spans),
    )


def jd_health_report(jd: JobDescription) -> tuple[Report, CheckedText]:
    """The JD's current version checked. Raises CheckTooSlow when the check runs out of time."""
    checked = jd_checked_text(jd)
    return check(checked.text, checked.facts), checked


def stale_job_descriptions() -> QuerySet[JobDescription]:
    """JDs with no record of their current version under the rules in force."""
    current = HealthRecord.objects.filter(
        job_description=OuterRef("pk"),
        jd_version=OuterRef("version"),
        rules_version=rules_version(),
    )
    return JobDescription.objects.filter(~Exists(current))


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
