"""schema.org JobPosting JSON-LD: what Google for Jobs requires and recommends, escaped safely,
and present on the vacancy page."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client

from civictalent.jobs.structured_data import (
    Posting,
    employment_types,
    job_posting,
    json_ld,
)

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def posting(**changes: Any) -> Posting:
    values: dict[str, Any] = {
        "url": "https://civictalent.example/jobs/7/",
        "title": "Senior data analyst",
        "description_html": "<p>Build dashboards.</p>",
        "date_posted": datetime.datetime(2026, 6, 1, 9, 0, tzinfo=UTC),
        "valid_through": datetime.datetime(2026, 6, 30, 22, 59, tzinfo=UTC),
        "organisation_name": "London Borough of Hackney",
        "organisation_website": "https://hackney.gov.uk",
        "identifier": "HR-123",
        "location": "Hackney Town Hall",
        "postcode": "E8 1EA",
        "workplace": "hybrid",
        "contract": "permanent",
        "working_pattern": "full_time",
        "hours_per_week": Decimal("36"),
        "annual_min_pence": 4_500_000,
        "annual_max_pence": 5_000_050,
    }
    values.update(changes)
    return Posting(**values)


ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def assert_valid_job_posting(data: dict[str, Any]) -> None:
    """Google's required properties with the types it expects, and the recommended ones."""
    assert data["@context"] in {"https://schema.org/", "https://schema.org"}
    assert data["@type"] == "JobPosting"
    assert isinstance(data["title"], str) and data["title"]
    assert isinstance(data["description"], str) and data["description"].startswith("<")
    assert ISO_WITH_OFFSET.match(data["datePosted"])
    organisation = data["hiringOrganization"]
    assert organisation["@type"] == "Organization" and organisation["name"]
    if data.get("jobLocationType") == "TELECOMMUTE":
        assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "GB"}
    address = data["jobLocation"]["address"]
    assert data["jobLocation"]["@type"] == "Place"
    assert address["@type"] == "PostalAddress"
    assert address["addressCountry"] == "GB" and address["addressRegion"] == "London"
    assert address["addressLocality"]
    # Recommended.
    assert ISO_WITH_OFFSET.match(data["validThrough"])
    assert data["employmentType"] and all(
        kind
        in {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "OTHER"}
        for kind in data["employmentType"]
    )
    salary = data["baseSalary"]
    assert salary["@type"] == "MonetaryAmount" and salary["currency"] == "GBP"
    value = salary["value"]
    assert value["@type"] == "QuantitativeValue" and value["unitText"] == "YEAR"
    assert isinstance(value["minValue"], int | float)
    assert data["identifier"]["@type"] == "PropertyValue" and data["identifier"]["value"]
    assert data["directApply"] is False


def test_a_full_posting_has_every_required_and_recommended_property() -> None:
    data = job_posting(posting())

    assert_valid_job_posting(data)
    assert data["title"] == "Senior data analyst"
    assert data["validThrough"] == "2026-06-30T23:59:00+01:00"  # British Summer Time
    assert data["datePosted"] == "2026-06-01T10:00:00+01:00"
    assert data["hiringOrganization"]["sameAs"] == "https://hackney.gov.uk"
    assert data["jobLocation"]["address"]["postalCode"] == "E8 1EA"
    assert data["jobLocation"]["address"]["addressLocality"] == "Hackney Town Hall"
    assert data["baseSalary"]["value"]["minValue"] == 45000
    assert data["baseSalary"]["value"]["maxValue"] == 50000.5
    assert data["identifier"] == {
        "@type": "PropertyValue",
        "name": "London Borough of Hackney",
        "value": "HR-123",
    }
    assert data["employmentType"] == ["FULL_TIME"]
    assert "jobLocationType" not in data  # hybrid is not remote


def test_winter_closing_times_carry_the_gmt_offset() -> None:
    data = job_posting(posting(valid_through=datetime.datetime(2026, 12, 18, 12, 0, tzinfo=LONDON)))
    assert data["validThrough"] == "2026-12-18T12:00:00+00:00"


def test_remote_jobs_are_telecommute_for_applicants_in_the_uk() -> None:
    data = job_posting(posting(workplace="remote", location="", postcode=""))

    assert_valid_job_posting(data)
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "GB"}
    assert data["jobLocation"]["address"]["addressLocality"] == "London Borough of Hackney"
    assert "postalCode" not in data["jobLocation"]["address"]


def test_a_single_figure_salary_has_a_value_and_no_maximum() -> None:
    value = job_posting(posting(annual_max_pence=None))["baseSalary"]["value"]
    assert value == {
        "@type": "QuantitativeValue",
        "minValue": 45000,
        "value": 45000,
        "unitText": "YEAR",
    }


@pytest.mark.parametrize(
    ("contract", "pattern", "hours", "expected"),
    [
        ("permanent", "full_time", None, ["FULL_TIME"]),
        ("permanent", "part_time", None, ["PART_TIME"]),
        ("permanent", "job_share", None, ["PART_TIME"]),
        ("fixed term", "full_time", None, ["FULL_TIME", "TEMPORARY"]),
        ("secondment", "", None, ["TEMPORARY"]),
        ("interim", "full_time", None, ["FULL_TIME", "CONTRACTOR"]),
        ("apprenticeship", "full_time", None, ["FULL_TIME", "INTERN"]),
        ("permanent", "flexible", Decimal("37"), ["FULL_TIME"]),
        ("permanent", "flexible", Decimal("22.5"), ["PART_TIME"]),
        ("permanent", "flexible", None, ["OTHER"]),
        ("", "", None, ["OTHER"]),
    ],
)
def test_employment_types(
    contract: str, pattern: str, hours: Decimal | None, expected: list[str]
) -> None:
    assert (
        employment_types(contract=contract, working_pattern=pattern, hours_per_week=hours)
        == expected
    )


def test_naive_dates_are_refused() -> None:
    naive = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.UTC).replace(tzinfo=None)
    with pytest.raises(ValueError, match="timezone-aware"):
        job_posting(posting(date_posted=naive))


def test_a_title_cannot_break_out_of_the_script_element() -> None:
    nasty = 'Analyst</script><script>alert("x")</script> & <!-- friends'
    text = json_ld(job_posting(posting(title=nasty)))

    assert "</script" not in text.lower() and "<" not in text and "&" not in text
    assert json.loads(text)["title"] == nasty


# --------------------------------------------------------------------------------------------
# On the page

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.mark.django_db
def test_the_vacancy_page_carries_json_ld_that_parses_back(
    people: dict[str, Any], council_a: Any
) -> None:
    from civictalent.jobs.tests.vacancy_helpers import published

    vacancy = published(
        council_a,
        people["editor_a"],
        people["platform_admin"],
        title="Data analyst </script><b>now</b>",
    )

    html = Client().get(f"/jobs/{vacancy.pk}/").content.decode()

    found = SCRIPT.findall(html)
    assert len(found) == 1
    data = json.loads(found[0])
    assert_valid_job_posting(data)
    assert data["title"] == "Data analyst </script><b>now</b>"
    assert data["url"] == f"{settings.SITE_URL}/jobs/{vacancy.pk}/"
    assert data["identifier"]["value"] == str(vacancy.pk)
    assert data["baseSalary"]["value"]["maxValue"] == 50000
    assert "<b>now</b>" not in html  # escaped in the heading too
    assert "<script>" not in html  # no executable inline script


@pytest.mark.django_db
def test_a_draft_preview_has_no_json_ld(people: dict[str, Any], council_a: Any) -> None:
    from civictalent.jobs.tests.vacancy_helpers import draft

    vacancy = draft(council_a, people["editor_a"])
    client = Client()
    client.force_login(people["editor_a"])

    html = client.get(f"/jobs/{vacancy.pk}/").content.decode()

    assert "application/ld+json" not in html
    assert "not on the jobs board" in html
