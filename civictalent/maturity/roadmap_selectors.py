"""Reads for a council's roadmap, its investment case and the team structures page, each in a
fixed number of queries however many capabilities, roles and benchmarks there are."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch

from civictalent.framework.models import RoleLevel
from civictalent.jdlibrary.models import JDStatus, JobDescription
from civictalent.jdlibrary.selectors import visible_job_descriptions
from civictalent.maturity.models import (
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    Capability,
    CapabilityCoverage,
    CapabilityRole,
    CouncilProfile,
    LondonScores,
    RoadmapAction,
    ScoreKind,
    TeamStructure,
)
from civictalent.maturity.roadmap import CapabilityInput, Plan, RoleInput, build_plan
from civictalent.maturity.scoring import LondonSummary, london_summary
from civictalent.organisations.models import Organisation
from civictalent.organisations.predicates import council_roles
from civictalent.salaries.models import BenchmarkCell

LONDON = "london"
PERIOD = "last12"  # as civictalent/salaries/pay_context.py: London, the last 12 months
NO_SALARIES = "Hidden: no London salaries in the last 12 months."
# A cell of the structures table with fewer councils than this shows no number.
MIN_COUNCILS = 5


@dataclass(frozen=True)
class PayBenchmark:
    """London's advertised pay for one role level, as the salaries pages show it."""

    median_pence: int | None
    count: int
    councils: int
    hidden_reason: str
    refreshed_at: datetime.datetime | None = None

    @property
    def hidden(self) -> bool:
        return self.median_pence is None


@dataclass
class RoadmapData:
    organisation: Organisation
    assessment: Assessment | None
    contributors: int
    profile: CouncilProfile
    profile_saved: bool
    coverage: dict[int, str]
    plan: Plan
    role_levels: dict[int, RoleLevel]
    benchmarks: dict[int, PayBenchmark]
    exemplars: dict[int, JobDescription]
    actions: list[RoadmapAction]
    capabilities: dict[int, Capability] = field(default_factory=dict)

    @property
    def illustrative(self) -> bool:
        """Some planned capability's staff numbers are examples, not measured."""
        return any(item.capability.staffing_is_illustrative for item in self.plan.items)


def latest_submitted_assessment(organisation: Organisation) -> Assessment | None:
    """The council's latest submitted assessment of any model, with its contributor count."""
    return (
        Assessment.objects.filter(organisation=organisation, status=AssessmentStatus.SUBMITTED)
        .select_related("model")
        .annotate(contributor_count=Count("contributors"))
        .order_by("-submitted_at", "-pk")
        .first()
    )


def profile_of(organisation: Organisation) -> tuple[CouncilProfile, bool]:
    """The council's profile, or an unsaved one with the defaults; and whether it was saved."""
    profile = CouncilProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        return CouncilProfile(organisation=organisation), False
    return profile, True


def coverage_of(organisation: Organisation) -> dict[int, str]:
    return dict(
        CapabilityCoverage.objects.filter(organisation=organisation).values_list(
            "capability_id", "status"
        )
    )


def capabilities_with_roles() -> list[Capability]:
    """Every capability with its domain and its roles' role levels: two queries."""
    return list(
        Capability.objects.select_related("domain").prefetch_related(
            Prefetch(
                "roles",
                queryset=CapabilityRole.objects.select_related("role_level").order_by(
                    "order", "pk"
                ),
            )
        )
    )


def capability_input(capability: Capability) -> CapabilityInput:
    return CapabilityInput(
        capability_id=capability.pk,
        name=capability.name,
        slug=capability.slug,
        domain=capability.domain.name,
        must_have_stage=capability.must_have_stage,
        is_emerging=capability.is_emerging,
        staffing_is_illustrative=capability.staffing_is_illustrative,
        responsibilities=tuple(capability.responsibility_list),
        roles=tuple(
            RoleInput(
                role_level_id=role.role_level_id,
                name=role.role_level.name,
                slug=role.role_level.slug,
                fte_by_size={
                    "small": role.fte_small,
                    "medium": role.fte_medium,
                    "large": role.fte_large,
                },
            )
            for role in capability.roles.all()
        ),
    )


def london_benchmarks(role_level_ids: set[int] | list[int]) -> dict[int, PayBenchmark]:
    """London's median advertised pay for each role level, the last 12 months: one query. A
    role level without a cell, or whose cell is hidden, has no median (cost unknown)."""
    subjects = {f"role_level:{pk}": pk for pk in role_level_ids}
    found: dict[int, PayBenchmark] = {}
    for cell in BenchmarkCell.objects.filter(
        subject__in=list(subjects), geography=LONDON, period=PERIOD
    ).only("subject", "count", "councils", "suppressed_reason", "stats", "refreshed_at"):
        median = None
        if not cell.suppressed_reason:
            median = (cell.stats.get("mid") or {}).get("p50")
        found[subjects[cell.subject]] = PayBenchmark(
            median_pence=int(median) if median is not None else None,
            count=cell.count,
            councils=cell.councils,
            hidden_reason=cell.suppressed_reason if median is None else "",
            refreshed_at=cell.refreshed_at,
        )
    for pk in subjects.values():
        found.setdefault(pk, PayBenchmark(None, 0, 0, NO_SALARIES))
    return found


def exemplars_for(user: Any, role_level_ids: set[int] | list[int]) -> dict[int, JobDescription]:
    """One published exemplar job description per role level that the person may see (the
    library's own rule), the most recently published: one query."""
    if not role_level_ids or not getattr(user, "is_authenticated", False):
        return {}
    chosen: dict[int, JobDescription] = {}
    for jd in (
        visible_job_descriptions(user)
        .filter(is_exemplar=True, status=JDStatus.PUBLISHED, role_level_id__in=list(role_level_ids))
        .order_by("role_level_id", "-published_at", "-pk")
    ):
        if jd.role_level_id is not None:
            chosen.setdefault(jd.role_level_id, jd)
    return chosen


def actions_of(organisation: Organisation) -> list[RoadmapAction]:
    return list(
        RoadmapAction.objects.filter(organisation=organisation)
        .select_related("capability")
        .order_by("due_on", "pk")
    )


def roadmap_data(organisation: Organisation, user: Any) -> RoadmapData:
    """Everything the roadmap page and the investment case show."""
    assessment = latest_submitted_assessment(organisation)
    profile, saved = profile_of(organisation)
    coverage = coverage_of(organisation)
    capabilities = capabilities_with_roles()
    role_levels = {
        role.role_level_id: role.role_level
        for capability in capabilities
        for role in capability.roles.all()
    }
    benchmarks = london_benchmarks(set(role_levels))
    plan = build_plan(
        overall_level=assessment.overall_level if assessment else None,
        size=profile.size,
        on_costs_percent=Decimal(profile.on_costs_percent),
        coverage=coverage,
        capabilities=[capability_input(capability) for capability in capabilities],
        london_median_pence={pk: found.median_pence for pk, found in benchmarks.items()},
    )
    planned_levels = {role.role.role_level_id for item in plan.items for role in item.roles}
    return RoadmapData(
        organisation=organisation,
        assessment=assessment,
        contributors=getattr(assessment, "contributor_count", 0) if assessment else 0,
        profile=profile,
        profile_saved=saved,
        coverage=coverage,
        plan=plan,
        role_levels=role_levels,
        benchmarks=benchmarks,
        exemplars=exemplars_for(user, planned_levels),
        actions=actions_of(organisation),
        capabilities={capability.pk: capability for capability in capabilities},
    )


@dataclass(frozen=True)
class TopicGap:
    name: str
    score: Decimal
    level: int
    london: LondonSummary | None  # None when fewer than five other councils have a score


def lowest_topics(assessment: Assessment, *, limit: int = 3) -> list[TopicGap]:
    """The assessment's lowest-scoring topics, each beside London's median where it may be
    shown (the other councils' latest scores): two queries."""
    scores = list(
        AssessmentScore.objects.filter(assessment=assessment, kind=ScoreKind.TOPIC)
        .select_related("topic")
        .order_by("score", "topic__order")[:limit]
    )
    london = dict(
        LondonScores.objects.filter(
            model_id=assessment.model_id,
            dimension__in=[f"topic:{score.topic_id}" for score in scores],
        ).values_list("dimension", "scores")
    )
    return [
        TopicGap(
            name=score.topic.name if score.topic else "",
            score=score.score,
            level=score.level,
            london=london_summary(
                london.get(f"topic:{score.topic_id}", {}), leave_out=assessment.organisation_id
            ),
        )
        for score in scores
    ]


# --- Team structures --------------------------------------------------------------------------


@dataclass(frozen=True)
class StructureRow:
    structure: str
    label: str
    cells: tuple[int | None, ...]  # councils at each level (1 to 5, then not assessed); None hidden
    total: int | None


@dataclass(frozen=True)
class StructureTable:
    columns: tuple[str, ...]
    rows: tuple[StructureRow, ...]
    declared: int  # councils that declared a structure (shown only from five)


def _shown(count: int) -> int | None:
    return count if count >= MIN_COUNCILS else None


def structure_table() -> StructureTable:
    """London-wide counts of declared team structures against each council's latest submitted
    maturity level; any count under five councils is hidden, and no council is named. Two
    queries."""
    latest: dict[int, int] = {}
    for organisation_id, level in (
        Assessment.objects.filter(status=AssessmentStatus.SUBMITTED)
        .order_by("organisation_id", "-submitted_at", "-pk")
        .values_list("organisation_id", "overall_level")
    ):
        if level is not None:
            latest.setdefault(organisation_id, level)
    declared = list(
        CouncilProfile.objects.exclude(structure="").values_list("organisation_id", "structure")
    )
    columns = ("Level 1", "Level 2", "Level 3", "Level 4", "Level 5", "Not assessed yet")
    rows = []
    for structure in TeamStructure:
        counts = [0] * len(columns)
        for organisation_id, declared_structure in declared:
            if declared_structure == structure.value:
                level = latest.get(organisation_id)
                counts[level - 1 if level else len(columns) - 1] += 1
        rows.append(
            StructureRow(
                structure=structure.value,
                label=str(structure.label),
                cells=tuple(_shown(count) for count in counts),
                total=_shown(sum(counts)),
            )
        )
    return StructureTable(columns=columns, rows=tuple(rows), declared=len(declared))


def own_structures(user: Any) -> list[tuple[Organisation, CouncilProfile | None]]:
    """The person's councils, each with its declared profile (None when it has not said)."""
    if not getattr(user, "is_authenticated", False):
        return []
    ids = list(council_roles(user))
    if not ids:
        return []
    profiles = {
        profile.organisation_id: profile
        for profile in CouncilProfile.objects.filter(organisation_id__in=ids)
    }
    return [
        (organisation, profiles.get(organisation.pk))
        for organisation in Organisation.objects.filter(pk__in=ids).order_by("short_name")
    ]


@dataclass(frozen=True)
class RoleRow:
    """A planned role as the page shows it: the plan's figures, the benchmark behind the median
    and the exemplar job description to start from (None when there is none to see)."""

    plan: Any  # roadmap.RolePlan
    benchmark: PayBenchmark | None
    exemplar: JobDescription | None


def role_rows(data: RoadmapData) -> dict[tuple[int, int], RoleRow]:
    """(capability id, role level id) -> the row the page shows."""
    return {
        (item.capability.capability_id, role.role.role_level_id): RoleRow(
            plan=role,
            benchmark=data.benchmarks.get(role.role.role_level_id),
            exemplar=data.exemplars.get(role.role.role_level_id),
        )
        for item in data.plan.items
        for role in item.roles
    }


def page_groups(data: RoadmapData) -> list[dict[str, Any]]:
    """The plan's groups for the template: each item with its rows."""
    rows = role_rows(data)
    return [
        {
            "group": group,
            "items": [
                {
                    "item": item,
                    "capability": data.capabilities.get(item.capability.capability_id),
                    "rows": [
                        rows[(item.capability.capability_id, role.role.role_level_id)]
                        for role in item.roles
                    ],
                }
                for item in group.items
            ],
        }
        for group in data.plan.groups
    ]
