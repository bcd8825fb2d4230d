"""Deterministic, resumable, bulk-inserted data at the scales the platform must handle.

``civictalent generate --scale london --seed 1`` runs every step in ``STEPS`` in order; the
steps in ``PLANNED`` wait for models that do not exist yet. See docs/performance.md.
"""

from civictalent.core.generation.runner import StepReport, generate
from civictalent.core.generation.scales import SCALES, Scale
from civictalent.core.generation.steps import PLANNED, STEPS, Context, Step

__all__ = ["PLANNED", "SCALES", "STEPS", "Context", "Scale", "Step", "StepReport", "generate"]
