"""The anonymous page cache: served only to visitors with no session, emptied when data changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from civictalent.jobs import services
from civictalent.jobs.models import VacancyDailyCount
from civictalent.jobs.tests.vacancy_helpers import published
from civictalent.organisations.models import Organisation

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"


@pytest.fixture
def page_cache(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 60


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def test_a_public_page_is_stored_then_served_with_every_security_header() -> None:
    first = Client().get("/jobs/")
    second = Client().get("/jobs/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert second[header] == first[header]


def test_each_query_string_is_its_own_page() -> None:
    Client().get("/jobs/?q=analyst")
    assert Client().get("/jobs/?q=engineer")["X-Page-Cache"] == "miss"
    assert Client().get("/jobs/?q=analyst")["X-Page-Cache"] == "hit"


def test_publishing_a_vacancy_empties_the_cache_for_every_page(
    people: dict[str, Any],
    council_a: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    assert "Cache-busting analyst" not in Client().get("/jobs/").content.decode()
    assert Client().get("/jobs/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        published(
            council_a, people["editor_a"], people["platform_admin"], title="Cache-busting analyst"
        )
    fresh = Client().get("/jobs/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "Cache-busting analyst" in fresh.content.decode()


def test_closing_a_vacancy_takes_it_off_the_cached_board(
    people: dict[str, Any],
    council_a: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        vacancy = published(
            council_a, people["editor_a"], people["platform_admin"], title="Soon closed analyst"
        )
    assert "Soon closed analyst" in Client().get("/jobs/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_close(vacancy=vacancy, actor=people["editor_a"])
    assert "Soon closed analyst" not in Client().get("/jobs/").content.decode()


def test_counting_a_view_does_not_empty_the_cache(
    people: dict[str, Any],
    council_a: Organisation,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        vacancy = published(council_a, people["editor_a"], people["platform_admin"])
    Client().get("/jobs/")
    with django_capture_on_commit_callbacks(execute=True):
        detail = Client(HTTP_USER_AGENT=BROWSER).get(f"/jobs/{vacancy.pk}/")
    assert detail.status_code == 200
    assert "X-Page-Cache" not in detail, "a vacancy page counts its views, so it is never cached"
    assert VacancyDailyCount.objects.filter(vacancy=vacancy, views=1).exists()
    assert Client().get("/jobs/")["X-Page-Cache"] == "hit"


def test_signed_in_people_never_get_or_leave_a_cached_page(people: dict[str, Any]) -> None:
    Client().get("/jobs/")
    member = Client()
    member.force_login(people["member_a"])
    response = member.get("/jobs/")
    assert "X-Page-Cache" not in response
    assert "Your saved searches" in response.content.decode()
    assert "Your saved searches" not in Client().get("/jobs/").content.decode()


def test_a_page_with_a_form_token_is_never_stored(council_a: Organisation) -> None:
    for _ in range(2):
        response = Client().get("/alerts/subscribe/?q=analyst")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response or response["X-Page-Cache"] != "hit"
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_head_requests_and_unmarked_pages_skip_the_cache() -> None:
    Client().get("/jobs/")
    assert "X-Page-Cache" not in Client().head("/jobs/")
    Client().get("/privacy/")
    assert "X-Page-Cache" not in Client().get("/privacy/")


def test_switched_off_when_the_setting_is_zero(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    Client().get("/jobs/")
    assert "X-Page-Cache" not in Client().get("/jobs/")


def test_each_host_has_its_own_copy_of_a_page() -> None:
    """A page stored for a request naming one host (and port) is never served to another."""
    assert Client(HTTP_HOST="evil.example:8443").get("/jobs/")["X-Page-Cache"] == "miss"
    assert Client(HTTP_HOST="evil.example:8443").get("/jobs/")["X-Page-Cache"] == "hit"
    assert Client().get("/jobs/")["X-Page-Cache"] == "miss"
    assert Client(HTTP_HOST="evil.example").get("/jobs/")["X-Page-Cache"] == "miss"
    assert Client().get("/jobs/")["X-Page-Cache"] == "hit"


def test_each_scheme_has_its_own_copy_of_a_page() -> None:
    assert Client().get("/jobs/")["X-Page-Cache"] == "miss"
    assert Client().get("/jobs/", secure=True)["X-Page-Cache"] == "miss"
    assert Client().get("/jobs/", secure=True)["X-Page-Cache"] == "hit"


def test_a_host_outside_allowed_hosts_is_refused_not_served_a_stored_page(settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    assert Client().get("/jobs/")["X-Page-Cache"] == "miss"
    refused = Client(raise_request_exception=False, HTTP_HOST="evil.example").get("/jobs/")
    assert refused.status_code == 400
    assert "X-Page-Cache" not in refused
