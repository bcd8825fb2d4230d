"""Pay in context: the London benchmark for a role level where pay is decided, under the same
disclosure rules as the salaries pages, and where the advertised pay sits in it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.framework.models import RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.models import JobDescription
from civictalent.organisations.models import Organisation, Role
from civictalent.salaries.models import BenchmarkCell
from civictalent.salaries.pay_context import london_pay_context

pytestmark = pytest.mark.django_db

STATS = {
    measure: {
        "p10": base,
        "p25": base + 2_000_00,
        "p50": base + 4_000_00,
        "p75": base + 6_000_00,
        "p90": base + 8_000_00,
    }
    for measure, base in (("min", 36_000_00), ("mid", 38_000_00), ("max", 40_000_00))
}


@pytest.fixture
def level() -> RoleLevel:
    framework_load_starter()
    return RoleLevel.objects.get(framework__is_default=True, name="Business analyst")


def cell(level: RoleLevel, *, reason: str = "", count: int = 12) -> BenchmarkCell:
    return BenchmarkCell.objects.create(
        subject=f"role_level:{level.pk}",
        geography="london",
        period="last12",
        count=count,
        councils=6,
        largest_council_share=Decimal("0.25"),
        suppressed_reason=reason,
        stats={} if reason else STATS,
    )


def test_the_median_and_middle_half_of_london_for_the_level(level: RoleLevel) -> None:
    cell(level)
    pay = london_pay_context(level)
    assert pay is not None and not pay.hidden
    assert (pay.median_pence, pay.p25_pence, pay.p75_pence) == (42_000_00, 40_000_00, 44_000_00)
    assert (pay.count, pay.councils, pay.position) == (12, 6, "")
    assert pay.sentence.startswith("In London, the middle of the advertised range for Business")


@pytest.mark.parametrize(
    ("low", "high", "position", "words"),
    [
        (30_000_00, 34_000_00, "below", "is below the London 25th percentile"),
        (40_000_00, 44_000_00, "within", "is within the middle half"),
        (45_000_00, 52_000_00, "above", "is above the London 75th percentile"),
        (46_000_00, None, "above", "the middle of its range, £46,000"),
    ],
)
def test_the_advertised_pay_is_placed_by_the_middle_of_its_range(
    level: RoleLevel, low: int, high: int | None, position: str, words: str
) -> None:
    cell(level)
    pay = london_pay_context(level, annual_min_pence=low, annual_max_pence=high)
    assert pay is not None and pay.position == position and words in pay.comparison


def test_a_hidden_cell_shows_its_reason_and_sample_size_never_a_figure(level: RoleLevel) -> None:
    cell(level, reason="Hidden: fewer than 5 salaries (3 so far).", count=3)
    pay = london_pay_context(level, annual_min_pence=30_000_00, annual_max_pence=34_000_00)
    assert pay is not None and pay.hidden
    assert pay.median_pence is None and pay.comparison == "" and pay.position == ""
    assert "hidden: fewer than 5 salaries (3 so far)" in pay.sentence


def test_no_salaries_yet_and_no_level(level: RoleLevel) -> None:
    pay = london_pay_context(level)
    assert pay is not None and pay.hidden and pay.count == 0
    assert london_pay_context(None) is None


def test_the_jd_page_shows_it_and_says_plainly_when_pay_is_above_the_75th(
    level: RoleLevel, make_user: Callable[..., User], council_a: Organisation
) -> None:
    cell(level)
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    jd = JobDescription.objects.create(
        organisation=council_a,
        title="Business analyst",
        role_level=level,
        annual_min_pence=45_000_00,
        annual_max_pence=52_000_00,
    )
    client = Client()
    client.force_login(editor)
    page = client.get(reverse("jdlibrary:detail", kwargs={"pk": jd.pk})).content.decode()
    assert "London pay for Business analyst" in page and "£40,000 to £44,000" in page
    assert "The salary in this job description is above the London 75th percentile" in page


def test_hidden_figures_stay_off_the_jd_page(
    level: RoleLevel, make_user: Callable[..., User], council_a: Organisation
) -> None:
    BenchmarkCell.objects.create(
        subject=f"role_level:{level.pk}",
        geography="london",
        period="last12",
        count=9,
        councils=2,
        largest_council_share=Decimal("0.667"),
        suppressed_reason="Hidden: one council supplies more than half of these salaries.",
        stats={},
    )
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    jd = JobDescription.objects.create(organisation=council_a, title="BA", role_level=level)
    client = Client()
    client.force_login(editor)
    page = client.get(reverse("jdlibrary:detail", kwargs={"pk": jd.pk})).content.decode()
    assert "one council supplies more than half" in page and "Median" not in page
