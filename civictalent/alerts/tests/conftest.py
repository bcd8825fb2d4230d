"""Helpers for the alert tests: vacancies on the board, and alerts at each stage."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from civictalent.alerts.models import AlertSubscription
from civictalent.framework.models import JobFamily
from civictalent.framework.services import framework_load_starter
from civictalent.jobs.models import Vacancy, VacancyStatus
from civictalent.organisations.models import Organisation


@pytest.fixture
def family(db: None) -> JobFamily:
    framework_load_starter()
    found = JobFamily.objects.order_by("slug").first()
    assert found is not None
    return found


@pytest.fixture
def make_vacancy(council_a: Organisation) -> Callable[..., Vacancy]:
    def make(**fields: Any) -> Vacancy:
        now = timezone.now()
        values: dict[str, Any] = {
            "organisation": council_a,
            "title": "Data analyst",
            "summary": "Help residents with better data.",
            "status": VacancyStatus.PUBLISHED,
            "annual_min_pence": 40_000_00,
            "annual_max_pence": 45_000_00,
            "closes_at": now + datetime.timedelta(days=14),
            "published_at": now - datetime.timedelta(hours=1),
            "working_pattern": "full_time",
            "contract": "permanent",
            "workplace": "hybrid",
            **fields,
        }
        return Vacancy.objects.create(**values)

    return make


@pytest.fixture
def make_alert(db: None) -> Callable[..., AlertSubscription]:
    def make(
        *,
        email: str = "candidate@example.org",
        query_string: str = "",
        frequency: str = "weekly",
        since: datetime.datetime | None = None,
        verified: bool = True,
    ) -> AlertSubscription:
        since = since or timezone.now() - datetime.timedelta(days=3)
        return AlertSubscription.objects.create(
            email=email,
            query_string=query_string,
            frequency=frequency,
            secret=secrets.token_urlsafe(32),
            verified_at=since if verified else None,
            last_sent_at=since if verified else None,
        )

    return make
