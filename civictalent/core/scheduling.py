"""When periodic jobs are due. Pure: no Django, so it is easy to test and reason about.

A job's *period* is a string that names the stretch of time it covers ("the 60-second slot that
started at ...", "the week starting Monday 07:00"). The scheduler records one run per job and
period in the database, so starting two schedulers never runs a job twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class Every:
    """Run once in each slot of ``seconds`` (aligned to the Unix epoch, named in UTC).

    UTC, not London time: when the clocks go back, London repeats an hour, and two slots
    named in local time would collide.
    """

    seconds: int

    def period(self, now: datetime) -> str:
        slot = int(now.timestamp() // self.seconds) * self.seconds
        return datetime.fromtimestamp(slot, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Weekly:
    """Run once a week, from ``weekday`` (0 is Monday) at ``hour`` London time onwards."""

    weekday: int
    hour: int

    def period(self, now: datetime) -> str:
        local = now.astimezone(LONDON)
        anchor = local.replace(hour=self.hour, minute=0, second=0, microsecond=0) - timedelta(
            days=(local.weekday() - self.weekday) % 7
        )
        if anchor > local:
            anchor -= timedelta(days=7)
        return anchor.strftime("week-%Y-%m-%d")


@dataclass(frozen=True)
class Daily:
    """Run once a day, from ``hour`` London time onwards."""

    hour: int

    def period(self, now: datetime) -> str:
        local = now.astimezone(LONDON)
        anchor = local.replace(hour=self.hour, minute=0, second=0, microsecond=0)
        if anchor > local:
            anchor -= timedelta(days=1)
        return anchor.strftime("day-%Y-%m-%d")


Cadence = Every | Weekly | Daily


@dataclass(frozen=True)
class ScheduledJob:
    """One periodic job: each app lists its own in ``SCHEDULED_JOBS`` of its ``schedule.py``."""

    name: str
    cadence: Cadence
    task: Any  # a django-tasks task: its ``enqueue()`` is called when the job falls due
    description: str
