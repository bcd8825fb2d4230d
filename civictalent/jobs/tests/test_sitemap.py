"""/sitemap.xml: the board, the councils list, open vacancies and those closed in the last 90
days; nothing private."""

from __future__ import annotations

import datetime
from typing import Any

import defusedxml.ElementTree as ElementTree
import pytest
from django.test import Client
from django.utils import timezone

from civictalent.jobs.models import Vacancy
from civictalent.jobs.tests.test_board import make_vacancy
from civictalent.organisations.models import Organisation

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://civictalent.example"  # settings.SITE_URL, unlike the test client's host


@pytest.fixture(autouse=True)
def site_url(settings: Any) -> None:
    settings.SITE_URL = SITE


def locations(response: object) -> list[str]:
    root = ElementTree.fromstring(response.content)  # type: ignore[attr-defined]
    return [element.text or "" for element in root.iter(f"{NS}loc")]


@pytest.mark.django_db
def test_the_sitemap_lists_pages_worth_crawling(council_a: Organisation) -> None:
    now = timezone.now()
    open_one = make_vacancy(council_a, title="Open")
    past_closing = make_vacancy(council_a, title="Past closing, not yet closed", days_open=-1)
    recently_closed = make_vacancy(council_a, status="closed")
    long_closed = make_vacancy(council_a, status="closed")
    Vacancy.objects.filter(pk=recently_closed.pk).update(
        closes_at=now - datetime.timedelta(days=80)
    )
    Vacancy.objects.filter(pk=long_closed.pk).update(closes_at=now - datetime.timedelta(days=100))
    hidden = [
        make_vacancy(council_a, status=status)
        for status in ("draft", "submitted", "rejected", "archived")
    ]

    response = Client().get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    found = locations(response)
    assert f"{SITE}/jobs/" in found
    assert f"{SITE}/jobs/councils/" in found
    for vacancy in (open_one, past_closing, recently_closed):
        assert f"{SITE}/jobs/{vacancy.pk}/" in found
    for vacancy in (long_closed, *hidden):
        assert f"{SITE}/jobs/{vacancy.pk}/" not in found
    assert "<lastmod>" in response.content.decode()


@pytest.mark.django_db
def test_a_large_sitemap_becomes_an_index_of_pages(
    council_a: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civictalent.jobs.sitemaps import VacancySitemap

    monkeypatch.setattr(VacancySitemap, "limit", 2)
    made = [make_vacancy(council_a, title=f"Job {n}") for n in range(3)]

    index = Client().get("/sitemap.xml")

    assert index.status_code == 200
    assert "<sitemapindex" in index.content.decode()
    pages = locations(index)
    assert pages == [
        f"{SITE}/sitemap.xml?section=jobs",
        f"{SITE}/sitemap.xml?section=vacancies&p=1",
        f"{SITE}/sitemap.xml?section=vacancies&p=2",
    ]
    second = Client().get(pages[2].removeprefix(SITE))
    assert locations(second) == [f"{SITE}/jobs/{made[2].pk}/"]
    first = Client().get(pages[0].removeprefix(SITE))
    assert locations(first) == [f"{SITE}/jobs/", f"{SITE}/jobs/councils/"]
    assert Client().get("/sitemap.xml?section=vacancies&p=3").status_code == 404
    assert Client().get("/sitemap.xml?section=secret").status_code == 404


@pytest.mark.django_db
def test_a_small_sitemap_has_no_second_page(council_a: Organisation) -> None:
    make_vacancy(council_a)

    assert Client().get("/sitemap.xml?p=2").status_code == 404
    assert Client().get("/sitemap.xml?p=zero").status_code == 404


@pytest.mark.django_db
def test_sitemap_links_are_on_the_site_address_whatever_host_the_request_names(
    council_a: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civictalent.jobs.sitemaps import VacancySitemap

    vacancy = make_vacancy(council_a, title="Open")
    client = Client(HTTP_HOST="evil.example:8443")
    assert f"{SITE}/jobs/{vacancy.pk}/" in locations(client.get("/sitemap.xml"))

    monkeypatch.setattr(VacancySitemap, "limit", 1)
    make_vacancy(council_a, title="Another")
    index = client.get("/sitemap.xml")
    pages = locations(index)
    assert pages and all(page.startswith(f"{SITE}/sitemap.xml?") for page in pages), pages
    section = client.get("/sitemap.xml?section=vacancies&p=1")
    assert all(page.startswith(f"{SITE}/") for page in locations(section))
    for response in (index, section):
        assert b"evil.example" not in response.content
