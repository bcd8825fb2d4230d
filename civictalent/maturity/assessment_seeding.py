"""The assessment part's demo data and generator steps (gathered by seeding.py): the platform's
own starter maturity model, the default for new assessments."""

from __future__ import annotations

from civictalent.core.generation.base import DemoStep, Step
from civictalent.maturity.maturity_services import maturity_model_load_starter


def demo_maturity_model_load() -> list[str]:
    report = maturity_model_load_starter()
    if not report.changed:
        return []
    return [f"the starter maturity model ({report.topics} topics, {report.questions} questions)"]


DEMO_STEPS: list[DemoStep] = [DemoStep("maturity-model", demo_maturity_model_load)]
GENERATION_STEPS: list[Step] = []
