"""The open London pay data: public pay only, small cells hidden in the page, the CSV and the
API, and a CSV no spreadsheet runs as a formula."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civictalent.framework.models import RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.organisations.models import Organisation
from civictalent.salaries.benchmarks import benchmarks_refresh_due
from civictalent.salaries.models import BenchmarkCell, ObservationSource
from civictalent.salaries.services import salary_observation_record

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def level(london: None) -> RoleLevel:
    framework_load_starter()
    return RoleLevel.objects.get(framework__is_default=True, slug="senior-data-analyst")


def boroughs(count: int) -> list[Organisation]:
    return list(Organisation.objects.filter(kind="london_borough").order_by("gss_code")[:count])


def record(level: RoleLevel, council: Organisation, low: int, ref: str, *, is_public: bool) -> None:
    salary_observation_record(
        organisation=council,
        role_level=level,
        annual_min=Decimal(low),
        annual_max=Decimal(low + 4000),
        observed_on=TODAY - datetime.timedelta(days=20),
        source=ObservationSource.JOB_DESCRIPTION,
        source_ref=ref,
        is_public=is_public,
    )


def read_all(client: Client) -> tuple[str, list[dict[str, str]], dict[str, Any]]:
    """The page, the CSV's rows and the API's answer, each rendered afresh."""
    cache.clear()  # the anonymous page cache would otherwise hide a change
    page = client.get(reverse("salaries:open_data"))
    download = client.get(reverse("salaries:open_data_csv"))
    api = client.get("/api/salaries/open-data")
    assert page.status_code == download.status_code == api.status_code == 200
    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    return page.content.decode(), rows, api.json()


def london_row(rows: list[dict[str, str]]) -> dict[str, str]:
    return next(row for row in rows if row["area"] == "London")


def test_a_private_salary_never_changes_the_public_figures(level: RoleLevel) -> None:
    councils = boroughs(4)
    for number, low in enumerate([40000, 42000, 44000, 46000, 48000, 50000]):
        record(level, councils[number % 4], low, f"jd-public-{number}", is_public=True)
    benchmarks_refresh_due()
    client = Client()
    page_before, rows_before, api_before = read_all(client)
    assert london_row(rows_before)["median_gbp"] == "47000"
    private_before = BenchmarkCell.objects.get(
        subject=f"role_level:{level.pk}", geography="london", period="last12"
    ).stats

    # A council's own JD kept to itself, and an imported private salary: far above the rest.
    record(level, councils[0], 90000, "jd-private-1", is_public=False)
    salary_observation_record(
        organisation=councils[1],
        role_level=level,
        annual_min=Decimal(95000),
        annual_max=Decimal(99000),
        observed_on=TODAY - datetime.timedelta(days=10),
        source=ObservationSource.IMPORT,
        source_ref="upload-7",
    )
    benchmarks_refresh_due()

    private_after = BenchmarkCell.objects.get(
        subject=f"role_level:{level.pk}", geography="london", period="last12"
    ).stats
    assert private_after != private_before, "the council benchmarks should count them"
    page_after, rows_after, api_after = read_all(client)
    assert rows_after == rows_before
    assert api_after == api_before
    assert page_after == page_before
    assert "£90,000" not in page_after and "£92,000" not in page_after


def test_a_jd_kept_to_the_council_is_not_public_and_sharing_it_makes_it_so(
    level: RoleLevel,
) -> None:
    council = boroughs(1)[0]
    record(level, council, 40000, "jd-1", is_public=False)
    record(level, council, 40000, "jd-1", is_public=True)  # the same JD, shared later
    benchmarks_refresh_due()
    cell = BenchmarkCell.objects.get(
        subject=f"public_role_level:{level.pk}", geography="london", period="last12"
    )
    assert cell.count == 1
    assert not BenchmarkCell.objects.filter(
        subject=f"public_role_level:{level.pk}", geography__startswith="council:"
    ).exists(), "the open data has no council cells"


def test_a_small_cell_is_hidden_in_the_page_the_csv_and_the_api(level: RoleLevel) -> None:
    councils = boroughs(3)
    for number, low in enumerate([41000, 43000, 45000]):
        record(level, councils[number], low, f"jd-{number}", is_public=True)
    benchmarks_refresh_due()
    page, rows, api = read_all(Client())

    reason = "Hidden: fewer than 5 salaries (3 so far)."
    assert reason in page
    assert "£45,000" not in page and "£43,000" not in page
    row = london_row(rows)
    assert row["hidden_because"] == reason
    assert row["salaries"] == "3" and row["councils"] == "3"
    assert row["median_gbp"] == row["lower_quartile_gbp"] == row["upper_quartile_gbp"] == ""
    london = next(area for area in api["role_levels"][0]["areas"] if area["area"] == "london")
    assert london["hidden_because"] == reason
    assert london["median_pence"] is None
    assert london["lower_quartile_pence"] is None and london["upper_quartile_pence"] is None
    assert api["licence"] == "Open Government Licence v3.0"


def test_one_council_supplying_most_salaries_hides_the_cell(level: RoleLevel) -> None:
    councils = boroughs(2)
    for number in range(6):
        council = councils[0] if number < 4 else councils[1]
        record(level, council, 40000 + number * 1000, f"jd-{number}", is_public=True)
    benchmarks_refresh_due()
    _, rows, _ = read_all(Client())
    assert london_row(rows)["hidden_because"].startswith("Hidden: one council supplies")
    assert london_row(rows)["median_gbp"] == ""


def test_the_csv_cannot_run_as_a_formula(level: RoleLevel) -> None:
    level.name = '=HYPERLINK("https://example.com","Click")'
    level.save()
    record(level, boroughs(1)[0], 40000, "jd-1", is_public=True)
    benchmarks_refresh_due()
    _, rows, _ = read_all(Client())
    assert rows[0]["role_level"] == "'" + level.name
    assert list(rows[0]) == [
        "job_family",
        "role",
        "role_level",
        "role_level_slug",
        "area",
        "period_start",
        "period_end",
        "salaries",
        "councils",
        "hidden_because",
        "lower_quartile_gbp",
        "median_gbp",
        "upper_quartile_gbp",
    ]


def test_the_page_says_how_to_cite_and_reuse_the_figures(level: RoleLevel) -> None:
    page, _, _ = read_all(Client())
    assert "Open Government Licence v3.0" in page
    assert f"London public pay benchmarks, {TODAY:%-d %B %Y}, http://testserver/salaries/" in page
