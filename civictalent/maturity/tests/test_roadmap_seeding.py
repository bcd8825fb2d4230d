"""The roadmap's demo step: harmless without capabilities, and a second run changes nothing."""

from __future__ import annotations

import pytest

from civictalent.maturity.models import CapabilityCoverage, CouncilProfile, RoadmapAction
from civictalent.maturity.roadmap_seeding import DEMO_STEPS, demo_roadmaps_load
from civictalent.maturity.tests.factories_roadmap import make_capability, role_levels
from civictalent.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_step_waits_for_the_capability_model_and_the_assessments() -> None:
    (step,) = DEMO_STEPS
    assert step.name == "roadmaps"
    assert set(step.after) == {"capability-model", "maturity-assessments"}


def test_without_capabilities_it_makes_profiles_and_actions_only(london: None) -> None:
    made = demo_roadmaps_load()
    assert CouncilProfile.objects.count() == 4 and not CapabilityCoverage.objects.exists()
    hackney = Organisation.objects.get(slug="hackney")
    actions = list(RoadmapAction.objects.filter(organisation=hackney))
    assert len(actions) == 3 and all(action.capability is None for action in actions)
    assert "3 roadmap actions for Hackney" in made
    assert demo_roadmaps_load() == []


def test_with_capabilities_it_records_coverage(london: None) -> None:
    (level,) = role_levels(1)
    for number in range(5):
        make_capability(f"Capability {number}", stage=1, roles=[(level, "1", "1", "1")])
    demo_roadmaps_load()
    hackney = Organisation.objects.get(slug="hackney")
    assert CapabilityCoverage.objects.filter(organisation=hackney).count() == 4
    assert RoadmapAction.objects.filter(organisation=hackney, capability__isnull=False).count() == 3
