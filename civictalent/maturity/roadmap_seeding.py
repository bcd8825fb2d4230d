"""The roadmap part's demo data and generator steps (gathered by seeding.py): Hackney and a few
other councils get a profile, some coverage of the capability model and a few actions. It
builds only on what the capability and assessment steps made, and does nothing when they made
nothing (no capabilities: no coverage or capability-linked actions)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from civictalent.core.generation.base import DemoStep, Step
from civictalent.maturity.models import (
    ActionStatus,
    Capability,
    CapabilityCoverage,
    CouncilProfile,
    Coverage,
    RoadmapAction,
    TeamStructure,
)
from civictalent.organisations.models import Organisation

# slug -> size, structure, central people, people in services, where they sit (illustrative).
PROFILES = {
    "hackney": (
        "large",
        TeamStructure.HUB_AND_SPOKE,
        18,
        9,
        "A central data and insight hub; analysts in children's and adult social care.",
    ),
    "camden": ("large", TeamStructure.CENTRALISED, 22, 2, "One digital and data service."),
    "greenwich": ("medium", TeamStructure.DECENTRALISED, 3, 14, "Each directorate hires its own."),
    "sutton": ("small", TeamStructure.CENTRALISED, 8, 0, "A small shared team."),
}
# Actions for Hackney: title, owner, days from today, status.
ACTIONS = (
    ("Agree a data governance lead's role and grade", "Chief data officer", 30, "in_progress"),
    (
        "Start recruiting for the first must-have role",
        "Head of data and insight",
        75,
        "not_started",
    ),
    (
        "Report the investment case to the leadership team",
        "Director of digital",
        120,
        "not_started",
    ),
)


def demo_roadmaps_load() -> list[str]:
    made: list[str] = []
    councils = {
        council.slug: council for council in Organisation.objects.filter(slug__in=list(PROFILES))
    }
    capabilities = list(Capability.objects.order_by("must_have_stage", "order", "pk"))
    for slug, (size, structure, central, services, notes) in PROFILES.items():
        council = councils.get(slug)
        if council is None:
            continue
        _, created = CouncilProfile.objects.get_or_create(
            organisation=council,
            defaults={
                "size": size,
                "structure": structure,
                "central_team_people": central,
                "service_team_people": services,
                "structure_notes": notes,
                "on_costs_percent": Decimal("30.0"),
            },
        )
        if created:
            made.append(f"a roadmap profile for {council.short_name}")
        if capabilities and not CapabilityCoverage.objects.filter(organisation=council).exists():
            # The first few (the earliest must-haves) covered or partly: the plan shows the rest.
            statuses = [Coverage.COVERED, Coverage.PARTLY, Coverage.COVERED, Coverage.PARTLY]
            CapabilityCoverage.objects.bulk_create(
                CapabilityCoverage(organisation=council, capability=capability, status=status)
                for capability, status in zip(capabilities, statuses, strict=False)
            )
            made.append(f"capability coverage for {council.short_name}")
    hackney = councils.get("hackney")
    if hackney is not None and not RoadmapAction.objects.filter(organisation=hackney).exists():
        today = timezone.localdate()
        for number, (title, owner, days, status) in enumerate(ACTIONS):
            RoadmapAction.objects.create(
                organisation=hackney,
                capability=capabilities[number] if number < len(capabilities) else None,
                title=title,
                owner=owner,
                due_on=today + datetime.timedelta(days=days),
                status=ActionStatus(status),
            )
        made.append(f"{len(ACTIONS)} roadmap actions for Hackney")
    return made


DEMO_STEPS: list[DemoStep] = [
    DemoStep("roadmaps", demo_roadmaps_load, after=("capability-model", "maturity-assessments")),
]
GENERATION_STEPS: list[Step] = []
