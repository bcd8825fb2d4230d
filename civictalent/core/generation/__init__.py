"""Deterministic, resumable, bulk-inserted data at the scales the platform must handle.

The pieces are here (a run's context, steps, scales, made-up words); each app contributes its own
steps in ``GENERATION_STEPS`` of its ``seeding.py``, and ``civictalent generate --scale london
--seed 1`` (the seed app) runs them. See docs/performance.md.
"""

from civictalent.core.generation.base import BatchStep, Context, DemoStep, PlannedStep, Step
from civictalent.core.generation.runner import StepReport, generate, generation_steps
from civictalent.core.generation.scales import SCALES, Scale

__all__ = [
    "SCALES",
    "BatchStep",
    "Context",
    "DemoStep",
    "PlannedStep",
    "Scale",
    "Step",
    "StepReport",
    "generate",
    "generation_steps",
]
