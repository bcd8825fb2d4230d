"""Salaries' part of the demo data and the generator (see core/generation/base.py)."""

from __future__ import annotations

import datetime

from civictalent.core.generation.base import (
    GENERATED_TAG,
    BatchStep,
    Context,
    DemoStep,
    Progress,
    Step,
)
from civictalent.core.generation.scales import Scale
from civictalent.core.money import pounds_text
from civictalent.framework.seeding import levels
from civictalent.organisations.models import Organisation
from civictalent.organisations.seeding import councils
from civictalent.salaries.benchmarks import benchmarks_refresh_due, benchmarks_request_all
from civictalent.salaries.demo import demo_salaries_load
from civictalent.salaries.models import BenchmarkCell, BenchmarkRefresh, SalaryObservation
from civictalent.salaries.payscales import payscales_load_demo
from civictalent.salaries.services import zone_of


def demo_pay_scales_load() -> list[str]:
    loaded = payscales_load_demo()
    return ["illustrative pay scales"] if loaded.spines_loaded or loaded.grade_maps_loaded else []


def demo_observations_load() -> list[str]:
    made = demo_salaries_load()
    return [f"{made} demonstration salaries"] if made else []


def benchmarks_refresh_all() -> None:
    """The demo's salaries in every benchmark at once, rather than at the worker's next turn."""
    benchmarks_request_all()
    while benchmarks_refresh_due():
        pass


def _zones(context: Context) -> dict[int, str]:
    def read() -> dict[int, str]:
        chosen = {council.pk for council in councils(context)}
        return {o.pk: zone_of(o) for o in Organisation.objects.filter(pk__in=chosen)}

    return context.memo("zones", read)


def _observations_added(context: Context) -> bool:
    return bool(context.inserted.get(SalaryObservationsStep.name))


class SalaryObservationsStep(BatchStep):
    name = "salary-observations"
    description = "salaries seen over ten years, by role level and council"
    batch_size = 20_000
    after = ("framework", "councils")

    def target(self, scale: Scale) -> int:
        return scale.salary_observations

    def existing(self, context: Context) -> int:
        return SalaryObservation.objects.filter(
            source="import", source_ref__startswith=f"{GENERATED_TAG}-"
        ).count()

    def make(self, context: Context, start: int, stop: int) -> int:
        roles, places, zones = levels(context), councils(context), _zones(context)
        rows = []
        for index, rng in context.items(self.name, start, stop):
            level = roles[rng.randrange(len(roles))]
            council = places[rng.randrange(len(places))]
            london = 1.12 if council.london else 1.0
            low = int((26_000 + level.rank * 6_500) * london * rng.uniform(0.85, 1.15)) * 100
            high = low + rng.randint(2_000, 8_000) * 100
            observed = context.as_of - datetime.timedelta(days=rng.randint(0, 3650))
            if index < 0:
                continue
            rows.append(
                SalaryObservation(
                    role_level_id=level.pk,
                    organisation_id=council.pk,
                    zone=zones[council.pk],
                    annual_min_pence=low,
                    annual_max_pence=high,
                    observed_on=observed,
                    source="import",
                    source_ref=f"{GENERATED_TAG}-{index}",
                    pay_text=f"{pounds_text(low)} - {pounds_text(high)}",
                    is_public=index % 3 == 0,  # a third as if from public adverts
                )
            )
        SalaryObservation.objects.bulk_create(rows)
        return len(rows)


class SalaryBenchmarksStep(Step):
    name = "salary-benchmarks"
    description = "precomputed benchmark cells for every role level, role and family"

    after = ("salary-observations",)

    def target(self, scale: Scale) -> int:
        return 1

    def existing(self, context: Context) -> int:
        queued = BenchmarkRefresh.objects.exists()
        return int(
            BenchmarkCell.objects.exists() and not queued and not _observations_added(context)
        )

    def run(self, context: Context, progress: Progress) -> int:
        if self.existing(context):
            progress(1, 1, "")
            return 0
        if _observations_added(context) or not BenchmarkRefresh.objects.exists():
            benchmarks_request_all()
        total = BenchmarkRefresh.objects.count()
        done = 0
        while refreshed := benchmarks_refresh_due(limit=20):
            done += refreshed
            progress(done, total, "")
        return done


DEMO_STEPS = (
    DemoStep("pay-scales", demo_pay_scales_load),
    DemoStep(
        "salaries",
        demo_observations_load,
        after=("exemplars",),
        after_commit=benchmarks_refresh_all,
    ),
)
GENERATION_STEPS = (SalaryObservationsStep(), SalaryBenchmarksStep())
