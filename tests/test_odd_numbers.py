"""Odd numbers in requests never give a server error (issue 15, finding 8).

Every query parameter, posted field and path segment a view reads as a whole number is sent
values that ``str.isdigit()`` accepts and ``int()`` refuses ("²"), numbers no database column
holds, signs, exponents and nothing at all. Each answer is a page (the filter ignored, or a
clear message) or a 400/404, never a 500.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary import services as jd_services
from civictalent.jdlibrary.models import JobDescription
from civictalent.jdlibrary.services import SectionInput
from civictalent.organisations.models import Organisation, Role

pytestmark = pytest.mark.django_db

ODD = [
    "²",
    "99999999999999999999999",
    "-1",
    "1e5",
    "",
    "1e400",  # float() reads it as infinity
    "9" * 5000,  # more digits than int() will read
]
ADVERT = "Data Analyst\n\nThe postholder will utilise data to help residents.\n"


def client_for(user: User | None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def assert_answered(response: Any) -> None:
    assert response.status_code < 500, (response.status_code, response.request)
    assert response.status_code in (200, 302, 400, 404), response.status_code


@pytest.fixture
def editor(make_user: Any, council_a: Organisation) -> User:
    framework_load_starter()
    return make_user(organisation=council_a, role=Role.EDITOR)


@pytest.fixture
def jd(editor: User, council_a: Organisation) -> JobDescription:
    return jd_services.jd_create(
        organisation=council_a,
        author=editor,
        title="Data analyst",
        sections=[SectionInput(kind="purpose", heading="About the role", text=ADVERT)],
        pay_text="£40,000 - £45,000 per annum",
    )


@pytest.mark.parametrize("odd", ODD)
def test_the_public_checker_score_and_apply_fields(odd: str) -> None:
    client = client_for(None)
    for data in (
        {"text": ADVERT, "previous_score": odd},
        {"text": ADVERT, "previous_score": "50", "apply": f"plain_english.x:{odd}:5"},
        {"text": ADVERT, "apply": f"plain_english.x:0:{odd}"},
        {"text": ADVERT, "apply": f"plain_english.x:{odd}:{odd}"},
    ):
        assert_answered(client.post("/health-check/", data))


@pytest.mark.parametrize("odd", ODD)
def test_applying_a_suggestion_to_a_library_jd(odd: str, editor: User, jd: JobDescription) -> None:
    response = client_for(editor).post(
        f"/health-check/library/{jd.pk}/apply/", {"apply": f"plain_english.x:{odd}:{odd}"}
    )
    assert_answered(response)


@pytest.mark.parametrize("odd", ODD)
def test_the_library_filters(odd: str, editor: User, jd: JobDescription) -> None:
    client = client_for(editor)
    for name in ("council", "family", "role_level", "published", "page"):
        response = client.get(f"/library/?{urlencode({name: odd})}")
        assert_answered(response)
        assert response.status_code == 200


@pytest.mark.parametrize("odd", ODD)
def test_comparing_library_jds(odd: str, editor: User, jd: JobDescription) -> None:
    client = client_for(editor)
    compare = reverse("jdlibrary:curation_compare")
    for query in ({"jd": [odd, str(jd.pk)]}, {"jd": [odd, odd]}, {"from": odd}):
        assert_answered(client.get(f"{compare}?{urlencode(query, doseq=True)}"))


@pytest.mark.parametrize("odd", ODD)
def test_a_new_vacancy_from_a_jd(odd: str, editor: User) -> None:
    client = client_for(editor)
    new = reverse("jobs:vacancy_new")
    assert_answered(client.get(f"{new}?{urlencode({'from_jd': odd})}"))
    assert_answered(client.post(new, {"from_jd": odd, "title": "Analyst"}))


@pytest.mark.parametrize("odd", ODD)
def test_the_jobs_board_feeds_and_alerts_sign_up(odd: str) -> None:
    client = client_for(None)
    for path in ("/jobs/", "/jobs/feed.rss", "/jobs/feed.atom", "/alerts/subscribe/"):
        for name in ("page", "min_salary", "posted"):
            response = client.get(f"{path}?{urlencode({name: odd})}", follow=True)
            assert_answered(response)


@pytest.mark.parametrize("odd", ODD)
def test_the_sitemap_pages(odd: str) -> None:
    response = client_for(None).get(f"/sitemap.xml?{urlencode({'section': 'vacancies', 'p': odd})}")
    assert_answered(response)


@pytest.mark.parametrize("odd", ODD)
def test_the_audit_log_filters(odd: str, people: dict[str, Any]) -> None:
    client = client_for(people["platform_admin"])
    for name in ("organisation", "page"):
        response = client.get(f"/platform/audit/?{urlencode({name: odd})}")
        assert_answered(response)
        assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/jobs/{n}/",
        "/jobs/{n}/apply/",
        "/library/{n}/",
        "/health-check/library/{n}/",
        "/health-check/councils/{n}/",
        "/organisations/{n}/",
    ],
)
def test_ids_in_paths_beyond_64_bits_are_not_found(path: str, people: dict[str, Any]) -> None:
    client = client_for(people["platform_admin"])
    for number in ("99999999999999999999999", str(2**63), "9" * 5000):
        response = client.get(path.format(n=number))
        assert response.status_code == 404, (path, response.status_code)


@pytest.mark.parametrize("odd", [*ODD, "NaN", "sNaN", "Infinity"])
def test_the_vacancy_form_number_fields(odd: str, editor: User, council_a: Organisation) -> None:
    from civictalent.jobs.tests.test_forms import form_data

    client = client_for(editor)
    for name in (
        "hours_per_week",
        "annual_min",
        "annual_max",
        "closes_day",
        "closes_year",
        "closes_time",
        "organisation",
        "role_level",
    ):
        data = {**form_data(organisation=str(council_a.pk)), name: odd}
        response = client.post(reverse("jobs:vacancy_new"), data)
        assert_answered(response)


@pytest.mark.parametrize("odd", ODD)
def test_the_api_answers_odd_numbers_without_a_server_error(odd: str, editor: User) -> None:
    """The API takes no whole numbers in paths or queries today: numbers in its text fields
    and slugs are text, and must stay harmless."""
    client = client_for(editor)
    for path in (
        f"/api/salaries/benchmarks/level/{odd or 'x'}",
        f"/api/salaries/benchmarks/family/{odd or 'x'}",
        f"/api/salaries/parse?{urlencode({'text': odd})}",
        f"/api/framework/map-title?{urlencode({'title': odd})}",
    ):
        response = client.get(path)
        assert response.status_code in (200, 404, 422), (path, response.status_code)


def test_every_whole_number_the_api_reads_has_bounds() -> None:
    """django-ninja checks a whole number's type, not its size: any integer parameter added to
    the API must carry a maximum (ge/le in its Field), or it could reach the database
    beyond 64 bits."""
    schema = Client().get("/api/openapi.json").json()
    unbounded = [
        (path, method, parameter["name"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if parameter.get("schema", {}).get("type") == "integer"
        and "maximum" not in parameter["schema"]
    ]
    assert unbounded == []


# Where request data is read: views, forms, the search criteria, the sitemap and the API.
REQUEST_READERS = ("*views.py", "*forms.py", "criteria.py", "sitemaps.py", "api/*.py")
UNBOUNDED = re.compile(r"\.isdigit\(\)|(?<![\w.])int\((request|get|value|raw|text)\b")


def test_request_readers_parse_numbers_only_with_the_bounded_helper() -> None:
    package = Path(__file__).resolve().parent.parent / "civictalent"
    found = [
        f"{path.relative_to(package)}:{number}: {line.strip()}"
        for pattern in REQUEST_READERS
        for path in sorted(package.rglob(pattern))
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if UNBOUNDED.search(line)
    ]
    assert found == [], "read whole numbers with core.numbers.parse_bounded_int:\n" + "\n".join(
        found
    )
