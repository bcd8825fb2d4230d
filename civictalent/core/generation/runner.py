"""Run generator steps in order, timing each."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from civictalent.core.generation.base import Context, Progress, Step, in_order
from civictalent.core.generation.scales import Scale
from civictalent.core.registry import contributions


@dataclass(frozen=True)
class StepReport:
    name: str
    target: int
    added: int
    seconds: float


def generation_steps() -> list[Step]:
    """Every app's generator steps (``GENERATION_STEPS`` in its ``seeding.py``), in order."""
    return in_order(contributions("seeding", "GENERATION_STEPS"))


def generate(
    *,
    scale: Scale,
    seed: int,
    as_of: datetime.date,
    steps: Sequence[Step] | None = None,
    only: set[str] | None = None,
    progress_for: Callable[[str], Progress] | None = None,
) -> list[StepReport]:
    """Make whatever the scale asks for and the database lacks. Safe to run again: each step
    counts what it made before and continues from there."""
    context = Context(scale=scale, seed=seed, as_of=as_of)
    reports = []
    for step in generation_steps() if steps is None else steps:
        if only is not None and step.name not in only:
            continue
        progress = progress_for(step.name) if progress_for else _silent
        started = time.perf_counter()
        added = step.run(context, progress)
        context.inserted[step.name] = added
        reports.append(
            StepReport(step.name, step.target(scale), added, time.perf_counter() - started)
        )
    return reports


def _silent(done: int, total: int, stage: str) -> None:
    return None
