"""A person's answers in their data download and gone when they leave; the dashboard panel of
assessments waiting for their answers."""

from __future__ import annotations

from typing import Any

import pytest

from civictalent.core.dashboard import panels_for
from civictalent.core.privacy import Person
from civictalent.maturity import assessment_services as services
from civictalent.maturity.assessment_services import AnswerInput
from civictalent.maturity.maturity_services import maturity_model_load_starter
from civictalent.maturity.models import Answer, AssessmentScore, Question
from civictalent.maturity.personal_data import (
    maturity_answers,
    maturity_answers_delete,
    maturity_assessments_led,
    maturity_contributions,
)

pytestmark = pytest.mark.django_db

TITLE = "Maturity assessments waiting for your answers"


def person(user: Any) -> Person:
    return Person(user=user, addresses=[user.email], name=user.name)


def test_answers_and_evidence_are_in_the_download_and_go_on_erasure(
    people: dict[str, Any], council_a: Any
) -> None:
    maturity_model_load_starter()
    assessment = services.assessment_start(
        organisation=council_a, name="Spring", started_by=people["admin_a"]
    )
    services.assessment_contributors_invite(
        assessment=assessment, users=[people["member_a"]], invited_by=people["admin_a"]
    )
    question = Question.objects.filter(model=assessment.model)[0]
    for user in (people["member_a"], people["admin_a"]):
        services.answer_save(
            assessment=assessment,
            question=question,
            user=user,
            answer=AnswerInput(level=3, not_sure=False, evidence=f"Note by {user.name}"),
        )
    [row] = maturity_answers(person(people["member_a"]))
    assert row["evidence"] == f"Note by {people['member_a'].name}" and row["level"] == 3
    assert maturity_contributions(person(people["member_a"]))[0]["you"] == "were invited"
    assert maturity_assessments_led(person(people["admin_a"]))[0]["name"] == "Spring"
    services.assessment_submit(assessment=assessment, submitted_by=people["admin_a"])
    scores = AssessmentScore.objects.count()
    assert maturity_answers_delete(person(people["member_a"])) == 1
    assert list(Answer.objects.values_list("user", flat=True)) == [people["admin_a"].pk]
    assert AssessmentScore.objects.count() == scores > 0


def test_the_dashboard_shows_open_assessments_to_their_contributors(
    people: dict[str, Any], council_a: Any
) -> None:
    maturity_model_load_starter()
    assert TITLE not in [p.title for p in panels_for(people["member_a"])]
    assessment = services.assessment_start(
        organisation=council_a, name="Spring", started_by=people["admin_a"]
    )
    services.assessment_contributors_invite(
        assessment=assessment, users=[people["member_a"]], invited_by=people["admin_a"]
    )
    [panel] = [p for p in panels_for(people["member_a"]) if p.title == TITLE]
    assert panel.count == 1 and panel.entries[0].text == "Spring"
    assert TITLE not in [p.title for p in panels_for(people["editor_a"])]
