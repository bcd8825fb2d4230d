"""Alerts' part of the generator (see core/generation/base.py)."""

from __future__ import annotations

from civictalent.alerts import generation
from civictalent.core.generation.base import BatchStep, Context
from civictalent.core.generation.scales import Scale


class AlertSubscriptionsStep(BatchStep):
    """The rows are made in civictalent/alerts/generation.py."""

    name = "alert-subscriptions"
    description = "job alerts on shared searches (80% weekly, 90% confirmed)"
    batch_size = 5_000
    after = ("framework", "councils")

    def target(self, scale: Scale) -> int:
        return generation.planned_total(scale)

    def existing(self, context: Context) -> int:
        return generation.subscriptions_existing()

    def make(self, context: Context, start: int, stop: int) -> int:
        return generation.subscriptions_make(context, start, stop)


GENERATION_STEPS = (AlertSubscriptionsStep(),)
