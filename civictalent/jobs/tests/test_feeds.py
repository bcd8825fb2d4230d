"""RSS 2.0 and Atom feeds for any search: the newest open vacancies, and nothing private."""

from __future__ import annotations

import datetime
from typing import Any

import defusedxml.ElementTree as ElementTree
import pytest
from django.test import Client

from civictalent.jobs.models import Vacancy
from civictalent.jobs.tests.test_board import make_vacancy
from civictalent.organisations.models import Organisation

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = "https://civictalent.example"  # settings.SITE_URL, unlike the test client's host


@pytest.fixture(autouse=True)
def site_url(settings: Any) -> None:
    settings.SITE_URL = SITE


@pytest.mark.django_db
def test_rss_lists_the_search_with_pay_and_closing_date(
    council_a: Organisation, council_b: Organisation
) -> None:
    vacancy = make_vacancy(
        council_a, title="Data engineer", family="data", min_pounds=50_000, max_pounds=55_000
    )
    Vacancy.objects.filter(pk=vacancy.pk).update(
        closes_at=datetime.datetime(2099, 1, 15, 23, 59, tzinfo=datetime.UTC)
    )
    make_vacancy(council_b, title="Greenwich job", family="data")

    response = Client().get("/jobs/feed.rss?council=hackney&family=data")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel is not None
    assert "Council: Hackney" in (channel.findtext("title") or "")
    assert channel.findtext("link") == f"{SITE}/jobs/?family=data&council=hackney"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Data engineer, Hackney"]
    item = items[0]
    assert item.findtext("link") == f"{SITE}/jobs/{vacancy.pk}/"
    assert item.findtext("guid") == f"{SITE}/jobs/{vacancy.pk}/"
    description = item.findtext("description") or ""
    assert "£50,000 to £55,000 a year" in description
    assert "15 January 2099 at 11:59pm" in description
    assert item.findtext("pubDate")


@pytest.mark.django_db
def test_atom_is_valid_and_has_the_right_type(council_a: Organisation) -> None:
    make_vacancy(council_a, title="Older", days_since_published=5)
    make_vacancy(council_a, title="Newer", days_since_published=1)

    response = Client().get("/jobs/feed.atom")

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Newer, Hackney",
        "Older, Hackney",
    ]
    summary = entries[0].find(f"{ATOM}summary")
    assert summary is not None and summary.get("type") == "html"


@pytest.mark.django_db
def test_feeds_hold_only_open_published_vacancies(council_a: Organisation) -> None:
    make_vacancy(council_a, title="Open one", contact_email="private@example.org")
    make_vacancy(council_a, title="Closed by time", days_open=-1)
    for status in ("draft", "submitted", "rejected", "closed", "archived"):
        make_vacancy(council_a, title=f"Status {status}", status=status)

    for url in ("/jobs/feed.rss", "/jobs/feed.atom"):
        body = Client().get(url).content.decode()
        assert "Open one" in body
        assert "Closed by time" not in body
        assert "Status " not in body
        assert "private@example.org" not in body


@pytest.mark.django_db
def test_the_newest_fifty(council_a: Organisation) -> None:
    for number in range(55):
        make_vacancy(council_a, title=f"Job {number:02d}", days_since_published=number / 24)

    channel = ElementTree.fromstring(Client().get("/jobs/feed.rss").content).find("channel")

    assert channel is not None
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == [f"Job {number:02d}, Hackney" for number in range(50)]


@pytest.mark.django_db
def test_markup_in_a_vacancy_is_text_in_the_feed(council_a: Organisation) -> None:
    make_vacancy(council_a, title="Analyst\x0b", summary="<script>alert(1)</script> & more")

    item = ElementTree.fromstring(Client().get("/jobs/feed.rss").content).find("channel/item")

    assert item is not None
    description = item.findtext("description") or ""
    # Once the reader decodes the XML, the HTML it renders shows the brackets as text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in description
    assert "<script>" not in description
    assert item.findtext("title") == "Analyst, Hackney"  # a control character XML cannot hold


@pytest.mark.django_db
def test_a_feed_with_odd_parameters_still_answers(council_a: Organisation) -> None:
    make_vacancy(council_a, title="Analyst")

    response = Client().get("/jobs/feed.rss?level=wizard&min_salary=lots&page=9&q=%00")

    assert response.status_code == 200
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel is not None and len(channel.findall("item")) == 1


@pytest.mark.django_db
def test_feed_readers_may_ask_with_head(council_a: Organisation) -> None:
    make_vacancy(council_a)
    response = Client().head("/jobs/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert Client().post("/jobs/feed.atom").status_code == 405


@pytest.mark.django_db
def test_feed_links_are_on_the_site_address_whatever_host_the_request_names(
    council_a: Organisation,
) -> None:
    """A request naming another host (allowed, or behind a proxy that passes it on) must not
    put that host in the links, which the page cache would then serve to everyone."""
    vacancy = make_vacancy(council_a, title="Data engineer", family="data")
    client = Client(HTTP_HOST="evil.example:8443")

    rss = client.get("/jobs/feed.rss?family=data")
    channel = ElementTree.fromstring(rss.content).find("channel")
    assert channel is not None
    assert channel.findtext("link") == f"{SITE}/jobs/?family=data"
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None
    assert self_link.get("href") == f"{SITE}/jobs/feed.rss?family=data"
    assert channel.findtext("item/link") == f"{SITE}/jobs/{vacancy.pk}/"
    assert channel.findtext("item/guid") == f"{SITE}/jobs/{vacancy.pk}/"

    atom = ElementTree.fromstring(client.get("/jobs/feed.atom").content)
    hrefs = [link.get("href") or "" for link in atom.iter(f"{ATOM}link")]
    assert hrefs and all(href.startswith(f"{SITE}/") for href in hrefs), hrefs
    assert atom.findtext(f"{ATOM}id", "").startswith(f"{SITE}/")
    assert atom.findtext(f"{ATOM}entry/{ATOM}id") == f"{SITE}/jobs/{vacancy.pk}/"
    for response in (rss, client.get("/jobs/feed.atom")):
        assert b"evil.example" not in response.content
