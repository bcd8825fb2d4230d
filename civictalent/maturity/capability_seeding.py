"""The capability part's demo data and generator steps (gathered by seeding.py)."""

from __future__ import annotations

from civictalent.core.generation.base import Context, DemoStep, Progress, Step
from civictalent.core.generation.scales import Scale
from civictalent.maturity.capability_services import capability_model_load_starter
from civictalent.maturity.capability_starter import STARTER_CAPABILITIES
from civictalent.maturity.models import Capability


def demo_capability_model_load() -> list[str]:
    """The starter capability model (its staff numbers marked illustrative). The framework it
    names is already there: a migration loads the starter framework."""
    return capability_model_load_starter().phrases()


class CapabilityModelStep(Step):
    name = "capability-model"
    description = "the starter capability model: domains, capabilities and their role levels"
    after = ("framework",)

    def target(self, scale: Scale) -> int:
        return len(STARTER_CAPABILITIES)

    def existing(self, context: Context) -> int:
        return Capability.objects.count()

    def run(self, context: Context, progress: Progress) -> int:
        report = capability_model_load_starter()
        total = self.target(context.scale)
        progress(total, total, "")
        return report.capabilities_created


DEMO_STEPS: list[DemoStep] = [DemoStep("capability-model", demo_capability_model_load)]
GENERATION_STEPS: list[Step] = [CapabilityModelStep()]
