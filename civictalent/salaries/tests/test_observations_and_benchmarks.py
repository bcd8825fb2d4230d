from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.framework.models import RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.organisations.models import Organisation
from civictalent.salaries.benchmarks import benchmarks_refresh_due
from civictalent.salaries.models import (
    BenchmarkCell,
    BenchmarkRefresh,
    ObservationSource,
    SalaryObservation,
)
from civictalent.salaries.services import (
    pay_year_of,
    salary_observation_from_pay_text,
    salary_observation_record,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def level(london: None) -> RoleLevel:
    framework_load_starter()
    return RoleLevel.objects.get(framework__is_default=True, slug="senior-data-analyst")


def record(
    level: RoleLevel, council: Organisation, low: int, ref: str, days_ago: int = 30
) -> SalaryObservation:
    return salary_observation_record(
        organisation=council,
        role_level=level,
        annual_min=Decimal(low),
        annual_max=Decimal(low + 5000),
        observed_on=TODAY - datetime.timedelta(days=days_ago),
        source=ObservationSource.VACANCY,
        source_ref=ref,
    )


def councils(count: int) -> list[Organisation]:
    return list(Organisation.objects.filter(kind="london_borough").order_by("gss_code")[:count])


def test_recording_an_observation_queues_its_benchmarks_and_is_idempotent(level: RoleLevel) -> None:
    hackney = Organisation.objects.get(slug="hackney")
    record(level, hackney, 45000, "vacancy-1")
    record(level, hackney, 46000, "vacancy-1")
    observation = SalaryObservation.objects.get()
    assert observation.annual_min_pence == 4_600_000
    assert observation.zone == "inner_london"
    assert set(BenchmarkRefresh.objects.values_list("subject", flat=True)) == {
        f"role_level:{level.pk}",
        f"role:{level.role_id}",
        f"family:{level.role.family_id}",
        f"public_role_level:{level.pk}",
    }


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        (50000, 40000, "minimum salary is above the maximum"),
        (14, 15, "not a plausible"),
        (400, 600, "hourly or daily"),
    ],
)
def test_implausible_salaries_are_refused_with_a_reason(
    level: RoleLevel, low: int, high: int, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        salary_observation_record(
            organisation=Organisation.objects.get(slug="hackney"),
            role_level=level,
            annual_min=Decimal(low),
            annual_max=Decimal(high),
            observed_on=TODAY,
            source="vacancy",
        )
    assert not SalaryObservation.objects.exists()


def test_pay_text_becomes_an_annual_observation(level: RoleLevel) -> None:
    observation = salary_observation_from_pay_text(
        organisation=Organisation.objects.get(slug="hackney"),
        role_level=level,
        pay_text="£42,708 - £45,441 per annum",
        observed_on=TODAY,
        source="job_description",
        source_ref="jd-1",
    )
    assert (observation.annual_min_pence, observation.annual_max_pence) == (4_270_800, 4_544_100)
    with pytest.raises(ValidationError, match="No annual pay in pounds"):
        salary_observation_from_pay_text(
            organisation=Organisation.objects.get(slug="hackney"),
            role_level=level,
            pay_text="Competitive",
            observed_on=TODAY,
            source="job_description",
            source_ref="jd-2",
        )


def test_pay_years_run_april_to_march() -> None:
    assert pay_year_of(datetime.date(2026, 3, 31)) == "2025-26"
    assert pay_year_of(datetime.date(2026, 4, 1)) == "2026-27"


def test_small_cells_are_hidden_and_carry_no_figures(level: RoleLevel) -> None:
    for number, council in enumerate(councils(4)):
        record(level, council, 40000 + number * 1000, f"v{number}")
    benchmarks_refresh_due()
    cell = BenchmarkCell.objects.get(
        subject=f"role_level:{level.pk}", geography="london", period="last12"
    )
    assert cell.count == 4
    assert "fewer than 5" in cell.suppressed_reason
    assert cell.stats == {}


def test_one_council_supplying_most_salaries_is_hidden(level: RoleLevel) -> None:
    hackney, *others = councils(3)
    for number in range(4):
        record(level, hackney, 40000 + number * 1000, f"h{number}")
    for number, council in enumerate(others):
        record(level, council, 50000, f"o{number}")
    benchmarks_refresh_due()
    cell = BenchmarkCell.objects.get(
        subject=f"role_level:{level.pk}", geography="london", period="all"
    )
    assert cell.count == 6
    assert "more than half" in cell.suppressed_reason
    assert cell.stats == {}


def test_enough_salaries_from_enough_councils_are_shown(level: RoleLevel) -> None:
    for number, council in enumerate(councils(6)):
        record(level, council, 40000 + number * 2000, f"v{number}")
    record(level, councils(1)[0], 90000, "old", days_ago=800)
    benchmarks_refresh_due()
    last12 = BenchmarkCell.objects.get(
        subject=f"role_level:{level.pk}", geography="london", period="last12"
    )
    assert last12.count == 6 and not last12.suppressed_reason
    assert last12.stats["min"]["p50"] == 4_500_000
    assert last12.stats["mid"]["p50"] == 4_750_000
    assert (
        BenchmarkCell.objects.get(
            subject=f"role_level:{level.pk}", geography="london", period="all"
        ).count
        == 7
    )
    assert BenchmarkCell.objects.filter(subject=f"role:{level.role_id}").exists()
    assert not BenchmarkRefresh.objects.exists()


@pytest.fixture
def shown(level: RoleLevel) -> RoleLevel:
    for number, council in enumerate(councils(8)):
        record(level, council, 40000 + number * 1500, f"v{number}")
    benchmarks_refresh_due()
    return level


def signed_in(make_user: Callable[..., User], council: Organisation | None = None) -> Client:
    client = Client()
    client.force_login(make_user(organisation=council))
    return client


def test_benchmark_page_has_chart_table_summary_and_downloads(
    shown: RoleLevel, make_user: Callable[..., User]
) -> None:
    hackney = Organisation.objects.get(slug="hackney")
    client = signed_in(make_user, hackney)
    page = client.get("/salaries/benchmarks/level/senior-data-analyst/").content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "The figures behind the chart" in page
    assert "Hackney (your council)" in page
    assert "In London" in page
    assert Client().get("/salaries/benchmarks/level/senior-data-analyst/").status_code == 302
    csv_text = client.get(
        "/salaries/benchmarks/level/senior-data-analyst/download.csv"
    ).content.decode()
    assert "area,salaries,councils" in csv_text and "London,8," in csv_text
    xlsx = client.get("/salaries/benchmarks/level/senior-data-analyst/download.xlsx").content
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx))["Benchmark"]
    assert sheet["A3"].value == "London" and sheet["B3"].value == 8
    docx = client.get("/salaries/benchmarks/level/senior-data-analyst/download.docx").content
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = archive.read("word/document.xml").decode()
        assert any(name.startswith("word/media/") for name in archive.namelist())
    assert "Salary evidence: Senior data analyst" in body and "Method" in body
    assert (
        client.get("/salaries/benchmarks/level/senior-data-analyst/download.exe").status_code == 404
    )


def test_council_against_london_and_the_parse_page(
    shown: RoleLevel, make_user: Callable[..., User]
) -> None:
    client = signed_in(make_user, Organisation.objects.get(gss_code="E09000002"))
    page = client.get("/salaries/your-council/").content.decode()
    assert "Senior data analyst" in page and "London salaries" in page
    parsed = client.get(
        "/salaries/parse/",
        {"text": "£29,750 - £42,500 with a London-weighting of £31,237 - £44,625"},
    ).content.decode()
    assert "2 ranges found" in parsed
    assert "Including London weighting" in parsed
    empty = client.get("/salaries/parse/", {"text": ""}).content.decode()
    assert "Enter the pay as it is advertised." in empty


def test_salary_api(shown: RoleLevel, make_user: Callable[..., User]) -> None:
    client = Client()
    parsed = client.get("/api/salaries/parse", {"text": "£100 per day"}).json()
    assert parsed["ranges"][0]["period"] == "day"
    assert client.get("/api/salaries/benchmarks/level/senior-data-analyst").status_code == 401
    client.force_login(make_user())
    body = client.get("/api/salaries/benchmarks/level/senior-data-analyst").json()
    london = body["cells"][0]
    assert london["area"] == "London" and london["salaries"] == 8
    assert london["stats_pence"]["mid"]["p50"] > 0


def test_parse_salary_command_json() -> None:
    out = io.StringIO()
    call_command("parse_salary", "£25-35k OTE", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["ranges"][0]["basis"] == "on_target_earnings"
    assert result["ranges"][0]["minimum"] == 25000
    assert "assumptions" in result


def test_a_council_median_is_placed_among_londons_percentiles() -> None:
    from civictalent.salaries.selectors import band_within

    mid = {"p10": 100, "p25": 200, "p50": 300, "p75": 400, "p90": 500}
    assert band_within(50, mid) == "below the 10th percentile"
    assert band_within(250, mid) == "between the 25th and 50th percentiles"
    assert band_within(450, mid) == "between the 75th and 90th percentiles"
    assert band_within(900, mid) == "above the 90th percentile"


def test_the_salaries_page_and_a_role_level_page_say_why_their_counts_differ(
    level: RoleLevel, make_user: Callable[..., User]
) -> None:
    for number, council in enumerate(councils(6)):
        record(level, council, 40000 + number * 2000, f"v{number}")
        record(level, council, 39000, f"old{number}", days_ago=800)
    benchmarks_refresh_due()
    client = signed_in(make_user)

    overview = client.get("/salaries/").content.decode()
    row = overview.split("senior-data-analyst/")[1].split("</tr>")[0]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">12</td>' in row
    assert "Salaries (all time)" in overview
    assert "of all time. A role level's own page starts with the last 12 months" in overview

    level_page = client.get("/salaries/benchmarks/level/senior-data-analyst/").content.decode()
    why = level_page.split('id="why-this-count">')[1].split("</p>")[0]
    assert "only the salaries advertised in the last 12 months: 6 in London, out of 12" in why
    assert "counts all 12, so its number can be higher" in why
    assert 'href="?period=all">Use all 12 salaries' in why

    all_time = client.get("/salaries/benchmarks/level/senior-data-analyst/?period=all")
    why = all_time.content.decode().split('id="why-this-count">')[1].split("</p>")[0]
    assert "every salary recorded for Senior data analyst in London: 12 in all" in why

    role_page = client.get(f"/salaries/benchmarks/role/{level.role.slug}/").content.decode()
    assert "add up the salaries of all its levels" in role_page
