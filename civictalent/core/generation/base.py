"""The pieces every app's generator steps are made of: a run's context, steps, and their order.

Each app that has data to generate lists its steps in ``GENERATION_STEPS`` of its own
``seeding.py`` (see core/registry.py); ``civictalent generate`` (the seed app) runs them all, each
after the steps it names in ``after``.

Determinism: rows are made in blocks of ``BLOCK`` items; block ``b`` of step ``s`` draws from
``Random(f"{seed}:{s}:{b}")`` and nothing else, so item ``i`` is the same however the work was
split into runs. A resumed run regenerates the partial block and keeps only the missing items.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction

from civictalent.core.generation.scales import Scale

BLOCK = 1_000
GENERATED_TAG = "generated"  # the marker generated rows carry (emails, source kinds, keys)
UNUSABLE_PASSWORD = "!generated-account-cannot-sign-in"  # noqa: S105
Progress = Callable[[int, int, str], None]
T = TypeVar("T")


@dataclass
class Context:
    """One run: its scale, seed and end day, what each step added, and lookups steps share."""

    scale: Scale
    seed: int
    as_of: datetime.date
    inserted: dict[str, int] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def items(self, step: str, start: int, stop: int) -> Iterator[tuple[int, random.Random]]:
        """(index, generator) for each item from ``start`` to ``stop``; see the module doc.
        Items of a partial block before ``start`` come with index -1: draw, then skip them."""
        if stop <= start:
            return
        for block in range(start // BLOCK, (stop - 1) // BLOCK + 1):
            rng = random.Random(f"{self.seed}:{step}:{block}")  # noqa: S311
            for index in range(block * BLOCK, min((block + 1) * BLOCK, stop)):
                yield (index if index >= start else -1), rng

    def moment(self, rng: random.Random, *, days_back: int) -> datetime.datetime:
        day = self.as_of - datetime.timedelta(days=rng.randint(0, days_back))
        return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=datetime.UTC)

    def memo(self, name: str, compute: Callable[[], T]) -> T:
        """A lookup several steps share (councils, role levels), read once per run."""
        if name not in self._memo:
            self._memo[name] = compute()
        return self._memo[name]

    def forget(self, name: str) -> None:
        """Drop a shared lookup after a step changed what it reads."""
        self._memo.pop(name, None)


class Step:
    name: str = ""
    description: str = ""
    after: tuple[str, ...] = ()  # the steps whose rows this one needs

    def target(self, scale: Scale) -> int:
        raise NotImplementedError

    def existing(self, context: Context) -> int:
        raise NotImplementedError

    def run(self, context: Context, progress: Progress) -> int:
        """Make what is missing; return how many rows were added."""
        raise NotImplementedError


class BatchStep(Step):
    """A step that inserts ``target - existing`` items in atomic batches."""

    batch_size = 2_000

    def make(self, context: Context, start: int, stop: int) -> int:
        raise NotImplementedError

    def run(self, context: Context, progress: Progress) -> int:
        total = self.target(context.scale)
        done = self.existing(context)
        added = 0
        progress(min(done, total), total, "")
        while done < total:
            stop = min(done + self.batch_size, total)
            with transaction.atomic():
                self.make(context, done, stop)
            added += stop - done
            done = stop
            progress(done, total, "")
        return added


@dataclass(frozen=True)
class PlannedStep:
    """A part of the data whose models do not exist yet: listed, not generated."""

    name: str
    waits_for: str

    def target(self, scale: Scale) -> int:
        return scale.planned.get(self.name.replace("-", "_"), 0)


class StepOrderError(ValueError):
    """Steps that wait for a step nobody contributes, or for each other."""


def in_order(steps: Iterable[Any]) -> list[Any]:
    """The steps, each after those it names in ``after`` (otherwise in the order given)."""
    pending = list(steps)
    names = {step.name for step in pending}
    missing = sorted({need for step in pending for need in step.after} - names)
    if missing:
        raise StepOrderError(f"steps wait for steps that no app contributes: {missing}")
    ordered: list[Any] = []
    done: set[str] = set()
    while pending:
        ready = [step for step in pending if set(step.after) <= done]
        if not ready:
            raise StepOrderError(f"steps wait for each other: {[s.name for s in pending]}")
        step = ready[0]
        ordered.append(step)
        done.add(step.name)
        pending.remove(step)
    return ordered


@dataclass(frozen=True)
class DemoStep:
    """Part of the demo data (``DEMO_STEPS`` in an app's ``seeding.py``): ``load`` creates what
    is missing and returns a phrase for each thing it made, so a second run changes nothing.
    ``after_commit`` runs once everything is saved, if ``load`` made anything."""

    name: str
    load: Callable[[], list[str]]
    after: tuple[str, ...] = ()
    after_commit: Callable[[], None] | None = None
