"""Self-assessments: starting, inviting, answering (save and resume), settling and submitting,
and who may do each."""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from civictalent.core.models import AuditEvent, OutboundEmail
from civictalent.maturity import assessment_services as services
from civictalent.maturity.assessment_selectors import (
    COMPLETED,
    IN_PROGRESS,
    NOT_STARTED,
    topics_progress,
)
from civictalent.maturity.assessment_services import AnswerInput
from civictalent.maturity.maturity_services import maturity_model_load_starter
from civictalent.maturity.models import (
    Answer,
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    Contributor,
    LondonScores,
    MaturityModel,
    Question,
    Settlement,
)

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def started(people: dict[str, Any], council_a: Any) -> Assessment:
    maturity_model_load_starter()
    assessment = services.assessment_start(
        organisation=council_a, name="Spring 2027", started_by=people["admin_a"]
    )
    services.assessment_contributors_invite(
        assessment=assessment, users=[people["member_a"]], invited_by=people["admin_a"]
    )
    return assessment


def answer(assessment: Assessment, user: Any, question: Question, level: int | None) -> None:
    services.answer_save(
        assessment=assessment,
        question=question,
        user=user,
        answer=AnswerInput(level=level, not_sure=level is None, evidence=""),
    )


def test_starting_loads_the_starter_and_makes_the_starter_a_contributor(
    people: dict[str, Any], council_a: Any
) -> None:
    response = client_for(people["admin_a"]).post(
        reverse("maturity:start", kwargs={"slug": council_a.slug}),
        {"name": "Spring 2027", "model": ""},
    )
    # The model is loaded on the page, so the form could not be valid without one.
    assert response.status_code == 200
    model = MaturityModel.objects.get(is_default=True)
    response = client_for(people["admin_a"]).post(
        reverse("maturity:start", kwargs={"slug": council_a.slug}),
        {"name": "Spring 2027", "model": model.pk},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("maturity:assessment", kwargs={"pk": assessment.pk})
    assert list(assessment.contributors.values_list("user", flat=True)) == [people["admin_a"].pk]
    assert AuditEvent.objects.filter(action="maturity.assessment_started").count() == 1


def test_one_open_assessment_per_council_and_model(started: Assessment, people: Any) -> None:
    response = client_for(people["admin_a"]).post(
        reverse("maturity:start", kwargs={"slug": started.organisation.slug}),
        {"name": "Another", "model": started.model_id},
    )
    assert response.status_code == 200
    assert "already has an assessment" in response.content.decode()
    assert Assessment.objects.count() == 1


def test_inviting_emails_members_and_refuses_other_councils(
    started: Assessment, people: dict[str, Any]
) -> None:
    email = OutboundEmail.objects.get(to=people["member_a"].email)
    assert "maturity assessment" in email.subject
    assert reverse("maturity:assessment", kwargs={"pk": started.pk}) in email.body_text
    with pytest.raises(ValidationError, match="not a member"):
        services.assessment_contributors_invite(
            assessment=started, users=[people["member_b"]], invited_by=people["admin_a"]
        )
    assert not Contributor.objects.filter(user=people["member_b"]).exists()
    response = client_for(people["admin_a"]).post(
        reverse("maturity:contributors", kwargs={"pk": started.pk}),
        {"invite": "1", "people": [str(people["editor_a"].pk)]},
    )
    assert response.status_code == 302
    assert Contributor.objects.filter(assessment=started, user=people["editor_a"]).exists()


def test_removing_a_contributor_removes_their_answers(
    started: Assessment, people: dict[str, Any]
) -> None:
    question = Question.objects.filter(model=started.model).first()
    assert question is not None
    answer(started, people["member_a"], question, 2)
    contributor = Contributor.objects.get(assessment=started, user=people["member_a"])
    response = client_for(people["admin_a"]).post(
        reverse("maturity:contributors", kwargs={"pk": started.pk}), {"remove": contributor.pk}
    )
    assert response.status_code == 302
    assert not Contributor.objects.filter(pk=contributor.pk).exists()
    assert not Answer.objects.filter(user=people["member_a"]).exists()


def test_the_task_list_shows_each_topics_status_for_the_person(
    started: Assessment, people: dict[str, Any]
) -> None:
    topics = list(started.model.topics.order_by("order"))
    first = list(topics[0].questions.all())
    for question in first:
        answer(started, people["member_a"], question, 3)
    answer(started, people["member_a"], topics[1].questions.all()[0], None)
    statuses = [row.status for row in topics_progress(started, people["member_a"])]
    assert statuses[:3] == [COMPLETED, IN_PROGRESS, NOT_STARTED]
    assert topics_progress(started, people["admin_a"])[0].status == NOT_STARTED
    page = client_for(people["member_a"]).get(
        reverse("maturity:assessment", kwargs={"pk": started.pk})
    )
    html = page.content.decode()
    assert "govuk-task-list" in html and "Completed" in html and "Check and submit" not in html
    admin_page = (
        client_for(people["admin_a"])
        .get(reverse("maturity:assessment", kwargs={"pk": started.pk}))
        .content.decode()
    )
    assert "Check and submit" in admin_page and people["member_a"].name in admin_page


def test_a_topic_saves_resumes_and_continues(started: Assessment, people: dict[str, Any]) -> None:
    topics = list(started.model.topics.order_by("order"))
    questions = list(topics[0].questions.order_by("order"))
    url = reverse("maturity:topic", kwargs={"pk": started.pk, "topic_slug": topics[0].slug})
    client = client_for(people["member_a"])
    response = client.post(
        url,
        {
            f"q{questions[0].pk}": "4",
            f"e{questions[0].pk}": "Our service standard",
            f"q{questions[1].pk}": "not_sure",
            "continue": "1",
        },
    )
    assert response["Location"] == reverse(
        "maturity:topic", kwargs={"pk": started.pk, "topic_slug": topics[1].slug}
    )
    saved = {a.question_id: a for a in Answer.objects.filter(user=people["member_a"])}
    assert saved[questions[0].pk].level == 4
    assert saved[questions[0].pk].evidence == "Our service standard"
    assert saved[questions[1].pk].not_sure and saved[questions[1].pk].level is None
    assert questions[2].pk not in saved
    html = client.get(url).content.decode()
    assert re.search(rf'name="q{questions[0].pk}" value="4"[^>]*checked', html)
    assert "Our service standard" in html
    # Evidence without a level is refused, and nothing else of the page is saved.
    response = client.post(url, {f"e{questions[2].pk}": "a note", f"q{questions[0].pk}": "1"})
    assert response.status_code == 200
    assert "Choose a level or Not sure" in response.content.decode()
    assert Answer.objects.get(user=people["member_a"], question=questions[0]).level == 4
    # Save and come back later goes back to the task list.
    response = client.post(url, {f"q{questions[2].pk}": "2", "later": "1"})
    assert response["Location"] == reverse("maturity:assessment", kwargs={"pk": started.pk})


def test_two_contributors_saving_the_same_question_both_keep_theirs(
    started: Assessment, people: dict[str, Any]
) -> None:
    question = Question.objects.filter(model=started.model).first()
    assert question is not None
    answer(started, people["member_a"], question, 2)
    answer(started, people["admin_a"], question, 4)
    answer(started, people["member_a"], question, 3)
    assert dict(Answer.objects.values_list("user_id", "level")) == {
        people["member_a"].pk: 3,
        people["admin_a"].pk: 4,
    }


def test_a_race_on_the_unique_answer_is_retried_as_an_update(
    started: Assessment, people: dict[str, Any]
) -> None:
    """Another request inserts the same person's answer between our look and our insert: the
    insert fails on the unique constraint and the retry updates the row instead."""
    question = Question.objects.filter(model=started.model).first()
    assert question is not None
    real = Answer.objects.update_or_create
    calls = {"n": 0}

    def racing(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            Answer.objects.create(
                assessment=started, question=question, user=people["member_a"], level=1
            )
            raise IntegrityError("UNIQUE constraint failed")
        return real(**kwargs)

    with mock.patch.object(Answer.objects, "update_or_create", side_effect=racing):
        answer(started, people["member_a"], question, 5)
    assert calls["n"] == 2
    assert Answer.objects.get(user=people["member_a"], question=question).level == 5


def test_settle_and_submit(started: Assessment, people: dict[str, Any]) -> None:
    questions = list(Question.objects.filter(model=started.model).order_by("topic__order", "order"))
    for question in questions:
        answer(started, people["admin_a"], question, 2)
        answer(started, people["member_a"], question, 2)
    answer(started, people["member_a"], questions[0], 4)
    admin = client_for(people["admin_a"])
    submit_url = reverse("maturity:submit", kwargs={"pk": started.pk})
    page = admin.get(submit_url).content.decode()
    assert "Settle these first" in page and f"#question-{questions[0].pk}" in page
    response = admin.post(submit_url)
    assert response.status_code == 200
    assert "Settle the 1 question" in response.content.decode()
    started.refresh_from_db()
    assert started.status == AssessmentStatus.IN_PROGRESS
    assert not AssessmentScore.objects.exists()
    # The disagreements page shows both answers; a settlement needs a reason.
    page = admin.get(reverse("maturity:disagreements", kwargs={"pk": started.pk})).content.decode()
    assert people["member_a"].name in page and people["admin_a"].name in page
    settle_url = reverse(
        "maturity:settle", kwargs={"pk": started.pk, "question_pk": questions[0].pk}
    )
    prefix = f"s{questions[0].pk}"
    response = admin.post(settle_url, {f"{prefix}-level": "3", f"{prefix}-reason": ""})
    assert response.status_code == 200 and not Settlement.objects.exists()
    response = admin.post(
        settle_url, {f"{prefix}-level": "3", f"{prefix}-reason": "The strategy is signed off."}
    )
    assert response.status_code == 302
    assert Settlement.objects.get().level == 3
    response = admin.post(submit_url)
    assert response["Location"] == reverse("maturity:assessment", kwargs={"pk": started.pk})
    started.refresh_from_db()
    assert started.status == AssessmentStatus.SUBMITTED
    assert started.submitted_by == people["admin_a"] and started.submitted_at is not None
    assert started.overall_level == 2
    assert AssessmentScore.objects.filter(assessment=started, kind="topic").count() == 9
    assert LondonScores.objects.filter(model=started.model, dimension="overall").get().scores == {
        str(started.organisation_id): str(started.overall_score)
    }
    assert AuditEvent.objects.filter(action="maturity.assessment_submitted").exists()
    # Submitted: nobody answers or manages it any more; its members still read it.
    assert not people["admin_a"].has_perm("maturity.manage_assessment", started)
    summary = client_for(people["member_a"]).get(
        reverse("maturity:assessment", kwargs={"pk": started.pk})
    )
    assert "is submitted" in summary.content.decode()
    with pytest.raises(ValidationError, match="submitted"):
        services.topic_answers_save(assessment=started, user=people["member_a"], answers={})


def test_submit_with_nothing_answered_is_refused(started: Assessment, people: Any) -> None:
    with pytest.raises(ValidationError, match="nothing to score"):
        services.assessment_submit(assessment=started, submitted_by=people["admin_a"])
    started.refresh_from_db()
    assert started.is_open


def test_another_councils_member_is_denied_and_platform_admins_are_audited(
    started: Assessment, people: dict[str, Any]
) -> None:
    urls = [
        reverse("maturity:council", kwargs={"slug": started.organisation.slug}),
        reverse("maturity:assessment", kwargs={"pk": started.pk}),
    ]
    for url in urls:
        assert client_for(people["member_b"]).get(url).status_code == 403
    before = AuditEvent.objects.count()
    for url in urls:
        assert client_for(people["member_a"]).get(url).status_code == 200
    assert AuditEvent.objects.count() == before
    for url in urls:
        assert client_for(people["platform_admin"]).get(url).status_code == 200
    audited = AuditEvent.objects.filter(
        actor=people["platform_admin"], action="personal_data.viewed"
    )
    assert audited.count() == 2
    topic = started.model.topics.all()[0]
    topic_url = reverse("maturity:topic", kwargs={"pk": started.pk, "topic_slug": topic.slug})
    assert client_for(people["editor_a"]).get(topic_url).status_code == 403  # not invited
    assert client_for(people["platform_admin"]).get(topic_url).status_code == 403


def test_the_public_model_pages(started: Assessment) -> None:
    client = Client()
    overview = client.get(reverse("maturity:overview")).content.decode()
    assert started.model.title in overview
    page = client.get(reverse("maturity:model", kwargs={"slug": started.model.slug}))
    html = page.content.decode()
    assert "govuk-details" in html and "Starting out" in html
    assert Question.objects.filter(model=started.model)[0].text in html
    assert client.get(reverse("maturity:model", kwargs={"slug": "nope"})).status_code == 404
