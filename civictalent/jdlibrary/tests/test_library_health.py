"""The health of library JDs: every saved version scored and recorded, a JD's report with
one-click suggestions, scores in the library and on a council's page, re-scoring, and a check
that runs out of time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from civictalent.accounts.models import User
from civictalent.framework.services import framework_load_starter
from civictalent.healthcheck import engine
from civictalent.healthcheck.engine import check
from civictalent.healthcheck.services import rules_version
from civictalent.jdlibrary import services as jd_services
from civictalent.jdlibrary.health import jd_health_check, library_rescore
from civictalent.jdlibrary.health_selectors import jd_checked_text, stale_job_descriptions
from civictalent.jdlibrary.models import HealthRecord, JobDescription, RescoreRun
from civictalent.jdlibrary.services import SectionInput
from civictalent.organisations.models import Organisation, Role

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(make_user: Callable[..., User], council_a: Organisation) -> User:
    framework_load_starter()
    return make_user(organisation=council_a, role=Role.EDITOR)


def make_jd(
    editor: User, council: Organisation, text: str = "The postholder will utilise SQL."
) -> JobDescription:
    return jd_services.jd_create(
        organisation=council,
        author=editor,
        title="Data analyst",
        sections=[SectionInput(kind="purpose", heading="About the role", text=text)],
        pay_text="£40,000 - £45,000 per annum",
    )


def test_every_saved_version_is_scored_and_recorded(editor: User, council_a: Organisation) -> None:
    jd = make_jd(editor, council_a)
    assert jd.health_score is not None
    first = HealthRecord.objects.get(job_description=jd)
    assert (first.jd_version, first.rules_version, first.score) == (
        1,
        rules_version(),
        jd.health_score,
    )
    assert first.category_scores.keys() == check("").categories.keys()
    jd_services.jd_update(
        jd=jd,
        author=editor,
        sections=[SectionInput(kind="purpose", heading="About the role", text="You will use SQL.")],
    )
    assert HealthRecord.objects.filter(job_description=jd).count() == 2
    # Checking the same version again under the same rules adds nothing.
    jd_health_check(jd=JobDescription.objects.get(pk=jd.pk))
    assert HealthRecord.objects.filter(job_description=jd).count() == 2


def test_an_editor_applies_a_suggestion_to_a_jd_as_a_new_version(
    editor: User, council_a: Organisation, make_user: Callable[..., User]
) -> None:
    jd = make_jd(editor, council_a)
    checked = jd_checked_text(jd)
    swap = next(
        f
        for f in check(checked.text, checked.facts).findings
        if f.rule == "plain_english.third_person_reader"
    )
    client = signed_in(editor)
    report = client.get(f"/health-check/library/{jd.pk}/").content.decode()
    assert f"Score: {jd.health_score} out of 100" in report
    assert f'value="{swap.rule}:{swap.start}:{swap.end}"' in report
    response = client.post(
        f"/health-check/library/{jd.pk}/apply/",
        {"apply": f"{swap.rule}:{swap.start}:{swap.end}"},
        follow=True,
    )
    jd.refresh_from_db()
    assert jd.version == 2
    assert jd.sections.get().text == "You will utilise SQL."
    assert "Suggestion applied as version 2" in response.content.decode()
    # Someone who may read but not edit sees no buttons and cannot apply.
    reader = signed_in(make_user(organisation=council_a))
    jd_services.jd_publish(jd=jd, author=editor, visibility="council")
    assert 'name="apply"' not in reader.get(f"/health-check/library/{jd.pk}/").content.decode()
    assert (
        reader.post(f"/health-check/library/{jd.pk}/apply/", {"apply": "x:1:2"}).status_code == 403
    )


def test_a_suggestion_outside_the_sections_is_explained(
    editor: User, council_a: Organisation
) -> None:
    jd = make_jd(editor, council_a)
    client = signed_in(editor)
    response = client.post(
        f"/health-check/library/{jd.pk}/apply/",
        {"apply": "plain_english.third_person_reader:0:4"},
        follow=True,
    )
    assert "change it on the edit page" in response.content.decode()
    jd.refresh_from_db()
    assert jd.version == 1


def test_scores_show_in_the_library_and_the_councils_page(
    editor: User, council_a: Organisation, make_user: Callable[..., User]
) -> None:
    jd = make_jd(editor, council_a)
    client = signed_in(editor)
    detail = client.get(f"/library/{jd.pk}/").content.decode()
    assert f"{jd.health_score} out of 100" in detail
    review = client.get(f"/library/{jd.pk}/review/").content.decode()
    assert f"Health check: {jd.health_score} out of 100" in review
    scores = client.get(f"/health-check/councils/{council_a.pk}/").content.decode()
    assert "Scores over time" in scores and "Data analyst" in scores
    assert f"Average score {jd.health_score} out of 100" in scores


def test_rescoring_checks_only_what_is_stale_and_records_progress(
    editor: User,
    council_a: Organisation,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    jd = make_jd(editor, council_a)
    assert not stale_job_descriptions().exists()
    HealthRecord.objects.all().delete()
    JobDescription.objects.filter(pk=jd.pk).update(health_score=None)
    assert stale_job_descriptions().count() == 1
    admin = make_user(platform_admin=True, with_authenticator=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(admin).post("/health-check/rescore/", follow=True)
    assert "Re-scoring has started" in response.content.decode()
    run = RescoreRun.objects.get()
    assert (run.total, run.done, run.finished_at is not None) == (1, 1, True)
    assert not stale_job_descriptions().exists()
    assert library_rescore().total == 0  # a second run has nothing to do


def test_a_check_that_runs_out_of_time_is_explained_on_the_report_and_review_pages(
    editor: User, council_a: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    jd = make_jd(editor, council_a)
    monkeypatch.setattr(engine, "CHECK_SECONDS", 0.0)
    client = signed_in(editor)
    for url in (f"/health-check/library/{jd.pk}/", f"/library/{jd.pk}/review/"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "We could not finish the health check of this job description" in page, url
        assert "its last finished check" in page and "out of 100" not in page, url
