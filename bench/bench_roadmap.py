"""The roadmap page at london scale. Target: under 100 ms server time (Django test client, in
process, through the full middleware stack), against the minimal view measured in the same run.

Data (added once, idempotently, to the benchmark database): 40 capabilities with two or three
role levels each, a London benchmark cell for every role level (one in five hidden), exemplar
job descriptions, and 10 years of submitted assessments (two a year) for all 33 councils with
their topic scores, so "the latest submitted assessment" is read from 660.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from common import database, setup_django, time_calls, write_result

TARGET_MS = 100.0
RUNS = 60
CAPABILITIES = 40
YEARS = 10


def ensure_data() -> dict[str, int]:
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    from civictalent.accounts.models import User
    from civictalent.framework.models import Framework, RoleLevel
    from civictalent.framework.services import framework_load_starter
    from civictalent.jdlibrary.models import JobDescription
    from civictalent.maturity.models import (
        Assessment,
        AssessmentScore,
        Capability,
        CapabilityCoverage,
        CapabilityRole,
        Domain,
        MaturityModel,
        ScoreKind,
        Theme,
        Topic,
    )
    from civictalent.organisations.models import Membership, Organisation
    from civictalent.salaries.models import BenchmarkCell

    if not Framework.objects.exists():
        framework_load_starter()
    levels = list(RoleLevel.objects.filter(framework__is_default=True).order_by("pk"))
    councils = list(
        Organisation.objects.filter(kind__in=["london_borough", "city_of_london"]).order_by("pk")
    )
    hackney = Organisation.objects.get(slug="hackney")
    if not Capability.objects.filter(slug__startswith="bench-").exists():
        domain, _ = Domain.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
        for number in range(CAPABILITIES):
            capability = Capability.objects.create(
                domain=domain,
                slug=f"bench-{number}",
                name=f"Bench capability {number}",
                description="A capability for the benchmark.",
                benefits="Benefits.",
                responsibilities="Set standards\nRun the service\nReport on it",
                must_have_stage=1 + number % 5,
                is_emerging=number % 7 == 0,
            )
            CapabilityRole.objects.bulk_create(
                CapabilityRole(
                    capability=capability,
                    role_level=levels[(number * 3 + offset) % len(levels)],
                    fte_small=Decimal("0.5"),
                    fte_medium=Decimal("1.0"),
                    fte_large=Decimal("1.5"),
                    order=offset,
                )
                for offset in range(2 + number % 2)
            )
        for number, level in enumerate(levels):
            hidden = number % 5 == 0
            BenchmarkCell.objects.update_or_create(
                subject=f"role_level:{level.pk}",
                geography="london",
                period="last12",
                defaults={
                    "count": 3 if hidden else 40,
                    "councils": 2 if hidden else 12,
                    "largest_council_share": Decimal("0.2"),
                    "suppressed_reason": "Hidden: fewer than 5 salaries." if hidden else "",
                    "stats": {}
                    if hidden
                    else {"mid": {"p25": 4_000_000, "p50": 4_500_000, "p75": 5_000_000}},
                },
            )
        JobDescription.objects.bulk_create(
            JobDescription(
                organisation=hackney,
                title=f"Exemplar {level.name}",
                role_level=level,
                status="published",
                visibility="members",
                licence="ogl-3.0",
                sharing_consent_at=timezone.now(),
                is_exemplar=True,
                published_at=timezone.now(),
            )
            for level in levels[::2]
        )
        CapabilityCoverage.objects.bulk_create(
            CapabilityCoverage(organisation=hackney, capability=capability, status="partly")
            for capability in Capability.objects.filter(slug__startswith="bench-")[::4]
        )
    if not MaturityModel.objects.filter(slug="bench-model").exists():
        model = MaturityModel.objects.create(
            slug="bench-model", title="Bench model", source="starter"
        )
        Theme.objects.create(model=model, slug="culture", name="Culture")
        topics = [
            Topic.objects.create(model=model, slug=f"t{n}", name=f"Topic {n}", order=n)
            for n in range(10)
        ]
        now = timezone.now()
        for council in councils:
            for half_year in range(YEARS * 2):
                stage = 1 + (half_year // 5 + council.pk) % 5
                assessment = Assessment.objects.create(
                    organisation=council,
                    model=model,
                    name=f"Assessment {half_year}",
                    status="submitted",
                    submitted_at=now - datetime.timedelta(days=182 * (YEARS * 2 - half_year)),
                    overall_score=Decimal(stage),
                    overall_level=stage,
                )
                AssessmentScore.objects.bulk_create(
                    AssessmentScore(
                        assessment=assessment,
                        kind=ScoreKind.TOPIC,
                        topic=topic,
                        score=Decimal(stage),
                        level=stage,
                        answered=5,
                        questions=5,
                    )
                    for topic in topics
                )
    user, created = User.objects.get_or_create(
        email="bench-roadmap@example.org", defaults={"display_name": "Bench editor"}
    )
    if created:
        Membership.objects.create(user=user, organisation=hackney, role="editor")
    return {
        "capabilities": Capability.objects.count(),
        "capability_roles": CapabilityRole.objects.count(),
        "benchmark_cells": BenchmarkCell.objects.count(),
        "assessments": Assessment.objects.count(),
        "assessment_scores": AssessmentScore.objects.count(),
        "councils": len(councils),
    }


def main() -> None:
    setup_django()
    from django.test import Client

    from civictalent.accounts.models import User

    data = ensure_data()
    client = Client()
    client.force_login(User.objects.get(email="bench-roadmap@example.org"))
    baseline = time_calls(lambda: client.get("/bench/minimal/"), runs=RUNS * 2)
    rows = []
    for label, url in (
        ("roadmap", "/maturity/councils/hackney/roadmap/"),
        ("investment case (Word)", "/maturity/councils/hackney/investment-case.docx"),
        ("team structures", "/maturity/team-structures/"),
    ):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        timing = time_calls(lambda url=url: client.get(url), runs=RUNS)
        target = TARGET_MS if label != "investment case (Word)" else None
        rows.append(
            {
                "page": label,
                "url": url,
                **timing,
                "ratio_to_minimal_view": round(timing["median_ms"] / baseline["median_ms"], 2),
                "target_ms": target,
                "meets_target": None if target is None else timing["p95_ms"] < target,
            }
        )
        print(f"{label:24} median {timing['median_ms']:7.2f} ms  p95 {timing['p95_ms']:7.2f} ms")
    write_result(
        "roadmap",
        {
            "what": "The roadmap, its investment case and team structures, server time through "
            "the full middleware stack, no network",
            "database": database(),
            "data": data,
            "baseline": {"name": "minimal Django view, same stack", **baseline},
            "pages": rows,
        },
    )


if __name__ == "__main__":
    main()
