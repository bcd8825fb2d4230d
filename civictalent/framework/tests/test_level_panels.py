"""The role level page lists its job descriptions, open vacancies and London benchmark, which the
library, the jobs board and salaries contribute through the role_level_panels registry (the
framework sits below them and imports none of them)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.registry import contributions
from civictalent.framework.models import RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.models import JobDescription
from civictalent.jobs.models import Vacancy
from civictalent.organisations.models import Organisation, Role
from civictalent.salaries.models import BenchmarkCell

pytestmark = pytest.mark.django_db


@pytest.fixture
def level(council_a: Organisation) -> RoleLevel:
    framework_load_starter()
    level = RoleLevel.objects.get(framework__is_default=True, name="Business analyst")
    now = timezone.now()
    JobDescription.objects.create(
        organisation=council_a,
        title="Hackney business analyst",
        role_level=level,
        status="published",
        published_at=now,
    )
    Vacancy.objects.create(
        organisation=council_a,
        title="Business analyst, housing",
        role_level=level,
        summary="Analyse housing.",
        status="published",
        published_at=now,
        closes_at=now + datetime.timedelta(days=10),
        annual_min_pence=45_000_00,
        annual_max_pence=50_000_00,
    )
    Vacancy.objects.create(
        organisation=council_a, title="Business analyst, draft", role_level=level, summary="x"
    )
    stats = {
        m: {k: 42_000_00 for k in ("p10", "p25", "p50", "p75", "p90")}
        for m in ("min", "mid", "max")
    }
    BenchmarkCell.objects.create(
        subject=f"role_level:{level.pk}",
        geography="london",
        period="last12",
        count=8,
        councils=5,
        largest_council_share=Decimal("0.25"),
        stats=stats,
    )
    return level


def test_three_apps_contribute_panels() -> None:
    names = {build.__module__ for build in contributions("role_level_panels", "PANELS")}
    assert names == {
        "civictalent.jdlibrary.role_level_panels",
        "civictalent.jobs.role_level_panels",
        "civictalent.salaries.role_level_panels",
    }


def test_a_signed_in_person_sees_the_levels_jds_open_vacancies_and_benchmark(
    level: RoleLevel, make_user: Callable[..., User], council_a: Organisation
) -> None:
    client = Client()
    client.force_login(make_user(organisation=council_a, role=Role.MEMBER))
    page = client.get(reverse("framework:level", kwargs={"slug": level.slug})).content.decode()
    assert "Job descriptions for Business analyst" in page and "Hackney business analyst" in page
    assert "Open vacancies for Business analyst" in page and "Business analyst, housing" in page
    assert "Business analyst, draft" not in page
    assert "London pay for Business analyst" in page and "£42,000" in page
    order = [
        page.index(f"{what} for Business analyst")
        for what in ("Job descriptions", "Open vacancies", "London pay")
    ]
    assert order == sorted(order)


def test_a_visitor_sees_only_the_open_vacancies(level: RoleLevel) -> None:
    page = Client().get(reverse("framework:level", kwargs={"slug": level.slug})).content.decode()
    assert "Business analyst, housing" in page
    assert "Hackney business analyst" not in page and "London pay for" not in page
    assert "£42,000" not in page
