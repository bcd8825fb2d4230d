"""Small factories for the roadmap's tests: capabilities with roles, submitted assessments,
London pay benchmarks and exemplar job descriptions, made directly with the models."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from civictalent.framework.models import Framework, RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.models import JDStatus, JobDescription, Visibility
from civictalent.maturity.models import (
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    Capability,
    CapabilityRole,
    Domain,
    MaturityModel,
    ModelSource,
    ScoreKind,
    Theme,
    Topic,
)
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import BenchmarkCell

_numbers = itertools.count(1)


def role_levels(count: int) -> list[RoleLevel]:
    """``count`` role levels of the default framework (the starter one, loaded if need be)."""
    if not Framework.objects.filter(is_default=True).exists():
        framework_load_starter()
    levels = list(RoleLevel.objects.filter(framework__is_default=True).order_by("pk")[:count])
    assert len(levels) == count
    return levels


def make_domain(name: str = "Data") -> Domain:
    domain, _ = Domain.objects.get_or_create(
        slug=name.lower(), defaults={"name": name, "order": next(_numbers)}
    )
    return domain


def make_capability(
    name: str,
    *,
    stage: int,
    roles: list[tuple[RoleLevel, str, str, str]] | None = None,
    domain: Domain | None = None,
    emerging: bool = False,
    responsibilities: str = "Set the standards\nCheck they are kept",
    illustrative: bool = True,
) -> Capability:
    """A capability; ``roles`` as (role level, FTE small, FTE medium, FTE large)."""
    number = next(_numbers)
    capability = Capability.objects.create(
        domain=domain or make_domain(),
        slug=f"{name.lower().replace(' ', '-')}-{number}",
        name=name,
        description=f"What {name} is.",
        benefits=f"What {name} brings.",
        responsibilities=responsibilities,
        must_have_stage=stage,
        is_emerging=emerging,
        staffing_is_illustrative=illustrative,
        order=number,
    )
    for order, (level, small, medium, large) in enumerate(roles or []):
        CapabilityRole.objects.create(
            capability=capability,
            role_level=level,
            fte_small=Decimal(small),
            fte_medium=Decimal(medium),
            fte_large=Decimal(large),
            order=order,
        )
    return capability


def make_maturity_model(topics: int = 3) -> MaturityModel:
    number = next(_numbers)
    model = MaturityModel.objects.create(
        slug=f"model-{number}", title=f"Model {number}", source=ModelSource.STARTER
    )
    Theme.objects.create(model=model, slug="culture", name="Culture")
    for order in range(topics):
        Topic.objects.create(model=model, slug=f"topic-{order}", name=f"Topic {order}", order=order)
    return model


def make_submitted_assessment(
    organisation: Organisation,
    *,
    level: int,
    name: str = "Spring assessment",
    model: MaturityModel | None = None,
    submitted_at: datetime.datetime | None = None,
    topic_scores: list[str] | None = None,
) -> Assessment:
    """A submitted assessment at overall ``level``, with a score per topic if given."""
    model = model or make_maturity_model()
    assessment = Assessment.objects.create(
        organisation=organisation,
        model=model,
        name=name,
        status=AssessmentStatus.SUBMITTED,
        submitted_at=submitted_at or timezone.now(),
        overall_score=Decimal(level),
        overall_level=level,
    )
    for topic, score in zip(model.topics.order_by("order"), topic_scores or [], strict=False):
        AssessmentScore.objects.create(
            assessment=assessment,
            kind=ScoreKind.TOPIC,
            topic=topic,
            score=Decimal(score),
            level=max(1, int(Decimal(score))),
            answered=4,
            questions=4,
        )
    return assessment


def make_benchmark(
    level: RoleLevel,
    median_pence: int | None,
    *,
    count: int = 24,
    councils: int = 9,
) -> BenchmarkCell:
    """London's last-12-month cell for ``level``; hidden when ``median_pence`` is None."""
    hidden = median_pence is None
    stats: dict[str, Any] = {}
    if median_pence is not None:
        stats = {
            "mid": {
                "p10": median_pence - 500_000,
                "p25": median_pence - 300_000,
                "p50": median_pence,
                "p75": median_pence + 300_000,
                "p90": median_pence + 500_000,
            }
        }
    cell, _ = BenchmarkCell.objects.update_or_create(
        subject=f"role_level:{level.pk}",
        geography="london",
        period="last12",
        defaults={
            "count": 3 if hidden else count,
            "councils": 2 if hidden else councils,
            "largest_council_share": Decimal("0.4"),
            "suppressed_reason": "Hidden: fewer than 5 salaries." if hidden else "",
            "stats": stats,
        },
    )
    return cell


def make_exemplar(
    organisation: Organisation,
    level: RoleLevel,
    *,
    title: str = "Data governance lead",
    visibility: str = Visibility.MEMBERS,
) -> JobDescription:
    return JobDescription.objects.create(
        organisation=organisation,
        title=title,
        role_level=level,
        status=JDStatus.PUBLISHED,
        visibility=visibility,
        is_exemplar=True,
        exemplar_reason="Clear and inclusive.",
        published_at=timezone.now(),
        licence="" if visibility == Visibility.COUNCIL else "ogl-3.0",
        sharing_consent_at=None if visibility == Visibility.COUNCIL else timezone.now(),
    )
