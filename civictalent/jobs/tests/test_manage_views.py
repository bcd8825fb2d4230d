"""Vacancy pages in use: an editor drafts, submits, a moderator publishes; closed, archived and
draft pages; who may do what; form errors; extending and the library offer."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from civictalent.healthcheck import engine
from civictalent.jdlibrary.models import JobDescription
from civictalent.jdlibrary.services import SectionInput, jd_create
from civictalent.jobs import services
from civictalent.jobs.fields import VacancyFields
from civictalent.jobs.models import LibraryOffer, Vacancy, VacancyStatus
from civictalent.jobs.tests.vacancy_helpers import (
    allow_self_publishing,
    draft,
    published,
    submitted,
)
from civictalent.organisations.models import Role

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def form_post(**changes: str) -> dict[str, str]:
    year = str(timezone.localdate().year + 1)
    data = {
        "title": "Senior data analyst",
        "summary": "Lead data analysis for housing.",
        "description": "<p>Build dashboards.</p><script>alert('x')</script>"
        "<h2>Essential criteria</h2><p>SQL.</p>",
        "annual_min": "45,000",
        "annual_max": "50,000",
        "contract": "permanent",
        "working_pattern": "full_time",
        "workplace": "on_site",
        "location": "Hackney Town Hall",
        "closes_day": "18",
        "closes_month": "3",
        "closes_year": year,
        "closes_time": "12:00",
        "apply_url": "https://jobs.hackney.example/9",
    }
    data.update(changes)
    return data


def test_an_editor_drafts_submits_and_a_moderator_publishes(
    people: dict[str, Any], council_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    editor, moderator = client_for(people["editor_a"]), client_for(people["platform_admin"])

    response = editor.post("/jobs/new/", {**form_post(), "organisation": str(council_a.pk)})
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{vacancy.pk}/check/"
    assert "script" not in vacancy.description_html
    assert vacancy.status == VacancyStatus.DRAFT

    page = editor.get(f"/jobs/{vacancy.pk}/check/").content.decode()
    assert "Health check" in page and "out of 100" in page
    assert "Send to be published" in page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = editor.post(f"/jobs/{vacancy.pk}/submit/")
    assert sent.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED
    assert [message.to[0] for message in mail.outbox] == [people["platform_admin"].email]

    queue = moderator.get("/jobs/moderation/").content.decode()
    assert "Senior data analyst" in queue and f"/jobs/{vacancy.pk}/reject/" in queue

    with django_capture_on_commit_callbacks(execute=True):
        done = moderator.post(f"/jobs/{vacancy.pk}/publish/")
    assert done.status_code == 302 and done["Location"] == "/jobs/moderation/"
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED

    public = Client().get(f"/jobs/{vacancy.pk}/").content.decode()
    assert "Senior data analyst" in public and "£45,000 to £50,000 a year" in public
    assert f"/jobs/{vacancy.pk}/apply/" in public
    assert "12:00 on" in public


def test_form_errors_are_shown_and_nothing_is_saved(people: dict[str, Any], council_a: Any) -> None:
    editor = client_for(people["editor_a"])
    past = str(timezone.localdate().year - 1)

    cases = [
        ({"closes_year": past}, "The closing date must be in the future"),
        ({"annual_min": "50000", "annual_max": "40000"}, "is below the minimum"),
        ({"annual_min": "25", "annual_max": ""}, "£25 looks like an hourly rate"),
        ({"apply_url": "http://jobs.example/1"}, "starting https://"),
        ({"closes_day": "31", "closes_month": "2"}, "must be a real date"),
    ]
    for changes, message in cases:
        response = editor.post(
            "/jobs/new/", {**form_post(**changes), "organisation": str(council_a.pk)}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in html and message in html, message
    assert not Vacancy.objects.exists()


def test_a_health_check_that_runs_out_of_time_is_explained_on_the_draft_page(
    people: dict[str, Any], council_a: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    vacancy = draft(council_a, people["editor_a"])
    monkeypatch.setattr(engine, "CHECK_SECONDS", 0.0)
    response = client_for(people["editor_a"]).get(f"/jobs/{vacancy.pk}/check/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "We could not finish the health check of this advert" in page
    assert "out of 100" not in page
    assert "Send to be published" in page  # the rest of the page is still there


def test_submitting_an_incomplete_draft_lists_what_is_missing(
    people: dict[str, Any], council_a: Any
) -> None:
    editor = client_for(people["editor_a"])
    vacancy = services.vacancy_create(
        organisation=council_a,
        author=people["editor_a"],
        fields=VacancyFields(title="Data analyst"),
    )

    page = editor.get(f"/jobs/{vacancy.pk}/submit/").content.decode()
    assert "Before it can be published" in page and "Enter the pay" in page

    editor.post(f"/jobs/{vacancy.pk}/submit/")
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT


def test_another_councils_editor_cannot_touch_the_vacancy(
    people: dict[str, Any], council_a: Any, council_b: Any, make_user: Any
) -> None:
    vacancy = draft(council_a, people["editor_a"])
    outsider = client_for(make_user(organisation=council_b, role=Role.EDITOR))

    assert outsider.get(f"/jobs/{vacancy.pk}/edit/").status_code == 403
    assert outsider.post(f"/jobs/{vacancy.pk}/edit/", form_post(title="Hacked")).status_code == 403
    assert outsider.post(f"/jobs/{vacancy.pk}/submit/").status_code == 403
    assert outsider.get(f"/jobs/{vacancy.pk}/check/").status_code == 403
    assert outsider.get(f"/jobs/{vacancy.pk}/").status_code == 404  # a draft is not public
    vacancy.refresh_from_db()
    assert vacancy.title == "Senior data analyst"
    assert vacancy.status == VacancyStatus.DRAFT


def test_members_see_drafts_but_cannot_change_them(people: dict[str, Any], council_a: Any) -> None:
    vacancy = draft(council_a, people["editor_a"])
    member = client_for(people["member_a"])

    assert member.get(f"/jobs/{vacancy.pk}/").status_code == 200
    assert member.get(f"/jobs/{vacancy.pk}/edit/").status_code == 403
    assert Client().get(f"/jobs/{vacancy.pk}/").status_code == 404


def test_state_changes_need_post_with_csrf(people: dict[str, Any], council_a: Any) -> None:
    vacancy = draft(council_a, people["editor_a"])
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["editor_a"])

    assert strict.post(f"/jobs/{vacancy.pk}/submit/").status_code == 403
    assert strict.get(f"/jobs/{vacancy.pk}/submit/").status_code == 200  # only a confirmation
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT


def test_editing_keeps_the_form_filled_and_saves(people: dict[str, Any], council_a: Any) -> None:
    vacancy = draft(council_a, people["editor_a"])
    editor = client_for(people["editor_a"])

    page = editor.get(f"/jobs/{vacancy.pk}/edit/").content.decode()
    assert 'value="Senior data analyst"' in page and 'value="45000"' in page

    response = editor.post(f"/jobs/{vacancy.pk}/edit/", form_post(title="Lead data analyst"))
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.title == "Lead data analyst"


def test_a_returned_vacancy_shows_its_reason_to_the_council(
    people: dict[str, Any], council_a: Any
) -> None:
    vacancy = submitted(council_a, people["editor_a"])
    moderator = client_for(people["platform_admin"])

    empty = moderator.post(f"/jobs/{vacancy.pk}/reject/", {"reason": " "})
    assert "Say what the council needs to change" in empty.content.decode()
    moderator.post(f"/jobs/{vacancy.pk}/reject/", {"reason": "Add the London weighting."})

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.REJECTED
    editor = client_for(people["editor_a"])
    listing = editor.get(f"/jobs/manage/{council_a.slug}/").content.decode()
    assert "Returned because: Add the London weighting." in listing
    check = editor.get(f"/jobs/{vacancy.pk}/check/").content.decode()
    assert "Add the London weighting." in check
    form = editor.get(f"/jobs/{vacancy.pk}/edit/").content.decode()
    assert "Add the London weighting." in form


def test_a_council_admin_who_may_self_publish_sees_publish_now(
    people: dict[str, Any], council_a: Any
) -> None:
    allow_self_publishing(council_a)
    vacancy = draft(council_a, people["admin_a"])
    admin = client_for(people["admin_a"])

    assert "Publish now" in admin.get(f"/jobs/{vacancy.pk}/submit/").content.decode()
    admin.post(f"/jobs/{vacancy.pk}/publish/")

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED
    editor_page = client_for(people["editor_a"]).get(f"/jobs/{vacancy.pk}/submit/")
    assert "Publish now" not in editor_page.content.decode()


def test_closed_and_archived_pages(people: dict[str, Any], council_a: Any) -> None:
    vacancy = published(council_a, people["editor_a"], people["platform_admin"])
    services.vacancy_close(vacancy=vacancy)

    closed = Client().get(f"/jobs/{vacancy.pk}/")
    html = closed.content.decode()
    assert closed.status_code == 200
    assert "This vacancy closed on" in html
    assert f"/jobs/{vacancy.pk}/apply/" not in html
    apply = Client().get(f"/jobs/{vacancy.pk}/apply/")
    assert apply.status_code == 302 and apply["Location"] == f"/jobs/{vacancy.pk}/"

    services.vacancy_archive(vacancy=vacancy)
    gone = Client().get(f"/jobs/{vacancy.pk}/")
    assert gone.status_code == 410
    assert "no longer available" in gone.content.decode()


def test_a_new_vacancy_can_start_from_a_library_jd(
    people: dict[str, Any], council_a: Any, council_b: Any, make_user: Any
) -> None:
    jd = jd_create(
        organisation=council_a,
        author=people["editor_a"],
        title="Digital delivery manager",
        sections=[SectionInput("purpose", "Purpose of the role", "Lead delivery teams.")],
        pay_text="£50,000 to £55,000 a year",
    )
    editor = client_for(people["editor_a"])

    page = editor.get(f"/jobs/new/?from_jd={jd.pk}").content.decode()

    assert 'value="Digital delivery manager"' in page
    assert 'value="50000"' in page
    assert "Lead delivery teams." in page
    outsider = client_for(make_user(organisation=council_b, role=Role.EDITOR))
    assert outsider.get(f"/jobs/new/?from_jd={jd.pk}").status_code == 404  # an A draft

    response = editor.post(
        "/jobs/new/",
        {
            **form_post(title="Digital delivery manager"),
            "organisation": str(council_a.pk),
            "from_jd": str(jd.pk),
        },
    )
    assert response.status_code == 302
    assert Vacancy.objects.get().source_job_description == jd


def test_extending_and_closing_early(people: dict[str, Any], council_a: Any) -> None:
    vacancy = published(council_a, people["editor_a"], people["platform_admin"])
    editor = client_for(people["editor_a"])
    year = str(timezone.localdate().year + 2)

    bad = editor.post(
        f"/jobs/{vacancy.pk}/extend/",
        {"closes_day": "1", "closes_month": "1", "closes_year": "2000", "closes_time": ""},
    )
    assert "must be in the future" in bad.content.decode()
    editor.post(
        f"/jobs/{vacancy.pk}/extend/",
        {"closes_day": "1", "closes_month": "6", "closes_year": year, "closes_time": "17:00"},
    )
    vacancy.refresh_from_db()
    local = timezone.localtime(vacancy.closes_at)
    assert (local.year, local.month, local.day, local.hour) == (int(year), 6, 1, 17)

    editor.post(f"/jobs/{vacancy.pk}/close/")
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED
    page = editor.get(f"/jobs/{vacancy.pk}/extend/").content.decode()
    assert "closed early, so it cannot be reopened" in page


def test_the_library_offer_is_confirmed_by_the_council(
    people: dict[str, Any], council_a: Any
) -> None:
    vacancy = published(council_a, people["editor_a"], people["platform_admin"])
    services.vacancy_close(vacancy=vacancy)
    editor = client_for(people["editor_a"])

    assert "Choose whether to add" in editor.get(f"/jobs/{vacancy.pk}/check/").content.decode()
    unanswered = editor.post(f"/jobs/{vacancy.pk}/library/", {})
    assert "Choose whether to add the job description" in unanswered.content.decode()
    response = editor.post(f"/jobs/{vacancy.pk}/library/", {"decision": "add"})

    vacancy.refresh_from_db()
    assert vacancy.library_offer == LibraryOffer.ADDED
    jd = JobDescription.objects.get()
    assert response["Location"] == f"/library/{jd.pk}/review/"


def test_the_council_list_filters_by_status_and_links_to_new(
    people: dict[str, Any], council_a: Any
) -> None:
    draft(council_a, people["editor_a"], title="Drafted role")
    published(council_a, people["editor_a"], people["platform_admin"], title="Live role")
    editor = client_for(people["editor_a"])

    everything = editor.get(f"/jobs/manage/{council_a.slug}/").content.decode()
    live = editor.get(f"/jobs/manage/{council_a.slug}/?status=published").content.decode()

    assert "Drafted role" in everything and "Live role" in everything
    assert "Live role" in live and "Drafted role" not in live
    assert "/jobs/new/" in everything
    member = client_for(people["member_a"]).get(f"/jobs/manage/{council_a.slug}/")
    assert "/jobs/new/" not in member.content.decode()
    assert client_for(people["editor_a"]).get("/jobs/manage/")["Location"] == (
        f"/jobs/manage/{council_a.slug}/"
    )


def test_saving_a_vacancy_whose_check_runs_out_of_time_still_saves_it(
    people: dict[str, Any], council_a: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "CHECK_SECONDS", 0.0)
    editor = client_for(people["editor_a"])
    response = editor.post("/jobs/new/", {**form_post(), "organisation": str(council_a.pk)})
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.health_score is None
    page = editor.get(f"/jobs/{vacancy.pk}/check/").content.decode()
    assert "We could not finish the health check of this advert" in page
