"""The jobs board's part of the demo data and the generator (see core/generation/base.py)."""

from __future__ import annotations

from civictalent.core.generation.base import BatchStep, Context, DemoStep
from civictalent.core.generation.scales import Scale
from civictalent.jobs import generation
from civictalent.jobs.demo import demo_vacancies_load


def demo_vacancies() -> list[str]:
    made = demo_vacancies_load()
    return [f"{made} demonstration vacancies"] if made else []


class VacanciesStep(BatchStep):
    """The rows are made in civictalent/jobs/generation.py."""

    name = "vacancies"
    description = "ten years of vacancies, 5% of them open now, the open ones searchable"
    batch_size = 5_000
    after = ("framework", "users")

    def target(self, scale: Scale) -> int:
        return generation.planned_total(scale)

    def existing(self, context: Context) -> int:
        return generation.vacancies_existing()

    def make(self, context: Context, start: int, stop: int) -> int:
        return generation.vacancies_make(context, start, stop)


DEMO_STEPS = (DemoStep("vacancies", demo_vacancies, after=("people", "salaries")),)
GENERATION_STEPS = (VacanciesStep(),)
