"""The maturity app's part of the demo data and the generator (see core/generation/base.py),
gathered from each part's own module."""

from __future__ import annotations

from civictalent.core.generation.base import DemoStep, Step
from civictalent.maturity import (
    assessment_seeding,
    capability_seeding,
    results_seeding,
    roadmap_seeding,
)

DEMO_STEPS: list[DemoStep] = [
    *capability_seeding.DEMO_STEPS,
    *assessment_seeding.DEMO_STEPS,
    *results_seeding.DEMO_STEPS,
    *roadmap_seeding.DEMO_STEPS,
]
GENERATION_STEPS: list[Step] = [
    *capability_seeding.GENERATION_STEPS,
    *assessment_seeding.GENERATION_STEPS,
    *results_seeding.GENERATION_STEPS,
    *roadmap_seeding.GENERATION_STEPS,
]
