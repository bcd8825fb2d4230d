"""Demonstration data, so a visitor can tour every part as every role. Demo sites only.

Each app contributes its part in ``DEMO_STEPS`` of its ``seeding.py``; ``demo_load`` runs them
all in one transaction, each after the steps it names in ``after``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from civictalent.core.generation.base import DemoStep, in_order
from civictalent.core.registry import contributions


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)


def demo_steps() -> list[DemoStep]:
    return in_order(contributions("seeding", "DEMO_STEPS"))


def demo_load() -> DemoReport:
    """Create what is missing; leave what exists alone, so a second run changes nothing."""
    report = DemoReport()
    made_something: list[DemoStep] = []
    with transaction.atomic():
        for step in demo_steps():
            created = step.load()
            report.created.extend(created)
            if created:
                made_something.append(step)
    for step in made_something:
        if step.after_commit is not None:
            step.after_commit()
    return report
