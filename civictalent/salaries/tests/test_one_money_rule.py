"""The same figure reads the same everywhere on the benchmark page and in its downloads.

A median of 4,850,050 pence is exactly half way between two whole pounds. Before one money
rule, the table's template filter rounded it half to even (£48,500) while the sentence above it
rounded half up (£48,501), and the CSV, Excel and Word downloads said £48,500 too.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest
from django.test import Client

from civictalent.accounts.models import User
from civictalent.core.money import pounds_text
from civictalent.framework.models import RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.organisations.models import Organisation
from civictalent.salaries.charts import nice_ticks
from civictalent.salaries.models import BenchmarkCell

pytestmark = pytest.mark.django_db

HALF_WAY_MEDIAN_PENCE = 4_850_050
ROUNDED_UP = "£48,501"
ROUNDED_DOWN = "£48,500"


def _stats() -> dict[str, dict[str, int]]:
    # Round figures around the median, so no chart tick or other percentile reads £48,50x.
    middle = {
        "p10": 4_000_000,
        "p25": 4_400_000,
        "p50": HALF_WAY_MEDIAN_PENCE,
        "p75": 5_200_000,
        "p90": 5_600_000,
    }
    return {"min": middle, "mid": middle, "max": middle}


@pytest.fixture
def half_way_median(london: None) -> RoleLevel:
    framework_load_starter()
    level = RoleLevel.objects.get(framework__is_default=True, slug="senior-data-analyst")
    for period in ("last12", "2026Q1"):
        BenchmarkCell.objects.create(
            subject=f"role_level:{level.pk}",
            geography="london",
            period=period,
            count=12,
            councils=6,
            largest_council_share="0.250",
            stats=_stats(),
        )
    return level


def _client(make_user: Callable[..., User]) -> Client:
    client = Client()
    client.force_login(make_user(organisation=Organisation.objects.get(slug="hackney")))
    return client


def _text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_half_way_median_reads_the_same_in_the_table_the_sentence_and_the_chart(
    half_way_median: RoleLevel, make_user: Callable[..., User]
) -> None:
    page = (
        _client(make_user).get("/salaries/benchmarks/level/senior-data-analyst/").content.decode()
    )
    summary = re.search(r'<div class="govuk-inset-text">(.*?)</div>', page, re.S)
    assert summary is not None
    assert f"is {ROUNDED_UP} (median of 12 salaries from 6 councils)" in summary.group(1)

    table = page[page.index("The figures behind the chart (£ a year)") :]
    london_row = re.search(
        r'<th scope="row" class="govuk-table__header">London</th>(.*?)</tr>', table, re.S
    )
    assert london_row is not None
    # Bottom of range median, middle median and top of range median are all the half-way figure.
    assert _text_of(london_row.group(1)).split().count(ROUNDED_UP) == 3

    trend_table = page[page.index("Median of the middle of the range in London, by quarter") :]
    assert ROUNDED_UP in trend_table.split("</table>")[0]

    # The charts print no median, only round axis ticks; those come from the same text function.
    range_chart, trend_chart = re.findall(r"<svg.*?</svg>", page, re.S)
    range_ticks = nice_ticks(4_000_000, 5_600_000)
    assert re.findall(r">(£[0-9,]+)<", range_chart) == [pounds_text(t) for t in range_ticks]
    trend_ticks = nice_ticks(HALF_WAY_MEDIAN_PENCE, HALF_WAY_MEDIAN_PENCE)
    assert re.findall(r">(£[0-9,]+)<", trend_chart) == [pounds_text(t) for t in trend_ticks]

    # Outside the charts (whose round axis ticks may legitimately include £48,500), the half-way
    # figure is never shown rounded down.
    assert ROUNDED_DOWN not in re.sub(r"<svg.*?</svg>", "", page, flags=re.S)


def test_a_half_way_median_reads_the_same_in_every_download(
    half_way_median: RoleLevel, make_user: Callable[..., User]
) -> None:
    client = _client(make_user)
    url = "/salaries/benchmarks/level/senior-data-analyst/download"

    csv_text = client.get(f"{url}.csv").content.decode()
    london = next(line for line in csv_text.splitlines() if line.startswith("London,"))
    assert london.split(",").count("48501") == 3 and "48500" not in csv_text

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(client.get(f"{url}.xlsx").content))["Benchmark"]
    london_cells = [cell.value for cell in sheet[3]]
    assert london_cells[0] == "London"
    assert london_cells.count(48501) == 3 and 48500 not in london_cells

    with zipfile.ZipFile(io.BytesIO(client.get(f"{url}.docx").content)) as archive:
        body = _text_of(archive.read("word/document.xml").decode())
    assert f"is {ROUNDED_UP} (median" in body  # the summary sentence
    assert body.count(ROUNDED_UP) == 2  # the sentence and the table's median
    assert ROUNDED_DOWN not in body
