"""Shared makers for the vacancy tests (services, closing, views, insight)."""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.jobs import services
from civictalent.jobs.fields import VacancyFields
from civictalent.jobs.models import CouncilJobsSettings, Vacancy
from civictalent.organisations.models import Organisation

DESCRIPTION = (
    "<p>Help Hackney use its data to serve residents better.</p>"
    "<h2>What you will do</h2><ul><li>Build dashboards for housing teams.</li>"
    "<li>Work with services to answer their questions.</li></ul>"
    "<h2>Essential criteria</h2><p>Experience of SQL and of explaining numbers clearly.</p>"
)


def good_fields(**changes: Any) -> VacancyFields:
    """Everything publishing needs, closing in two weeks."""
    fields = VacancyFields(
        title="Senior data analyst",
        summary="Lead data analysis for housing and adult social care.",
        description=DESCRIPTION,
        annual_min=Decimal("45000"),
        annual_max=Decimal("50000"),
        hours_per_week=Decimal("36"),
        contract="permanent",
        working_pattern="full_time",
        workplace="hybrid",
        hybrid_pattern="Two days a week in Hackney Town Hall",
        location="Hackney Town Hall",
        postcode="E8 1EA",
        closes_at=timezone.now() + datetime.timedelta(days=14),
        apply_url="https://jobs.hackney.example/123",
        contact_name="Pat Manager",
        contact_email="pat@hackney.example",
    )
    return replace(fields, **changes)


def draft(organisation: Organisation, author: User | None, **changes: Any) -> Vacancy:
    return services.vacancy_create(
        organisation=organisation, author=author, fields=good_fields(**changes)
    )


def submitted(organisation: Organisation, author: User, **changes: Any) -> Vacancy:
    vacancy = draft(organisation, author, **changes)
    return services.vacancy_submit(vacancy=vacancy, author=author).vacancy


def published(organisation: Organisation, author: User, moderator: User, **changes: Any) -> Vacancy:
    vacancy = submitted(organisation, author, **changes)
    return services.vacancy_publish(vacancy=vacancy, actor=moderator)


def allow_self_publishing(organisation: Organisation) -> None:
    CouncilJobsSettings.objects.update_or_create(
        organisation=organisation, defaults={"approval_route": "council"}
    )
