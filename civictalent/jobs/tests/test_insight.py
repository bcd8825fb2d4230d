"""Insight: views and apply clicks per vacancy and by month, counted without tracking people."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from civictalent.jobs import insight, services
from civictalent.jobs.models import VacancyDailyCount
from civictalent.jobs.tests.vacancy_helpers import draft, published

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)


@pytest.mark.parametrize(
    ("agent", "robot"),
    [
        (BROWSER, False),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Safari/604.1", False),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", True),
        ("Mozilla/5.0 (compatible; bingbot/2.0)", True),
        ("curl/8.5.0", True),
        ("python-requests/2.32", True),
        ("Mozilla/5.0 HeadlessChrome/126.0", True),
        ("facebookexternalhit/1.1", True),
        ("", True),
    ],
)
def test_robots_are_told_apart_by_what_they_say(agent: str, robot: bool) -> None:
    assert insight.is_probably_robot(agent) is robot


def test_months_run_back_across_the_new_year_and_missing_months_are_zero() -> None:
    starts = insight.month_starts(datetime.date(2026, 2, 14), 4)
    assert starts == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]
    filled = insight.fill_months({datetime.date(2026, 1, 1): (5, 2)}, starts)
    assert [(m.label, m.views, m.apply_clicks) for m in filled] == [
        ("Nov 2025", 0, 0),
        ("Dec 2025", 0, 0),
        ("Jan 2026", 5, 2),
        ("Feb 2026", 0, 0),
    ]


def test_click_rate_in_words() -> None:
    assert insight.click_rate(0, 0) == "No views yet"
    assert insight.click_rate(200, 13) == "6%"


def test_the_chart_is_an_accessible_svg_without_style() -> None:
    months = insight.fill_months({}, insight.month_starts(datetime.date(2026, 5, 1), 12))
    svg = insight.months_chart(months, title='Views <and> "clicks"')
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "style" not in svg and "<script" not in svg
    assert "Views &lt;and&gt;" in svg


@pytest.mark.django_db
def test_council_totals_by_month_and_by_vacancy(people: dict[str, Any], council_a: Any) -> None:
    editor, moderator = people["editor_a"], people["platform_admin"]
    first = published(council_a, editor, moderator)
    second = published(council_a, editor, moderator, title="Delivery manager")
    draft(council_a, editor, title="Unpublished")
    today = datetime.date(2026, 5, 20)
    for day, vacancy, what, times in [
        (today, first, "views", 4),
        (today, first, "apply_clicks", 1),
        (today - datetime.timedelta(days=31), second, "views", 2),
    ]:
        for _ in range(times):
            services.vacancy_count(vacancy=vacancy, what=what, day=day)

    months = insight.council_months(council_a, today=today)
    totals = insight.council_totals(council_a)
    found: list[Any] = list(insight.vacancies_with_counts(council_a))
    rows = {row.title: (row.total_views, row.total_apply_clicks) for row in found}

    assert len(months) == 12 and months[-1].month == datetime.date(2026, 5, 1)
    assert (months[-1].views, months[-1].apply_clicks) == (4, 1)
    assert (months[-2].views, months[-2].apply_clicks) == (2, 0)
    assert totals == (6, 1)
    assert rows == {"Senior data analyst": (4, 1), "Delivery manager": (2, 0)}


@pytest.mark.django_db
def test_page_views_and_apply_clicks_are_counted_without_cookies(
    people: dict[str, Any], council_a: Any
) -> None:
    vacancy = published(council_a, people["editor_a"], people["platform_admin"])
    browser = Client(HTTP_USER_AGENT=BROWSER)
    robot = Client(HTTP_USER_AGENT="Googlebot/2.1")

    viewed = browser.get(f"/jobs/{vacancy.pk}/")
    browser.get(f"/jobs/{vacancy.pk}/")
    robot.get(f"/jobs/{vacancy.pk}/")
    clicked = browser.get(f"/jobs/{vacancy.pk}/apply/")
    robot.get(f"/jobs/{vacancy.pk}/apply/")

    count = VacancyDailyCount.objects.get(vacancy=vacancy)
    assert (count.views, count.apply_clicks) == (2, 1)
    assert count.organisation == council_a
    assert clicked.status_code == 302 and clicked["Location"] == "https://jobs.hackney.example/123"
    assert not viewed.cookies and not clicked.cookies


@pytest.mark.django_db
def test_the_insight_page_has_a_chart_and_tables(people: dict[str, Any], council_a: Any) -> None:
    vacancy = published(council_a, people["editor_a"], people["platform_admin"])
    services.vacancy_count(vacancy=vacancy, what="views")
    services.vacancy_count(vacancy=vacancy, what="apply_clicks")
    client = Client()
    client.force_login(people["member_a"])

    html = client.get(f"/jobs/manage/{council_a.slug}/insight/").content.decode()

    assert "<svg" in html
    assert "Views and apply clicks by month, last 12 months" in html
    assert "Senior data analyst" in html
    assert "100%" in html  # one click per view

    outsider = Client()
    outsider.force_login(people["member_b"])
    assert outsider.get(f"/jobs/manage/{council_a.slug}/insight/").status_code == 403
