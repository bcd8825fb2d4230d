"""The jobs board: open vacancies only, filters, sort, pages, shareable addresses, empty
states, and links to the feeds, alerts and saved searches."""

from __future__ import annotations

import datetime
import re
from itertools import count
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from civictalent.framework.models import JobFamily, RoleLevel
from civictalent.jobs.indexing import vacancy_reindex
from civictalent.jobs.models import SavedSearch, Vacancy
from civictalent.organisations.models import Organisation

BOARD = "/jobs/"
_numbers = count(1)


def make_vacancy(
    organisation: Organisation,
    *,
    title: str = "Data analyst",
    status: str = "published",
    days_open: float = 20,
    days_since_published: float = 3,
    min_pounds: int = 40_000,
    max_pounds: int | None = 45_000,
    family: str = "",
    seniority: str = "",
    summary: str = "Help the council use its data well.",
    **fields: Any,
) -> Vacancy:
    """A vacancy indexed as the services would leave it (published ones searchable)."""
    now = timezone.now()
    vacancy = Vacancy.objects.create(
        organisation=organisation,
        title=title,
        summary=summary,
        status=status,
        annual_min_pence=min_pounds * 100,
        annual_max_pence=None if max_pounds is None else max_pounds * 100,
        closes_at=now + datetime.timedelta(days=days_open),
        published_at=now - datetime.timedelta(days=days_since_published),
        family=JobFamily.objects.filter(slug=family).first() if family else None,
        seniority=seniority,
        location=organisation.short_name,
        apply_url=f"https://jobs.example.org/{next(_numbers)}",
        **fields,
    )
    vacancy_reindex(vacancy)
    return vacancy


def fetch(url: str, client: Client | None = None) -> Any:
    """A board page, after the redirect to the search's one address if there is one."""
    return (client or Client()).get(url, follow=True)


def titles(response: Any) -> list[str]:
    """The result titles on a board page, in order."""
    html = response.content.decode()
    results = html.split('id="results"', 1)
    if len(results) < 2:
        return []
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="/jobs/\d+/(?:\?[^"]*)?">([^<]+)</a>',
        results[1],
    )


@pytest.mark.django_db
def test_only_open_published_vacancies_are_listed(council_a: Organisation) -> None:
    make_vacancy(council_a, title="Open analyst")
    make_vacancy(council_a, title="Past its closing time", days_open=-0.01)
    for status in ("draft", "submitted", "rejected", "closed", "archived"):
        make_vacancy(council_a, title=f"A {status} one", status=status)

    response = Client().get(BOARD)

    assert response.status_code == 200
    assert titles(response) == ["Open analyst"]
    assert "1 job open now" in response.content.decode()


@pytest.mark.django_db
def test_a_result_shows_council_pay_place_contract_and_london_dates(
    council_a: Organisation,
) -> None:
    vacancy = make_vacancy(
        council_a,
        title="Senior data engineer",
        min_pounds=52_000,
        max_pounds=58_500,
        contract="fixed term",
        working_pattern="part_time",
        workplace="hybrid",
    )
    # 23:59 in London on a summer day is 22:59 UTC: the page shows London time.
    Vacancy.objects.filter(pk=vacancy.pk).update(
        closes_at=datetime.datetime(2099, 7, 1, 22, 59, tzinfo=datetime.UTC)
    )

    html = Client().get(BOARD).content.decode()

    assert f'href="/jobs/{vacancy.pk}/"' in html
    assert "London Borough of Hackney" in html
    assert "£52,000 to £58,500 a year" in html
    assert "Fixed term, part time" in html
    assert "Hackney (hybrid)" in html
    assert "1 July 2099 at 11:59pm" in html


@pytest.mark.django_db
def test_filters_narrow_the_list_and_the_counts_say_what_each_box_would_give(
    council_a: Organisation, council_b: Organisation
) -> None:
    make_vacancy(council_a, title="Hackney data", family="data", seniority="senior")
    make_vacancy(council_a, title="Hackney design", family="user-centred-design")
    make_vacancy(council_b, title="Greenwich data", family="data", seniority="entry")

    response = fetch(f"{BOARD}?family=data&council=hackney")

    assert titles(response) == ["Hackney data"]
    facets = {facet.name: facet for facet in response.context["board"].facets}
    family_counts = {o.value: o.count for o in facets["family"].options}
    council_counts = {o.value: o.count for o in facets["council"].options}
    # Ticking "design" too would add Hackney's design job; ticking Greenwich its data job.
    assert family_counts["data"] == 1 and family_counts["user-centred-design"] == 1
    assert council_counts == {"hackney": 1, "greenwich": 1}
    assert "1 job matches your search" in response.content.decode()


@pytest.mark.django_db
def test_minimum_salary_keeps_jobs_whose_top_or_missing_top_meets_it(
    council_a: Organisation,
) -> None:
    make_vacancy(council_a, title="Tops out above", min_pounds=40_000, max_pounds=46_000)
    make_vacancy(council_a, title="No top given", min_pounds=30_000, max_pounds=None)
    make_vacancy(council_a, title="Too low", min_pounds=30_000, max_pounds=44_999)

    response = fetch(f"{BOARD}?min_salary=45000&sort=salary")

    assert titles(response) == ["Tops out above", "No top given"]


@pytest.mark.django_db
def test_keyword_search_and_relevance_sort(council_a: Organisation) -> None:
    make_vacancy(council_a, title="Housing officer", summary="Residents and repairs.")
    make_vacancy(
        council_a,
        title="Housing data analyst",
        summary="Housing data for housing teams: housing dashboards.",
        days_since_published=10,
    )
    make_vacancy(council_a, title="Cloud engineer", summary="Platforms.")

    newest = fetch(f"{BOARD}?q=housing")
    best = fetch(f"{BOARD}?q=housing&sort=relevance")

    assert titles(newest) == ["Housing officer", "Housing data analyst"]
    assert titles(best) == ["Housing data analyst", "Housing officer"]
    assert best.context["board"].ranked
    assert titles(fetch(f"{BOARD}?q=nothingmatchesthis")) == []


@pytest.mark.django_db
def test_sorts_by_closing_date_and_salary(council_a: Organisation) -> None:
    make_vacancy(council_a, title="Closes late", days_open=30, max_pounds=50_000)
    make_vacancy(council_a, title="Closes soon", days_open=2, max_pounds=41_000)
    make_vacancy(council_a, title="Pays most", days_open=10, max_pounds=90_000)

    assert titles(fetch(f"{BOARD}?sort=closing")) == [
        "Closes soon",
        "Pays most",
        "Closes late",
    ]
    assert titles(fetch(f"{BOARD}?sort=salary")) == [
        "Pays most",
        "Closes late",
        "Closes soon",
    ]


@pytest.mark.django_db
def test_posted_within_and_the_other_filters(council_a: Organisation) -> None:
    make_vacancy(council_a, title="Fresh", days_since_published=1, workplace="remote")
    make_vacancy(council_a, title="Older", days_since_published=9, workplace="remote")
    make_vacancy(
        council_a, title="On site", days_since_published=2, workplace="on_site", contract="interim"
    )

    assert titles(fetch(f"{BOARD}?posted=7&workplace=remote")) == ["Fresh"]
    assert titles(fetch(f"{BOARD}?contract=interim")) == ["On site"]
    assert titles(fetch(f"{BOARD}?workplace=on_site&workplace=remote&posted=3")) == [
        "Fresh",
        "On site",
    ]


@pytest.mark.django_db
def test_pages_of_twenty_with_links_that_keep_the_search(council_a: Organisation) -> None:
    for number in range(45):
        make_vacancy(council_a, title=f"Analyst {number:02d}", days_since_published=number / 10)

    first = Client().get(f"{BOARD}?council=hackney")
    third = Client().get(f"{BOARD}?council=hackney&page=3")

    assert len(titles(first)) == 20
    assert titles(third) == [f"Analyst {n:02d}" for n in range(40, 45)]
    assert 'href="?council=hackney&amp;page=2"' in first.content.decode()
    assert "Page 3 of 3" in third.content.decode()
    assert "45 jobs match your search" in first.content.decode()


@pytest.mark.django_db
def test_a_search_has_one_address_and_odd_input_is_explained(council_a: Organisation) -> None:
    make_vacancy(council_a)

    messy = Client().get(f"{BOARD}?q=&sort=newest&council=hackney&family=&min_salary=40%2C000")
    assert messy.status_code == 302
    assert messy["Location"] == f"{BOARD}?council=hackney&min_salary=40000"
    paged = Client().get(f"{BOARD}?council=hackney&q=+&page=2")
    assert paged["Location"] == f"{BOARD}?council=hackney&page=2"

    odd = Client().get(f"{BOARD}?level=wizard&min_salary=lots&contract=permanent")
    assert odd.status_code == 200
    html = odd.content.decode()
    assert "Ignored unknown levels: wizard." in html
    assert "Ignored the minimum salary" in html
    assert odd.context["criteria"].contracts == ("permanent",)


@pytest.mark.django_db
def test_no_results_gives_advice_and_ways_to_widen_the_search(council_a: Organisation) -> None:
    make_vacancy(council_a, contract="permanent")

    response = fetch(f"{BOARD}?q=zebra&contract=interim&min_salary=90000")

    html = response.content.decode()
    assert "No open jobs match your search." in html
    assert "check the spelling of your keywords" in html
    assert "lower the minimum salary" in html
    # Each filter can be removed on its own, keeping the rest.
    assert f'href="{BOARD}?min_salary=90000&amp;contract=interim"' in html
    assert f'href="{BOARD}?q=zebra&amp;min_salary=90000"' in html


@pytest.mark.django_db
def test_an_empty_board_says_so(london: None) -> None:
    html = Client().get(BOARD).content.decode()
    assert "There are no open jobs at the moment." in html
    assert "0 jobs open now" in html


@pytest.mark.django_db
def test_feeds_are_advertised_for_the_same_search(council_a: Organisation) -> None:
    make_vacancy(council_a)

    html = fetch(f"{BOARD}?council=hackney&sort=closing").content.decode()

    assert (
        '<link rel="alternate" type="application/rss+xml" title="Jobs for this search (RSS)" '
        'href="/jobs/feed.rss?council=hackney">' in html
    )
    assert 'type="application/atom+xml"' in html
    assert 'href="/jobs/feed.atom?council=hackney"' in html


@pytest.mark.django_db
def test_alerts_link_carries_the_search(council_a: Organisation) -> None:
    make_vacancy(council_a)
    try:
        subscribe = reverse("alerts:subscribe")
    except NoReverseMatch:  # the alerts part may not be installed yet
        pytest.skip("alerts:subscribe does not exist yet")

    html = fetch(f"{BOARD}?council=hackney&q=data").content.decode()

    assert f'href="{subscribe}?q=data&amp;council=hackney"' in html


@pytest.mark.django_db
def test_signed_in_people_can_save_the_search_and_see_it_saved(
    council_a: Organisation, make_user: Any
) -> None:
    make_vacancy(council_a, family="data")
    person = make_user()
    client = Client()

    assert "Save this search" not in Client().get(f"{BOARD}?family=data").content.decode()
    client.force_login(person)
    html = client.get(f"{BOARD}?family=data").content.decode()
    assert "Save this search" in html
    assert 'name="query" value="family=data"' in html
    assert 'value="Role family: Data"' in html  # the name it suggests
    assert "Save this search" not in client.get(BOARD).content.decode()  # nothing to save

    SavedSearch.objects.create(user=person, name="Data jobs", query_string="family=data")
    assert (
        "You saved this search as “Data jobs”."
        in client.get(f"{BOARD}?family=data").content.decode()
    )


@pytest.mark.django_db
def test_text_from_councils_is_escaped(council_a: Organisation) -> None:
    make_vacancy(council_a, title="<script>alert(1)</script>", summary="<b>bold</b>")

    html = Client().get(BOARD).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


@pytest.mark.django_db
def test_the_level_filter_reads_the_level_band(council_a: Organisation) -> None:
    level = RoleLevel.objects.get(slug="senior-data-analyst")
    make_vacancy(council_a, title="Senior", seniority="senior", role_level=level)
    make_vacancy(council_a, title="Entry", seniority="entry", days_since_published=5)

    assert titles(fetch(f"{BOARD}?level=senior")) == ["Senior"]
    assert titles(fetch(f"{BOARD}?level=entry&level=senior")) == ["Senior", "Entry"]


@pytest.mark.django_db
def test_councils_page_lists_every_council_with_its_open_jobs(
    council_a: Organisation, council_b: Organisation
) -> None:
    make_vacancy(council_a)
    make_vacancy(council_a)
    make_vacancy(council_a, status="closed")
    make_vacancy(council_b, days_open=-1)

    response = Client().get(reverse("jobs:councils"))

    html = response.content.decode()
    listed = {council.slug: council.open_count for council in response.context["councils"]}
    assert listed["hackney"] == 2
    assert listed["greenwich"] == 0
    assert len(listed) >= 33
    assert f'href="{BOARD}?council=hackney"' in html
    assert f'href="{BOARD}?council=greenwich"' not in html
    assert "2 open jobs at 1 council." in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        BOARD,
        f"{BOARD}?q=data&family=data&council=greenwich&council=hackney&sort=relevance",
        "/jobs/feed.rss?family=data",
        "/jobs/councils/",
    ],
)
def test_pages_run_the_same_queries_for_twice_the_vacancies(
    url: str, council_a: Organisation, council_b: Organisation
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(number: int) -> None:
        for n in range(number):
            make_vacancy(
                (council_a, council_b)[n % 2],
                title=f"Data analyst {n}",
                family=("data", "architecture")[n % 2],
                contract=("permanent", "interim")[n % 2],
            )

    client = Client()
    add(12)
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    add(12)
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200

    assert len(after.captured_queries) == len(before.captured_queries)
