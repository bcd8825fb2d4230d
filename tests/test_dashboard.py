"""The signed-in home: signing in lands on the dashboard, and each role sees its own panels, each
with a count and one click to act, gathered from every app's dashboard.py (core/dashboard.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civictalent.core.dashboard import Section, panels_for
from civictalent.core.registry import contributions
from civictalent.jdlibrary.models import JDSuggestion, JobDescription
from civictalent.jobs import services
from civictalent.jobs.models import CouncilJobsSettings, VacancyImport
from civictalent.jobs.tests.vacancy_helpers import allow_self_publishing, draft, submitted
from civictalent.organisations.models import JoinRequest

pytestmark = pytest.mark.django_db


def page_for(user: Any, name: str = "core:dashboard") -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def titles(user: Any) -> list[str]:
    return [panel.title for panel in panels_for(user)]


def test_signing_in_lands_on_the_dashboard(make_user: Any) -> None:
    person = make_user(email="jo@example.org", password="a long and unusual passphrase")

    response = Client().post(
        "/accounts/login/", {"login": person.email, "password": "a long and unusual passphrase"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("core:dashboard")


def test_every_app_contributes_its_panels_through_the_registry() -> None:
    builders = {build.__module__ for build in contributions("dashboard", "PANELS")}
    assert builders == {
        "civictalent.organisations.dashboard",
        "civictalent.jdlibrary.dashboard",
        "civictalent.jobs.dashboard",
        "civictalent.maturity.dashboard",
    }


def test_an_editor_sees_drafts_closing_vacancies_suggestions_and_health_scores(
    people: dict[str, Any], council_a: Any
) -> None:
    editor = people["editor_a"]
    mine = draft(council_a, editor, title="Data engineer")
    closing = submitted(
        council_a, editor, title="Analyst", closes_at=timezone.now() + datetime.timedelta(days=3)
    )
    services.vacancy_publish(vacancy=closing, actor=people["platform_admin"])
    jd = JobDescription.objects.create(organisation=council_a, title="Data lead", health_score=41)
    JDSuggestion.objects.create(job_description=jd, author=people["member_b"], text="Say more.")

    page = page_for(editor)

    assert titles(editor) == [
        "Your draft vacancies",
        "Closing within 7 days",
        "Suggestions on your job descriptions",
        "Health of your job descriptions",
    ]
    assert reverse("jobs:vacancy_draft", kwargs={"pk": mine.pk}) in page
    assert reverse("jobs:vacancy_extend", kwargs={"pk": closing.pk}) in page
    assert reverse("jdlibrary:detail", kwargs={"pk": jd.pk}) + "#suggestions" in page
    assert reverse("library_health:jd_report", kwargs={"pk": jd.pk}) in page
    assert "of 1 checked score below 60" in page


def test_a_council_admin_also_sees_requests_to_join_and_adverts_to_approve(
    people: dict[str, Any], council_a: Any
) -> None:
    allow_self_publishing(council_a)
    JoinRequest.objects.create(user=people["member_b"], organisation=council_a)
    waiting = submitted(council_a, people["editor_a"], title="Waiting analyst")

    page = page_for(people["admin_a"])

    assert {"Requests to join", "Adverts waiting for your approval"} <= set(
        titles(people["admin_a"])
    )
    assert people["member_b"].name in page
    assert reverse("jobs:vacancy_publish", kwargs={"pk": waiting.pk}) in page
    assert reverse("jobs:moderation") in page


def test_a_council_admin_sees_where_the_council_stands_and_its_roadmap(
    people: dict[str, Any], council_a: Any
) -> None:
    from civictalent.maturity.tests.factories_results import make_model, submit

    assert "Maturity and roadmap" not in titles(people["member_a"])
    page = page_for(people["admin_a"])
    assert "no submitted assessment yet" in page

    submit(council_a, make_model(), 3, name="Spring 2027")

    page = page_for(people["admin_a"])
    assert "level 3 of 5 in Spring 2027" in page
    assert reverse("maturity:roadmap", kwargs={"slug": council_a.slug}) in page
    assert reverse("maturity:council", kwargs={"slug": council_a.slug}) in page


def test_a_council_that_uses_loti_is_told_where_to_change_that(
    people: dict[str, Any], council_a: Any
) -> None:
    submitted(council_a, people["editor_a"])

    page = page_for(people["admin_a"])

    assert "Adverts waiting for LOTI" in page
    assert reverse("jobs:council_approval", kwargs={"slug": council_a.slug}) in page


def test_a_platform_admin_sees_the_queue_library_items_and_failed_imports(
    people: dict[str, Any], council_a: Any
) -> None:
    submitted(council_a, people["editor_a"], title="For LOTI")
    JobDescription.objects.create(
        organisation=council_a,
        title="Shared lead",
        status="published",
        visibility="members",
        licence="ogl-3.0",
        sharing_consent_at=timezone.now(),
        published_at=timezone.now(),
    )
    report = VacancyImport.objects.create(
        organisation=council_a, source="upload", file_format="csv", error_count=2, rows=[]
    )
    CouncilJobsSettings.objects.create(
        organisation=council_a,
        feed_url="https://jobs.example.gov.uk/feed.json",
        feed_enabled=True,
        feed_last_error="The feed timed out after 10 seconds.",
    )
    admin = people["platform_admin"]

    panels = {panel.title: panel for panel in panels_for(admin)}
    page = page_for(admin)

    assert [panel.section for panel in panels.values()] == [Section.PLATFORM] * 4
    assert panels["Moderation queue"].count == 1
    assert panels["Library items to curate"].count == 1
    assert panels["Failed imports"].count == 2
    assert "For LOTI" in page and "Shared lead" in page
    assert reverse("jobs:import_report", kwargs={"pk": report.pk}) in page
    assert "The feed timed out" in page


def test_the_platform_admin_page_links_to_the_queue_with_its_count(
    people: dict[str, Any], council_a: Any
) -> None:
    submitted(council_a, people["editor_a"])
    submitted(council_a, people["editor_a"])

    page = page_for(people["platform_admin"], "core:platform")

    assert f'href="{reverse("jobs:moderation")}"' in page
    assert "2 adverts waiting for LOTI&#x27;s moderators" in page
    assert reverse("jobs:spot_checks") in page


def test_someone_in_no_council_is_shown_how_to_join_one(make_user: Any) -> None:
    page = page_for(make_user())

    assert "You do not belong to a council yet" in page
    assert reverse("organisations:list") in page


def test_a_member_with_nothing_to_do_is_told_so(people: dict[str, Any]) -> None:
    page = page_for(people["member_a"])

    assert titles(people["member_a"]) == []
    assert "Nothing is waiting for you" in page
    assert reverse("accounts:profile") in page  # "Your account" stays one click away
