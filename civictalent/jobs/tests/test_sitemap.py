"""/sitemap.xml: the board, the councils list, open vacancies and those closed in the last 90
days; nothing private."""

from __future__ import annotations

import datetime

import defusedxml.ElementTree as ElementTree
import pytest
from django.test import Client
from django.utils import timezone

from civictalent.jobs.models import Vacancy
from civictalent.jobs.tests.test_board import make_vacancy
from civictalent.organisations.models import Organisation

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


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
    assert "http://testserver/jobs/" in found
    assert "http://testserver/jobs/councils/" in found
    for vacancy in (open_one, past_closing, recently_closed):
        assert f"http://testserver/jobs/{vacancy.pk}/" in found
    for vacancy in (long_closed, *hidden):
        assert f"http://testserver/jobs/{vacancy.pk}/" not in found
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
        "http://testserver/sitemap.xml?section=jobs",
        "http://testserver/sitemap.xml?section=vacancies&p=1",
        "http://testserver/sitemap.xml?section=vacancies&p=2",
    ]
    second = Client().get(pages[2].removeprefix("http://testserver"))
    assert locations(second) == [f"http://testserver/jobs/{made[2].pk}/"]
    first = Client().get(pages[0].removeprefix("http://testserver"))
    assert locations(first) == ["http://testserver/jobs/", "http://testserver/jobs/councils/"]
    assert Client().get("/sitemap.xml?section=vacancies&p=3").status_code == 404
    assert Client().get("/sitemap.xml?section=secret").status_code == 404


@pytest.mark.django_db
def test_a_small_sitemap_has_no_second_page(council_a: Organisation) -> None:
    make_vacancy(council_a)

    assert Client().get("/sitemap.xml?p=2").status_code == 404
    assert Client().get("/sitemap.xml?p=zero").status_code == 404
